"""Features, persona discovery and assignment on a whole company; print the figures and the recovery.
Target (2 cores, 1M customers): features + clustering + assignment under 3 minutes.

python bench/bench_personas.py --company /tmp/cxlens-bench-1m   # after bench_value.py
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd
from sklearn.metrics import adjusted_rand_score

from cxlens import Project, engine
from cxlens.personas import DESCRIBE_ONLY, Personas, features, reference_day
from cxlens.tables import PERSONA_FEATURES


def timed(label: str, fn, *args, **kw):
    t0 = time.perf_counter()
    out = fn(*args, **kw)
    print(f"{label:<48} {time.perf_counter() - t0:7.2f} s")
    return out


def recovery(p: Project, company: Path, assigned: pd.DataFrame) -> float:
    """Adjusted Rand index of the assignment against the planted personas, over true customers."""
    rec = p.table("identity_records").filter(lambda t: t.record.startswith("orders:")).to_pandas()
    rec["order_id"] = rec.record.str[7:]
    orders = pd.read_parquet(company / "truth" / "orders.parquet", columns=["order_id", "person_id"])
    mine = orders.merge(rec, on="order_id", suffixes=("_true", ""))
    who = mine.drop_duplicates("person_id_true").set_index("person_id_true").person_id
    truth = pd.read_parquet(company / "truth" / "persons.parquet", columns=["person_id", "persona"])
    truth = truth[truth.person_id.isin(who.index)].assign(mine=lambda d: who.reindex(d.person_id).to_numpy())
    m = truth.merge(assigned, left_on="mine", right_on="person_id", suffixes=("_true", ""))
    return adjusted_rand_score(m.persona_true, m.persona)


def main(company: Path) -> None:
    p = Project(company / "cxlens.yaml", progress=False)
    con, cfg = p.con, p.config.personas
    t0 = time.perf_counter()
    feats = timed(
        "features (Ibis, written)", engine.write, con, PERSONA_FEATURES, features(con, reference_day(con))
    )
    people = feats.count().execute()
    fit_on = feats.filter(feats.orders.fill_null(0) >= cfg.min_orders)
    sample = timed(
        "fit sample to pandas", lambda: fit_on.order_by("person_id").limit(cfg.fit_sample).to_pandas()
    )
    model = timed(
        f"Personas(n='auto').fit on {len(sample):,} customers",
        Personas(random_state=cfg.random_state, exclude=DESCRIBE_ONLY).fit,
        sample,
    )
    assigned = timed(
        f"assign {people:,} people (Ibis)",
        lambda: (
            model.assign(feats, between=lambda z: engine.scratch(con, "bench_z", z))
            .select("person_id", "persona")
            .to_pandas()
        ),
    )
    print(f"{'total: features + clustering + assignment':<48} {time.perf_counter() - t0:7.2f} s")
    print(model.selection_.round(3).to_string(index=False))
    print(f"personas: {model.n_}; ARI against the planted personas: {recovery(p, company, assigned):.3f}")
    for c in model.cards_:
        print(f"  {c['name']:<36} {c['share']:.1%}")
    engine.drop(con, "bench_z")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--company", type=Path, required=True)
    main(ap.parse_args().company)
