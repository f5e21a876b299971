"""Connected components in Ibis agree with a plain union-find, on DuckDB and on Spark."""

from __future__ import annotations

import ibis
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxlens.identity.graph import components

NODES = st.sampled_from([f"n{i:02d}" for i in range(30)])
EDGES = st.lists(st.tuples(NODES, NODES), min_size=1, max_size=60)


def union_find(edges: list[tuple[str, str]]) -> dict[str, str]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in parent}


def _labels(con, edges: list[tuple[str, str]]) -> dict[str, str]:
    t = ibis.memtable({"a": [a for a, _ in edges], "b": [b for _, b in edges]})
    out = components(con, t).to_pandas()
    return dict(zip(out.node, out.component, strict=True))


@pytest.fixture(scope="module")
def duck():
    return ibis.duckdb.connect()


@settings(max_examples=40, deadline=None)
@given(edges=EDGES)
def test_components_match_union_find(duck, edges):
    assert _labels(duck, edges) == union_find(edges)


@settings(max_examples=20, deadline=None)
@given(edges=EDGES, data=st.data())
def test_the_order_of_edges_does_not_change_the_partition(duck, edges, data):
    shuffled = data.draw(st.permutations(edges))
    flipped = [(b, a) for a, b in shuffled]
    assert _labels(duck, flipped) == _labels(duck, edges)


def test_a_long_chain_settles():
    con = ibis.duckdb.connect()
    chain = [(f"n{i:03d}", f"n{i + 1:03d}") for i in range(60)]
    labels = _labels(con, chain[::-1])
    assert set(labels.values()) == {"n000"} and len(labels) == 61


@pytest.mark.spark
def test_components_on_spark(spark_con):
    edges = [("a", "b"), ("b", "c"), ("d", "e"), ("f", "f"), ("c", "a")]
    assert _labels(spark_con, edges) == union_find(edges)
