"""The ``food`` and ``diary`` commands: vitamin K content of foods and of a food diary."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from vitk2._cli_intakes import add_person_arguments, check_person_options
from vitk2._cli_shared import EXIT_OK, UsageError, approx, print_json, short_number
from vitk2._errors import Vitk2Error

# --- food ----------------------------------------------------------------------------------

_FOOD_EPILOG = """\
examples:
  vitk2 food search cheddar
  vitk2 food search "chicken breast roasted" --limit 5
  vitk2 food show 11233
  vitk2 food show "Kale, raw" --portion "1 cup"
  vitk2 food show natto --json
"""


def _cmd_food(args: argparse.Namespace, out: TextIO) -> int:
    from vitk2._food_lookup import food  # noqa: PLC0415
    from vitk2._food_records import FOOD_VITAMERS  # noqa: PLC0415
    from vitk2._food_search import search_foods  # noqa: PLC0415

    if args.action == "search":
        query = " ".join(args.query)
        found = search_foods(query, limit=args.limit)
        if args.json:
            print_json([{"id": f.id, "description": f.description, "group": f.group}
                         for f in found], out)
        elif not found:
            out.write(f"no food matches {query!r}\n")
        else:
            for f in found:
                out.write(f"{f.id:>8}  {f.description}\n")
        return EXIT_OK
    key = " ".join(args.query)
    try:
        f = food(key)
    except Vitk2Error:
        matches = search_foods(key, limit=1)
        if not matches:
            raise
        f = matches[0]
    rows = []
    for v in FOOD_VITAMERS:
        content = f.content(v)
        portion = f.amount_of(v, args.portion) if args.portion else None
        rows.append((v, content, portion))
    if args.json:
        print_json(
            {
                "id": f.id,
                "description": f.description,
                "group": f.group,
                "portion": args.portion,
                "portion_grams": float(f.grams(args.portion)) if args.portion else None,
                "per_100g_ug": {
                    v.key: (None if c.micrograms_per_100g is None else float(c.micrograms_per_100g))
                    for v, c, _ in rows
                },
                "per_portion_ug": {
                    v.key: (None if p is None else float(p.micrograms)) for v, _, p in rows
                } if args.portion else None,
                "measures": [m.description for m in f.measures],
                "sources": sorted({k for _, c, _ in rows for k in c.sources} | set(f.sources)),
            },
            out,
        )
        return EXIT_OK
    out.write(f"{f.id}  {f.description}  ({f.group})\n")
    if args.portion:
        out.write(f"portion: {args.portion} = {short_number(f.grams(args.portion))} g\n")
    for v, content, portion in rows:
        per_100 = str(content) if content.known else f"{v.key}: unknown per 100 g"
        line = f"  {per_100}"
        if args.portion:
            line += f"; per portion: {approx(portion) if portion is not None else 'unknown'}"
        out.write(line + "\n")
    if f.measures:
        measures = (
            f"{short_number(m.amount)} {m.description} = {short_number(m.grams)} g"
            for m in f.measures
        )
        out.write("household measures: " + "; ".join(measures) + "\n")
    return EXIT_OK


# --- diary ---------------------------------------------------------------------------------

_DIARY_EPILOG = """\
The CSV file has a header row with the columns "food" (an SR28 NDB number, a curated id or an
exact description) and "amount" (grams such as "30 g", or a household measure such as "1 cup").

With --reference AUTHORITY and the person options (--age, --sex, ...), the day's intake is
also given as a percentage of that authority's reference value, counted as it counts (what
it counted, what it left out, and what was unknown).

examples:
  vitk2 diary meals.csv
  vitk2 diary meals.csv --json
  vitk2 diary meals.csv --reference IOM --age 40 --sex female
  vitk2 diary meals.csv --reference Japan --age 40 --by mass
"""


def _cmd_diary(args: argparse.Namespace, out: TextIO) -> int:
    import csv  # noqa: PLC0415

    from vitk2._diaries import Diary  # noqa: PLC0415

    diary = Diary()
    try:
        with open(args.csv, newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            if reader.fieldnames is not None and not {"food", "amount"} <= set(reader.fieldnames):
                raise UsageError(f"{args.csv!r} needs the columns 'food' and 'amount'")
            # Streamed row by row; Diary.add appends in O(1), so a large file is linear.
            for row in reader:
                try:
                    diary = diary.add((row["food"] or "").strip(), (row["amount"] or "").strip())
                except Vitk2Error as exc:
                    raise UsageError(f"{args.csv}, line {reader.line_num}: {exc}") from None
    except OSError as exc:
        raise UsageError(f"cannot read {args.csv!r}: {exc.strerror}") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise UsageError(f"{args.csv!r} is not a UTF-8 CSV file: {exc}") from None
    if not diary:
        raise UsageError(f"{args.csv!r} has no entries; expected a header 'food,amount' and rows")
    totals = diary.totals()
    pct = None
    check_person_options(args, args.reference, "--reference AUTHORITY")
    if args.reference is None and args.require_primary:
        raise UsageError("--require-primary needs --reference AUTHORITY")
    if args.reference is not None:
        from vitk2._cli_intakes import lookup_reference  # noqa: PLC0415
        from vitk2._intakes import percent_of_reference  # noqa: PLC0415

        pct = percent_of_reference(totals, lookup_reference(args.reference, args), by=args.by)
    if args.json:
        from vitk2._cli_intakes import percent_json, reference_json  # noqa: PLC0415

        data: dict[str, Any] = {
            "entries": len(diary),
            "totals": {
                t.vitamer.key: {
                    "known_ug": None if t.known is None else float(t.known.micrograms),
                    "is_lower_bound": t.is_lower_bound,
                    "unknown_entries": list(t.unknown_entries),
                }
                for t in totals
            },
        }
        if pct is not None:
            data["reference"] = reference_json(pct.reference)
            data["percent_of_reference"] = percent_json(pct)
        print_json(data, out)
        return EXIT_OK
    out.write(f"{len(diary)} entries\n")
    for t in totals:
        n, known = len(t.unknown_entries), t.known
        if known is None:
            out.write(f"  {t.vitamer.key}: unknown for all {t.entries} entries\n")
        elif n:
            out.write(f"  {t.vitamer.key}: at least {approx(known)} "
                      f"(unknown for {n} of {t.entries} entries)\n")
        else:
            out.write(f"  {t.vitamer.key}: {approx(known)}\n")
    if pct is not None:
        from vitk2._cli_intakes import write_percent  # noqa: PLC0415

        out.write(f"reference: {pct.reference}\n")
        write_percent(pct, out)
    return EXIT_OK


def add_parser(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """The ``food`` and ``diary`` subcommands."""
    p = sub.add_parser(
        "food",
        help="look a food up, or search foods by words",
        description="Vitamin K content of foods (USDA SR28 and curated menaquinone data).",
        epilog=_FOOD_EPILOG,
        formatter_class=fmt,
    )
    p.add_argument("action", choices=["show", "search"])
    p.add_argument("query", nargs="+", help="an NDB number, a description, or search words")
    p.add_argument("--portion", help='a portion: "30 g", "1 cup", "3 oz" (with show)')
    p.add_argument("--limit", type=int, default=10, help="search results to show (default 10)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=_cmd_food)

    p = sub.add_parser(
        "diary",
        help="total vitamin K per vitamer over a food diary in a CSV file",
        description="Totals per vitamer over a CSV food diary; unknown contents are reported.",
        epilog=_DIARY_EPILOG,
        formatter_class=fmt,
    )
    p.add_argument("csv", help="path to the CSV file")
    p.add_argument(
        "--reference", metavar="AUTHORITY", help="compare the day with this authority's value"
    )
    add_person_arguments(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=_cmd_diary)
