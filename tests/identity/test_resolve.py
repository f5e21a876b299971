"""The deterministic identity graph on the sample company, against the planted truth."""

from __future__ import annotations

import pandas as pd
import pytest

from cxlens.identity import resolve_graph


def _pairs(labels: pd.Series) -> int:
    n = labels.value_counts()
    return int((n * (n - 1) // 2).sum())


@pytest.fixture(scope="module")
def resolved(loaded):
    resolve_graph(loaded.project.con)
    return loaded.project


def test_no_two_true_people_share_a_person_id(resolved, truth):
    nodes = resolved.table("identity_map").to_pandas()
    ids = truth("identifiers")
    ids = ids.assign(node=ids.kind + ":" + ids.value)
    j = nodes.merge(ids, on="node")
    assert len(j) > 0.9 * len(nodes)
    together = _pairs(j.person_id_x)
    right = _pairs(j.person_id_x + "|" + j.person_id_y)
    assert right / together >= 0.995


def test_crm_duplicates_sharing_an_identifier_are_merged(resolved, truth):
    rec = resolved.table("identity_records").to_pandas()
    c = rec[rec.record.str.startswith("contacts:")].assign(
        contact_id=lambda d: d.record.str.rsplit(":", n=1).str[-1]
    )
    c = c.merge(truth("crm"), on="contact_id", suffixes=("", "_true"))
    assert _pairs(c.person_id + "|" + c.person_id_true) == _pairs(c.person_id)  # precision 1 on contacts
    same_email = c[c.dup_kind == "case_and_format"].person_id_true
    twins = c[c.person_id_true.isin(same_email)]
    assert twins.groupby("person_id_true").person_id.nunique().eq(1).all()


def test_junk_identifiers_are_blocked_with_a_reason(resolved, truth):
    blocked = resolved.table("identity_blocked").to_pandas()
    crm = truth("crm")
    junk_phones = crm[crm.junk == "phone"]
    if len(junk_phones):
        assert (blocked.value == "+15555555555").any()
    assert blocked.reason.str.len().gt(10).all()
    edges = resolved.table("identity_edges").to_pandas()
    blocked_nodes = set(blocked.kind + ":" + blocked.value)
    assert not (set(edges.a) | set(edges.b)) & blocked_nodes
