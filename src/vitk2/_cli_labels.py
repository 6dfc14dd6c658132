"""The ``label`` command: read a supplement or nutrition panel and cross-check its percents."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from vitk2._cli_intakes import add_person_arguments, check_person_options
from vitk2._cli_shared import (
    DECIMAL_CHOICES,
    EXIT_ATTENTION,
    EXIT_OK,
    UsageError,
    decimal_mark,
    print_json,
    print_report,
)

_LABEL_EPILOG = """\
The panel is read from a text file (or "-" for standard input), one row per line, as it is
copied from a label: columns separated by tabs, pipes or runs of spaces.

examples:
  vitk2 label panel.txt
  vitk2 label - < panel.txt
  vitk2 label eu-panel.txt --region eu --decimal comma
  vitk2 label old-panel.txt --reference fda-rdi-1995
  vitk2 label panel.txt --json
  vitk2 label panel.txt --require-primary
  vitk2 label panel.txt --compare-with IOM --age 40 --sex female

With --compare-with AUTHORITY and the person options (--age, --sex, ...), the panel's vitamin K
(one serving a day) is also given as a percentage of that authority's reference value, counted
as the authority counts it (--by basis) or as a plain total by mass (--by mass).

exit status: 0 when every declared vitamin K percent fits its amount, 1 when a line is
flagged (the percent contradicts the amount), when a vitamin K line could not be read (such
as "100 Mg" or "1000 IU"), or, with --require-primary, when a line is left unchecked because
its reference value or rounding rule was read only in secondary copies, 2 on bad usage or an
unreadable file.
"""


def _cmd_label(args: argparse.Namespace, out: TextIO) -> int:
    from vitk2._labels import read_label  # noqa: PLC0415

    source: str = args.file
    if source == "-":
        text = sys.stdin.read()
        name = "standard input"
    else:
        try:
            with open(source, encoding="utf-8-sig") as fh:
                text = fh.read()
        except OSError as exc:
            raise UsageError(f"cannot read {source!r}: {exc.strerror}") from None
        except UnicodeDecodeError:
            raise UsageError(f"{source!r} is not a UTF-8 text file") from None
        name = source
    if not text.strip():
        raise UsageError(f"{name} is empty; give the panel's lines, one row per line")
    report = read_label(
        text,
        region=args.region,
        decimal=decimal_mark(args.decimal),
        reference=args.reference,
        require_primary=args.require_primary,
    )
    check_person_options(args, args.compare_with, "--compare-with AUTHORITY")
    if args.compare_with is None:
        print_report(report, args, out)
        return EXIT_OK if report.ok else EXIT_ATTENTION
    from vitk2._cli_intakes import lookup_reference, percent_json, write_percent  # noqa: PLC0415

    pct = report.percent_of_reference(lookup_reference(args.compare_with, args), by=args.by)
    if args.json:
        print_json({**report.to_dict(), "percent_of_reference": percent_json(pct)}, out)
    else:
        print_report(report, args, out)
        out.write(f"reference: {pct.reference}\n")
        write_percent(pct, out)
    return EXIT_OK if report.ok else EXIT_ATTENTION


def add_parser(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """The ``label`` subcommand: read a Supplement Facts or nutrition panel."""
    p = sub.add_parser(
        "label",
        help="read a Supplement Facts or nutrition panel; cross-check each vitamin K %%DV/%%NRV",
        description="Read a supplement or nutrition panel and check every vitamin K percent "
        "against its amount (FDA Daily Value 120 µg, EU/UK NRV 75 µg).",
        epilog=_LABEL_EPILOG,
        formatter_class=fmt,
    )
    p.add_argument("file", help='a text file with the panel, or "-" for standard input')
    p.add_argument(
        "--compare-with",
        metavar="AUTHORITY",
        help="also give the panel's vitamin K as a percentage of this authority's value",
    )
    add_person_arguments(p, require_primary=False)
    p.add_argument("--region", choices=["us", "eu"],
                   help="us (%%DV) or eu (EU/UK %%NRV); default: read from the panel")
    p.add_argument("--decimal", choices=DECIMAL_CHOICES,
                   help="the panel's decimal mark, point or comma; default: comma for eu, "
                   "point for us")
    p.add_argument("--reference", choices=["fda-dv-2016", "fda-rdi-1995", "eu-nrv"],
                   help="check against this reference value instead of the panel's own")
    p.add_argument("--require-primary", action="store_true",
                   help="do not use a reference value or rounding rule read only in secondary "
                   "copies; such lines are reported as unchecked (exit 1)")
    p.add_argument("--format", choices=["text", "markdown"], default="text")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(handler=_cmd_label)
