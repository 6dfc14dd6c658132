"""What reading a panel yields: its vitamin K lines, other lines, unread lines, and the report.

Every non-blank line of a panel ends up in the report: as a vitamin K line (exact mass, form
if declared, declared percent and its check), as another line (headers, serving size,
footnotes, other nutrients), or as a line vitk2 could not read, with the reason.  The report
is written as text, Markdown or vitk2's JSON form.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal, final

import attrs

from vitk2._advice import NOT_MEDICAL_ADVICE
from vitk2._amounts import Amount, DailyDose
from vitk2._errors import LabelError
from vitk2._label_check import (
    DeclaredPercent,
    PercentCheck,
    json_form,
    percent_text,
    unchecked_status,
)
from vitk2._label_rules import LabelReference, PercentRounding, Region
from vitk2._text import markdown_code, markdown_text
from vitk2._units import format_number
from vitk2._vitamers import Vitamer

if TYPE_CHECKING:
    from vitk2._intake_percent import Counting, PercentOfReference
    from vitk2._intake_records import ReferenceIntake

__all__ = [
    "LabelReport",
    "OtherLine",
    "UnreadLine",
    "VitaminKLine",
]

FormStatus = Literal["declared", "mixture", "not declared", "not recognised"]


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

    to_dict = json_form


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

    to_dict = json_form


@final
@attrs.frozen(kw_only=True)
class UnreadLine:
    """A vitamin K line vitk2 could not read, with the reason; never silently dropped."""

    line_number: int = attrs.field(validator=lambda _i, _a, v: _line_number(v))
    raw: str
    reason: str

    to_dict = json_form


@final
@attrs.frozen(kw_only=True)
class LabelReport:
    """The result of :func:`read_label`.

    >>> from vitk2 import read_label
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
            refused = k.check is not None and unchecked_status(
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

        >>> from vitk2 import read_label
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
        """True when no vitamin K line is flagged, unchecked, or could not be read.

        A line that names vitamin K but cannot be read (``100 Mg``, ``1000 IU``, two forms
        that contradict each other) was not checked, so the report is not ``ok``.
        """
        return not self.flagged and not self.unchecked and not self.unread

    def percent_of_reference(
        self, reference: ReferenceIntake, *, by: Counting = "basis"
    ) -> PercentOfReference:
        """The panel's vitamin K, taking one serving a day, as a percentage of a reference.

        Counted as :func:`~vitk2.percent_of_reference` counts (what the reference counts,
        ``by="basis"``; or every form by mass, ``by="mass"``).  A line that declares no single
        form (``Vitamin K``, a mixture) cannot be counted on a basis: it is listed in
        ``unattributed`` and the percentage is a lower bound; by mass it is added.  A vitamin K
        line that could not be read has no amount to count: the panel is refused
        (:class:`~vitk2.LabelError`) rather than totalled without it.

        >>> from vitk2 import read_label, reference_intake
        >>> r = read_label("Supplement Facts\\nVitamin K1  50 mcg  42%\\nVitamin K2 (as MK-7)  100 mcg  83%")
        >>> print(r.percent_of_reference(reference_intake("IOM", age_years=40, sex="female")))
        50 µg/day K1 + 100 µg/day MK-7 is 55.6% of the IOM 2001 AI (90 µg/day), counting K1 by mass; left out: 100 µg/day MK-7
        """  # noqa: E501
        from vitk2._intake_percent import compare_doses  # noqa: PLC0415
        from vitk2._intake_records import ReferenceIntake  # noqa: PLC0415

        if not isinstance(reference, ReferenceIntake):
            msg = f"reference must be a ReferenceIntake from reference_intake(), not {reference!r}"
            raise LabelError(msg)
        if by not in ("basis", "mass"):
            msg = f"by={by!r} is not accepted; give by='basis' or by='mass'"
            raise LabelError(msg)
        if self.unread:
            u = min(self.unread, key=lambda line: line.line_number)
            msg = (
                f"line {u.line_number} names vitamin K but could not be read ({u.reason}); the "
                "panel's vitamin K cannot be totalled without it: correct the line first"
            )
            raise LabelError(msg)
        summed: dict[Vitamer, Fraction] = {}
        unattributed: list[str] = []
        unattributed_ug = Fraction(0)
        for k in self.vitamin_k:
            if k.vitamer is not None:
                summed[k.vitamer] = summed.get(k.vitamer, Fraction(0)) + k.micrograms
            else:
                unattributed.append(f"line {k.line_number}, {k.amount_text} ({k.describe_form()})")
                unattributed_ug += k.micrograms
        doses = tuple(DailyDose.from_micrograms_per_day(v, ug) for v, ug in summed.items())
        known = reference.basis is not None and reference.basis.known
        return compare_doses(
            doses,
            (),
            reference,
            by if known else "mass",
            unattributed=tuple(unattributed),
            unattributed_micrograms_per_day=unattributed_ug,
        )

    def to_dict(self) -> dict[str, Any]:
        """vitk2's JSON form (``type`` ``LabelReport``, ``schema_version`` 1).

        This is what ``vitk2 label --json`` prints and :meth:`from_dict` reads back; see
        :func:`vitk2.to_dict` for the conventions (exact numbers as strings).

        >>> from vitk2 import read_label
        >>> d = read_label("Supplement Facts\\nVitamin K  100 mcg  83%").to_dict()
        >>> d["schema_version"], d["vitamin_k"][0]["form_status"], d["ok"]
        (1, 'not declared', True)
        """
        from vitk2._serial import to_dict  # noqa: PLC0415

        return to_dict(self)

    def _headline(self) -> str:
        n, u, r = len(self.flagged), len(self.unchecked), len(self.unread)
        if not self.vitamin_k and not r:
            return "No vitamin K line found."
        said = []
        if r:
            said.append(f"{_lines(r)} could not be read, so {'they were' if r > 1 else 'it was'} "
                        "not checked.")
        if n:
            said.append(f"{_lines(n)} flagged: the percent contradicts the amount.")
        if u:
            said.append(f"{_lines(u)} not checked: primary was required, and the reference or "
                        "rounding rule was read only in secondary copies.")
        if said:
            return " ".join(said)
        if all(k.percent is None for k in self.vitamin_k):
            return "No vitamin K percent is declared, so none was checked against its amount."
        return "Every declared vitamin K percent fits its amount."

    def _panel_line(self) -> str:
        where = {"us": "US", "eu": "EU/UK", None: "region not known"}[self.region]
        parts = [self.panel or "panel", where]
        if self.reference is not None:
            parts.append(f"checked against the {self.reference}")
        if self.require_primary:
            parts.append("primary sources required")
        return "; ".join(parts)

    def _in_line_order(self) -> list[VitaminKLine | UnreadLine]:
        """The vitamin K lines, read or not, in the order the panel prints them."""
        return sorted([*self.vitamin_k, *self.unread], key=lambda line: line.line_number)

    @staticmethod
    def _line_text(k: VitaminKLine) -> tuple[str, list[str]]:
        """A vitamin K line's heading, and what its check found."""
        head = f"line {k.line_number}: {k.name}: {k.amount_text} ({k.describe_form()})"
        head += f", {k.percent}" if k.percent is not None else ", no percent declared"
        details: list[str] = []
        if k.check is not None:
            c = k.check
            reference = format_number(c.reference.micrograms)
            exact = f"{percent_text(c.exact_percent)} of {reference} µg"
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
        return head, details

    def to_text(self) -> str:
        """Plain text for people.

        >>> from vitk2 import read_label
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
        for line in self._in_line_order():
            if isinstance(line, UnreadLine):
                lines.append(f"- line {line.line_number}: could not read {line.raw.strip()!r}: "
                             f"{line.reason}")
                continue
            head, details = self._line_text(line)
            lines.append(f"- {head}")
            lines += [f"  {d}" for d in details]
        if self.other:
            lines.append(f"Other lines ({len(self.other)}):")
            lines += [f"  line {o.line_number} [{o.kind}]: {o.raw.strip()}" for o in self.other]
        lines += ["", NOT_MEDICAL_ADVICE]
        return "\n".join(lines)

    __str__ = to_text

    def to_markdown(self) -> str:
        """Markdown for people.

        >>> from vitk2 import read_label
        >>> md = read_label("Supplement Facts\\nVitamin K  100 mcg  83%").to_markdown()
        >>> md.splitlines()[0]
        '# Label check'
        """
        headline = f"**{markdown_text(self._headline())}**"
        lines = ["# Label check", "", markdown_text(self._panel_line()), "", headline]
        if self.vitamin_k:
            lines += ["", "## Vitamin K lines", ""]
            for k in sorted(self.vitamin_k, key=lambda line: line.line_number):
                head, details = self._line_text(k)
                lines.append(f"- {markdown_text(head)}")
                lines += [f"  - {markdown_text(d)}" for d in details]
        if self.unread:
            lines += ["", "## Vitamin K lines not read", ""]
            lines += [f"- line {u.line_number}: {markdown_code(u.raw)}: {markdown_text(u.reason)}"
                      for u in sorted(self.unread, key=lambda line: line.line_number)]
        if self.other:
            lines += ["", "## Other lines", ""]
            lines += [f"- line {o.line_number} ({o.kind}): {markdown_text(o.raw.strip())}"
                      for o in self.other]
        lines += ["", f"*{markdown_text(NOT_MEDICAL_ADVICE)}*", ""]
        return "\n".join(lines)


def _lines(n: int) -> str:
    """``1 vitamin K line``, ``2 vitamin K lines``."""
    return f"{n} vitamin K line{'s' if n > 1 else ''}"
