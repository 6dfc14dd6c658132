"""Regenerate vitk2's packaged USDA SR28 vitamin K food table from the raw SR28 files.

Usage (from the repository root)::

    python tools/build_foods.py                      # reads ../shared/data/usda-sr28
    python tools/build_foods.py --raw PATH --out FILE
    python tools/build_foods.py --check              # exit 1 if the packaged file is stale

The raw files are SR28's own ASCII release files (Latin-1, fields separated by ``^``, text
wrapped in ``~``, CRLF line ends); see PROVENANCE.md beside them.  Every food with a
phylloquinone (430), dihydrophylloquinone (429) or menaquinone-4 (428) row is kept, with its
food group, household measures and the full provenance of each vitamin K row.  A food without a
row for a nutrient gets no entry for it: unknown, never zero.

The output is gzip'd JSON with sorted keys, fixed separators and ``mtime=0``, so the same raw
files always give the same bytes.  Values stay the decimal text SR28 prints ("704.8"), so that
vitk2 can read them exactly as fractions.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW_RELATIVE = Path("shared") / "data" / "usda-sr28"
DEFAULT_OUT = ROOT / "src" / "vitk2" / "data" / "foods-sr28.json.gz"
VITAMIN_K_NUTRIENTS = {"428": "MK-4", "429": "dihydro-K1", "430": "K1"}
FORMAT = 1


def find_raw() -> Path | None:
    """Locate ``../shared/data/usda-sr28`` beside the repository, or return None.

    ``VITK2_SR28_DIR`` overrides the search.  In a ``git worktree`` the folder is looked for
    beside the main checkout as well, since ``.git`` is then a file pointing there.
    """
    override = os.environ.get("VITK2_SR28_DIR")
    if override:
        return Path(override) if Path(override).is_dir() else None
    candidates = [ROOT.parent / RAW_RELATIVE]
    dot_git = ROOT / ".git"
    if dot_git.is_file():
        text = dot_git.read_text(encoding="utf-8").strip()
        if text.startswith("gitdir:"):
            gitdir = Path(text.removeprefix("gitdir:").strip())
            # <main>/.git/worktrees/<name> -> <main>
            main = gitdir.parent.parent.parent if gitdir.parent.name == "worktrees" else None
            if main is not None:
                candidates.append(main.parent / RAW_RELATIVE)
    return next((c for c in candidates if (c / "NUT_DATA_VITK.txt").is_file()), None)


def _rows(path: Path) -> Iterator[list[str | None]]:
    """Yield SR28 records as lists of fields; empty fields become None."""
    text = path.read_bytes().decode("latin-1")
    for line in text.split("\r\n"):
        if not line.strip():
            continue
        fields: list[str | None] = []
        for raw in line.split("^"):
            value = raw[1:-1] if len(raw) >= 2 and raw[0] == "~" and raw[-1] == "~" else raw
            value = value.strip()
            fields.append(value or None)
        yield fields


def _number(text: str | None) -> str | None:
    """Normalise SR28's decimal text ("19.3", "0", ".5") without going through float."""
    if text is None:
        return None
    t = text.strip()
    if t.startswith("."):
        t = "0" + t
    if not t.replace(".", "", 1).isdigit():
        msg = f"not a non-negative decimal: {text!r}"
        raise ValueError(msg)
    return t


def build(raw: Path) -> bytes:
    """Return the packaged file's bytes, built from the SR28 files in *raw*."""
    groups = {code: name for code, name, *_ in _rows(raw / "FD_GROUP.txt")}
    source_codes = {code: text for code, text, *_ in _rows(raw / "SRC_CD.txt")}
    derivation_codes = {code: text for code, text, *_ in _rows(raw / "DERIV_CD.txt")}

    contents: dict[str, list[list[str | None]]] = {}
    for r in _rows(raw / "NUT_DATA_VITK.txt"):
        ndb, nutr, value, points, _se, src, deriv, ref_ndb = r[:8]
        minimum, maximum = r[10], r[11]
        assert ndb is not None
        assert nutr is not None
        if nutr not in VITAMIN_K_NUTRIENTS:
            continue
        if value is None:
            msg = f"NDB {ndb} nutrient {nutr} has an empty value"
            raise ValueError(msg)
        contents.setdefault(ndb, []).append(
            [nutr, _number(value), points, src, deriv, ref_ndb, _number(minimum), _number(maximum)]
        )

    measures: dict[str, list[tuple[int, list[str | None]]]] = {}
    for r in _rows(raw / "WEIGHT.txt"):
        ndb, seq, amount, desc, grams, points = r[:6]
        assert ndb is not None
        assert seq is not None
        measures.setdefault(ndb, []).append(
            (int(seq), [_number(amount), desc, _number(grams), points])
        )

    foods = []
    for r in _rows(raw / "FOOD_DES.txt"):
        ndb, group, long_desc, short_desc, common = r[:5]
        assert ndb is not None
        if ndb not in contents:
            continue
        foods.append(
            [
                ndb,
                group,
                long_desc,
                short_desc,
                common,
                [m for _, m in sorted(measures.get(ndb, []), key=lambda s: s[0])],
                sorted(contents[ndb], key=lambda c: str(c[0])),
            ]
        )
    foods.sort(key=lambda f: str(f[0]))
    rows = [c for cs in contents.values() for c in cs]
    used_src = {str(c[3]) for c in rows if c[3]}
    used_deriv = {str(c[4]) for c in rows if c[4]}
    document = {
        "format": FORMAT,
        "source": "usda-sr28",
        "nutrients": VITAMIN_K_NUTRIENTS,
        "food_fields": ["ndb", "group", "long_desc", "short_desc", "common_names",
                        "measures", "contents"],
        "measure_fields": ["amount", "description", "grams", "data_points"],
        "content_fields": ["nutrient", "value", "data_points", "source_code",
                           "derivation_code", "reference_ndb", "min", "max"],
        "groups": {k: groups[k] for k in sorted({str(f[1]) for f in foods})},
        "source_codes": {k: source_codes[k] for k in sorted(used_src)},
        "derivation_codes": {k: derivation_codes[k] for k in sorted(used_deriv)},
        "foods": foods,
    }
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=None, help="folder of SR28 files")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="packaged file to write")
    parser.add_argument("--check", action="store_true", help="only check the file is current")
    args = parser.parse_args(argv)
    raw = args.raw or find_raw()
    if raw is None:
        print("cannot find ../shared/data/usda-sr28; pass --raw PATH")
        return 2
    data = build(raw)
    if args.check:
        current = args.out.read_bytes() if args.out.exists() else b""
        if current != data:
            print(f"{args.out} is stale; run python tools/build_foods.py")
            return 1
        print(f"{args.out} is up to date")
        return 0
    args.out.write_bytes(data)
    n = len(json.loads(gzip.decompress(data))["foods"])
    print(f"wrote {args.out} ({len(data):,} bytes, {n:,} foods)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
