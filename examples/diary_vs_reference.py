"""Diary totals against a reference intake: what a day of food supplies, and what is unknown.

What it shows: a food diary (SR28 foods and household measures) totalled per vitamer, with the
forms that were never measured reported as unknown rather than zero; the K1 total as a
percentage of the US/Canada adequate intake; and a supplement placed among human trial doses.
Run it with: python examples/diary_vs_reference.py
"""

from __future__ import annotations

import vitk2
from vitk2 import Diary, parse_daily_dose, percent_of_reference, reference_intake

DAY = [
    ("Kale, raw", "1 cup"),
    ("Cheese, cheddar", "1 oz"),
    ("Natto", "30 g"),
    ("01123", "50 g"),  # egg, whole, raw (by NDB number)
    ("Spinach, raw", "1 cup"),
]


def main() -> None:
    """Total the diary, compare with the IOM adequate intake and the trial doses."""
    diary = Diary.of(*DAY)
    print("Diary:")
    for entry in diary.entries:
        print(f"  {entry.food.description:40} {entry.portion}")
    totals = diary.totals()
    print()
    print("Totals per vitamer:")
    for t in totals:
        if t.known is None:
            print(f"  {t.vitamer.key:10} unknown (not measured in any of these foods)")
        else:
            bound = "at least " if t.is_lower_bound else ""
            print(f"  {t.vitamer.key:10} {bound}{t.known:.4g}")

    k1 = totals["K1"].known
    assert k1 is not None
    reference = reference_intake("IOM", age_years=45, sex="female")
    print()
    print(f"Reference: {reference}")
    print(" ", percent_of_reference(k1.per_day(), reference))

    print()
    print("Where does a 180 µg/day MK-7 supplement sit among trial doses?")
    print(vitk2.dose_in_context(parse_daily_dose("180 µg/day MK-7")))
    print()
    print(vitk2.NOT_MEDICAL_ADVICE)


if __name__ == "__main__":
    main()
