"""Cohorts: food records in pandas, Polars or Dask DataFrames, totalled per group and vitamer.

Needs pandas (``pip install 'vitk2[pandas]'``), Polars (``vitk2[polars]``) or Dask
(``vitk2[dask]``) for the frame it is given; none is imported until first use.

>>> import vitk2
>>> import vitk2.cohort as cohort
>>> cohort.cohort_totals is vitk2.cohort_totals
True

Every name here is also importable from the top level, ``vitk2``.
"""

from __future__ import annotations

from vitk2._cohort import (
    COHORT_ROWS,
    COHORT_VITAMERS,
    BadRow,
    bad_records,
    cohort_totals,
)
from vitk2._errors import CohortInputError

__all__ = [
    "COHORT_ROWS",
    "COHORT_VITAMERS",
    "BadRow",
    "CohortInputError",
    "bad_records",
    "cohort_totals",
]
