"""The error classes of vitk2.

Every error vitk2 raises on purpose derives from :class:`Vitk2Error`, and also from the builtin
that fits (:class:`ValueError` for bad values, :class:`LookupError` for names that are not
found, :class:`TypeError` for operations between incompatible values), so that code written
with ``except ValueError`` keeps working.  Every message names the offending value and says
what would have been accepted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vitk2._cohort import BadRow
    from vitk2._schedules import Schedule

__all__ = [
    "AmbiguousNameError",
    "AssumptionWarning",
    "BareNumberError",
    "ConflictingVitamerNamesError",
    "DimensionError",
    "IncompatibleVitamersError",
    "InvalidAmountError",
    "LabelError",
    "NoInternationalUnitError",
    "NotFoundError",
    "RoundingWarning",
    "SerializationError",
    "UnitParseError",
    "UnknownVitamerError",
    "Vitk2Error",
    "Vitk2Warning",
]


class Vitk2Error(Exception):
    """Base class of every error vitk2 raises on purpose."""


class Vitk2Warning(UserWarning):
    """Base class of vitk2's warnings, so they can be silenced or escalated together."""


class UnitParseError(Vitk2Error, ValueError):
    """A text or quantity could not be read as an amount: garbage, empty, or an unknown unit."""


class BareNumberError(UnitParseError):
    """A bare number was given where an amount with a unit is required.

    ``90`` is not a dose; ``90 µg`` is.  vitk2 never guesses µg or mg.
    """


class NoInternationalUnitError(UnitParseError):
    """Vitamin K has no International Unit (IU); amounts are given by mass."""


class DimensionError(UnitParseError):
    """A quantity has the wrong dimension, such as a volume (``90 mL``) where a mass is meant."""


class InvalidAmountError(Vitk2Error, ValueError):
    """A magnitude that cannot be an amount: negative, NaN or infinite."""


class IncompatibleVitamersError(Vitk2Error, TypeError):
    """Two amounts of different vitamers were combined without saying how.

    Add or order MK-4 and MK-7 only through an explicit total or comparison by mass or by moles.
    """


class OperandError(UnitParseError, TypeError):
    """An amount met something it does not combine with in ``+``, ``-``, ``*``, ``/`` or ordering.

    An :class:`~vitk2.Amount` adds to, subtracts from and orders against an amount of the same
    vitamer only (a :class:`~vitk2.DailyDose` likewise); it scales by plain numbers only.  A bare
    number, text, or a pint quantity (which does not say which vitamer it is) raises this error,
    which is both a :class:`TypeError` (as Python's own operator errors are) and, for code
    written before it existed, a :class:`~vitk2.UnitParseError`.
    """


class NotFoundError(Vitk2Error, LookupError):
    """A name, identifier or key that vitk2 does not know."""


class UnknownVitamerError(NotFoundError):
    """A vitamer name vitk2 does not know; the message suggests close matches."""


class AmbiguousNameError(NotFoundError):
    """A name that could mean more than one thing, such as bare ``K2``."""


class ConflictingVitamerNamesError(NotFoundError):
    """A phrase that names two different vitamers, such as ``Vitamin K1 (as MK-7)``.

    vitk2 never picks one of them: the phrase names no single vitamer.
    """


class SerializationError(Vitk2Error, ValueError):
    """A value vitk2 cannot write as JSON, or a JSON object it cannot read back.

    The message names the field (``Amount.micrograms``) and says what is accepted.
    """


class LabelError(Vitk2Error, ValueError):
    """A supplement or nutrition panel that cannot be read as given (empty, or unclear region)."""


class AssumptionWarning(Vitk2Warning):
    """A result rests on an assumed value or convention, not on a sourced one.

    Raised with :func:`warn_assumption`; the message names the value, says that it is assumed
    and why, and how to give a value of your own.  Silence it with
    ``warnings.filterwarnings("ignore", category=vitk2.AssumptionWarning)``.
    """


class RoundingWarning(Vitk2Warning):
    """A result differs from what was asked, within what the caller allowed (``allow_rounding``).

    The message gives what was asked, what was made, and the difference.
    """


def warn_assumption(
    what: str, value: str, reason: str, *, instead: str, stacklevel: int = 2
) -> None:
    """Warn that *what* uses the assumed *value* (because *reason*); *instead* says how to avoid it.

    *stacklevel* counts as in :func:`warnings.warn` from the caller of this helper: 2 points at
    the caller's caller, the user's line.

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warn_assumption("simulate()", "MK-7 half-life 72 h", "no primary source gives one",
    ...                     instead="pass model= with a half-life of your own")
    >>> print(caught[0].message)
    simulate() uses an assumed value, MK-7 half-life 72 h, not a sourced one: no primary source gives one; to avoid the assumption, pass model= with a half-life of your own
    >>> caught[0].category.__name__
    'AssumptionWarning'
    """  # noqa: E501
    import warnings  # noqa: PLC0415 - only when warning

    msg = (
        f"{what} uses an assumed value, {value}, not a sourced one: {reason}; "
        f"to avoid the assumption, {instead}"
    )
    warnings.warn(AssumptionWarning(msg), stacklevel=stacklevel + 1)


class UnknownAuthorityError(NotFoundError):
    """An authority name, or an edition of one, that vitk2 does not know (the known ones listed)."""


class MissingInputError(Vitk2Error, ValueError):
    """A lookup needs an input that was not given: an age, the sex, or the body weight."""


class InvalidLifeStageError(Vitk2Error, ValueError):
    """An impossible or contradictory life stage: a negative age, a pregnant male or child."""


class NoReferenceValueError(NotFoundError):
    """The authority has no value vitk2 can vouch for at this life stage (unknown, not zero)."""


class InteractionInputError(Vitk2Error, TypeError):
    """The medication list or the supplement is something :func:`check_interactions` cannot check.

    A wrong container (a single string or a quantity where a list of names is meant), an empty
    list, an item that names no medication (``None``, a float, an empty or blank text), and a
    non-text given to :func:`normalize_medication_name`.  A name vitk2 does not know is not an
    error: it gives an UNKNOWN finding.  Nothing assessed is never reported as "none".
    """


class OptionalDependencyError(Vitk2Error, ImportError):
    """A feature needs an optional package that is not installed; the message names the extra."""


class MissingPharmacokineticsError(NotFoundError):
    """vitk2 has no pharmacokinetic parameters for this vitamer."""


class ScheduleError(Vitk2Error, ValueError):
    """A schedule that cannot be made: bad number of times, zero dose, unusable unit strength."""


class InfeasibleScheduleError(ScheduleError):
    """The daily dose cannot be met with whole units; :attr:`nearest` holds feasible schedules."""

    def __init__(self, message: str, nearest: tuple[Schedule, ...]) -> None:
        super().__init__(message)
        self.nearest = nearest


class UnknownTimeZoneError(NotFoundError):
    """A time-zone name that the IANA database (zoneinfo) does not know."""


class UnknownOutcomeError(NotFoundError):
    """An outcome area outside :data:`OUTCOME_AREAS`."""


class UnknownTrialError(NotFoundError):
    """A trial or meta-analysis key the evidence map does not hold; the message suggests keys."""


class EvidenceQueryError(Vitk2Error, ValueError):
    """A malformed evidence question: a dose of the wrong vitamer, an unknown population tag."""


class TrialDataError(Vitk2Error, ValueError):
    """A trial record that contradicts itself or its sources, found when the data is read.

    For example a direction ("benefit") that its own published p-value or confidence interval
    does not support, or a citation key that no sources file defines.
    """


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


class NotOneVitamerError(Vitk2Error, ValueError):
    """A total of several vitamin K forms asked for something only one vitamer has.

    Such as moles: a food table's "vitamin K2" (the sum of several menaquinones) has no molar
    mass, so it converts only between mass units.
    """


class FoodTableFileError(Vitk2Error, ValueError):
    """A food-table file (such as a NEVO download) that cannot be read as that table's format."""


class CohortInputError(FoodInputError):
    """Food records that cannot be totalled: unknown foods, bad amounts, missing group keys.

    ``bad_rows`` lists every such row as a :class:`~vitk2.BadRow` (its index label, the
    column, the value and why); the message shows the first few.  No row is dropped.
    """

    def __init__(self, message: str, *, bad_rows: tuple[BadRow, ...] = ()) -> None:
        super().__init__(message)
        self.bad_rows = bad_rows

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle with the bad rows (a Dask worker raises it; the client re-raises it)."""
        return (_cohort_error, (str(self), self.bad_rows))


def _cohort_error(message: str, bad_rows: tuple[BadRow, ...]) -> CohortInputError:
    return CohortInputError(message, bad_rows=bad_rows)


# Tracebacks and reprs name the public path (``vitk2.UnitParseError``), not the private module.
for _cls in (
    UnknownAuthorityError,
    MissingInputError,
    InvalidLifeStageError,
    NoReferenceValueError,
    InteractionInputError,
    OptionalDependencyError,
    MissingPharmacokineticsError,
    ScheduleError,
    InfeasibleScheduleError,
    UnknownTimeZoneError,
    UnknownOutcomeError,
    UnknownTrialError,
    EvidenceQueryError,
    TrialDataError,
    UnknownFoodError,
    UnknownMeasureError,
    AmbiguousMeasureError,
    FoodInputError,
    NotOneVitamerError,
    FoodTableFileError,
    CohortInputError,
    Vitk2Error,
    Vitk2Warning,
    AssumptionWarning,
    RoundingWarning,
    UnitParseError,
    BareNumberError,
    NoInternationalUnitError,
    DimensionError,
    InvalidAmountError,
    IncompatibleVitamersError,
    OperandError,
    NotFoundError,
    UnknownVitamerError,
    AmbiguousNameError,
    ConflictingVitamerNamesError,
    SerializationError,
    LabelError,
):
    _cls.__module__ = "vitk2"
