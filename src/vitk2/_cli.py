"""The ``vitk2`` command line: the jobs people do in a terminal.

Exit status: 0 success; 1 a finding that needs attention (an interaction at or above
``--fail-at``); 2 bad usage or bad input.  User errors print one line on stderr, never a
traceback.  ``--json`` prints machine-readable output on stdout.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn, TextIO

from vitk2._advice import NOT_MEDICAL_ADVICE
from vitk2._cli_shared import EXIT_OK, EXIT_USAGE, Handler, Parser, UsageError
from vitk2._errors import Vitk2Error

__all__ = ["main"]


_DESCRIPTION = f"""\
vitk2: unit-safe, cited vitamin K2 (and K1, K3) amounts, foods, intakes, studies, interaction
checks and dose schedules.

{NOT_MEDICAL_ADVICE}
"""

_EPILOG = """\
Run "vitk2 COMMAND --help" for a command's options and examples.
exit status: 0 success, 1 a finding that needs attention, 2 bad usage or input.
"""


def build_parser(*, only_convert: bool = False) -> argparse.ArgumentParser:
    """The argument parser, with one subcommand per job (or only ``convert``, see main()).

    Each command family is a module ``vitk2._cli_<area>`` with its handlers and ``add_parser``;
    only ``convert``'s is imported for ``vitk2 convert``, which runs once per process in scripts.
    """
    from vitk2 import _cli_amounts  # noqa: PLC0415

    fmt = argparse.RawDescriptionHelpFormatter
    parser = Parser(prog="vitk2", description=_DESCRIPTION, epilog=_EPILOG, formatter_class=fmt)
    parser.add_argument("--version", action="store_true", help="print vitk2's version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    if only_convert:
        _cli_amounts.add_convert_parser(sub, fmt)
        return parser
    from vitk2 import (  # noqa: PLC0415
        _cli_foods,
        _cli_intakes,
        _cli_interactions,
        _cli_labels,
        _cli_schedules,
        _cli_studies,
    )

    for area in (
        _cli_amounts, _cli_interactions, _cli_foods, _cli_intakes, _cli_studies, _cli_schedules,
        _cli_labels,
    ):
        area.add_parser(sub, fmt)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the exit status."""
    stream = sys.stdout if out is None else out
    if argv is None:
        argv = sys.argv[1:]
    # `vitk2 convert` runs once per process in scripts: building the other subcommands' parsers
    # would cost it more than the conversion, so it gets a parser with only its own.
    parser = build_parser(only_convert=argv[:1] == ["convert"])
    args = parser.parse_args(argv)
    if args.version:
        from importlib.metadata import version  # noqa: PLC0415

        stream.write(f"vitk2 {version('vitk2')}\n")
        return EXIT_OK
    if args.command is None:
        parser.print_help(stream)
        return EXIT_USAGE
    handler: Handler = args.handler
    try:
        return handler(args, stream)
    except (Vitk2Error, UsageError) as exc:
        sys.stderr.write(f"vitk2 {args.command}: error: {exc}\n")
        return EXIT_USAGE
    except BrokenPipeError:  # pragma: no cover - e.g. piped into `head`
        return EXIT_OK


def console_main() -> NoReturn:
    """Entry point of the ``vitk2`` console script."""
    sys.exit(main())
