"""Label conversion: read supplement labels as printed and compare them on a stated basis.

What it shows: the spellings labels use (mcg, µg, μg, MCG, mg, ½, 1e2, "daily"), exact conversion to
one unit and to nanomoles, and why "per capsule" and "per day" are different types. A dose written
without a unit, in IU, with an ambiguous comma or with "qd" is refused rather than guessed.
Run it with: python examples/label_conversion.py
"""

from __future__ import annotations

from vitk2 import Vitk2Error, compare, parse_amount, parse_daily_dose

# (product, per-capsule text as printed, capsules a day)
LABELS = [
    ("Natto-derived K2 softgel", "100 mcg vitamin K2 (MK-7)", 1),
    ("High-strength K2", "0.2 MG MK-7", 1),
    ("K2 + D3 drops (per drop)", "22.5 μg menaquinone-7", 4),
    ("Menatetrenone capsule", "15 mg menatetrenone", 3),
    ("Phylloquinone tablet", "90 µg phytonadione", 1),
    ("Half-strength K1 tablet", "½ mg K1", 1),
    ("Lab sheet", "1e2 ug MK-7", 2),
]


def main() -> None:
    """Print each label per capsule and per day, then compare two products by moles."""
    print(f"{'product':28} {'per capsule':>16} {'per day':>18} {'nmol/day':>12}")
    daily = {}
    for product, text, count in LABELS:
        each = parse_amount(text)
        per_day = (each * count).per_day()
        daily[product] = per_day
        nmol = float(per_day.in_units("nmol"))
        print(f"{product:28} {each!s:>16} {per_day!s:>18} {nmol:12.1f}")

    print()
    mk7 = daily["Natto-derived K2 softgel"]
    mk4 = daily["Menatetrenone capsule"]
    print("MK-4 at the Japanese osteoporosis dose against a typical MK-7 supplement:")
    print(" ", compare(mk4, mk7, by="mass"))
    print(" ", compare(mk4, mk7, by="moles"))

    print()
    print("Label texts vitk2 will not guess about:")
    for text in ["100 MK-7", "1000 IU vitamin K2", "100 mcg K2", "1,000 mcg MK-7",
                 "100 mcg MK-7 qd", "1² mg K1"]:
        try:
            parse_amount(text)
        except Vitk2Error as exc:
            print(f"  {text!r}: {type(exc).__name__}: {exc}")

    print()
    print("A daily dose says so:", parse_daily_dose("180 mcg/d MK-7"),
          "|", parse_daily_dose("100 µg MK-7 daily"))
    print("A US label's thousands comma, stated:", parse_amount("1,000 mcg MK-7", decimal="."))
    print("An EU label's decimal comma, stated:", parse_amount("37,5 µg K1", decimal=","))


if __name__ == "__main__":
    main()
