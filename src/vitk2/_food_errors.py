"""The errors of vitk2's food area: unknown foods or measures, ambiguous measures, bad input."""

from __future__ import annotations

from vitk2._errors import AmbiguousNameError, NotFoundError, Vitk2Error

__all__ = ["AmbiguousMeasureError", "FoodInputError", "UnknownFoodError", "UnknownMeasureError"]


class UnknownFoodError(NotFoundError):
    """A food id or description vitk2's food tables do not hold; the message suggests matches.

    ``suggestions`` holds the suggested foods as strings that :func:`food` resolves back to
    them (the exact description, or the id where the description is not unique), and
    ``suggested_ids`` their ids, in the same order.
    """

    def __init__(
        self,
        message: str,
        *,
        suggestions: tuple[str, ...] = (),
        suggested_ids: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.suggestions = suggestions
        self.suggested_ids = suggested_ids


class UnknownMeasureError(NotFoundError):
    """A household measure (``"1 cup"``) the food has no gram weight for; lists those it has."""


class AmbiguousMeasureError(AmbiguousNameError):
    """A household measure that fits several of the food's measures.

    Such as ``"cup"`` for a food with ``cup, chopped`` and ``cup, sliced`` of different
    weights; the message lists them so that one can be named.
    """


class FoodInputError(Vitk2Error, ValueError):
    """Malformed bulk input: arrays of different lengths, wrong shapes or bad group indexes."""


for _cls in (UnknownFoodError, UnknownMeasureError, AmbiguousMeasureError, FoodInputError):
    _cls.__module__ = "vitk2"  # shown as vitk2.UnknownFoodError, the public path

