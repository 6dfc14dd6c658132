"""The ``evidence`` command: what trials found, by outcome, vitamer, dose and population."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, TextIO

from vitk2._cli_shared import EXIT_OK, UsageError, print_json

if TYPE_CHECKING:
    from vitk2._evidence import EvidenceAnswer

_EVIDENCE_EPILOG = """\
examples:
  vitk2 evidence --outcome calcification
  vitk2 evidence --outcome "arterial stiffness" --vitamer MK-7
  vitk2 evidence --outcome bone --dose "45 mg/day MK-4" --population osteoporosis
  vitk2 evidence --outcome calcification --plot calcification.png
  vitk2 evidence --outcome fracture --include-retracted --json

A dose matches trial arms within ±20 %; --dose-range LOW HIGH matches an inclusive range.
Retracted trials are left out unless --include-retracted, and the answer always lists what it
left out. --require-primary leaves out figures read only in copies of the paper.
"""


def _answer_json(answer: EvidenceAnswer) -> dict[str, Any]:
    from vitk2._advice import NOT_MEDICAL_ADVICE  # noqa: PLC0415

    q = answer.query
    return {
        "query": {
            "outcome": q.outcome,
            "vitamer": q.vitamer,
            "dose_range": None if q.dose is None else [str(d) for d in q.dose],
            "population": q.population,
            "include_retracted": q.include_retracted,
            "require_primary": q.require_primary,
        },
        "summary": {
            "trials": answer.n_trials,
            "participants": answer.n_participants,
            "trials_of_unknown_size": answer.n_participants_unknown,
            "primary_outcome": dict(answer.primary_tally),
            "dose_ranges": {k: [str(lo), str(hi)] for k, (lo, hi) in answer.dose_ranges.items()},
        },
        "rows": [
            {
                "trial": r.trial.key,
                "title": r.trial.title_short,
                "arm": r.arm.label,
                "vitamer": None if r.arm.vitamer is None else r.arm.vitamer.key,
                "daily_dose": None if r.arm.daily_dose is None else str(r.arm.daily_dose),
                "measure": r.result.measure,
                "area": r.result.area,
                "primary": r.result.primary,
                "subgroup": r.result.subgroup,
                "effect": r.result.effect,
                "estimate": r.result.estimate,
                "ci": None
                if r.result.ci_low is None
                else [r.result.ci_low, r.result.ci_high, r.result.ci_level],
                "p": r.result.p,
                "direction": r.result.direction,
                "status": r.result.status,
                "read_in": r.result.read_in,
                "citation": str(r.trial.citation),
            }
            for r in answer.rows
        ],
        "meta_analyses": [
            {
                "key": m.key,
                "title": m.title_short,
                "pooled": [str(p) for p in m.pooled],
                "conclusion": m.conclusion,
                "later_caution": [str(n) for n in m.later_caution],
                "citation": str(m.citation),
            }
            for m in answer.meta_analyses
        ],
        "excluded": [{"key": e.key, "title": e.title, "reason": e.reason} for e in answer.excluded],
        "not_medical_advice": NOT_MEDICAL_ADVICE,
    }


def _cmd_evidence(args: argparse.Namespace, out: TextIO) -> int:
    from vitk2._amounts import parse_daily_dose  # noqa: PLC0415
    from vitk2._evidence import evidence  # noqa: PLC0415

    if args.dose is not None and args.dose_range is not None:
        msg = "give --dose or --dose-range, not both"
        raise UsageError(msg)
    dose: Any = args.dose
    if args.dose_range is not None:
        low, high = args.dose_range
        first = parse_daily_dose(low, vitamer=args.vitamer)
        dose = (first, parse_daily_dose(high, vitamer=args.vitamer or first.vitamer))
    answer = evidence(
        outcome=args.outcome,
        vitamer=args.vitamer,
        dose=dose,
        population=args.population,
        include_retracted=args.include_retracted,
        require_primary=args.require_primary,
    )
    if args.plot:
        from vitk2._evidence_plot import plot_evidence  # noqa: PLC0415

        path = plot_evidence(answer, args.plot)
        if not args.json:
            out.write(f"plot written to {path}\n")
    if args.json:
        print_json(_answer_json(answer), out)
    else:
        out.write(f"{answer}\n")
    return EXIT_OK


def add_parser(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """The ``evidence`` subcommand."""
    p = sub.add_parser(
        "evidence",
        help="what trials found, by outcome, vitamer, dose and population",
        description=(
            "The evidence map: trials of vitamin K by outcome, with their results as published, "
            "the meta-analyses that pooled them, and what was left out (retracted trials)."
        ),
        epilog=_EVIDENCE_EPILOG,
        formatter_class=fmt,
    )
    p.add_argument(
        "--outcome",
        help="an area (calcification, arterial stiffness, bone, fracture, vitamin K status, …) "
        "or a measure (cfPWV, Agatston CAC score, …)",
    )
    p.add_argument("--vitamer", help="K1, MK-4, MK-7, …")
    p.add_argument("--dose", help='a daily dose, matched within ±20 %%: "180 µg/day MK-7"')
    p.add_argument("--dose-range", nargs=2, metavar=("LOW", "HIGH"), help="an inclusive range")
    p.add_argument("--population", help="haemodialysis, postmenopausal women, older adults, …")
    p.add_argument("--include-retracted", action="store_true", help="keep retracted trials in")
    p.add_argument(
        "--require-primary",
        action="store_true",
        help="leave out figures read only in copies of the paper",
    )
    p.add_argument("--plot", metavar="FILE", help="also draw the answer to a PNG file")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=_cmd_evidence)
