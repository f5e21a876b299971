"""Identity resolution: one person behind the identifiers of many records.

The deterministic graph links identifiers that appear on the same record, keeps junk and shared values out
(with the reason), and labels connected components; see `edges` and `graph`.
"""

from __future__ import annotations

from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.identity.edges import blocked, contact_names, edges, identifiers
from cxlens.identity.graph import components

IDENTIFIERS = "identity_identifiers"
BLOCKED = "identity_blocked"
EDGES = "identity_edges"
MAP = "identity_map"  # node (kind:value) -> person_id
RECORDS = "identity_records"  # record -> person_id


def resolve_graph(con: BaseBackend) -> None:
    """Write the identity tables from the canonical tables present."""
    ids = engine.write(con, IDENTIFIERS, identifiers(con))
    block = engine.write(con, BLOCKED, blocked(ids, contact_names(con)))
    e = engine.write(con, EDGES, edges(ids, block))
    labels = components(con, e.select("a", "b"))
    engine.write(con, MAP, labels.select(node="node", person_id="component"))
    # every record has one edge from its hub to itself: the hub's person is the record's
    hubs = e.filter(e.a == e.b)
    j = hubs.join(labels, hubs.a == labels.node)
    engine.write(con, RECORDS, j.select(record=j.record, person_id=j.component))


__all__ = ["resolve_graph"]
