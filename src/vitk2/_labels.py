"""Supplement Facts and nutrition panels: read a whole panel, cross-check every declared percent.

A panel is read the way people copy it: one line per row, columns separated by tabs, pipes or
runs of spaces (single spaces work too when the row ends in an amount and a percent).  Every
non-blank line ends up in the report: as a vitamin K line, as another line (headers, serving
size, footnotes, other nutrients), or as a line vitk2 could not read, with the reason.

A vitamin K line keeps its exact mass.  Its form is taken from the line's own words
("Vitamin K2 (as MK-7)"); a line that says only "Vitamin K" or "Vitamin K2" has an undeclared
form, and vitk2 never guesses one.  The declared %DV or %NRV is checked against the amount
with the reference value the panel uses:

* US panels: the FDA Daily Value, 120 µg since the 2016 rule (the earlier RDI was 80 µg).
  Supplement Facts round to the whole percent, Nutrition Facts to 2/5/10-percent steps.
* EU and UK panels: the nutrient reference value (NRV) of Regulation (EU) No 1169/2011,
  Annex XIII: 75 µg.

Both the amount and the percent on a label are rounded, so a percent is accepted when some
amount that rounds to the printed amount, divided by the reference and rounded the way the
panel rounds, gives the printed percent.  The arithmetic is exact (Fractions).  A percent
that fails is flagged, with what it would fit instead: the same number in µg instead of mg
(or the other way round), or another reference value.

Every reference value and rounding rule has a grade read from its citation: ``primary`` when
the figure was read in the authority's own text, ``secondary`` when only in copies (the
citation's note starts with ``SECONDARY``).  With ``require_primary=True`` a secondary one is
not used: the check says ``unchecked: reference is secondary`` instead of passing or failing.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterator
from fractions import Fraction
from functools import lru_cache
from typing import Any, Final, Literal, NamedTuple, final, get_args

import attrs

from vitk2._advice import NOT_MEDICAL_ADVICE
from vitk2._amounts import Amount
from vitk2._errors import (
    AmbiguousNameError,
    ConflictingVitamerNamesError,
    LabelError,
    NotFoundError,
    UnitParseError,
    Vitk2Error,
)
from vitk2._sources import Citation, citation
from vitk2._units import Decimal_, ParsedQuantity, format_number, read_quantity
from vitk2._vitamers import Vitamer, read_vitamer_phrase, vitamer

__all__ = [
    "LABEL_REFERENCES",
    "PERCENT_ROUNDINGS",
    "DeclaredPercent",
    "LabelReference",
    "LabelReport",
    "OtherLine",
    "PercentCheck",
    "PercentRounding",
    "UnreadLine",
    "VitaminKLine",
    "check_percent",
    "read_label",
]

SCHEMA_VERSION: Final = 1
MAX_PANEL_LENGTH: Final = 100_000
"""The longest text :func:`read_label` reads (a real panel is a few thousand characters)."""
Region = Literal["us", "eu"]
Grade = Literal["primary", "secondary"]
"""``primary``: read in the authority's own text; ``secondary``: read only in copies."""
CheckStatus = Literal[
    "passed", "flagged", "unchecked: reference is secondary",
    "unchecked: rounding rule is secondary",
]
"""What became of a declared percent: it fits, it contradicts the amount, or (with
``require_primary``) it was not checked because the reference or rounding rule is secondary."""
FormStatus = Literal["declared", "mixture", "not declared", "not recognised"]


# --- reference values and rounding rules -----------------------------------------------------


def _grade(sources: tuple[str, ...]) -> Grade:
    """The grade of a figure, read from its citations: a note marked SECONDARY makes it so.

    A figure with no citation at all is not primary either.
    """
    notes = [citation(k).note or "" for k in sources]
    if not notes or any(n.startswith("SECONDARY") for n in notes):
        return "secondary"
    return "primary"



def _json_form(self: object) -> dict[str, Any]:
    """vitk2's JSON form (see :func:`vitk2.to_dict`); the ``to_dict`` method of the records."""
    from vitk2._serial import to_dict  # noqa: PLC0415 - the JSON module loads on first use

    return to_dict(self)


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
_DEFAULT_REFERENCE: Final[dict[Region, str]] = {"us": "fda-dv-2016", "eu": "eu-nrv"}


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


# --- result classes ----------------------------------------------------------------------------


PercentKind = Literal["percent", "less than 1%", "not established"]


@final
@attrs.frozen(kw_only=True)
class DeclaredPercent:
    """A percentage as the label prints it: a number, "Less than 1%", or † (no reference).

    >>> DeclaredPercent.read("83%").value
    Fraction(83, 1)
    >>> DeclaredPercent.read("<1%").kind
    'less than 1%'
    """

    text: str
    kind: PercentKind
    value: Fraction | None = None
    places: int = 0
    """Decimals printed (``66.7%`` has 1): the precision the label claims."""

    def __attrs_post_init__(self) -> None:
        """Refuse a percent that could not have been read from a label."""
        if self.kind == "percent":
            ok = self.value is not None and self.value >= 0 and 0 <= self.places <= 30
        else:
            ok = self.value is None and self.places == 0
        if not ok:
            msg = (
                f"a {self.kind!r} percent has value {self.value!r} and places {self.places!r}; "
                "a number needs a value of 0 or more, '<1%' and '†' none"
            )
            raise LabelError(msg)

    @classmethod
    def read(cls, text: str, *, decimal: Decimal_ | None = None) -> DeclaredPercent:
        """Read a percent cell; raise :class:`LabelError` if it is not one."""
        found = _read_percent(text, marks=_Marks(_check_decimal(decimal), decimal is not None))
        if found is None:
            msg = f"{text!r} is not a percentage (expected e.g. '83%', '<1%' or '†')"
            raise LabelError(msg)
        return found

    def __str__(self) -> str:
        """As printed."""
        return self.text


@final
@attrs.frozen(kw_only=True)
class PercentCheck:
    """A declared percent checked against an amount and a reference value, exactly.

    ``low`` … ``high`` is the range of exact percentages an amount that rounds to the printed
    amount can give; the declared percent passes when its rounding interval meets that range.
    ``status`` says what became of it; with ``require_primary`` a check whose reference or
    rounding rule is only secondary is ``unchecked`` (neither passed nor flagged).

    >>> c = check_percent("100 mcg", "83%")
    >>> c.status, c.reference_grade, c.sources
    ('passed', 'secondary', ('fda-2016-nutrition-labels', 'fda-21cfr101-36'))
    >>> check_percent("100 mcg", "83%", require_primary=True).status
    'unchecked: reference is secondary'
    """

    reference: LabelReference
    rounding: PercentRounding
    declared: DeclaredPercent
    exact_percent: Fraction
    """100 × amount ÷ reference, from the amount as printed."""
    low: Fraction
    high: Fraction
    passed: bool
    """True only when the percent was checked and fits."""
    problem: str | None = None
    """Why it failed or was not checked, in words; ``None`` when it passed."""
    fits: tuple[str, ...] = ()
    """What the declared percent would fit instead (a unit mix-up, another reference)."""
    status: CheckStatus = attrs.field()

    @status.default
    def _status_from_verdict(self) -> CheckStatus:
        return "passed" if self.passed else "flagged"

    def __attrs_post_init__(self) -> None:
        """Refuse a check whose verdict does not follow from its own numbers and grades."""
        if not 0 <= self.low <= self.exact_percent <= self.high:
            msg = (
                f"the exact percent {self.exact_percent} is not within the accepted range "
                f"{self.low} to {self.high}"
            )
            raise LabelError(msg)
        if self.status not in _CHECK_STATUSES:
            msg = f"status {self.status!r}: a check is one of {', '.join(_CHECK_STATUSES)}"
            raise LabelError(msg)
        if self.status.startswith("unchecked"):
            expected = _unchecked_status(self.reference, self.rounding)
            if self.status != expected or self.passed or self.problem is None or self.fits:
                msg = (
                    f"status {self.status!r} does not follow from the grades (reference "
                    f"{self.reference_grade}, rounding {self.rounding_grade}); an unchecked "
                    "check neither passes nor fits anything, and says why"
                )
                raise LabelError(msg)
            return
        passed, _ = _verdict(self.low, self.high, self.declared,
                             _Rules(self.reference, self.rounding))
        if (passed != self.passed or (self.problem is None) != passed
                or self.status != ("passed" if passed else "flagged")):
            msg = (
                f"passed={self.passed!r} (status {self.status!r}) does not follow from "
                f"{self.declared.text} against {self.low} to {self.high} ({self.rounding.key})"
            )
            raise LabelError(msg)

    @property
    def flagged(self) -> bool:
        """True when the percent was checked and contradicts the amount."""
        return self.status == "flagged"

    @property
    def checked(self) -> bool:
        """False when the check was not made because a secondary figure was refused."""
        return not self.status.startswith("unchecked")

    @property
    def reference_grade(self) -> Grade:
        """The reference value's grade, read from its citation (``primary``/``secondary``)."""
        return self.reference.grade

    @property
    def rounding_grade(self) -> Grade:
        """The rounding rule's grade, read from its citation (``primary``/``secondary``)."""
        return self.rounding.grade

    @property
    def sources(self) -> tuple[str, ...]:
        """The citation keys of the reference value, then of the rounding rule."""
        return tuple(dict.fromkeys((*self.reference.sources, *self.rounding.sources)))

    to_dict = _json_form


@final
@attrs.frozen(kw_only=True)
class VitaminKLine:
    """One vitamin K line of a panel: exact mass, form (if declared) and declared percent."""

    line_number: int
    raw: str
    name: str
    """The name cell as printed: ``Vitamin K2 (as MK-7)``."""
    amount_text: str
    micrograms: Fraction
    vitamer: Vitamer | None
    """The form the line declares; ``None`` when it declares none (never guessed)."""
    form_status: FormStatus
    form_text: str | None = None
    """The form phrase as printed (``MK-7``, ``menaquinone-7``), when there is one."""
    percent: DeclaredPercent | None = None
    check: PercentCheck | None = None
    sources: tuple[str, ...] = ()
    """Citations the form reading rests on, such as a trade name's (``MenaQ7`` is MK-7)."""
    mixture: tuple[Vitamer, ...] = ()
    """The forms of a line that declares a mixture (``as phylloquinone, menaquinone-7``); the
    mass is their total, so ``vitamer`` and ``amount`` are ``None``."""

    def __attrs_post_init__(self) -> None:
        """Refuse a line whose parts contradict each other."""
        problems = []
        if self.line_number < 1 or self.micrograms < 0:
            problems.append("the line number starts at 1 and the mass is not negative")
        if (self.vitamer is not None) != (self.form_status == "declared"):
            problems.append("a vitamer is given exactly when the form is 'declared'")
        if (len(self.mixture) >= 2) != (self.form_status == "mixture"):
            problems.append("a mixture lists two or more forms")
        if self.check is not None and (
            self.check.declared != self.percent
            or self.check.exact_percent != self.micrograms * 100 / self.check.reference.micrograms
        ):
            problems.append("the check is of this line's percent and mass")
        if problems:
            raise LabelError(f"line {self.line_number}: " + "; ".join(problems))

    @property
    def amount(self) -> Amount | None:
        """The exact amount of the declared vitamer; ``None`` when the form is not declared."""
        if self.vitamer is None:
            return None
        return Amount.from_micrograms(self.vitamer, self.micrograms)

    @property
    def flagged(self) -> bool:
        """True when the declared percent contradicts the amount."""
        return self.check is not None and self.check.flagged

    @property
    def unchecked(self) -> bool:
        """True when the percent was not checked: primary was required, the figure is secondary."""
        return self.check is not None and not self.check.checked

    def describe_form(self) -> str:
        """The form in words: ``MK-7``, or ``form not declared``."""
        if self.vitamer is not None:
            return self.vitamer.key
        if self.form_status == "not recognised":
            return f"form {self.form_text!r} not recognised"
        if self.mixture:
            return f"mixture of {', '.join(v.key for v in self.mixture)}"
        return "form not declared"

    to_dict = _json_form


def _line_number(value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        msg = f"line number {value!r}: lines are numbered from 1"
        raise LabelError(msg)


OtherKind = Literal["title", "header", "serving", "footnote", "nutrient", "ingredients", "text"]


@final
@attrs.frozen(kw_only=True)
class OtherLine:
    """A line that is not vitamin K: a heading, the serving size, a footnote, another nutrient."""

    line_number: int = attrs.field(validator=lambda _i, _a, v: _line_number(v))
    raw: str
    kind: OtherKind

    to_dict = _json_form


@final
@attrs.frozen(kw_only=True)
class UnreadLine:
    """A vitamin K line vitk2 could not read, with the reason; never silently dropped."""

    line_number: int = attrs.field(validator=lambda _i, _a, v: _line_number(v))
    raw: str
    reason: str

    to_dict = _json_form


@final
@attrs.frozen(kw_only=True)
class LabelReport:
    """The result of :func:`read_label`.

    >>> r = read_label("Supplement Facts\\nVitamin K2 (as MK-7)  100 mcg  83%")
    >>> r.ok, r.vitamin_k[0].vitamer, r.vitamin_k[0].micrograms
    (True, <Vitamer MK-7 (menaquinone-7)>, Fraction(100, 1))
    """

    region: Region | None
    panel: str | None
    """The panel's title as printed (``Supplement Facts``), if it has one."""
    serving: str | None
    decimal: str | None
    reference: LabelReference | None
    rounding: PercentRounding | None
    vitamin_k: tuple[VitaminKLine, ...]
    other: tuple[OtherLine, ...]
    unread: tuple[UnreadLine, ...]
    require_primary: bool = False
    """Whether secondary reference values and rounding rules were refused (see read_label)."""

    def __attrs_post_init__(self) -> None:
        """Refuse a report whose lines and rules contradict each other."""
        for k in self.vitamin_k:
            refused = k.check is not None and _unchecked_status(
                k.check.reference, k.check.rounding) is not None
            if k.check is not None and k.unchecked != (self.require_primary and refused):
                msg = (
                    f"line {k.line_number} is {'not ' if k.unchecked else ''}checked, but "
                    f"require_primary is {self.require_primary!r} and its figures are "
                    f"{k.check.reference_grade} / {k.check.rounding_grade}"
                )
                raise LabelError(msg)
        numbers = [
            *(k.line_number for k in self.vitamin_k),
            *(o.line_number for o in self.other),
            *(u.line_number for u in self.unread),
        ]
        if len(numbers) != len(set(numbers)):
            raise LabelError("a line of the panel appears twice in the report")
        if self.reference is not None and self.region not in {None, self.reference.region}:
            msg = f"region {self.region!r} does not match the {self.reference}"
            raise LabelError(msg)
        for k in self.vitamin_k:
            if k.check is not None and (k.check.reference, k.check.rounding) != (
                self.reference, self.rounding
            ):
                msg = f"line {k.line_number} is checked against other rules than the report's"
                raise LabelError(msg)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LabelReport:
        """Read back what :meth:`to_dict` wrote; every field is checked.

        >>> r = read_label("Supplement Facts\\nVitamin K  100 mcg  83%")
        >>> LabelReport.from_dict(r.to_dict()) == r
        True
        """
        from vitk2._serial import from_dict_as  # noqa: PLC0415

        found: LabelReport = from_dict_as(d, "LabelReport")
        return found

    @property
    def flagged(self) -> tuple[VitaminKLine, ...]:
        """The vitamin K lines whose percent contradicts their amount."""
        return tuple(line for line in self.vitamin_k if line.flagged)

    @property
    def unchecked(self) -> tuple[VitaminKLine, ...]:
        """The vitamin K lines not checked because a secondary figure was refused."""
        return tuple(line for line in self.vitamin_k if line.unchecked)

    @property
    def ok(self) -> bool:
        """True when no vitamin K line is flagged and none was left unchecked."""
        return not self.flagged and not self.unchecked

    def to_dict(self) -> dict[str, Any]:
        """vitk2's JSON form (``type`` ``LabelReport``, ``schema_version`` 1).

        This is what ``vitk2 label --json`` prints and :meth:`from_dict` reads back; see
        :func:`vitk2.to_dict` for the conventions (exact numbers as strings).

        >>> d = read_label("Supplement Facts\\nVitamin K  100 mcg  83%").to_dict()
        >>> d["schema_version"], d["vitamin_k"][0]["form_status"], d["ok"]
        (1, 'not declared', True)
        """
        from vitk2._serial import to_dict  # noqa: PLC0415

        return to_dict(self)

    def _headline(self) -> str:
        n, u = len(self.flagged), len(self.unchecked)
        if not self.vitamin_k:
            return "No vitamin K line found."
        said = []
        if n:
            lines = f"{n} vitamin K line{'s' if n > 1 else ''}"
            said.append(f"{lines} flagged: the percent contradicts the amount.")
        if u:
            lines = f"{u} vitamin K line{'s' if u > 1 else ''}"
            said.append(f"{lines} not checked: primary was required, and the reference or "
                        "rounding rule was read only in secondary copies.")
        return " ".join(said) or "Every declared vitamin K percent fits its amount."

    def _panel_line(self) -> str:
        where = {"us": "US", "eu": "EU/UK", None: "region not known"}[self.region]
        parts = [self.panel or "panel", where]
        if self.reference is not None:
            parts.append(f"checked against the {self.reference}")
        if self.require_primary:
            parts.append("primary sources required")
        return "; ".join(parts)

    def _line_texts(self) -> Iterator[tuple[str, list[str]]]:
        for k in self.vitamin_k:
            head = f"line {k.line_number}: {k.name}: {k.amount_text} ({k.describe_form()})"
            head += f", {k.percent}" if k.percent is not None else ", no percent declared"
            details: list[str] = []
            if k.check is not None:
                c = k.check
                exact = f"{_pct(c.exact_percent)} of {format_number(c.reference.micrograms)} µg"
                if c.passed:
                    details.append(f"OK: {k.amount_text} is {exact}")
                elif c.flagged:
                    details.append(f"FLAGGED: {c.problem}")
                    details += [f"fits {f}" for f in c.fits]
                else:
                    details.append(f"UNCHECKED: {c.problem}")
                details.append(
                    f"sources: reference {c.reference_grade} ({', '.join(c.reference.sources)}); "
                    f"rounding {c.rounding_grade} ({', '.join(c.rounding.sources)})"
                )
            yield head, details

    def to_text(self) -> str:
        """Plain text for people.

        >>> panel = "Supplement Facts\\nVitamin K1 (as phylloquinone)  100 mg  83%"
        >>> print(read_label(panel).to_text())
        Label check: Supplement Facts; US; checked against the FDA Daily Value (2016 rule), 120 µg
        1 vitamin K line flagged: the percent contradicts the amount.
        - line 2: Vitamin K1 (as phylloquinone): 100 mg (K1), 83%
          FLAGGED: 83% does not fit 100 mg, which is 83333.3% of 120 µg
          fits 100 µg instead of 100 mg (a µg/mg mix-up)
        ...
        """
        lines = [f"Label check: {self._panel_line()}", self._headline()]
        for head, details in self._line_texts():
            lines.append(f"- {head}")
            lines += [f"  {d}" for d in details]
        for u in self.unread:
            lines.append(f"- line {u.line_number}: could not read {u.raw.strip()!r}: {u.reason}")
        if self.other:
            lines.append(f"Other lines ({len(self.other)}):")
            lines += [f"  line {o.line_number} [{o.kind}]: {o.raw.strip()}" for o in self.other]
        lines += ["", NOT_MEDICAL_ADVICE]
        return "\n".join(lines)

    __str__ = to_text

    def to_markdown(self) -> str:
        """Markdown for people.

        >>> md = read_label("Supplement Facts\\nVitamin K  100 mcg  83%").to_markdown()
        >>> md.splitlines()[0]
        '# Label check'
        """
        lines = ["# Label check", "", _md(self._panel_line()), "", f"**{_md(self._headline())}**"]
        if self.vitamin_k:
            lines += ["", "## Vitamin K lines", ""]
            for head, details in self._line_texts():
                lines.append(f"- {_md(head)}")
                lines += [f"  - {_md(d)}" for d in details]
        if self.unread:
            lines += ["", "## Lines not read", ""]
            lines += [f"- line {u.line_number}: `{u.raw.strip()}`: {_md(u.reason)}"
                      for u in self.unread]
        if self.other:
            lines += ["", "## Other lines", ""]
            lines += [f"- line {o.line_number} ({o.kind}): {_md(o.raw.strip())}"
                      for o in self.other]
        lines += ["", f"*{_md(NOT_MEDICAL_ADVICE)}*", ""]
        return "\n".join(lines)


_MD_SPECIAL: Final = re.compile(r"([\\`*_{}\[\]<>()#+!|])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _pct(value: Fraction) -> str:
    exact = format_number(value)
    if "/" not in exact and len(exact.partition(".")[2]) <= 1:
        return f"{exact}%"
    return f"{float(value):.1f}%"


# --- the cross-check ---------------------------------------------------------------------------


class _Printed(NamedTuple):
    """An amount as a label prints it: exact µg, the rounding slack in µg, its unit and text."""

    micrograms: Fraction
    slack: Fraction
    unit_code: str
    text: str


class _Rules(NamedTuple):
    reference: LabelReference
    rounding: PercentRounding


_CHECK_STATUSES: Final[tuple[str, ...]] = get_args(CheckStatus)


def _unchecked_status(reference: LabelReference, rounding: PercentRounding) -> CheckStatus | None:
    """Why a check may not be made when primary is required (the reference is named first)."""
    if reference.grade == "secondary":
        return "unchecked: reference is secondary"
    if rounding.grade == "secondary":
        return "unchecked: rounding rule is secondary"
    return None


def _interval(
    micrograms: Fraction, slack: Fraction, ref: LabelReference
) -> tuple[Fraction, Fraction]:
    scale = 100 / ref.micrograms
    return max(micrograms - slack, Fraction(0)) * scale, (micrograms + slack) * scale


def _consistent(
    micrograms: Fraction, slack: Fraction, declared: DeclaredPercent, rules: _Rules
) -> tuple[bool, str | None]:
    low, high = _interval(micrograms, slack, rules.reference)
    return _verdict(low, high, declared, rules)


def _verdict(
    low: Fraction, high: Fraction, declared: DeclaredPercent, rules: _Rules
) -> tuple[bool, str | None]:
    """Whether a declared percent fits exact percentages from *low* to *high*, and why not."""
    reference, rounding = rules
    if declared.kind == "not established":
        return False, (
            f"{declared.text} says no reference value is established, but vitamin K has one "
            f"({reference})"
        )
    if declared.kind == "less than 1%":
        return (low < 1, None)
    assert declared.value is not None
    accepted = rounding.accepted(declared.value, declared.places)
    if accepted is None:
        return False, f"{declared.text} is not on the rounding steps ({rounding.description})"
    return (accepted[0] <= high and low <= accepted[1], None)


def _check(
    printed: _Printed, declared: DeclaredPercent, rules: _Rules, *, require_primary: bool = False
) -> PercentCheck:
    reference = rules.reference
    low, high = _interval(printed.micrograms, printed.slack, reference)
    exact = printed.micrograms * 100 / reference.micrograms
    refused = _unchecked_status(reference, rules.rounding) if require_primary else None
    if refused is not None:
        if refused == "unchecked: reference is secondary":
            figure, keys = f"the {reference}", reference.sources
        else:
            figure = f"the rounding rule ({rules.rounding.description})"
            keys = rules.rounding.sources
        why = (
            f"{figure} was read only in secondary copies ({', '.join(keys)}); primary was "
            "required, so the percent was not checked"
        )
        return PercentCheck(
            reference=reference, rounding=rules.rounding, declared=declared, exact_percent=exact,
            low=low, high=high, passed=False, problem=why, status=refused,
        )
    passed, problem = _consistent(printed.micrograms, printed.slack, declared, rules)
    fits: tuple[str, ...] = ()
    if not passed:
        if problem is None:
            problem = (
                f"{declared.text} does not fit {printed.text}, which is {_pct(exact)} of "
                f"{format_number(reference.micrograms)} µg"
            )
        fits = tuple(_alternatives(printed, declared, rules))
    return PercentCheck(
        reference=reference, rounding=rules.rounding, declared=declared, exact_percent=exact,
        low=low, high=high, passed=passed, problem=problem, fits=fits,
    )


_SWAPS: Final = {"mg": (Fraction(1, 1000), "µg"), "ug": (Fraction(1000), "mg")}


def _alternatives(printed: _Printed, declared: DeclaredPercent, rules: _Rules) -> Iterator[str]:
    """What a contradicting percent would fit: a µg/mg swap, another reference, or both."""
    if declared.kind == "not established":
        return
    reference = rules.reference
    readings = [(printed.micrograms, printed.slack, "")]
    swap = _SWAPS.get(printed.unit_code)
    if swap is not None:
        factor, symbol = swap
        number = format_number(printed.micrograms / _unit_factor(printed.unit_code))
        mixup = f"{number} {symbol} instead of {printed.text} (a µg/mg mix-up)"
        readings.append((printed.micrograms * factor, printed.slack * factor, mixup))
    others = [r for r in LABEL_REFERENCES.values() if r.key != reference.key]
    for micrograms, slack, mixup in readings:
        if mixup and _consistent(micrograms, slack, declared, rules)[0]:
            yield mixup
        for other in others:
            if _consistent(micrograms, slack, declared, _Rules(other, rules.rounding))[0]:
                instead = f"the {other}, instead of {format_number(reference.micrograms)} µg"
                yield f"{mixup}, with {instead}" if mixup else instead


def _unit_factor(code: str) -> Fraction:
    return {"ug": Fraction(1), "mg": Fraction(1000)}[code]


def check_percent(
    amount: str | Amount,
    percent: str | DeclaredPercent,
    *,
    reference: str | LabelReference = "fda-dv-2016",
    rounding: str | PercentRounding | None = None,
    decimal: Decimal_ | None = None,
    require_primary: bool = False,
) -> PercentCheck:
    """Check one declared percent against one amount, exactly.

    A text amount is taken as rounded at the precision it is printed (``100 mcg`` is anything
    from 99.5 to 100.5 µg); an :class:`Amount` is exact.  *rounding* defaults to the whole
    percent for US references and the printed precision for the EU NRV.  *decimal* is the
    decimal mark of the printed numbers (``","`` for ``37,5 µg``), as in :func:`read_label`.
    With *require_primary*, a reference or rounding rule read only in secondary copies is not
    used, and the check's ``status`` says so.

    >>> check_percent("100 mcg", "83%").passed
    True
    >>> c = check_percent("100 mcg", "125%")
    >>> c.passed, c.fits
    (False, ('the pre-2016 FDA Daily Value (1995 rule), 80 µg, instead of 120 µg',))
    >>> check_percent("100 mg", "83%").fits
    ('100 µg instead of 100 mg (a µg/mg mix-up)',)
    >>> check_percent("75 µg", "100%", reference="eu-nrv").passed
    True
    >>> strict = check_percent("75 µg", "100%", reference="eu-nrv", require_primary=True)
    >>> strict.passed, strict.flagged, strict.status
    (False, False, 'unchecked: reference is secondary')
    """
    _check_flag(require_primary)
    ref = _reference(reference)
    if rounding is None:
        rule = PERCENT_ROUNDINGS[
            "fda-supplement-whole-percent" if ref.region == "us" else "printed-precision"
        ]
    else:
        rule = _rounding(rounding)
    marks = _Marks(_check_decimal(decimal), decimal is not None)
    if isinstance(percent, DeclaredPercent):
        declared = percent
    elif isinstance(percent, str):
        found = _read_percent(percent, marks=marks)
        if found is None:
            msg = f"{percent!r} is not a percentage (expected e.g. '83%', '<1%' or '†')"
            raise LabelError(msg)
        declared = found
    else:
        msg = f"check_percent() takes a percentage such as '83%', not {percent!r}"
        raise LabelError(msg)
    if isinstance(amount, Amount):
        printed = _Printed(amount.micrograms, Fraction(0), "ug", format(amount, "ug"))
    elif isinstance(amount, str):
        printed = _read_amount(amount, marks)
    else:
        msg = f"check_percent() takes an amount such as '100 mcg' or an Amount, not {amount!r}"
        raise LabelError(msg)
    return _check(printed, declared, _Rules(ref, rule), require_primary=require_primary)


def _reference(key: str | LabelReference) -> LabelReference:
    """A reference value by key (or itself, if it is one of vitk2's)."""
    if isinstance(key, LabelReference) and LABEL_REFERENCES.get(key.key) == key:
        return key
    if not isinstance(key, str) or key not in LABEL_REFERENCES:
        msg = f"reference={key!r}: choose one of {', '.join(LABEL_REFERENCES)}"
        raise LabelError(msg)
    return LABEL_REFERENCES[key]


def _rounding(key: str | PercentRounding) -> PercentRounding:
    """A rounding rule by key (or itself, if it is one of vitk2's)."""
    if isinstance(key, PercentRounding) and PERCENT_ROUNDINGS.get(key.key) == key:
        return key
    if not isinstance(key, str) or key not in PERCENT_ROUNDINGS:
        msg = f"rounding={key!r}: choose one of {', '.join(PERCENT_ROUNDINGS)}"
        raise LabelError(msg)
    return PERCENT_ROUNDINGS[key]


def _quantity(text: str, marks: _Marks) -> ParsedQuantity:
    """vitk2's own parser, with the panel's decimal mark.

    A mark vitk2 inferred from the region (not one the caller gave) yields to a number that
    is unambiguous the other way: a UK panel prints ``37.5 µg`` under an inferred decimal
    comma.  An ambiguous ``1,000`` is still refused by the parser.
    """
    try:
        return read_quantity(text, what="amount", decimal=marks.decimal)
    except UnitParseError:
        if marks.explicit or marks.decimal is None:
            raise
        first = sys.exc_info()[1]
    try:
        return read_quantity(text, what="amount")
    except UnitParseError:
        assert first is not None
        raise first from None


def _printed_places(digits: str, magnitude: Fraction) -> int:
    """Decimals printed: the power of ten between the written digits and the value read."""
    plain = re.sub(r"[.,]", "", digits)
    if not plain or magnitude <= 0:
        return 0
    ratio = Fraction(int(plain)) / magnitude
    places = 0
    while ratio > 1 and ratio.denominator == 1 and ratio.numerator % 10 == 0 and places < 30:
        ratio /= 10
        places += 1
    return places if ratio == 1 else 0


def _read_amount(text: str, marks: _Marks | None = None) -> _Printed:
    """Exact µg, the half-place rounding slack in µg, and the unit, via vitk2's parser."""
    marks = marks or _Marks(None, explicit=False)
    parsed = _quantity(text, marks)
    if parsed.dimension != "mass":
        msg = (
            f"{text!r} is an amount of substance; a label line needs a mass (µg or mg) "
            "to be checked against a reference value in µg"
        )
        raise LabelError(msg)
    number = re.match(r"\s*([\d.,]*)", text)
    digits = number.group(1) if number is not None else ""
    # "37,5 µg" and "37.5 µg" print one decimal; "1,000 mcg" prints none.
    places = _printed_places(digits, parsed.value / parsed.unit.factor)
    slack = Fraction(1, 10**places) / 2 * parsed.unit.factor
    return _Printed(parsed.value, slack, parsed.unit.code, text.strip())


# --- reading a panel ---------------------------------------------------------------------------

_COLUMNS: Final = re.compile(r"\t+|\s*\|\s*|\s{2,}")
_PERCENT: Final = re.compile(
    r"^(?:(?P<lt>(?:<|less\s+than)\s*1\s*%)|(?P<num>\d[\d.,]*)\s*%|(?P<na>[*†‡]+))"
    r"\s*[*†‡]*(?:\s*(?:dv|nrv|ri))?\s*[*†‡]*$",
    re.IGNORECASE,
)
_K_WORDS: Final = re.compile(
    r"vitamin\s*k|\bvit\.?\s*k|phyllo|phyto(?:na|me)dione|menaquinon|menatetrenon|menadion"
    r"|\bmk[\s-]?\d|\bk[\s-]?[123]\b",
    re.IGNORECASE,
)
_K_FAMILY: Final = re.compile(r"vitamin\s*k[\s-]?([123])\b|\bk[\s-]?([123])\b", re.IGNORECASE)
_PARENS: Final = re.compile(r"\(([^()]*)\)")
_TITLE: Final = re.compile(
    r"^\s*(supplement\s+facts|nutrition\s+facts|nutrition(?:al)?\s+information"
    r"|nutrition\s+declaration|nährwert\w*|valeurs?\s+nutritionnelles?)\b",
    re.IGNORECASE,
)
_US_MARK: Final = re.compile(r"daily\s+value|%\s*dv\b|supplement\s+facts|nutrition\s+facts",
                             re.IGNORECASE)
_EU_MARK: Final = re.compile(
    r"\bnrv\b|nutrient\s+reference\s+value|reference\s+intake|%\s*ri\b|\bri\s*%|typical\s+values"
    r"|per\s+100\s*(?:g|ml)\b|nutrition(?:al)?\s+information",
    re.IGNORECASE,
)
_SERVING: Final = re.compile(
    r"^\s*(serving\s+size|servings\s+per\s+container|per\s+serving"
    r"|per\s+(?:\d+\s+)?(?:capsule|tablet|softgel|caplet|gummy|daily\s+dose|portion|drop)s?\b)",
    re.IGNORECASE,
)
_FOOTNOTE: Final = re.compile(
    r"^\s*(?:[*†‡]|daily\s+value\s+not\s+established|percent\s+daily\s+values?\s+are\s+based"
    r"|nrv\s*=|ri\s*=|reference\s+intake\s+of\s+an\s+average)",
    re.IGNORECASE,
)
_INGREDIENTS: Final = re.compile(r"^\s*(?:other\s+)?ingredients\b", re.IGNORECASE)
_HAS_DIGIT: Final = re.compile(r"\d")
_BARE_NUMBER: Final = re.compile(r"^\d[\d.,]*$")
_PERCENT_COLUMN: Final = re.compile(
    r"%\s*(?:dv|nrv|ri|daily\s+value|rda)\b|\b(?:nrv|ri|rda)\s*%|%\s*of\s+(?:nrv|ri)",
    re.IGNORECASE,
)


class _Marks(NamedTuple):
    """A panel's decimal mark, and whether the caller gave it (or vitk2 inferred it)."""

    decimal: Decimal_ | None
    explicit: bool


_GROUPED: Final = {".": re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$"),
                   ",": re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")}


def _percent_number(number: str, marks: _Marks) -> str:
    """The percent's digits with a decimal point, or raise :class:`LabelError` if unclear."""
    point, explicit = marks
    if "," not in number and "." not in number:
        return number
    if point is not None and _GROUPED[point].match(number):
        other = "," if point == "." else "."
        return number.replace(other, "").replace(",", ".")
    separators = set(re.findall(r"[.,]", number))
    if len(separators) == 1 and number.count(next(iter(separators))) == 1:
        mark = next(iter(separators))
        digits_after = len(number.partition(mark)[2])
        if mark == point:
            return number.replace(",", ".")
        # The other mark: unambiguous only when it cannot be a thousands separator, and only
        # when the convention was inferred rather than given.
        if digits_after != 3 and not explicit:
            return number.replace(",", ".")
    convention = "no decimal mark was given" if point is None else f"the decimal mark is {point!r}"
    msg = (
        f"{number}% cannot be read unambiguously ({convention}); give the panel's decimal mark "
        "(decimal='.' or ',', --decimal on the command line)"
    )
    raise LabelError(msg)


def _read_percent(text: str, *, marks: _Marks) -> DeclaredPercent | None:
    """A percent cell; ``None`` if the cell is not shaped like a percent at all."""
    t = unicodedata.normalize("NFKC", text).strip()
    m = _PERCENT.match(t)
    if m is None:
        return None
    if m.group("lt"):
        return DeclaredPercent(text=t, kind="less than 1%")
    if m.group("na"):
        return DeclaredPercent(text=t, kind="not established")
    number = _percent_number(m.group("num"), marks)
    places = len(number.partition(".")[2])
    return DeclaredPercent(text=t, kind="percent", value=Fraction(number), places=places)


class _Row(NamedTuple):
    name: str
    amounts: list[str]
    percent: DeclaredPercent | None
    problem: str | None = None


def _split_columns(line: str, marks: _Marks, *, percent_column: bool = False) -> _Row:
    """Name cell, amount cells, and the percent (if any) of one row.

    With *percent_column* (the panel heads a column ``%NRV``, ``% DV`` …), a bare number after
    the amount is that column's percent, as UK and EU tables print it (``100µg  133``).
    """
    try:
        return _split(line, marks, percent_column=percent_column)
    except LabelError as exc:
        cells = [c.strip() for c in _COLUMNS.split(line.strip().strip("|")) if c.strip()]
        return _Row(cells[0] if cells else line, [], None, str(exc))


def _bare_percent(text: str, marks: _Marks) -> DeclaredPercent | None:
    """A bare number in a percent column, read as that percent (``133`` under ``%NRV``)."""
    if not _BARE_NUMBER.match(text.strip()):
        return None
    found = _read_percent(f"{text.strip()}%", marks=marks)
    return None if found is None else attrs.evolve(found, text=text.strip())


def _split(line: str, marks: _Marks, *, percent_column: bool) -> _Row:
    cells = [c.strip() for c in _COLUMNS.split(line.strip().strip("|")) if c.strip()]
    percent = _read_percent(cells[-1], marks=marks) if len(cells) >= 2 else None
    if percent is None and percent_column and len(cells) >= 2:
        percent = _bare_percent(cells[-1], marks)
    if percent is not None:
        cells = cells[:-1]
    elif len(cells) >= 2 and "%" in cells[-1]:
        msg = f"{cells[-1]!r} is not a percentage vitk2 can read (expected e.g. '83%' or '<1%')"
        raise LabelError(msg)
    if len(cells) >= 2:
        return _Row(cells[0], cells[1:], percent)
    # One cell left: words separated by single spaces; peel a percent, then an amount, off
    # the end, asking vitk2's own parser which trailing words are an amount.
    words = cells[0].split() if cells else []
    if percent is None:
        for take in (3, 2, 1):
            if len(words) > take:
                p = _read_percent(" ".join(words[-take:]), marks=marks)
                if p is not None:
                    percent, words = p, words[:-take]
                    break
    if percent is None and percent_column and len(words) > 2:
        p = _bare_percent(words[-1], marks)
        if p is not None and _amount_at_end(words[:-1], marks):
            percent, words = p, words[:-1]
    take = _amount_at_end(words, marks)
    if take:
        return _Row(" ".join(words[:-take]), [" ".join(words[-take:])], percent)
    return _Row(" ".join(words), [], percent)


def _amount_at_end(words: list[str], marks: _Marks) -> int:
    """How many trailing words are an amount by vitk2's own parser (0 if none)."""
    for take in (2, 1, 3):
        if len(words) > take:
            try:
                _read_amount(" ".join(words[-take:]), marks)
            except Vitk2Error:
                continue
            return take
    return 0


class _Form(NamedTuple):
    vitamer: Vitamer | None
    status: FormStatus
    text: str | None = None
    problem: str | None = None
    """Set when the line contradicts itself (two different forms): it is not read."""
    sources: tuple[str, ...] = ()
    mixture: tuple[Vitamer, ...] = ()


_LIST_SEPARATOR: Final = re.compile(r"\s*(?:,|&|\+|/|\band\b)\s*", re.IGNORECASE)


def _mixture(name: str) -> _Form | None:
    """``Vitamin K (as phylloquinone, menaquinone-4, menaquinone-7)``: a declared mixture.

    Only a list of forms under a heading that covers them all is a mixture; "Vitamin K1 (as
    MK-7)" names two forms that contradict each other, and is not read.
    """
    candidates = [*_PARENS.findall(name)]
    head = _PARENS.sub(" ", name)
    as_part = re.search(r"\bas\s+(.+)$", head, re.IGNORECASE)
    if as_part is not None:
        candidates.append(as_part.group(1))
        head = head[: as_part.start()]
    family_m = _K_FAMILY.search(head)
    family = f"K{family_m.group(1) or family_m.group(2)}" if family_m else None
    for cand in candidates:
        text = re.sub(r"^\s*as\s+", "", cand.strip(), flags=re.IGNORECASE)
        items = [i.strip(" .;®™") for i in _LIST_SEPARATOR.split(text) if i.strip(" .;®™")]
        if len(items) < 2:
            continue
        try:
            found = [vitamer(i) for i in items]
        except NotFoundError:
            continue
        forms = tuple(dict.fromkeys(found))
        if len(forms) < 2 or (family is not None and any(v.family != family for v in forms)):
            continue
        return _Form(None, "mixture", ", ".join(v.key for v in forms), mixture=forms)
    return None


@lru_cache(maxsize=1024)
def _resolve_form(name: str) -> _Form:
    """The form a line's name cell declares, read by :func:`vitk2.read_vitamer_phrase`.

    "Vitamin K" and "Vitamin K2" name no form (never guessed); a phrase that names two forms
    is a contradiction; a form word vitk2 does not know is reported as not recognised.
    """
    try:
        phrase = read_vitamer_phrase(name)
    except ConflictingVitamerNamesError as exc:
        return _mixture(name) or _Form(None, "not recognised", None, str(exc))
    except AmbiguousNameError:
        return _Form(None, "not declared")
    except NotFoundError:
        return _unknown_form(name)
    return _Form(phrase.vitamer, "declared", phrase.form_words[-1], None, phrase.sources)


def _unknown_form(name: str) -> _Form:
    """Name the form word vitk2 does not know, or say that none is declared."""
    candidates: list[str] = list(_PARENS.findall(name))
    head = _PARENS.sub(" ", name)
    as_part = re.search(r"\bas\s+(.+)$", head, re.IGNORECASE)
    if as_part is not None:
        candidates.append(as_part.group(1))
    for cand in candidates:
        if re.match(r"^\s*from\s", cand, re.IGNORECASE):
            continue  # "(from natto)" names a source, not a form
        text = re.sub(r"^\s*as\s+", "", cand.strip(), flags=re.IGNORECASE)
        text = re.sub(r"\s+from\s+.*$", "", text, flags=re.IGNORECASE).strip(" ,;.®™")
        if text:
            return _Form(None, "not recognised", text)
    return _Form(None, "not declared")


def _classify_other(line: str) -> OtherKind:
    if _TITLE.match(line):
        return "title"
    if _FOOTNOTE.match(line):
        return "footnote"
    if _SERVING.match(line):
        return "serving"
    if _INGREDIENTS.match(line):
        return "ingredients"
    if _US_MARK.search(line) or _EU_MARK.search(line) or re.search(r"^\s*amount\b", line, re.I):
        return "header"
    if _HAS_DIGIT.search(line):
        return "nutrient"
    return "text"


def _check_region(region: object) -> Region | None:
    if region is None:
        return None
    if region == "us":
        return "us"
    if region == "eu":
        return "eu"
    msg = f"region={region!r}: choose 'us' (Supplement/Nutrition Facts, %DV) or 'eu' (EU/UK, %NRV)"
    raise LabelError(msg)


def _check_decimal(decimal: object) -> Decimal_ | None:
    if decimal is None:
        return None
    if decimal == ".":
        return "."
    if decimal == ",":
        return ","
    msg = f"decimal={decimal!r}: choose '.' (1,000.5) or ',' (1.000,5), or leave it out"
    raise LabelError(msg)


class _Settings(NamedTuple):
    region: Region | None
    marks: _Marks
    rules: _Rules | None


def _settings(
    lines: list[str],
    panel: str | None,
    region: object,
    decimal: object,
    reference: str | LabelReference | None,
) -> _Settings:
    """Region, decimal mark, reference value and rounding rule for a panel."""
    chosen = _check_region(region)
    mark = _check_decimal(decimal)
    if chosen is None:
        us = any(_US_MARK.search(line) for line in lines)
        eu = any(_EU_MARK.search(line) for line in lines)
        if us and eu:
            msg = (
                "the panel mentions both a US Daily Value and an EU/UK reference intake "
                "(NRV/RI); say which applies: region 'us' or 'eu' (--region us or --region eu "
                "on the command line)"
            )
            raise LabelError(msg)
        chosen = "us" if us else "eu" if eu else None
    if reference is not None:
        ref: LabelReference | None = _reference(reference)
        assert ref is not None
        chosen = chosen or ref.region
    else:
        ref = None if chosen is None else LABEL_REFERENCES[_DEFAULT_REFERENCE[chosen]]
    marks = _Marks(mark, explicit=mark is not None)
    if mark is None and chosen is not None:
        marks = _Marks("." if chosen == "us" else ",", explicit=False)
    if ref is None:
        return _Settings(chosen, marks, None)
    if ref.region == "eu":
        key = "printed-precision"
    elif panel is not None and re.match(r"\s*nutrition\s+facts", panel, re.IGNORECASE):
        key = "fda-food-steps"
    else:
        key = "fda-supplement-whole-percent"
    return _Settings(chosen, marks, _Rules(ref, PERCENT_ROUNDINGS[key]))


def read_label(
    text: str,
    *,
    region: Region | None = None,
    decimal: Decimal_ | None = None,
    reference: str | LabelReference | None = None,
    require_primary: bool = False,
) -> LabelReport:
    """Read a Supplement Facts or nutrition panel and cross-check every vitamin K percent.

    *region* is ``"us"`` (%DV) or ``"eu"`` (EU/UK, %NRV); by default it is read from the
    panel's own words (``% Daily Value``, ``NRV``, ``per 100 g`` …).  *decimal* is the decimal
    mark of the panel's numbers (``","`` for ``12,5%``); by default ``","`` on EU panels and
    ``"."`` on US ones.  *reference* overrides the reference value (a key of
    :data:`LABEL_REFERENCES`, e.g. ``"fda-rdi-1995"`` for a label made before the 2016 rule).
    With *require_primary*, a reference value or rounding rule read only in secondary copies
    is not used: its lines are ``unchecked`` (neither passed nor flagged) and the report is
    not ``ok``.

    >>> panel = '''
    ... Supplement Facts
    ... Serving Size 1 Softgel
    ... Amount Per Serving            % Daily Value
    ... Vitamin K2 (as MK-7)   100 mcg   83%
    ... Vitamin K              100 mcg   125%
    ... '''
    >>> r = read_label(panel)
    >>> [(k.describe_form(), k.flagged) for k in r.vitamin_k]
    [('MK-7', False), ('form not declared', True)]
    >>> r.vitamin_k[1].check.fits
    ('the pre-2016 FDA Daily Value (1995 rule), 80 µg, instead of 120 µg',)
    >>> strict = read_label(panel, require_primary=True)
    >>> strict.ok, [k.check.status for k in strict.vitamin_k]
    (False, ['unchecked: reference is secondary', 'unchecked: reference is secondary'])
    """
    _check_flag(require_primary)
    if not isinstance(text, str):
        msg = f"read_label() takes the panel as text, not {type(text).__name__}"
        raise LabelError(msg)
    if len(text) > MAX_PANEL_LENGTH:
        msg = (
            f"the label text is {len(text):,} characters long; a panel is at most "
            f"{MAX_PANEL_LENGTH:,} characters (give one panel at a time)"
        )
        raise LabelError(msg)
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        msg = (
            "the label text is empty; give the panel's lines, "
            "e.g. 'Vitamin K2 (as MK-7)  100 mcg  83%'"
        )
        raise LabelError(msg)
    titles = (_TITLE.match(line) for line in lines)
    panel = next((m.group(1).strip() for m in titles if m is not None), None)
    settings = _settings(lines, panel, region, decimal, reference)
    serving = next(
        (line.strip() for line in lines if re.match(r"\s*serving\s+size", line, re.IGNORECASE)),
        None,
    )
    percent_column = any(_PERCENT_COLUMN.search(line) for line in lines)
    k_lines: list[VitaminKLine] = []
    other: list[OtherLine] = []
    unread: list[UnreadLine] = []
    for number, raw in enumerate(lines, start=1):
        line = unicodedata.normalize("NFKC", raw)
        if not line.strip():
            continue
        # Cells keep the label's own characters (µ stays µ); matching uses the folded line.
        row = _split_columns(raw, settings.marks, percent_column=percent_column)
        structural = _FOOTNOTE.match(line) or _TITLE.match(line) or _INGREDIENTS.match(line)
        if structural or not _K_WORDS.search(row.name):
            other.append(OtherLine(line_number=number, raw=raw, kind=_classify_other(line)))
            continue
        result = _read_k_line(number, raw, row, settings, require_primary=require_primary)
        if isinstance(result, UnreadLine):
            unread.append(result)
        else:
            k_lines.append(result)
    if settings.rules is None and any(k.percent is not None for k in k_lines):
        msg = (
            "the panel has vitamin K percentages but does not say whether they are US %DV or "
            "EU/UK %NRV; say which: region 'us' or 'eu' (--region us or --region eu on the "
            "command line)"
        )
        raise LabelError(msg)
    rules = settings.rules
    return LabelReport(
        region=settings.region, panel=panel, serving=serving, decimal=settings.marks.decimal,
        reference=None if rules is None else rules.reference,
        rounding=None if rules is None else rules.rounding,
        vitamin_k=tuple(k_lines), other=tuple(other), unread=tuple(unread),
        require_primary=require_primary,
    )


def _check_flag(require_primary: object) -> None:
    if not isinstance(require_primary, bool):
        msg = (
            f"require_primary={require_primary!r}: give True (refuse reference values and "
            "rounding rules read only in secondary copies) or False"
        )
        raise LabelError(msg)


def _read_k_line(
    number: int, raw: str, row: _Row, settings: _Settings, *, require_primary: bool
) -> VitaminKLine | UnreadLine:
    name, amounts, percent, problem = row
    rules = settings.rules
    if problem is not None:
        return UnreadLine(line_number=number, raw=raw, reason=problem)
    form = _resolve_form(name)
    if form.problem is not None:
        return UnreadLine(line_number=number, raw=raw, reason=form.problem)
    if not amounts:
        return UnreadLine(line_number=number, raw=raw,
                          reason="no amount found (expected e.g. '100 mcg' after the name)")
    # The percent belongs to the amount printed just before it (per serving after per 100 g),
    # and that cell must be an amount: a cell vitk2 cannot read is never skipped silently.
    cell = amounts[-1]
    try:
        printed = _read_amount(cell, settings.marks)
    except Vitk2Error as exc:
        return UnreadLine(line_number=number, raw=raw, reason=str(exc))
    check = None
    if percent is not None and rules is not None:
        check = _check(printed, percent, rules, require_primary=require_primary)
    return VitaminKLine(
        line_number=number, raw=raw, name=name, amount_text=cell,
        micrograms=printed.micrograms, vitamer=form.vitamer, form_status=form.status,
        form_text=form.text, percent=percent, check=check, sources=form.sources,
        mixture=form.mixture,
    )
