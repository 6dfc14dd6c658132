"""The result of an interaction check and its renderings: plain text, Markdown and a dict.

:class:`Finding` and :class:`InteractionReport` are plain values; nothing here assesses
anything (that is :mod:`vitk2._interaction_rules` and :func:`vitk2.check_interactions`).
"""

from __future__ import annotations

from typing import Any, Final, final

import attrs

from vitk2._advice import NOT_MEDICAL_ADVICE
from vitk2._errors import InteractionInputError
from vitk2._interaction_catalogue import Direction, Severity
from vitk2._sources import Citation, citation
from vitk2._text import markdown_text

__all__ = ["Finding", "InteractionReport"]

SCHEMA_VERSION: Final = 1
"""Version of the :meth:`InteractionReport.to_dict` shape; bumped on any incompatible change."""


@final
@attrs.frozen
class Finding:
    """One finding: an input, what it matched, and what is known.

    ``input`` is the medication as given (``repr`` for anything that is not text or an RxCUI);
    ``substance`` is the catalogue key (None for UNKNOWN findings and for class words such as
    "VKA", whose ``substance_name`` names the class); ``matched_as`` says which name, brand, code
    or class word matched; ``evidence`` says which evidence drove the severity.

    ``ranks_as`` is the severity the finding is ranked by: its ``severity`` for an assessed
    finding; for an UNKNOWN finding, the worst severity the same supplement has with any
    catalogued medicine, and never less than UNKNOWN (an unrecognised name could be a vitamin K
    antagonist).  ``did_you_mean`` lists catalogue names close to an unrecognised word; the
    finding stays UNKNOWN until the name is given as listed.
    """

    input: str
    substance: str | None
    substance_name: str | None
    matched_as: str | None
    severity: Severity
    direction: Direction
    mechanism: str
    advice: str
    evidence: str
    sources: tuple[str, ...]
    ranks_as: Severity
    did_you_mean: tuple[str, ...] = ()

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The citations behind this finding."""
        return tuple(citation(k) for k in self.sources)

    def __str__(self) -> str:
        """Two sentences and the not-medical-advice line: what it is, and what to do.

        >>> from vitk2 import MK7, DailyDose, check_interactions
        >>> r = check_interactions(["Coumadin"], supplement=DailyDose(MK7, "100 µg/day"))
        >>> print(r.findings[0])  # doctest: +ELLIPSIS
        Coumadin: warfarin, major. What to do: Keep vitamin K intake consistent ...
        vitk2 is not medical advice. ...
        """
        return f"{_finding_line(self)} What to do: {self.advice}\n{NOT_MEDICAL_ADVICE}"

    def _sort_key(self) -> tuple[int, int, str, str, str]:
        return (
            -self.ranks_as.rank,
            -self.severity.rank,
            self.substance or "~",
            self.input,
            self.matched_as or "",
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (see :meth:`InteractionReport.to_dict`)."""
        return {
            "input": self.input,
            "substance": self.substance,
            "substance_name": self.substance_name,
            "matched_as": self.matched_as,
            "severity": self.severity.value,
            "direction": self.direction.value,
            "mechanism": self.mechanism,
            "advice": self.advice,
            "evidence": self.evidence,
            "ranks_as": self.ranks_as.value,
            "did_you_mean": list(self.did_you_mean),
            "citations": [
                {"key": c.key, "short": c.short, "link": c.link, "reference": str(c)}
                for c in self.citations
            ],
        }


_HEADLINES: Final = {
    Severity.NONE: "no interaction (a documented absence)",
    Severity.INFO: "for information",
    Severity.MINOR: "minor",
    Severity.MODERATE: "moderate",
    Severity.MAJOR: "major",
    Severity.UNKNOWN: "UNKNOWN: cannot assess (never treated as safe)",
    Severity.CONTRAINDICATED: "CONTRAINDICATED",
}


def _not_empty(_: object, __: object, findings: tuple[Finding, ...]) -> None:
    if not findings:
        msg = (
            "an interaction report needs at least one finding; a report on no medicine would "
            "read as 'no interaction'"
        )
        raise InteractionInputError(msg)


@final
@attrs.frozen
class InteractionReport:
    """The result of :func:`check_interactions`: findings and the overall level.

    ``overall`` is the highest :attr:`Finding.ranks_as` (by :attr:`Severity.rank`), so an
    unrecognised medicine taken with a supplement that is contraindicated with a vitamin K
    antagonist makes the report CONTRAINDICATED.  A report has at least one finding: with
    nothing assessed it would read as "no interaction", so it cannot be made empty.
    """

    findings: tuple[Finding, ...] = attrs.field(validator=_not_empty)
    overall: Severity
    supplement: str | None
    medications_checked: int

    @property
    def worst_known(self) -> Severity | None:
        """The worst severity among the medicines vitk2 could assess; None if it assessed none.

        :attr:`overall` fails closed, so one unrecognised name makes it UNKNOWN (or worse); an
        app that shows one line should show this and :attr:`unknowns` side by side, so that a
        MAJOR finding is never hidden behind UNKNOWN.

        >>> from vitk2 import MK7, DailyDose, check_interactions
        >>> r = check_interactions(["warfarin", "zzfoo"], supplement=DailyDose(MK7, "100 µg/day"))
        >>> r.overall.value, r.worst_known.value, [f.input for f in r.unknowns]
        ('unknown', 'major', ['zzfoo'])
        """
        known = [f.severity for f in self.findings if f.severity is not Severity.UNKNOWN]
        return max(known, key=lambda s: s.rank) if known else None

    @property
    def unknowns(self) -> tuple[Finding, ...]:
        """The findings vitk2 could not assess (severity UNKNOWN), in report order."""
        return tuple(f for f in self.findings if f.severity is Severity.UNKNOWN)

    @property
    def headline(self) -> str:
        """One line for an app: the worst known finding and the unassessed ones, side by side.

        >>> from vitk2 import MK7, DailyDose, check_interactions
        >>> r = check_interactions(["warfarin", "zzfoo"], supplement=DailyDose(MK7, "100 µg/day"))
        >>> r.headline
        'Worst known: major (warfarin). Not assessed: 1 (zzfoo), ranked as unknown.'
        >>> check_interactions(["apixaban"]).headline
        'Worst known: no interaction (a documented absence) (apixaban). Not assessed: none.'
        """
        worst = self.worst_known
        if worst is None:
            known = "Worst known: none (no medicine could be assessed)."
        else:
            names = [f.substance_name or f.input for f in self.findings if f.severity is worst]
            known = f"Worst known: {_HEADLINES[worst]} ({', '.join(dict.fromkeys(names))})."
        unknowns = self.unknowns
        if not unknowns:
            return f"{known} Not assessed: none."
        ranked = max((f.ranks_as for f in unknowns), key=lambda s: s.rank)
        shown = ", ".join(f.input for f in unknowns)
        return f"{known} Not assessed: {len(unknowns)} ({shown}), ranked as {ranked.value}."

    def __str__(self) -> str:
        """A short table: one line per finding, the headline, and the not-medical-advice line.

        :meth:`to_text` adds mechanism, evidence and sources; ``repr`` stays exact.

        >>> from vitk2 import MK7, DailyDose, check_interactions
        >>> mk7 = DailyDose(MK7, "100 µg/day")
        >>> r = check_interactions(["Coumadin", "apixaban"], supplement=mk7)
        >>> print(r)  # doctest: +ELLIPSIS
        Vitamin K interaction check, supplement 100 µg/day MK-7
        Worst known: major (warfarin). Not assessed: none.
          Coumadin: warfarin, major.
          apixaban: apixaban, no interaction (a documented absence).
        vitk2 is not medical advice. ...
        """
        lines = [
            f"Vitamin K interaction check, supplement {self.supplement or 'none given'}",
            self.headline,
        ]
        lines += [f"  {_finding_line(f)}" for f in self.findings]
        lines.append(NOT_MEDICAL_ADVICE)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict with a stable, documented shape (``schema_version`` 1).

        >>> from vitk2 import MK7, DailyDose, check_interactions
        >>> mk7 = DailyDose(MK7, "100 µg/day")
        >>> r = check_interactions(["Coumadin 5 mg tablet"], supplement=mk7)
        >>> d = r.to_dict()
        >>> d["schema_version"], d["overall"], d["findings"][0]["substance"]
        (1, 'major', 'warfarin')
        """
        return {
            "type": "InteractionReport",
            "schema_version": SCHEMA_VERSION,
            "overall": self.overall.value,
            "severity_scale": [s.value for s in Severity],
            "supplement": self.supplement,
            "medications_checked": self.medications_checked,
            "findings": [f.to_dict() for f in self.findings],
            "not_medical_advice": NOT_MEDICAL_ADVICE,
        }

    def _summary(self) -> str:
        return (
            f"{self.medications_checked} medication entr"
            f"{'y' if self.medications_checked == 1 else 'ies'} checked; "
            f"overall level: {_HEADLINES[self.overall]}. {self.headline}"
        )

    def to_text(self) -> str:
        """Plain text for people.

        >>> from vitk2 import check_interactions
        >>> print(check_interactions(["apixaban"]).to_text())
        Vitamin K interaction check
        Supplement: none given
        1 medication entry checked; overall level: no interaction (a documented absence). ...
        <BLANKLINE>
        - apixaban: apixaban [no interaction (a documented absence)]
        ...
        vitk2 is not medical advice. ...
        """
        lines = [
            "Vitamin K interaction check",
            f"Supplement: {self.supplement or 'none given'}",
            self._summary(),
        ]
        for f in self.findings:
            name = f.substance_name or "not recognised"
            lines += ["", f"- {f.input!s}: {name} [{_headline(f)}]"]
            if f.did_you_mean:
                lines.append(f"  Did you mean: {', '.join(f.did_you_mean)}?")
            lines += [
                f"  Matched as: {f.matched_as or '-'}; direction: {f.direction.value}",
                f"  Mechanism: {f.mechanism}",
                f"  What to do: {f.advice}",
                f"  Evidence: {f.evidence}",
                f"  Sources: {'; '.join(str(c) for c in f.citations)}",
            ]
        lines += ["", NOT_MEDICAL_ADVICE]
        return "\n".join(lines)

    def to_markdown(self) -> str:
        """Markdown for people.

        >>> from vitk2 import check_interactions
        >>> md = check_interactions(["apixaban"]).to_markdown()
        >>> md.splitlines()[0]
        '# Vitamin K interaction check'
        >>> "not medical advice" in md
        True
        """
        lines = [
            "# Vitamin K interaction check",
            "",
            f"**Supplement:** {markdown_text(self.supplement or 'none given')}",
            "",
            markdown_text(self._summary()),
        ]
        for f in self.findings:
            name = f.substance_name or "not recognised"
            cites = "; ".join(f"[{markdown_text(c.short)}]({c.link})" for c in f.citations)
            said = markdown_text(_headline(f))
            lines += ["", f"## {markdown_text(f.input)}: {markdown_text(name)} ({said})", ""]
            if f.did_you_mean:
                lines.append(f"- **Did you mean:** {markdown_text(', '.join(f.did_you_mean))}?")
            lines += [
                f"- **Matched as:** {markdown_text(f.matched_as or '-')}",
                f"- **Direction:** {f.direction.value}",
                f"- **Mechanism:** {markdown_text(f.mechanism)}",
                f"- **What to do:** {markdown_text(f.advice)}",
                f"- **Evidence:** {markdown_text(f.evidence)}",
                f"- **Sources:** {cites}",
            ]
        lines += ["", f"*{markdown_text(NOT_MEDICAL_ADVICE)}*", ""]
        return "\n".join(lines)


def _finding_line(f: Finding) -> str:
    name = f.substance_name or "not recognised"
    line = f"{f.input}: {name}, {_headline(f)}."
    if f.did_you_mean:
        line += f" Did you mean {' or '.join(f.did_you_mean)}?"
    return line


def _headline(f: Finding) -> str:
    if f.ranks_as is f.severity:
        return _HEADLINES[f.severity]
    return f"{_HEADLINES[f.severity]}; ranked as {f.ranks_as.value.upper()}"
