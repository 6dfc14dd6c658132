"""The ``studies`` command: doses used in human trials, with citations."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from vitk2._cli_shared import EXIT_OK, print_json

_STUDIES_EPILOG = """\
examples:
  vitk2 studies --around "180 µg/day MK-7"
  vitk2 studies --around "45 mg/day MK-4"
  vitk2 studies --vitamer MK-7 --outcome bone
  vitk2 studies --around "180 µg/day MK-7" --outcome "arterial stiffness"
"""


def _cmd_studies(args: argparse.Namespace, out: TextIO) -> int:
    from vitk2._amounts import parse_daily_dose  # noqa: PLC0415
    from vitk2._studies import dose_in_context, studies  # noqa: PLC0415

    if args.around:
        context = dose_in_context(parse_daily_dose(args.around), outcome=args.outcome)
        if args.json:
            print_json(
                {
                    "dose": str(context.dose),
                    "less": [s.key for s in context.less],
                    "about_the_same": [s.key for s in context.about_same],
                    "more": [s.key for s in context.more],
                },
                out,
            )
        else:
            out.write(f"{context:human}\n")
        return EXIT_OK
    found = studies(vitamer=args.vitamer, outcome=args.outcome)
    if args.json:
        print_json([{"key": s.key, "study": str(s)} for s in found], out)
    else:
        for s in found:
            out.write(f"{s:human}\n")
        out.write(f"{len(found)} study arms\n")
    return EXIT_OK


def add_parser(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """The ``studies`` subcommand."""
    p = sub.add_parser(
        "studies",
        help="human trials by vitamer and outcome, or around a daily dose",
        description="Doses used in human trials of K1, MK-4 and MK-7, with citations.",
        epilog=_STUDIES_EPILOG,
        formatter_class=fmt,
    )
    p.add_argument("--around", help='a daily dose: which trials used less, the same, more')
    p.add_argument("--vitamer", help="filter by vitamer, e.g. MK-7")
    p.add_argument("--outcome", help="filter by outcome area, e.g. bone (also with --around)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=_cmd_studies)
