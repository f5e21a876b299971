"""The "Unusual transactions" section: orders out of their buyer's usual pattern, with the reasons."""

from __future__ import annotations

import ibis
import pandas as pd
from ibis.backends import BaseBackend

from cxlens.report._page import Section, kpis, table
from cxlens.tables import ALERTS


def alerts(con: BaseBackend) -> Section:
    s = Section(
        "alerts",
        "Unusual transactions",
        lead="Orders far above their buyer's usual amount and unusual in hour, channel or store too, each "
        "judged against the person's own other orders (blended with everyone's for short histories).",
    )
    if s.lacks(con, "alerts", ALERTS):
        return s
    a = con.table(ALERTS).order_by(ibis.desc("amount_z")).to_pandas()
    rows = pd.DataFrame(
        {
            "order": a.order_id,
            "person": a.person_id,
            "when": a.ordered_at.astype(str).str[:16],
            "amount": a.total.round(2),
            "usual": a.usual_amount.round(2),
            "z": a.amount_z.round(1),
            "orders before": a.history,
            "why": a.reasons,
        }
    )
    s.body = kpis([("alerts", f"{len(a):,}")]) + table(
        rows.head(50), numeric=("amount", "usual", "z", "orders before")
    )
    return s
