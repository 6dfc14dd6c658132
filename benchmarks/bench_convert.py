"""Benchmark: converting an Amount to another unit, against pint's own conversion.

Target (issue 2): `Amount.to("mg")` costs at most 0.5x pint's `Quantity.to("mg")` called with a
unit string, both measured in this run on the same registry.
Run: python benchmarks/bench_convert.py
"""

from __future__ import annotations

import sys

import pint
from _common import per_call, report

import vitk2

TARGET = 0.5


def main() -> int:
    """Measure, print the ratios, and return non-zero if the target is missed."""
    ureg = pint.get_application_registry()
    q = ureg.Quantity(180, "microgram")
    a = vitk2.Amount(vitk2.MK7, "180 µg")
    assert abs(float(a.to("mg").magnitude) - q.to("mg").magnitude) < 1e-12  # same answer

    baseline = per_call(lambda: q.to("mg"))
    amount_to = per_call(lambda: a.to("mg"))
    in_units = per_call(lambda: a.in_units("mg"))
    to_nmol = per_call(lambda: a.to("nmol"))
    ratio = amount_to / baseline
    report(
        "Amount.to('mg') / pint Quantity.to('mg')",
        ratio,
        f"<= {TARGET}",
        ratio <= TARGET,
        f"pint {baseline * 1e6:.2f} µs, vitk2 {amount_to * 1e6:.2f} µs per call",
    )
    print(
        f"  also: Amount.in_units('mg') {in_units * 1e6:.2f} µs (exact Fraction, no Quantity); "
        f"Amount.to('nmol') {to_nmol * 1e6:.2f} µs (through the molar mass)",
        flush=True,
    )
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
