"""Benchmark: check_interactions on a 10-item list, as a ratio to parsing 10 amounts.

Run: .venv/bin/python benchmarks/bench_interactions.py
The baseline (parse_amount on 10 fresh texts) is measured in the same run, so the ratio is
comparable across machines.
"""

from __future__ import annotations

import timeit

from vitk2 import MK7, DailyDose, check_interactions, parse_amount

MEDS = [
    "Coumadin 5 mg tablet",
    "apixaban",
    "B01AA07",
    11289,
    "calcium carbonate 500 mg + vitamin D3 1000 IU",
    "orlistat 120 mg",
    "frobnicillin",
    None,
    "cholestyramine",
    "w\u0430rfarin",
]
DOSE = DailyDose(MK7, "180 µg/day")


def main() -> None:
    check_interactions(MEDS, supplement=DOSE)  # load the catalogue once
    n = 300
    counter = [0]

    def baseline() -> None:
        # Fresh texts each time, so parse_amount's cache does not flatter the baseline.
        counter[0] += 1
        for i in range(10):
            parse_amount(f"{counter[0]}.{i} µg MK-7")

    base = min(timeit.repeat(baseline, number=n, repeat=5)) / n
    check = min(
        timeit.repeat(lambda: check_interactions(MEDS, supplement=DOSE), number=n, repeat=5)
    ) / n
    print(f"parse_amount x10:        {base * 1e6:8.1f} µs")
    print(f"check_interactions x10:  {check * 1e6:8.1f} µs")
    print(f"ratio check/baseline:    {check / base:8.2f}")


if __name__ == "__main__":
    main()
