"""The ``food`` and ``diary`` commands: vitamin K content of foods and of a food diary."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, TextIO

from vitk2._cli_intakes import add_person_arguments, check_person_options
from vitk2._cli_shared import (
    EXIT_ATTENTION,
    EXIT_OK,
    UsageError,
    approx,
    print_json,
    short_number,
    whole_number,
)
from vitk2._errors import Vitk2Error

if TYPE_CHECKING:
    from vitk2._diaries import Diary
    from vitk2._food_records import Food

# --- food ----------------------------------------------------------------------------------

_FOOD_EPILOG = """\
actions:
  search WORDS     foods whose words start with the query's; misspelt words are forgiven
  show FOOD        a food's content per 100 g (and per --portion)
  tables [FOOD]    every food table with its counts; with FOOD, its values in every table
  richest VITAMER  the foods richest in a vitamer, per 100 g or --per serving

examples:
  vitk2 food search cheddar
  vitk2 food search brocolli
  vitk2 food search "chicken breast roasted" --limit 5
  vitk2 food show 11233
  vitk2 food show "Kale, raw" --portion "1 cup"
  vitk2 food show natto --json
  vitk2 food tables
  vitk2 food tables "Cheese, cheddar"
  vitk2 food tables "Spinach, raw" --table vk2
  vitk2 food richest MK-7
  vitk2 food richest K1 --per serving --limit 5 --table sr28
"""


def _find_food(key: str) -> Food:
    """The food *key* names, else the best search hit; else the lookup's error (suggestions)."""
    from vitk2._food_lookup import food  # noqa: PLC0415
    from vitk2._food_search import search_foods  # noqa: PLC0415

    try:
        return food(key)
    except Vitk2Error:
        matches = search_foods(key, limit=1)
        if not matches:
            raise
        return matches[0]


def _search(args: argparse.Namespace, out: TextIO) -> int:
    from vitk2._food_search import corrected_words, search_foods  # noqa: PLC0415

    query = " ".join(args.query)
    found = search_foods(query, limit=args.limit, fuzzy=not args.exact)
    read_as = {} if args.exact else corrected_words(query)
    if args.json:
        print_json(
            {
                "query": query,
                "read_as": {w: list(ws) for w, ws in read_as.items()},
                "foods": [{"id": f.id, "description": f.description, "group": f.group}
                          for f in found],
            },
            out,
        )
        return EXIT_OK if found else EXIT_ATTENTION
    fixed = {w: ws for w, ws in read_as.items() if ws}
    if found and fixed:
        shown = "; ".join(f"{w!r} as {' or '.join(repr(x) for x in ws[:3])}"
                          for w, ws in fixed.items())
        out.write(f"(read {shown})\n")
    if found:
        for f in found:
            out.write(f"{f.id:>8}  {f.description}\n")
        return EXIT_OK
    out.write(f"no food matches {query!r}\n")
    for word in [w for w, ws in read_as.items() if not ws]:
        out.write(f"  {word!r} is not close to any word of the foods\n")
    words = query.split()
    if len(words) > 1:  # every word must match: say what each word finds alone
        for word in words:
            alone = search_foods(word, limit=3, fuzzy=not args.exact)
            if alone:
                listed = "; ".join(f.description for f in alone)
                out.write(f"  {word!r} alone finds: {listed}\n")
    out.write("try fewer or shorter words (a word may be the start of a food's word)\n")
    return EXIT_ATTENTION  # like grep: no match is exit status 1


def _tables(args: argparse.Namespace, out: TextIO) -> int:
    from vitk2._food_views import food_across_tables, table_summaries  # noqa: PLC0415

    if not args.query:
        summaries = table_summaries()
        if args.json:
            print_json([{"namespace": t.namespace, "foods": t.foods,
                         "foods_with_values": t.foods_with_values, "values": t.values,
                         "values_for_other_tables_foods": t.for_other_tables,
                         "links": t.links, "totals": t.totals, "sources": list(t.sources)}
                        for t in summaries], out)
            return EXIT_OK
        for t in summaries:
            values = ", ".join(f"{k} {n:,}" for k, n in t.values.items()) or "none"
            totals = "".join(
                f"; {n:,} totals of vitamin {kind} (several forms, not a vitamer)"
                for kind, n in t.totals.items()
            )
            out.write(f"{t.namespace}: {t.foods:,} foods; values for {t.foods_with_values:,} "
                      f"foods ({values}); {t.for_other_tables:,} for other tables' foods; "
                      f"{t.links} cited links{totals}\n")
        out.write("a vitamer not listed has no value in that table: unknown, not zero\n")
        return EXIT_OK
    view = food_across_tables(_find_food(" ".join(args.query)))
    contents = view.in_table(args.table) if args.table else view.contents
    if args.json:
        print_json(
            {
                "id": view.food.id,
                "description": view.food.description,
                "tables": list(view.tables),
                "linked": [f.id for f in view.linked],
                "link_sources": list(view.link_sources),
                "totals": [
                    {"table": ns, "kind": t.kind, "food": t.food_id,
                     "ug_per_100g": float(t.micrograms_per_100g), "sources": list(t.sources)}
                    for ns, t in view.totals
                ],
                "contents": {
                    c.vitamer.key: {
                        "low_ug": None if c.low is None else float(c.low),
                        "high_ug": None if c.high is None else float(c.high),
                        "values": [
                            {"table": v.table, "food": v.food_id,
                             "ug_per_100g": float(v.micrograms_per_100g),
                             "sources": list(v.measurement.sources)}
                            for v in c.values
                        ],
                    }
                    for c in contents
                },
            },
            out,
        )
        return EXIT_OK
    if args.table:
        out.write(f"{view.food.id} {view.food.description}, table {args.table}:\n")
        out.writelines(f"  {c}\n" for c in contents)
    else:
        out.write(view.to_text() + "\n")
    sources = dict.fromkeys(k for c in contents for k in c.sources)
    if sources:
        from vitk2._sources import citation  # noqa: PLC0415

        out.write("sources: " + "; ".join(f"{k} ({citation(k).short})" for k in sources) + "\n")
    return EXIT_OK


def _richest(args: argparse.Namespace, out: TextIO) -> int:
    from vitk2._food_ranking import richest_foods  # noqa: PLC0415

    if len(args.query) != 1:
        raise UsageError("name one vitamer, e.g. vitk2 food richest MK-7")
    ranking = richest_foods(
        args.query[0], per=args.per, limit=args.limit, tables=args.table and [args.table]
    )
    if args.json:
        print_json(
            {
                "vitamer": ranking.vitamer.key,
                "per": ranking.per,
                "tables": list(ranking.tables),
                "known": ranking.known,
                "unknown": ranking.unknown,
                "without_serving": ranking.without_serving,
                "foods": [
                    {
                        "rank": r.rank,
                        "id": r.food.id,
                        "description": r.food.description,
                        "ug_per_100g": float(r.micrograms_per_100g),
                        "low_ug_per_100g": float(r.low),
                        "high_ug_per_100g": float(r.high),
                        "serving": None if r.serving is None else str(r.serving),
                        "ug_per_serving": (
                            None if r.per_serving is None else float(r.per_serving.micrograms)
                        ),
                        "measured": r.measured,
                        "imputed": r.imputed,
                        "basis_not_stated": r.unstated,
                        "sources": list(r.sources),
                    }
                    for r in ranking.foods
                ],
            },
            out,
        )
        return EXIT_OK
    out.write(ranking.to_text() + "\n")
    return EXIT_OK


def _cmd_food(args: argparse.Namespace, out: TextIO) -> int:
    from vitk2._food_records import FOOD_VITAMERS  # noqa: PLC0415

    if args.action == "tables":
        return _tables(args, out)
    if not args.query:
        raise UsageError(f"vitk2 food {args.action} needs words: a food, or a vitamer")
    if args.action == "search":
        return _search(args, out)
    if args.action == "richest":
        return _richest(args, out)
    f = _find_food(" ".join(args.query))
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
reports:
  totals        (the default) the total of each vitamer, and what share of the weight it covers
  completeness  per vitamer, the share of the weight eaten whose content is known, and the
                foods whose content is unknown
  consistency   day-to-day variation per vitamer and as totals (needs a "date" column); a
                basis is assessed only if every day's known share of the weight is at least
                --min-coverage (default 1: all of it); nothing is flagged, as no source sets a
                numeric limit on a day-to-day swing. Exit status 1 if no basis could be assessed.

The CSV file has a header row with the columns "food" (an SR28 NDB number, a namespaced id
such as vk2:cheese-raclette, or an exact description) and "amount" (grams such as "30 g", or a
household measure such as "1 cup"); for consistency also "date" (any label, one per day, in
the order the days first appear).

With --reference AUTHORITY and the person options (--age, --sex, ...), the day's intake is
also given as a percentage of that authority's reference value, counted as it counts (what
it counted, what it left out, and what was unknown).

examples:
  vitk2 diary meals.csv
  vitk2 diary meals.csv --json
  vitk2 diary meals.csv --reference IOM --age 40 --sex female
  vitk2 diary meals.csv --reference Japan --age 40 --by mass
  vitk2 diary completeness meals.csv
  vitk2 diary consistency week.csv --vitamer K1
  vitk2 diary consistency week.csv --vitamer K1 --vitamer MK-4 --min-coverage 0.95
"""

_REPORTS = ("totals", "completeness", "consistency")


def _read_diary(path: str, *, by_date: bool) -> dict[str, Diary]:
    """The diary in *path*, as one Diary (key ``""``) or one per value of its date column."""
    import csv  # noqa: PLC0415

    from vitk2._diaries import Diary  # noqa: PLC0415

    days: dict[str, Diary] = {}
    needed = {"food", "amount", "date"} if by_date else {"food", "amount"}
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            if reader.fieldnames is not None and not needed <= set(reader.fieldnames):
                names = ", ".join(repr(n) for n in sorted(needed))
                raise UsageError(f"{path!r} needs the columns {names}")
            # Streamed row by row; Diary.add appends in O(1), so a large file is linear.
            for row in reader:
                day = (row["date"] or "").strip() if by_date else ""
                if by_date and not day:
                    raise UsageError(f"{path}, line {reader.line_num}: the date is empty")
                food_, amount = (row["food"] or "").strip(), (row["amount"] or "").strip()
                try:
                    days[day] = days.get(day, Diary()).add(food_, amount)
                except Vitk2Error as exc:
                    raise UsageError(f"{path}, line {reader.line_num}: {exc}") from None
    except OSError as exc:
        raise UsageError(f"cannot read {path!r}: {exc.strerror}") from None
    except UnicodeDecodeError:
        msg = f"{path!r} is not UTF-8 text; give a CSV file saved as UTF-8 (header 'food,amount')"
        raise UsageError(msg) from None
    except csv.Error as exc:
        raise UsageError(f"{path!r} is not a CSV file vitk2 can read: {exc}") from None
    if not days:
        header = "food,amount,date" if by_date else "food,amount"
        raise UsageError(f"{path!r} has no entries; expected a header '{header}' and rows")
    return days


def _share(coverage: object) -> str:
    from fractions import Fraction  # noqa: PLC0415

    from vitk2._diaries import percent_text  # noqa: PLC0415

    return "nothing eaten" if not isinstance(coverage, Fraction) else percent_text(coverage)


def _cmd_diary(args: argparse.Namespace, out: TextIO) -> int:
    if args.report is None:
        raise UsageError("give the diary's FILE.csv: vitk2 diary [REPORT] FILE.csv")
    report, path = ("totals", args.report) if args.csv is None else (args.report, args.csv)
    if report not in _REPORTS:
        raise UsageError(
            f"{report!r} is not a diary report; give one of {', '.join(_REPORTS)} before the file"
        )
    check_person_options(args, args.reference, "--reference AUTHORITY")
    if args.reference is None and args.require_primary:
        raise UsageError("--require-primary needs --reference AUTHORITY")
    if args.reference is not None and report != "totals":
        msg = "--reference goes with the totals report: vitk2 diary FILE.csv --reference ..."
        raise UsageError(msg)
    if report == "consistency":
        return _consistency(args, path, out)
    if args.vitamer or args.min_coverage is not None:
        raise UsageError("--vitamer and --min-coverage go with the consistency report")
    diary = _read_diary(path, by_date=False)[""]
    totals = diary.totals()
    if report == "completeness":
        return _completeness(diary, args, out)
    pct = None
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
                    "coverage": None if t.coverage is None else float(t.coverage),
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
            unknown = "" if t.coverage is None else f", {_share(1 - t.coverage)} of the weight"
            out.write(f"  {t.vitamer.key}: at least {approx(known)} "
                      f"(unknown for {n} of {t.entries} entries{unknown})\n")
        else:
            out.write(f"  {t.vitamer.key}: {approx(known)}\n")
    if pct is not None:
        from vitk2._cli_intakes import write_percent  # noqa: PLC0415

        out.write(f"reference: {pct.reference}\n")
        write_percent(pct, out)
    return EXIT_OK


def _completeness(diary: Diary, args: argparse.Namespace, out: TextIO) -> int:
    totals = diary.totals()
    entries = diary.entries
    grams = sum((e.grams for e in entries), start=entries[0].grams * 0)
    if args.json:
        print_json(
            {
                "entries": len(diary),
                "grams": float(grams),
                "completeness": {
                    t.vitamer.key: {
                        "coverage": None if t.coverage is None else float(t.coverage),
                        "known_grams": float(t.grams - t.unknown_grams),
                        "unknown_entries": list(t.unknown_entries),
                    }
                    for t in totals
                },
            },
            out,
        )
        return EXIT_OK
    out.write(f"{len(diary)} entries, {short_number(grams)} g; "
              "share of the weight whose content is known, per vitamer:\n")
    for t in totals:
        line = f"  {t.vitamer.key}: {_share(t.coverage)}"
        if t.unknown_entries:
            foods = dict.fromkeys(entries[i].food.description for i in t.unknown_entries)
            listed = "; ".join(list(foods)[:3]) + ("; …" if len(foods) > 3 else "")
            line += f" (unknown: {listed})"
        out.write(line + "\n")
    out.write("a total covering less than 100 % is a lower bound: unknown is not zero\n")
    return EXIT_OK


def _consistency(args: argparse.Namespace, path: str, out: TextIO) -> int:
    from vitk2._diary_consistency import intake_consistency  # noqa: PLC0415
    from vitk2._food_records import FOOD_VITAMERS  # noqa: PLC0415

    days = _read_diary(path, by_date=True)
    report = intake_consistency(
        days,
        vitamers=args.vitamer or FOOD_VITAMERS,
        min_coverage=1 if args.min_coverage is None else args.min_coverage,
    )
    if args.json:
        from vitk2._serial import to_dict  # noqa: PLC0415

        print_json(to_dict(report), out)
    else:
        out.write(report.to_text() + "\n")
    return EXIT_OK if any(v.assessed for v in report.variations) else EXIT_ATTENTION


def add_parser(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """The ``food`` and ``diary`` subcommands."""
    p = sub.add_parser(
        "food",
        help="look a food up, search foods, compare tables, rank the richest foods",
        description="Vitamin K content of foods (USDA SR28 and curated menaquinone data).",
        epilog=_FOOD_EPILOG,
        formatter_class=fmt,
    )
    p.add_argument("action", choices=["show", "search", "tables", "richest"])
    p.add_argument(
        "query", nargs="*", help="a food (id or description), search words, or a vitamer"
    )
    p.add_argument("--portion", help='a portion: "30 g", "1 cup", "3 oz" (with show)')
    p.add_argument(
        "--limit", type=whole_number("--limit", 1), default=10,
        help="results to show (search, richest; default 10)",
    )
    p.add_argument("--exact", action="store_true", help="search: no misspellings forgiven")
    p.add_argument(
        "--per", choices=["100 g", "serving"], default="100 g",
        help='richest: rank per "100 g" (default) or per usual "serving"',
    )
    p.add_argument("--table", help="tables, richest: only this table's values (sr28, vk2 …)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=_cmd_food)

    p = sub.add_parser(
        "diary",
        help="vitamin K per vitamer over a food diary in a CSV file: totals, completeness, "
        "day-to-day consistency",
        description="Totals per vitamer over a CSV food diary (unknown contents are reported), "
        "how much of it is known, and how intake varies from day to day.",
        epilog=_DIARY_EPILOG,
        formatter_class=fmt,
    )
    p.add_argument("report", nargs="?", metavar="[REPORT]",
                   help="totals (the default), completeness or consistency")
    p.add_argument("csv", nargs="?", metavar="FILE.csv", help="path to the CSV file")
    p.add_argument(
        "--reference", metavar="AUTHORITY", help="totals: the day against this authority's value"
    )
    add_person_arguments(p)
    p.add_argument(
        "--vitamer", action="append", help="consistency: a vitamer to assess (repeatable)"
    )
    p.add_argument(
        "--min-coverage", help="consistency: the known share of each day's weight needed (0-1)"
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=_cmd_diary)
