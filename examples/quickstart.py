"""Quickstart: read label doses, convert them exactly, and compare K2 forms.

What it shows: parsing the ways labels write micrograms, exact µg ↔ mg ↔ nmol conversion,
why MK-4 and MK-7 are compared only on a stated basis, and daily doses split into equal parts.
Run it with: python examples/quickstart.py
"""

from __future__ import annotations

import vitk2
from vitk2 import MK4, MK7, Amount, compare, parse_amount, parse_daily_dose

LABELS = [
    "100 mcg MK-7",
    "0.1 mg vitamin K2 (MK-7)",
    "90 μg phylloquinone",
    "45mg menatetrenone",
]


def main() -> None:
    """Print a short tour of vitk2."""
    print("vitk2", vitk2.__version__, "-", vitk2.NOT_MEDICAL_ADVICE)
    print()
    print("Label doses, read exactly:")
    for text in LABELS:
        a = parse_amount(text)
        nmol = float(a.in_units("nmol"))
        print(f"  {text!r:30} -> {a!s:14} = {a.ucum:8} = {nmol:10.1f} nmol  ({a.vitamer.name})")

    print()
    print("Two ways of writing the same dose are equal, and hash equally:")
    a, b = parse_amount("100 mcg MK-7"), parse_amount("0.1 mg menaquinone-7")
    print(f"  {a} == {b}: {a == b}; hashes equal: {hash(a) == hash(b)}")

    print()
    print("MK-4 and MK-7 are different molecules; say how to compare them:")
    mk4, mk7 = Amount(MK4, "100 µg"), Amount(MK7, "100 µg")
    try:
        mk4 + mk7
    except vitk2.IncompatibleVitamersError as exc:
        print(f"  {type(exc).__name__}: {exc}")
    print(f"  {compare(mk4, mk7, by='mass')}")
    print(f"  {compare(mk4, mk7, by='moles')}")

    print()
    print("A daily dose in divided parts, exactly:")
    daily = parse_daily_dose("45 mg/day menatetrenone")
    part = (daily / 3).amount
    print(f"  {daily} = 3 x {part} a day; over 4 weeks: {daily.over(28)}")

    print()
    print("Mistakes vitk2 refuses to guess about:")
    for bad in ["90", "1000 IU vitamin K2", "5 Mg MK-7", "90 mL MK-7"]:
        try:
            parse_amount(bad)
        except vitk2.Vitk2Error as exc:
            print(f"  {bad!r:24} {type(exc).__name__}")


if __name__ == "__main__":
    main()
