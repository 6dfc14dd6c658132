"""The ``check`` command: medications against vitamin K (fails closed)."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from vitk2._cli_shared import EXIT_ATTENTION, EXIT_OK, UsageError, print_report

_CHECK_EPILOG = """\
examples:
  vitk2 check "Coumadin 5 mg tablet" --supplement "100 µg/day MK-7"
  vitk2 check warfarin apixaban --supplement MK-4 --format markdown
  vitk2 check acenocoumarol --json --fail-at moderate

exit status: 1 when the overall level is at or above --fail-at (default: moderate).
An input vitk2 does not recognise is reported as UNKNOWN, which is never treated as safe.
"""


def _cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from vitk2._interactions import Severity, check_interactions  # noqa: PLC0415

    if not args.medications:
        msg = (
            "name at least one medication to check, e.g. vitk2 check warfarin; "
            "with none, nothing is assessed (which is not 'no interaction')"
        )
        raise UsageError(msg)
    for name in args.medications:
        if not name.strip():
            msg = "an empty medication name was given; name each medication, e.g. warfarin"
            raise UsageError(msg)
    # check_interactions reads a vitamer name or a dose text itself.
    report = check_interactions(list(args.medications), supplement=args.supplement)
    print_report(report, args, out)
    threshold = Severity(args.fail_at)
    return EXIT_ATTENTION if report.overall >= threshold else EXIT_OK


def add_parser(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """The ``check`` subcommand."""
    p = sub.add_parser(
        "check",
        help="check medications for interactions with vitamin K (fails closed)",
        description="Check medications against vitamin K. Unknown inputs are reported as unknown.",
        epilog=_CHECK_EPILOG,
        formatter_class=fmt,
    )
    p.add_argument(
        "medications",
        nargs="*",
        help="medication names, brands, ATC codes or RxCUIs (at least one)",
    )
    p.add_argument(
        "--supplement",
        help='the vitamin K supplement: "100 µg/day MK-7", "45 mg/day MK-4", or a vitamer',
    )
    p.add_argument("--format", choices=["text", "markdown"], default="text")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument(
        "--fail-at",
        choices=["info", "minor", "moderate", "major", "unknown", "contraindicated"],
        default="moderate",
        help="exit 1 when the overall level is at or above this (default: moderate)",
    )
    p.set_defaults(handler=_cmd_check)
