"""The reference values and rounding rules a label's vitamin K percent is computed with.

* US panels: the FDA Daily Value, 120 µg since the 2016 rule (the earlier RDI was 80 µg).
  Supplement Facts round to the whole percent, Nutrition Facts to 2/5/10-percent steps.
* EU and UK panels: the nutrient reference value (NRV) of Regulation (EU) No 1169/2011,
  Annex XIII: 75 µg.

Every reference value and rounding rule has a grade read from its citation: ``primary`` when
the figure was read in the authority's own text, ``secondary`` when only in copies (the
citation's note starts with ``SECONDARY``).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Final, Literal, final

import attrs

from vitk2._errors import LabelError
from vitk2._sources import Citation, citation
from vitk2._units import format_number

__all__ = [
    "LABEL_REFERENCES",
    "PERCENT_ROUNDINGS",
    "LabelReference",
    "PercentRounding",
]

Region = Literal["us", "eu"]

Grade = Literal["primary", "secondary"]
"""``primary``: read in the authority's own text; ``secondary``: read only in copies."""


def _grade(sources: tuple[str, ...]) -> Grade:
    """The grade of a figure, read from its citations: a note marked SECONDARY makes it so.

    A figure with no citation at all is not primary either.
    """
    notes = [citation(k).note or "" for k in sources]
    if not notes or any(n.startswith("SECONDARY") for n in notes):
        return "secondary"
    return "primary"


@final
@attrs.frozen(kw_only=True)
class LabelReference:
    """A reference amount that a label's percentages are computed from.

    >>> LABEL_REFERENCES["fda-dv-2016"].micrograms
    Fraction(120, 1)
    """

    key: str
    name: str
    """For people: ``FDA Daily Value (2016 rule)``."""
    micrograms: Fraction
    percent_label: str
    """How panels head the column: ``%DV`` or ``%NRV``."""
    region: Region
    sources: tuple[str, ...]

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The works this value was read in."""
        return tuple(citation(k) for k in self.sources)

    @property
    def grade(self) -> Grade:
        """``primary`` if the value was read in the authority's own text, else ``secondary``.

        >>> LABEL_REFERENCES["eu-nrv"].grade
        'secondary'
        """
        return _grade(self.sources)

    def __str__(self) -> str:
        """``FDA Daily Value (2016 rule), 120 µg``."""
        return f"{self.name}, {format_number(self.micrograms)} µg"


#: The reference values vitk2 checks vitamin K percentages against, by key.
LABEL_REFERENCES: Final[dict[str, LabelReference]] = {
    r.key: r
    for r in (
        LabelReference(
            key="fda-dv-2016",
            name="FDA Daily Value (2016 rule)",
            micrograms=Fraction(120),
            percent_label="%DV",
            region="us",
            sources=("fda-2016-nutrition-labels",),
        ),
        LabelReference(
            key="fda-rdi-1995",
            name="pre-2016 FDA Daily Value (1995 rule)",
            micrograms=Fraction(80),
            percent_label="%DV",
            region="us",
            sources=("fda-1995-rdi",),
        ),
        LabelReference(
            key="eu-nrv",
            name="EU/UK nutrient reference value (Reg. 1169/2011)",
            micrograms=Fraction(75),
            percent_label="%NRV",
            region="eu",
            sources=("eu-1169-2011",),
        ),
    )
}


DEFAULT_REFERENCE: Final[dict[Region, str]] = {"us": "fda-dv-2016", "eu": "eu-nrv"}


@final
@attrs.frozen(kw_only=True)
class PercentRounding:
    """How a kind of panel rounds its percentages, with the rule's source.

    >>> PERCENT_ROUNDINGS["printed-precision"].accepted(Fraction(133))
    (Fraction(265, 2), Fraction(267, 2))
    >>> PERCENT_ROUNDINGS["fda-food-steps"].accepted(Fraction(10))
    (Fraction(9, 1), Fraction(25, 2))
    """

    key: str
    description: str
    sources: tuple[str, ...]

    @property
    def grade(self) -> Grade:
        """``primary`` if the rule was read in the authority's own text, else ``secondary``.

        >>> PERCENT_ROUNDINGS["fda-food-steps"].grade
        'secondary'
        """
        return _grade(self.sources)

    def accepted(self, declared: Fraction, places: int = 0) -> tuple[Fraction, Fraction] | None:
        """The exact percentages that round to *declared* under this rule, as a closed range.

        ``None`` when *declared* is not a value the rule can print (``21%`` on 5 % steps).
        *places* is the number of decimals the label printed.  Both ends are included, so
        rounding half up and half to even are both accepted.
        """
        if self.key != "fda-food-steps":
            half = Fraction(1, 10**places) / 2
            return declared - half, declared + half
        # 2 % steps up to and including 10 %, 5 % steps up to 50 %, 10 % above; a value just
        # above 10 % (or 50 %) rounds down to it on the coarser step.  Below 2 % may print 0.
        if declared == 0:
            return Fraction(0), Fraction(2)
        step = Fraction(2 if declared <= 10 else 5 if declared <= 50 else 10)
        if declared % step:
            return None
        above = {Fraction(10): Fraction(5, 2), Fraction(50): Fraction(5)}.get(declared, step / 2)
        return declared - step / 2, declared + above


#: The rounding rules, by key: Supplement Facts, Nutrition Facts, and the EU fallback.
PERCENT_ROUNDINGS: Final[dict[str, PercentRounding]] = {
    r.key: r
    for r in (
        PercentRounding(
            key="fda-supplement-whole-percent",
            description="nearest whole percent; 'Less than 1%' below one percent "
            "(Supplement Facts)",
            sources=("fda-21cfr101-36",),
        ),
        PercentRounding(
            key="fda-food-steps",
            description="nearest 2% up to 10%, 5% up to 50%, 10% above (Nutrition Facts)",
            sources=("fda-21cfr101-9-rounding",),
        ),
        PercentRounding(
            key="printed-precision",
            description="the exact percentage rounded at the precision the label prints "
            "(no EU rounding rule was confirmed)",
            sources=("ec-tolerances-2012",),
        ),
    )
}


def label_reference(key: str | LabelReference) -> LabelReference:
    """A reference value by key (or itself, if it is one of vitk2's)."""
    if isinstance(key, LabelReference) and LABEL_REFERENCES.get(key.key) == key:
        return key
    if not isinstance(key, str) or key not in LABEL_REFERENCES:
        msg = f"reference={key!r}: choose one of {', '.join(LABEL_REFERENCES)}"
        raise LabelError(msg)
    return LABEL_REFERENCES[key]


def percent_rounding(key: str | PercentRounding) -> PercentRounding:
    """A rounding rule by key (or itself, if it is one of vitk2's)."""
    if isinstance(key, PercentRounding) and PERCENT_ROUNDINGS.get(key.key) == key:
        return key
    if not isinstance(key, str) or key not in PERCENT_ROUNDINGS:
        msg = f"rounding={key!r}: choose one of {', '.join(PERCENT_ROUNDINGS)}"
        raise LabelError(msg)
    return PERCENT_ROUNDINGS[key]

