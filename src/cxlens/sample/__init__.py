"""The sample company: a realistic retailer written as messy sources, with the truth it planted.

>>> from cxlens.sample import generate
>>> summary = generate("company", customers=2_000, seed=7)  # doctest: +SKIP

writes ``company/cxlens.yaml``, ``company/data/`` (the sources ingest reads) and ``company/truth/`` (what
tests compare the pipeline's output with; the pipeline never reads it). People are made in independent
chunks, each with its own seeded generator, so memory stays flat from 1k to 1M+ customers.
"""

from __future__ import annotations

import json
import os
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import yaml
from rich.progress import Progress

from cxlens.errors import CxlensError
from cxlens.holdout import TREATED
from cxlens.sample._digital import actions, events, experiment, journeys
from cxlens.sample._orders import items, orders, plant_anomalies, purchase_process
from cxlens.sample._people import Pools, crm, devices, people
from cxlens.sample._voice import NPS_DRIVERS, feedback, mentions, plant_drivers, support_csat, tickets
from cxlens.sample._world import (
    ACTIONS,
    CHANNEL_LIFT,
    CHANNEL_WEIGHT,
    DEFAULT_MIX,
    END,
    EXPERIMENT,
    PAIN_POINT,
    PERSONAS,
    START,
)
from cxlens.sample._write import Sink

__all__ = ["PERSONAS", "generate"]

ANONYMOUS_SHARE = 0.1  # visitors who browse but never give their name, on top of the customers asked for
# Where each table goes in the default "mixed" layout: the formats companies really export.
MIXED = {
    "contacts": "csv",
    "orders": "csv",
    "feedback": "csv",
    "order_items": "parquet",
    "events": "jsonl",
    "tickets": "jsonl",
    "mentions": "jsonl",
}
# The sample's orders export uses its own names for two columns, so the project file shows a mapping.
ORDERS_COLUMNS = {"ordered_at": "order_date", "total": "amount"}
SEGMENT = {
    "message_id": "messageId",
    "user_id": "userId",
    "anonymous_id": "anonymousId",
    "previous_id": "previousId",
}
RENAME = {"orders": ORDERS_COLUMNS, "events": SEGMENT}


def _mix(mix: Sequence[float] | None) -> np.ndarray:
    m = np.asarray(DEFAULT_MIX if mix is None else mix, dtype=float)
    if m.shape != (len(PERSONAS),) or (m < 0).any() or m.sum() <= 0:
        raise CxlensError(f"persona mix must be {len(PERSONAS)} non-negative shares, got {list(m)}")
    return m / m.sum()


def generate(
    out: str | Path,
    customers: int = 20_000,
    seed: int = 42,
    fmt: str = "mixed",
    chunk: int = 100_000,
    mix: Sequence[float] | None = None,
    progress: bool = True,
    typo_rate: float = 0.0,
) -> dict:
    """Write the sample company to ``out`` and return its summary (also in ``truth/summary.json``).

    ``fmt`` is ``mixed`` (CSV, Parquet and JSON lines, as exported by real systems) or ``parquet``.
    ``typo_rate`` is the chance that each field of a CRM duplicate carries a slip (names, birth date, email,
    address, postcode, city; the phone left out): 0 gives the standard company, 0.4 a hard one to dedupe.
    The fields changed are in ``truth/crm.parquet`` (``typos``).
    """
    if not 0 <= typo_rate <= 1:
        raise CxlensError(f"typo_rate is {typo_rate}; expected a share between 0 and 1")
    if not 100 <= customers <= 20_000_000:
        raise CxlensError(f"--customers is {customers}; expected between 100 and 20,000,000")
    if fmt not in ("mixed", "parquet"):
        raise CxlensError(f"format is '{fmt}'; expected 'mixed' or 'parquet'")
    out = Path(out)
    if (out / "data").exists() and any((out / "data").iterdir()):
        raise CxlensError(f"{out / 'data'} already holds files; choose an empty folder or delete it first")
    shares = _mix(mix)
    data, truth = out / "data", out / "truth"
    data.mkdir(parents=True, exist_ok=True)
    truth.mkdir(parents=True, exist_ok=True)
    pools = Pools(seed)
    sinks = {
        t: Sink(
            data,
            t,
            MIXED[t] if fmt == "mixed" else "parquet",
            np.random.default_rng([seed, i, 99]),
            raw_json=("properties", "context", "traits"),
            rename=RENAME.get(t),
        )
        for i, t in enumerate(MIXED)
    }
    writers: dict[str, pq.ParquetWriter] = {}
    counts: Counter[str] = Counter()
    personas: Counter[str] = Counter()
    exposures = []

    def keep(name: str, df: pd.DataFrame) -> None:
        t = pa.Table.from_pandas(df.reset_index(drop=True), preserve_index=False)
        if name not in writers:
            writers[name] = pq.ParquetWriter(truth / f"{name}.parquet", t.schema)
        # a chunk may carry nanoseconds where the first had none: truth needs microseconds at most
        writers[name].write_table(t.cast(writers[name].schema, safe=False))

    sizes = [min(chunk, customers - c * chunk) for c in range(-(-customers // chunk))]
    jobs = [(seed, c, n, chunk, pools, shares, typo_rate) for c, n in enumerate(sizes)]
    with Progress(disable=not progress, transient=True) as bar:
        task = bar.add_task(f"Generating {customers:,} customers", total=customers)
        for part in _in_parallel(_chunk, jobs):
            for table, (df, dup) in part["sources"].items():
                sinks[table].write(df, duplicates=dup)
            for name, df in part["truth"].items():
                keep(name, df)
            exposures.append(part["exposures"])
            counts.update(part["counts"])
            personas.update(part["personas"])
            bar.advance(task, part["counts"]["persons"])
    for s in sinks.values():
        s.close()
    for w in writers.values():
        w.close()
    exp = pd.concat(exposures, ignore_index=True)
    exp.to_parquet(truth / "experiment_exposures.parquet", index=False)
    faults = pd.DataFrame(
        [f for s in sinks.values() for f in s.faults], columns=["table", "file", "row", "field"]
    )
    faults.to_parquet(truth / "malformed.parquet", index=False)
    acts = pd.read_parquet(truth / "action_exposures.parquet")
    summary = _summary(customers, seed, fmt, shares, counts, personas, sinks, exp, acts)
    (truth / "summary.json").write_text(json.dumps(summary, indent=2))
    (out / "cxlens.yaml").write_text(_project_file(sinks))
    return summary


def _chunk(
    seed: int, c: int, n: int, chunk: int, pools: Pools, shares: np.ndarray, typo_rate: float = 0.0
) -> dict:
    """Everything about one chunk of people; chunks are independent, each with its own seeded generator."""
    rng = np.random.default_rng([seed, c])
    n_anon = max(1, round(n * ANONYMOUS_SHARE))
    base = c * (chunk + chunk // 5)  # person numbers: each chunk owns a disjoint range
    persons = people(rng, pools, n + n_anon, base, shares)
    anon = persons.index >= n
    persons.loc[anon, ["known", "is_customer"]] = False
    persons.loc[anon, ["user_id", "loyalty_id"]] = None
    contacts, crm_truth = crm(rng, pools, persons, base, typo_rate)
    primary = crm_truth[crm_truth.dup_kind == ""].set_index("person_id").contact_id
    persons["contact_id"] = primary.reindex(persons.person_id).to_numpy()
    dev = devices(rng, persons)
    value, buys = purchase_process(rng, persons)
    nu = value.spend_nu.to_numpy()
    o = orders(rng, persons, buys, nu, c, 0)
    plant_anomalies(rng, o)
    j = journeys(rng, persons, dev, o)
    exp = experiment(rng, persons, j)
    acts, j = actions(rng, persons, j)
    # journeys the treatment converted end in an order of their own
    extra = j[(j.depth == 4) & j.order_id.isna()]
    row = pd.Series(np.arange(len(persons)), index=persons.person_id)
    who = pd.DataFrame(
        {
            "who": row.reindex(extra.person_id).to_numpy(),
            "channel": extra.channel.to_numpy(),
            "at": extra.t_end.to_numpy(),
        }
    )
    xo = orders(rng, persons, who, nu, c, len(o))
    j.loc[extra.index, "order_id"] = xo.order_id.to_numpy()
    o = pd.concat([o, xo], ignore_index=True)
    ev, j = events(rng, persons, dev, j, o, exp, acts, c)
    fb = feedback(rng, o, persons, c)
    tk = tickets(rng, o, j, persons, c)
    oi = items(rng, o)
    mn = mentions(rng, persons, c)
    fb, tk = plant_drivers(np.random.default_rng([seed, c, 25]), fb, oi, tk, persons, c)
    fb = pd.concat([fb.drop(columns="order_id"), support_csat(rng, tk, c)], ignore_index=True)
    return {
        "sources": {
            "contacts": (contacts, 0.003),
            "orders": (o.drop(columns=["person_id", "gross", "persona_idx", "anomaly"]), 0.002),
            "order_items": (oi, 0.0),
            "events": (ev.drop(columns=["person_id", "journey_id"]), 0.001),
            "feedback": (fb.drop(columns=["person_id", "theme", "intent", "sentiment"]), 0.0),
            "tickets": (tk.drop(columns=["person_id", "theme", "intent"]), 0.0),
            "mentions": (mn.drop(columns=["person_id", "theme", "intent", "sentiment"]), 0.0),
        },
        "truth": {
            "persons": persons.drop(columns=["persona_idx", "home_store", "created_day"]).merge(
                value, on="person_id"
            ),
            "crm": crm_truth,
            "identifiers": pd.concat(
                [
                    _identifiers(persons, dev[~dev.shared], crm_truth),
                    mn.assign(kind="handle", value=mn.platform + ":" + mn.handle.str.lower())[
                        ["kind", "value", "person_id"]
                    ].drop_duplicates(),
                ],
                ignore_index=True,
            ),
            "shared_devices": dev.loc[dev.shared, ["anonymous_id", "person_id"]],
            "orders": o[["order_id", "person_id", "channel", "ordered_at", "total", "anomaly"]],
            "events": ev[["message_id", "person_id", "journey_id"]],
            "journeys": j[["journey_id", "person_id", "channel", "t_end", "depth", "order_id", "logged_in"]],
            "feedback": fb[["response_id", "person_id", "score", "theme", "intent", "sentiment"]],
            "tickets": tk[["ticket_id", "person_id", "theme", "intent"]],
            "mentions": mn[["mention_id", "person_id", "theme", "intent", "sentiment"]],
            "action_exposures": acts.drop(columns="journey"),
        },
        "exposures": exp,
        "counts": {
            "persons": n,
            "anonymous_visitors": n_anon,
            "orders": len(o),
            "events": len(ev),
            "journeys": len(j),
            "customers_who_bought": int((persons.known & persons.is_customer).sum()),
            "alive_at_end": int(value.alive.sum()),
            "anomalous_orders": int(o.anomaly.ne("").sum()),
        },
        "personas": persons.persona[persons.known].value_counts().to_dict(),
    }


def _in_parallel(fn: Callable, jobs: list[tuple]) -> Iterator[dict]:
    """``fn(*job)`` for each job, in order, on up to two processes with at most three chunks in flight."""
    if len(jobs) == 1:
        yield fn(*jobs[0])
        return
    with ProcessPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        pending = deque(pool.submit(fn, *job) for job in jobs[:3])
        for job in jobs[3:]:
            yield pending.popleft().result()
            pending.append(pool.submit(fn, *job))
        while pending:
            yield pending.popleft().result()


def _identifiers(persons: pd.DataFrame, dev: pd.DataFrame, crm_truth: pd.DataFrame) -> pd.DataFrame:
    """The true person behind every identifier value, in the normalised form ingest should produce."""
    parts = [
        crm_truth[["contact_id", "person_id"]]
        .rename(columns={"contact_id": "value"})
        .assign(kind="contact_id"),
        dev[["anonymous_id", "person_id"]]
        .rename(columns={"anonymous_id": "value"})
        .assign(kind="anonymous_id"),
    ]
    for kind in ("email", "phone", "user_id", "loyalty_id"):
        p = persons[persons.known & persons[kind].notna()]
        parts.append(
            pd.DataFrame({"kind": kind, "value": p[kind].to_numpy(), "person_id": p.person_id.to_numpy()})
        )
    return pd.concat(parts, ignore_index=True)[["kind", "value", "person_id"]]


def _summary(
    customers: int,
    seed: int,
    fmt: str,
    shares: np.ndarray,
    counts: Counter[str],
    personas: Counter[str],
    sinks: dict,
    exp: pd.DataFrame,
    acts: pd.DataFrame,
) -> dict:
    known = sum(personas.values())
    treat = exp.variant == "treatment"
    base_t = float(exp.converted_anyway[treat].mean()) if treat.any() else None
    return {
        "customers": customers,
        "seed": seed,
        "format": fmt,
        "period": {"start": START.isoformat(), "end": END.isoformat()},
        "counts": {k: v for k, v in counts.items() if k != "anomalous_orders"},
        "persona_mix": {
            "requested": {p.key: float(s) for p, s in zip(PERSONAS, shares, strict=True)},
            "realised": {p.key: personas[p.key] / known for p in PERSONAS},
        },
        "sources": {
            t: {
                "path": s.rel,
                "format": s.fmt,
                "rows": s.rows,
                "identical_duplicates": s.duplicates,
                "malformed": len(s.faults),
            }
            for t, s in sinks.items()
        },
        "channel_effect": {"weight": CHANNEL_WEIGHT, "lift_on_conversion_odds": CHANNEL_LIFT},
        "pain_point": PAIN_POINT,
        "nps_drivers": {
            "points": NPS_DRIVERS,
            "meaning": "the surveyed order had a returned line; a ticket on it was opened before the answer",
        },
        "experiment": {
            **EXPERIMENT,
            "metric": "converted: ordered in the test window after first reaching checkout",
            "start": (END - pd.Timedelta(days=EXPERIMENT["days"])).isoformat(),
            "end": END.isoformat(),
            "control_users": int((~treat).sum()),
            "treatment_users": int(treat.sum()),
            "control_rate": float(exp.converted[~treat].mean()) if (~treat).any() else None,
            "treatment_rate": float(exp.converted[treat].mean()) if treat.any() else None,
            "true_absolute_lift": None if base_t is None else EXPERIMENT["delta"] * (1 - base_t),
        },
        "actions": {name: _action(acts[acts.action == name], a) for name, a in ACTIONS.items()},
        "anomalous_orders": counts["anomalous_orders"],
    }


def _action(x: pd.DataFrame, planted: dict) -> dict:
    """A planted action's truth: arms, and its true effect on conversion in the window (absolute: delta
    times the share of treated people who would not have ordered anyway)."""
    treated = x.variant == TREATED
    return {
        **planted,
        "metric": f"converted: a web or app order within {planted['window_days']} days of qualifying",
        "treated": int(treated.sum()),
        "held_out": int((~treated).sum()),
        "true_absolute_lift": planted["delta"] * (1 - float(x.converted_anyway[treated].mean()))
        if treated.any()
        else None,
    }


# Example segments for the sample company's project file (docs/segments.md explains the forms).
SEGMENTS = {
    "valuable_at_risk": {
        "description": "Customers worth keeping who are drifting away: win them back before they lapse",
        "where": {"all": [{"field": "stage", "in": ["at_risk", "lapsed"]}, {"field": "clv", ">=": 100}]},
        "channel": "email",
        "fields": ["person_id", "email", "first_name", "stage", "clv", "persona"],
    },
    "browsing_prospects": {
        "description": "Known people who have never bought but viewed products twice in the last 30 days",
        "where": {
            "all": [
                {"field": "status", "is": "prospect"},
                {"event": "Product Viewed", "within_days": 30, "at_least": 2},
            ]
        },
        "channel": "ads",
        "fields": ["person_id", "email", "phone"],
    },
    "checkout_abandoners": {
        "description": "Started a checkout in the last 14 days without completing an order",
        "where": {
            "all": [
                {"event": "Checkout Started", "within_days": 14},
                {"not": {"event": "Order Completed", "within_days": 14}},
            ]
        },
        "channel": "sms",
        "fields": ["person_id", "phone", "first_name"],
    },
}


# Example triggers for the live service (docs/realtime.md#triggers); their actions wait in the outbox.
# Marketing actions keep a 10% holdout, so the experiments stage measures each; ops alerts keep none.
TRIGGERS = {
    "checkout_reminder": {  # a checkout started by someone we can email: a reminder an hour later
        "event": "Checkout Started", "channel": "email", "delay": "1h", "cooldown": "7d",
        "action": "checkout_reminder", "holdout": ACTIONS["checkout_reminder"]["holdout"], "window": "7d",
    },
    "win_back": {  # a lapsed customer comes back to the site or app
        "types": ["page", "screen"], "stage": ["lapsed"], "channel": "email", "within": "1h",
        "cooldown": "30d", "action": "win_back_offer", "holdout": ACTIONS["win_back"]["holdout"],
        "window": "30d",
    },
    "welcome": {  # a first purchase: welcome and onboarding at once...
        "event": "Order Completed", "stage": ["prospect"], "channel": "email", "cooldown": "365d",
        "action": "welcome_onboarding", "holdout": 0.1,
    },
    "first_order_survey": {  # ...and a short survey a few days later
        "event": "Order Completed", "stage": ["prospect"], "channel": "email", "delay": "3d",
        "cooldown": "365d", "action": "short_survey",
    },
    "member_anniversary": {  # a loyal customer's first purchase, a year or more ago today
        "on": "anniversary", "date": "first_purchase", "stage": ["loyal"], "channel": "email",
        "cooldown": "300d", "action": "anniversary_thank_you", "holdout": 0.1,
    },
    "wine_pairing": {  # context rules: adults only, in the app, where push is the channel
        "event": "Product Viewed", "properties": {"category": "grocery"}, "channels": ["mobile"],
        "min_age": 21, "channel": "push", "cooldown": "7d", "action": "wine_pairing_tip", "holdout": 0.1,
    },
    "unusual_order": {  # far outside the buyer's usual pattern: a person looks before it ships
        "on": "unusual_order", "cooldown": "0s", "action": "review_order",
    },
}  # fmt: skip


def _project_file(sinks: dict) -> str:
    sources = []
    for table, s in sinks.items():
        src: dict = {"name": table, "table": table, "path": s.rel}
        if table == "orders":
            src["columns"] = ORDERS_COLUMNS
        sources.append(src)
    doc = {
        "engine": "duckdb",
        "warehouse": "cxlens.duckdb",
        "region": "US",
        "sources": sources,
        "segments": SEGMENTS,
        "triggers": TRIGGERS,
        "report": {"path": "report.html", "title": "CXMart: who are we talking to?"},
    }
    return "# The sample company's project file, written by `cxlens generate`.\n" + yaml.safe_dump(
        doc, sort_keys=False
    )
