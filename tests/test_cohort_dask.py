"""Cohort totals over Dask: partition-wise sums on a LocalCluster equal the one-machine totals.

One small cluster (2 worker processes, 1 thread each) serves the module, so CI pays its start
once.  The comparison is exact: the partitions hand on integer sums, added by Dask.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_cohort import Record, _check_group, _frame, records
from vitk2 import COHORT_ROWS, CohortInputError, all_food_ids, bad_records, cohort_totals

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")


HOWTO = Path(__file__).parent.parent / "docs" / "howto" / "total-a-cohort.md"


def _documented_worker_environ() -> dict[str, str]:
    """The glibc settings the how-to gives for workers (its YAML block), as text."""
    block = HOWTO.read_text(encoding="utf-8").split("pre-spawn-environ:\n", 1)[1]
    block = block.split("```", 1)[0]
    pairs = re.findall(r"^\s+(MALLOC_\w+): (\d+)$", block, flags=re.MULTILINE)
    return dict(pairs)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    import dask

    # the workers start as the how-to tells readers to start theirs
    before = dict(dask.config.get("distributed.nanny.pre-spawn-environ"))
    environ = {**before, **_documented_worker_environ()}
    dask.config.set({"distributed.nanny.pre-spawn-environ": environ})
    # the records mix numbers and text in one amount column; Dask would turn it into text
    # (dataframe.convert-string), where 30.0 becomes '30.0', a bare number vitk2 refuses
    dask.config.set({"dataframe.convert-string": False})
    # distributed warns about its own ports and resources on a busy machine; not our concern
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cluster = distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            memory_limit="1GiB",
        )
        with distributed.Client(cluster) as c:
            yield c
        cluster.close()
    dask.config.set({"dataframe.convert-string": True})
    dask.config.set({"distributed.nanny.pre-spawn-environ": before})


def _in_key_order(out: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The Dask result (hash-partitioned by key, each partition sorted) in global key order."""
    return out.sort_values([*keys, "vitamer"], kind="stable").reset_index(drop=True)


def _random_frame(seed: int, n: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    ids = np.array(all_food_ids())
    return pd.DataFrame(
        {
            "person": rng.integers(0, 40, n),
            "day": rng.choice(np.array(["mon", "tue", "wed"], dtype=object), n),
            "food": ids[rng.integers(0, len(ids), n)],
            "amount": rng.integers(0, 300_000, n) / 1000,
        }
    )


@given(
    rows=records(min_size=1, max_size=30),
    npartitions=st.integers(1, 5),
)
@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_dask_equals_one_machine_and_the_loop(
    client: Any, rows: list[Record], npartitions: int
) -> None:
    frame = _frame(rows)
    single = cohort_totals(frame, by="person")
    got = cohort_totals(dd.from_pandas(frame, npartitions=npartitions), by="person")
    out = _in_key_order(got.compute(), ["person"])
    pd.testing.assert_frame_equal(out, single)
    for key in {k for k, _, _ in rows}:
        _check_group(out[out["person"] == key], [r for r in rows if r[0] == key])


def test_dask_on_many_partitions_and_two_keys(client: Any) -> None:
    frame = _random_frame(7, 10_000)
    single = cohort_totals(frame, by=["person", "day"])
    ddf = dd.from_pandas(frame, npartitions=8)
    lazy = cohort_totals(ddf, by=["person", "day"])
    assert lazy.npartitions == ddf.npartitions
    out = _in_key_order(lazy.compute(), ["person", "day"])
    pd.testing.assert_frame_equal(out, single)
    assert len(out) == 40 * 3 * len(COHORT_ROWS)
    whole = cohort_totals(ddf).compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(whole, cohort_totals(frame))


def test_dask_is_lazy_and_reports_bad_rows(client: Any) -> None:
    frame = _random_frame(3, 2_000)
    frame.loc[1234, "food"] = "not a food"
    lazy = cohort_totals(dd.from_pandas(frame, npartitions=4), by="person")
    assert list(lazy.columns) == [
        "person",
        "vitamer",
        *list(cohort_totals(frame.head(1)).columns[1:]),
    ]
    with pytest.raises(CohortInputError) as info:
        lazy.compute()
    assert [(b.row, b.column, b.value) for b in info.value.bad_rows] == [
        (1234, "food", "not a food")
    ]


def test_records_partitioned_by_person_are_totalled_without_a_shuffle(client: Any) -> None:
    frame = _random_frame(11, 5_000)
    single = cohort_totals(frame, by=["person", "day"])
    by_person = dd.from_pandas(frame, npartitions=6).set_index("person")
    assert by_person.known_divisions
    lazy = cohort_totals(by_person, by=["person", "day"])
    assert lazy.npartitions == by_person.npartitions
    # partitions in key order, each sorted: the result is in key order as it comes
    pd.testing.assert_frame_equal(lazy.compute().reset_index(drop=True), single)
    # the same index without known divisions: groups may span partitions, so Dask adds them
    unknown = dd.from_pandas(frame.set_index("person"), npartitions=4, sort=False)
    out = cohort_totals(unknown, by=["person", "day"]).compute()
    pd.testing.assert_frame_equal(_in_key_order(out, ["person", "day"]), single)


def test_bad_records_over_every_partition(client: Any) -> None:
    frame = _random_frame(5, 3_000)
    frame.loc[[10, 1500, 2999], "food"] = "not a food"
    report = bad_records(dd.from_pandas(frame, npartitions=5), by="person").compute()
    assert report["row"].tolist() == [10, 1500, 2999]
    assert set(report["column"]) == {"food"}


def test_the_how_tos_worker_memory_settings_reach_the_workers(client: Any) -> None:
    documented = _documented_worker_environ()
    assert set(documented) == {
        "MALLOC_TRIM_THRESHOLD_",
        "MALLOC_MMAP_THRESHOLD_",
        "MALLOC_TOP_PAD_",
    }
    for name, value in documented.items():
        seen = client.run(os.environ.get, name)
        assert len(seen) == 2
        assert set(seen.values()) == {value}


def test_records_in_person_order_need_no_shuffle_once_set_index_knows_it(client: Any) -> None:
    # records written person by person, read without an index: the how-to's sorted=True
    frame = _random_frame(17, 4_000).sort_values("person", kind="stable", ignore_index=True)
    single = cohort_totals(frame, by=["person", "day"])
    stored = dd.from_pandas(frame, npartitions=5, sort=False)
    indexed = stored.set_index("person", sorted=True)
    assert indexed.known_divisions
    lazy = cohort_totals(indexed, by=["person", "day"])
    assert lazy.npartitions == indexed.npartitions  # one output per input: no shuffle
    names = {str(k[0] if isinstance(k, tuple) else k) for k in lazy.__dask_graph__()}
    assert not any("shuffle" in n for n in names)
    pd.testing.assert_frame_equal(lazy.compute().reset_index(drop=True), single)
