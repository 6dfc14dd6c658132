"""Mutation testing of vitk2's core (``_units.py`` and ``_amounts.py``), and its score.

Usage (from the repository root, with the ``mutation`` extra installed)::

    python tools/mutation.py               # run mutmut (resumes a run), then print the score
    python tools/mutation.py --fresh       # delete ./mutants first and mutate from scratch
    python tools/mutation.py --report      # only print the score of the last run
    python tools/mutation.py --survivors   # also print the diff of every surviving mutant
    python tools/mutation.py --markdown    # the excluded mutants as the table in docs/mutation.md

mutmut's settings (which modules, which tests, pytest options) are in ``[tool.mutmut]`` of
pyproject.toml; this script sets ``HYPOTHESIS_PROFILE=mutation`` (few, derandomized examples; see
tests/conftest.py) so that one mutant's test run takes seconds.

The score is ``detected / (total - excluded)``: *detected* is killed, timed out or caught by the
type checker; *excluded* is

* **message-only** mutants, found automatically: the mutant changes nothing but the text of an
  error message (a string or f-string assigned to ``msg``/``why``/``example``, or passed to an
  exception being raised or built); tests check the error class and the value a message names,
  not its every word;
* **equivalent** mutants, listed by hand in :data:`EQUIVALENT` below with the reason each cannot
  change behaviour.  mutmut names mutants by function and number, so an edit to a function can
  renumber them: the script warns about listed names that no longer survive.

A surviving mutant that is neither is a gap in the tests.  This is a tool, not a test: CI's pytest
does not run it (it takes minutes).  Exit status: 0 if the score is at least ``--minimum``
(default 85), else 1.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Final

import libcst as cst
from mutmut.mutation.diff_apply import (
    get_diff_for_mutant,
    read_functions_from_index,
    read_mutant_function,
    read_mutants_module,
    read_original_function,
)
from mutmut.stats import status_by_exit_code

ROOT: Final = Path(__file__).resolve().parent.parent
MODULES: Final = ("src/vitk2/_units.py", "src/vitk2/_amounts.py")

#: Surviving mutants that cannot change what a caller sees, each with the reason.
EQUIVALENT: Final[dict[str, str]] = {
    "vitk2._amounts.x_total__mutmut_22": (
        "sum() starting from int 0 instead of Fraction(0): the sum of Fractions is a Fraction, "
        "and an empty sum is 0 either way (plain_magnitude reads both as int 0)"
    ),
    "vitk2._units.x_unit_target__mutmut_20": (
        "Quantity(2, unit) instead of Quantity(1, unit): only the units of to_tuple() are read"
    ),
    "vitk2._units.x_unit_target__mutmut_26": (
        "exp <= 0 instead of exp < 0: pint never keeps a unit with exponent 0"
    ),
    "vitk2._units.x_unit_target__mutmut_27": (
        "exp < 1 instead of exp < 0: moves only fractional exponents (0 < exp < 1) into the "
        "denominator, and such a unit fails the len(items) check either way"
    ),
    "vitk2._units.x__read_pint__mutmut_21": "exp >= 0 instead of > 0: pint keeps no exponent 0",
    "vitk2._units.x__read_pint__mutmut_24": "exp <= 0 instead of < 0: pint keeps no exponent 0",
    "vitk2._units.x__read_pint__mutmut_25": (
        "exp < 1 instead of < 0: moves only fractional exponents into the denominator, and a "
        "unit with one goes to the slow path (and its dimension check) either way"
    ),
    "vitk2._units.x__read_pint__mutmut_26": (
        "initial per_day = None: every path that uses per_day assigns it first"
    ),
    "vitk2._units.x__read_pint__mutmut_27": (
        "initial per_day = True: every path that uses per_day assigns it first"
    ),
    "vitk2._units.x__read_pint__mutmut_28": (
        "initial factor = '': factor and spec are always set together, and spec None still "
        "sends the quantity to the slow path"
    ),
    "vitk2._units.x__read_pint__mutmut_29": (
        "initial spec = '': spec and factor are always set together, and factor None still "
        "sends the quantity to the slow path"
    ),
    "vitk2._units.x__read_pint_slow__mutmut_33": (
        "Quantity(base) instead of Quantity(1, base): only its dimensionality is read"
    ),
    "vitk2._units.x__read_pint_slow__mutmut_35": (
        "Quantity(2, base) instead of Quantity(1, base): only its dimensionality is read"
    ),
    "vitk2._units.x_format_number__mutmut_6": (
        "twos starts at 1: one more decimal place, a trailing zero that rstrip('0') removes"
    ),
    "vitk2._units.x_format_number__mutmut_7": (
        "fives starts at 1: one more decimal place, a trailing zero that rstrip('0') removes"
    ),
    "vitk2._units.x_format_number__mutmut_17": (
        "twos += 2: more decimal places, only trailing zeros that rstrip('0') removes"
    ),
    "vitk2._units.x_format_number__mutmut_27": (
        "fives += 2: more decimal places, only trailing zeros that rstrip('0') removes"
    ),
    "vitk2._amounts.x__convert__mutmut_9": (
        "'XX/dayXX' instead of '/day': _strip_per_day reads only whether the suffix is empty"
    ),
    "vitk2._amounts.x__convert__mutmut_10": (
        "'/DAY' instead of '/day': _strip_per_day reads only whether the suffix is empty"
    ),
    "vitk2._amounts.x__convert__mutmut_50": (
        "in_units('NMOL') instead of 'nmol': an all-upper-case symbol is the same unit"
    ),
    "vitk2._amounts.xǁAmountǁfrom_micrograms__mutmut_2": (
        "always vitamer(v): vitamer() returns a Vitamer it is given unchanged"
    ),
    "vitk2._amounts.xǁAmountǁto__mutmut_3": "per_day=None instead of False: only its truth is read",
    "vitk2._units.x__register_upcast__mutmut_6": (
        "getattr without a default: every supported pint (0.24-0.26) has upcast_type_map"
    ),
    "vitk2._units.x__register_upcast__mutmut_11": (
        "getattr without a default: every supported pint (0.24-0.26) has pint.compat"
    ),
    "vitk2._units.x__register_upcast__mutmut_24": (
        "setdefault(name) instead of setdefault(name, None): the default is None"
    ),
    "vitk2._units.x_format_number__mutmut_45": (
        "num <= 0 instead of num < 0: a zero has denominator 1 and returned earlier"
    ),
    "vitk2._units.x_format_number__mutmut_46": (
        "num < 1 instead of num < 0: the same as num <= 0 for integers, and zero returned earlier"
    ),
    "vitk2._units.x_format_number__mutmut_58": (
        "rstrip(None) instead of rstrip('.'): a terminating non-integer always has a non-zero "
        "last decimal, so there is never a trailing '.' (or space) to strip"
    ),
    "vitk2._units.x_format_number__mutmut_59": (
        "lstrip('.') instead of rstrip('.'): the text starts with a digit and never ends in '.'"
    ),
    "vitk2._units.x_format_number__mutmut_60": (
        "rstrip(None) instead of rstrip('0'): with places = max(twos, fives) and the numerator "
        "coprime to the denominator, the last decimal is never 0"
    ),
    "vitk2._units.x_format_number__mutmut_64": (
        "rstrip('XX0XX'): strips the same characters as rstrip('0') ('X' never occurs)"
    ),
    "vitk2._units.x_format_number__mutmut_65": (
        "rstrip('XX.XX'): strips the same characters as rstrip('.') ('X' never occurs)"
    ),
    "vitk2._units.x_parse_number__mutmut_29": (
        "lstrip('XX+-XX') on lower-cased text: an upper-case 'X' never occurs there"
    ),
    "vitk2._units.x_parse_number__mutmut_60": (
        "rpartition('/') instead of partition('/'): a number that matched has at most one '/'"
    ),
    "vitk2._amounts.x__parse__mutmut_1": (
        "len(text) < 120 instead of <= 120: decides only whether a 120-character text is cached; "
        "the result is the same"
    ),
    "vitk2._amounts.x__split__mutmut_8": (
        "strip() instead of strip(' ,;:'): vitamer names are looked up by their letters and "
        "digits, so surrounding punctuation is ignored either way"
    ),
    "vitk2._amounts.x__split__mutmut_12": (
        "strip('XX ,;:XX'): also strips 'X', which no vitamer name ends or starts with"
    ),
    "vitk2._amounts.x__split__mutmut_13": (
        "return (text, 'XXXX') when the quantity is not at the front: the whole text is then "
        "read as a quantity first, and that fails before the vitamer is looked up"
    ),
    "vitk2._amounts.x__split__mutmut_20": (
        "strip() instead of strip(' ,;:'): vitamer names are looked up by their letters and "
        "digits, so surrounding punctuation is ignored either way"
    ),
    "vitk2._amounts.x__split__mutmut_24": (
        "strip('XX ,;:XX'): also strips 'X', which no vitamer name ends or starts with"
    ),
    "vitk2._units.x__read_text__mutmut_30": (
        "original=None in the bare-number probe: its UnitParseError is discarded, and the "
        "InvalidAmountError it could re-raise (nan, inf) is caught before it"
    ),
    "vitk2._units.x__read_text__mutmut_33": (
        "no original= in the bare-number probe: its UnitParseError is discarded, and the "
        "InvalidAmountError it could re-raise (nan, inf) is caught before it"
    ),
    "vitk2._units.x__separators__mutmut_33": (
        "sign test against 'XX+-XX' instead of '+-': a written number never starts with 'X'"
    ),
    "vitk2._units.x__separators__mutmut_49": (
        "rfind('.') >= rfind(',') instead of >: both separators are present in this branch, "
        "so their last positions are never equal"
    ),
    "vitk2._units.x__separators__mutmut_62": (
        "rpartition(',') instead of partition(','): this branch has exactly one comma"
    ),
    "vitk2._units.x__separators__mutmut_120": (
        "'whole.frac' instead of 'whole' when there is no fraction: '1000.' and '1000' are the "
        "same number to Fraction()"
    ),
    "vitk2._units.x__separators__mutmut_121": (
        "frac and point instead of frac or point: only drops a trailing '.', the same number"
    ),
    "vitk2._units.x__separators__mutmut_122": (
        "point not in body: only adds or drops a trailing '.', the same number"
    ),
}

#: Names a message is built in; a mutant that only changes what is assigned to them is a
#: message-only mutant.
MESSAGE_NAMES: Final = frozenset({"msg", "why", "example", "kind", "convention", "name"})
DETECTED: Final = frozenset({"killed", "timeout", "caught by type check"})


def _mutmut() -> list[str]:
    exe = Path(sys.executable).with_name("mutmut")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "mutmut"]


def run_mutmut(max_children: int | None) -> None:
    """Run ``mutmut run`` over the modules configured in pyproject.toml."""
    env = dict(os.environ, HYPOTHESIS_PROFILE="mutation")
    cmd = [*_mutmut(), "run"]
    if max_children is not None:
        cmd += ["--max-children", str(max_children)]
    subprocess.run(cmd, cwd=ROOT, env=env, check=False)


def statuses() -> dict[str, str]:
    """Each mutant's status from mutmut's result files (``mutants/**/*.py.meta``)."""
    result: dict[str, str] = {}
    for module in MODULES:
        meta = ROOT / "mutants" / f"{module}.meta"
        if not meta.exists():
            sys.exit(f"{meta} not found: run mutmut first (python tools/mutation.py)")
        codes = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
        for name, code in codes.items():
            result[name] = status_by_exit_code[code]
    return result


def _module_path(name: str) -> str:
    module = name.split(".x", 1)[0]  # "vitk2._units.x_parse_number__mutmut_3" -> "vitk2._units"
    return "src/" + module.replace(".", "/") + ".py"


def diff(name: str) -> str:
    """The unified diff of one mutant against the original function."""
    return get_diff_for_mutant(name, path=_module_path(name))


def _functions(name: str) -> tuple[str, str]:
    """Source of the original and of the mutated function."""
    path = _module_path(name)
    functions = read_functions_from_index(name, path)
    if functions is None:
        module = read_mutants_module(path)
        functions = (read_original_function(module, name), read_mutant_function(module, name))
    orig, mutant = (cst.Module([f]).code for f in functions)
    return textwrap.dedent(orig), textwrap.dedent(mutant)


class _HideMessages(ast.NodeTransformer):
    """Replace every error-message expression by one placeholder."""

    placeholder = ast.Constant(value="<message>")

    def visit_Assign(self, node: ast.Assign) -> ast.AST:
        if any(isinstance(t, ast.Name) and t.id in MESSAGE_NAMES for t in node.targets):
            node.value = self.placeholder
            return node
        return self.generic_visit(node)

    def visit_Raise(self, node: ast.Raise) -> ast.AST:
        if isinstance(node.exc, ast.Call):
            node.exc.args = [self.placeholder for _ in node.exc.args]
        return self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> ast.AST:
        func = node.func
        callee = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        if callee.endswith("Error"):
            node.args = [self.placeholder for _ in node.args]
        return self.generic_visit(node)


def is_message_only(name: str) -> bool:
    """True if the mutant changes nothing but the text of an error message."""
    orig, mutant = _functions(name)
    try:
        a, b = ast.parse(orig), ast.parse(mutant)
    except SyntaxError:
        return False
    if ast.dump(a) == ast.dump(b):
        return False  # a change ast does not see (formatting): not a message
    return ast.dump(_HideMessages().visit(a)) == ast.dump(_HideMessages().visit(b))


def score(*, show_survivors: bool) -> float:
    """Print the score of the last run and return it (in per cent)."""
    status = statuses()
    survivors = sorted(n for n, s in status.items() if s not in DETECTED)
    message_only = [n for n in survivors if status[n] == "survived" and is_message_only(n)]
    equivalent = [n for n in survivors if n in EQUIVALENT and n not in message_only]
    stale = sorted(set(EQUIVALENT) - set(equivalent))
    excluded = set(message_only) | set(equivalent)
    counted = len(status) - len(excluded)
    detected = sum(1 for s in status.values() if s in DETECTED)
    by_status: dict[str, int] = {}
    for s in status.values():
        by_status[s] = by_status.get(s, 0) + 1
    gaps = [n for n in survivors if n not in excluded and status[n] != "not checked"]
    unchecked = by_status.get("not checked", 0)
    percent = 100 * detected / counted if counted else 100.0
    counts = ", ".join(f"{k}: {v}" for k, v in sorted(by_status.items()))
    print(f"mutants: {len(status)}  ({counts})")
    print(
        f"excluded: {len(excluded)} ({len(message_only)} message-only, "
        f"{len(equivalent)} equivalent)"
    )
    print(f"score: {detected}/{counted} detected = {percent:.1f} %")
    if unchecked:
        print(f"warning: {unchecked} mutants not checked yet (an unfinished run): counted as gaps")
    for n in stale:
        print(f"warning: {n} is listed as equivalent but is not a survivor (renumbered?)")
    print(f"undetected, not excluded ({len(gaps)}):")
    for n in gaps:
        print(f"  {n}: {status[n]}")
        if show_survivors:
            print(textwrap.indent(diff(n), "    "))
    return percent


def markdown() -> None:
    """Print the excluded mutants as a Markdown table, for docs/mutation.md."""
    status = statuses()
    rows = [(n, EQUIVALENT[n]) for n in sorted(EQUIVALENT)]
    message_only = [
        n for n in sorted(status) if status[n] == "survived" and is_message_only(n)
    ]
    print("| mutant | why it is excluded |\n| --- | --- |")
    for n, why in rows:
        print(f"| `{n}` | equivalent: {why} |")
    for n in message_only:
        changed = [
            line[1:].strip() for line in diff(n).splitlines()
            if line.startswith("+") and not line.startswith("+++")
        ]
        shown = changed[0] if changed else ""
        shown = (shown if len(shown) <= 70 else shown[:67] + "…").replace("|", "\\|")
        print(f"| `{n}` | message only: `{shown}` |")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", action="store_true", help="delete ./mutants first")
    parser.add_argument("--report", action="store_true", help="only report the last run")
    parser.add_argument("--survivors", action="store_true", help="print each gap's diff")
    parser.add_argument("--markdown", action="store_true", help="print the excluded table")
    parser.add_argument("--max-children", type=int, default=None, help="parallel workers")
    parser.add_argument("--minimum", type=float, default=85.0, help="lowest passing score (%%)")
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    if args.markdown:
        markdown()
        return 0
    if not args.report:
        if args.fresh:
            shutil.rmtree(ROOT / "mutants", ignore_errors=True)
        run_mutmut(args.max_children)
    return 0 if score(show_survivors=args.survivors) >= args.minimum else 1


if __name__ == "__main__":
    sys.exit(main())
