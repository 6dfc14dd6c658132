"""Labels: reading a supplement facts label and checking its declared percent.

>>> import vitk2
>>> from vitk2 import labels
>>> labels.read_label is vitk2.read_label
True

Every name here is also importable from the top level, ``vitk2``.
"""

from __future__ import annotations

from vitk2._label_check import DeclaredPercent, PercentCheck, check_percent
from vitk2._label_report import LabelReport, OtherLine, UnreadLine, VitaminKLine
from vitk2._label_rules import (
    LABEL_REFERENCES,
    PERCENT_ROUNDINGS,
    LabelReference,
    PercentRounding,
)
from vitk2._labels import read_label

__all__ = [
    "LABEL_REFERENCES",
    "PERCENT_ROUNDINGS",
    "DeclaredPercent",
    "LabelReference",
    "LabelReport",
    "OtherLine",
    "PercentCheck",
    "PercentRounding",
    "UnreadLine",
    "VitaminKLine",
    "check_percent",
    "read_label",
]
