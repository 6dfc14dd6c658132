"""Interaction report: check a medication list against a vitamin K2 supplement.

What it shows: brand names, salts and strength text matched to substances; dose-aware
severity with a vitamin K antagonist; an unrecognised medicine reported as UNKNOWN (never as
"no interaction"); and the report as text, Markdown and JSON for an app.
Run it with: python examples/interaction_report.py
"""

from __future__ import annotations

import json

from vitk2 import MK7, DailyDose, check_interactions

MEDICATIONS = [
    "Coumadin 5 mg tablet",
    "atorvastatin 20 mg",  # not in vitk2's catalogue: reported as unknown
    "Vitamin D3 1000 IU",
]


def main() -> None:
    """Run the check at two MK-7 doses and print the renderings."""
    for dose in ("20 µg/day", "180 µg/day"):
        report = check_interactions(MEDICATIONS, supplement=DailyDose(MK7, dose))
        print(f"=== MK-7 {dose}: overall {report.overall.value.upper()} ===")
        print(report.to_text())
        print()
    report = check_interactions(["warfarin"], supplement=DailyDose("MK-4", "45 mg/day"))
    print("=== Markdown, menatetrenone 45 mg/day with warfarin ===")
    print(report.to_markdown())
    print("=== JSON for an app (first finding) ===")
    data = report.to_dict()
    print(json.dumps({**data, "findings": data["findings"][:1]}, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
