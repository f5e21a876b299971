"""Journeys across devices and channels, written as Segment-spec events, with the planted A/B test.

A journey is a run of marketing touches followed by product views and, for some, cart, checkout and an
order. Touch channels carry the planted channel effect; app checkouts carry the planted pain point.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from cxlens.holdout import HELD_OUT, LIBRARY, TREATED, held_out, properties
from cxlens.sample._world import (
    ACTIONS,
    CHANNEL_LIFT,
    CHANNEL_WEIGHT,
    DAYS,
    END,
    EXPERIMENT,
    LAPSED_DAYS,
    MARKETING,
    PAIN_POINT,
    PERSONAS,
    START,
)

SOCIAL = ("instagram", "facebook", "tiktok")


def journeys(
    rng: np.random.Generator, persons: pd.DataFrame, dev: pd.DataFrame, orders: pd.DataFrame
) -> pd.DataFrame:
    """Converting journeys (one per web/app order) and browsing journeys of online people."""
    conv = orders[orders.channel.isin(["web", "app"])]
    c = pd.DataFrame(
        {
            "person_id": conv.person_id.to_numpy(),
            "channel": conv.channel.to_numpy(),
            "t_end": conv.ordered_at.to_numpy(),
            "order_id": conv.order_id.to_numpy(),
            "depth": 4,
            "logged_in": True,
        }
    )
    on = persons[persons.person_id.isin(dev.person_id)]
    rate = np.array([p.browse for p in PERSONAS])[on.persona_idx.to_numpy()]
    years = (DAYS - on.created_day.to_numpy()) / 365
    k = rng.poisson(rate * years)
    who = on.loc[on.index.repeat(k)]
    n = len(who)
    first_app = dev[dev.slot == 0].set_index("person_id").kind
    has_app = first_app.reindex(who.person_id).to_numpy() == "app"
    channel = np.where(has_app & (rng.random(n) < 0.6), "app", "web")
    start = who.created_day.to_numpy()
    t_end = START + pd.to_timedelta(start + rng.random(n) * (DAYS - start), unit="D")
    added = rng.random(n) < 0.35
    checkout_p = np.where(channel == "app", 0.66, 0.66 / PAIN_POINT["abandon_factor"])
    checkout = added & (rng.random(n) < checkout_p)
    b = pd.DataFrame(
        {
            "person_id": who.person_id.to_numpy(),
            "channel": channel,
            "t_end": t_end.to_numpy(),
            "order_id": None,
            "depth": 1 + added + checkout,
            "logged_in": who.user_id.notna().to_numpy() & (rng.random(n) < 0.4),
        }
    )
    j = pd.concat([c, b], ignore_index=True)
    j["t_end"] = pd.to_datetime(j.t_end, utc=True)
    return j


def experiment(rng: np.random.Generator, persons: pd.DataFrame, j: pd.DataFrame) -> pd.DataFrame:
    """Assign people who reach checkout in the test window; treatment converts some abandoned checkouts.

    Returns the exposures (person, variant, time, converted without and with the treatment effect);
    journeys the treatment converted get depth 4 in ``j`` and need an order.
    """
    since = END - pd.Timedelta(days=EXPERIMENT["days"])
    known = set(persons.person_id[persons.user_id.notna() & persons.is_customer])  # prospects stay prospects
    w = j[(j.t_end >= since) & (j.depth >= 3) & j.person_id.isin(known)]
    first = w.sort_values("t_end").groupby("person_id", sort=True).t_end.first()
    variant = np.where(rng.random(len(first)) < 0.5, "control", "treatment")
    exp = pd.DataFrame({"person_id": first.index, "variant": variant, "t": first.to_numpy()})
    converted = set(w.person_id[w.depth == 4])
    base = exp.person_id.isin(converted)
    treat = exp.variant == "treatment"
    lucky = exp[treat & ~base & (rng.random(len(exp)) < EXPERIMENT["delta"])].person_id
    abandon = w[(w.depth == 3) & w.person_id.isin(lucky)].sort_values("t_end").groupby("person_id").head(1)
    j.loc[abandon.index, "depth"] = 4
    j.loc[abandon.index, "logged_in"] = True
    exp["converted_anyway"] = base.to_numpy()
    exp["converted"] = (base | exp.person_id.isin(lucky)).to_numpy()
    return exp


def actions(
    rng: np.random.Generator, persons: pd.DataFrame, j: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Who qualified for each planted action in the year before the A/B test (first time per person; the
    windows close before the test starts, so neither's effect reaches the other's outcomes), their arm by
    cxlens's own holdout hash, and the effect: a treated person who did not order in the window gets a
    converting journey in it with probability ``delta`` (it needs an order, as the experiment's do).

    Returns one row per exposure (person, action, variant, time, the qualifying journey, and whether they
    converted, by a web or app order in the window, without and with the treatment), and the journeys."""
    test = END - pd.Timedelta(days=EXPERIMENT["days"])  # windows close before the A/B test starts
    users = set(persons.person_id[persons.user_id.notna() & persons.is_customer])  # prospects stay so
    rows = []
    for name, a in ACTIONS.items():
        orders_at = j[j.depth == 4][["person_id", "t_end"]]  # with the orders earlier actions brought
        ends = test - pd.Timedelta(days=a["window_days"])
        w = j[(j.t_end >= ends - pd.Timedelta(days=365)) & (j.t_end < ends)]
        w = w[w.person_id.isin(users)]
        if name == "checkout_reminder":
            w = w[(w.depth == 3) & w.logged_in]
        else:  # a browsing visit LAPSED_DAYS or more after the person's last order
            w = w[w.depth <= 2]
            prev = pd.merge_asof(
                w.reset_index().sort_values("t_end"),
                orders_at.rename(columns={"t_end": "last"}).sort_values("last"),
                left_on="t_end", right_on="last", by="person_id", allow_exact_matches=False,
            ).set_index("index")  # fmt: skip
            w = w[(w.t_end - prev.last.reindex(w.index)).dt.days >= LAPSED_DAYS]
        first = w.sort_values("t_end").groupby("person_id").head(1)
        held = np.array([held_out(p, name, a["holdout"]) for p in first.person_id])
        x = pd.DataFrame(
            {
                "person_id": first.person_id.to_numpy(),
                "action": name,
                "journey": first.index,
                "variant": np.where(held, HELD_OUT, TREATED),
                "t": first.t_end.reset_index(drop=True),
                "window_days": a["window_days"],
                "allocation": np.where(held, a["holdout"], 1 - a["holdout"]),
            }
        )
        before = _converted(x, orders_at)
        lucky = (x.variant == TREATED) & ~before & (rng.random(len(x)) < a["delta"])
        new = j.loc[x.journey[lucky]].copy()
        new["t_end"] = pd.DatetimeIndex(x.t[lucky]) + pd.to_timedelta(
            rng.uniform(0.05, a["window_days"] - 0.5, lucky.sum()), unit="D"
        )
        new[["depth", "logged_in", "order_id"]] = [4, True, None]
        x["added"] = -1
        x.loc[lucky, "added"] = np.arange(len(j), len(j) + lucky.sum())
        j = pd.concat([j, new], ignore_index=True)
        rows.append(x)
    # outcomes once every action has acted: another action's order in the window counts as "anyway"
    final = j[j.depth == 4][["person_id", "t_end"]]
    for x in rows:
        x["converted"] = _converted(x, final)
        x["converted_anyway"] = _converted(x, final.drop(index=x.added[x.added >= 0]))
    return pd.concat(rows, ignore_index=True).drop(columns="added"), j


def _converted(x: pd.DataFrame, orders_at: pd.DataFrame) -> pd.Series:
    """Whether each exposure of ``x`` is followed by an order (``orders_at``) within its window."""
    m = x.reset_index().merge(orders_at, on="person_id")
    hit = (m.t_end > m.t) & (m.t_end < m.t + pd.to_timedelta(m.window_days, unit="D"))
    return pd.Series(x.index.isin(m["index"][hit]), index=x.index)


def _iso(ts: pd.Series | np.ndarray) -> np.ndarray:
    naive = pd.DatetimeIndex(pd.to_datetime(ts, utc=True)).tz_convert(None).to_numpy()
    return np.char.add(np.datetime_as_string(naive.astype("datetime64[ms]"), unit="ms"), "Z")


def events(
    rng: np.random.Generator,
    persons: pd.DataFrame,
    dev: pd.DataFrame,
    j: pd.DataFrame,
    orders: pd.DataFrame,
    exp: pd.DataFrame,
    acts: pd.DataFrame,
    chunk: int,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Expand journeys into Segment events (track, page, screen, identify, alias), with the exposures of
    the A/B test and of the actions."""
    j = j.reset_index(drop=True)
    j["journey_id"] = [f"J{chunk:03d}{i:08d}" for i in range(len(j))]
    web = dev[dev.kind == "web"].groupby("person_id").anonymous_id.agg(list)
    app = dev[dev.kind == "app"].groupby("person_id").anonymous_id.agg(list)
    pick = lambda lst, r: lst[int(r * len(lst))] if lst else None  # noqa: E731
    r1, r2 = rng.random(len(j)), rng.random(len(j))
    wl = [x if isinstance(x, list) else [] for x in web.reindex(j.person_id)]
    al = [x if isinstance(x, list) else [] for x in app.reindex(j.person_id)]
    main = [
        pick(a, r) if c == "app" and a else pick(w, r) or pick(a, r)
        for c, w, a, r in zip(j.channel, wl, al, r1, strict=True)
    ]
    alld = [w + a for w, a in zip(wl, al, strict=True)]
    touch_dev = [
        pick(d, r) if r < 0.35 * 2 and len(d) > 1 else m for d, r, m in zip(alld, r2 * 2, main, strict=True)
    ]
    j["device"], j["touch_device"] = main, touch_dev
    j["device_kind"] = np.where(
        dev.drop_duplicates("anonymous_id").set_index("anonymous_id").kind.reindex(j.device).to_numpy()
        == "app",
        "app",
        "web",
    )
    user = persons.set_index("person_id").user_id
    j["user_id"] = np.where(j.logged_in, user.reindex(j.person_id).to_numpy(), None)
    email = persons.set_index("person_id").email
    pidx = persons.set_index("person_id").persona_idx
    parts = []

    def add(rows: pd.DataFrame, t, type_, event, anon, uid, props, ctx, traits=None, prev=None):
        n = len(rows)
        parts.append(
            pd.DataFrame(
                {
                    "type": type_,
                    "event": event,
                    "user_id": uid,
                    "anonymous_id": anon,
                    "previous_id": prev,
                    "_t": pd.DatetimeIndex(pd.to_datetime(t, utc=True)).asi8,
                    "properties": props,
                    "context": ctx,
                    "traits": traits if traits is not None else [None] * n,
                    "person_id": rows.person_id.to_numpy(),
                    "journey_id": rows.journey_id.to_numpy(),
                    "_j": rows.index.to_numpy(),
                    "channel": np.where(rows.device_kind.to_numpy() == "app", "mobile", "browser"),
                }
            )
        )

    # marketing touches before the journey's end
    conv = (j.depth == 4).to_numpy()
    k = 1 + rng.poisson(np.where(conv, 0.8, 0.5))
    t_rows = j.loc[j.index.repeat(k)]
    w = np.array([CHANNEL_WEIGHT[c] for c in MARKETING])
    p_conv, p_base = w * np.array([CHANNEL_LIFT[c] for c in MARKETING]), w
    cum = np.where(
        conv[j.index.repeat(k)][:, None], (p_conv / p_conv.sum()).cumsum(), (p_base / p_base.sum()).cumsum()
    )
    tch = np.array(MARKETING)[(rng.random((len(t_rows), 1)) > cum).sum(1).clip(0, len(MARKETING) - 1)]
    tt = t_rows.t_end - pd.to_timedelta(rng.uniform(0.02, 5, len(t_rows)), unit="D")
    soc_p = np.array([p.social for p in PERSONAS])[pidx.reindex(t_rows.person_id).to_numpy()]
    soc = np.array(SOCIAL)[(rng.random((len(t_rows), 1)) > soc_p.cumsum(1)).sum(1).clip(0, 2)]
    anon = t_rows.touch_device.to_numpy()
    lib = lambda rows: np.where(rows.device_kind.to_numpy() == "app", "analytics-ios", "analytics.js")  # noqa: E731
    for ch in MARKETING:
        m = tch == ch
        rows, t = t_rows[m], tt[m]
        libs = lib(rows)
        if ch == "ads":
            ctx = [
                f'{{"library":{{"name":"{x}"}},"campaign":{{"source":"google","medium":"cpc","name":"seasonal"}}}}'
                for x in libs
            ]
            add(
                rows,
                t,
                "page",
                None,
                anon[m],
                None,
                ['{"path":"/landing","referrer":"https://www.google.com/"}'] * len(rows),
                ctx,
            )
        elif ch == "social":
            ctx = [
                f'{{"library":{{"name":"{x}"}},"campaign":{{"source":"{s}","medium":"social","name":"creators"}}}}'
                for x, s in zip(libs, soc[m], strict=True)
            ]
            props = [f'{{"path":"/lookbook","referrer":"https://www.{s}.com/"}}' for s in soc[m]]
            add(rows, t, "page", None, anon[m], None, props, ctx)
        elif ch == "email":
            ctx = [
                f'{{"library":{{"name":"{x}"}},"campaign":{{"source":"newsletter","medium":"email","name":"weekly"}}}}'
                for x in libs
            ]
            add(
                rows,
                t,
                "track",
                "Email Link Clicked",
                anon[m],
                None,
                ['{"campaign_name":"weekly"}'] * len(rows),
                ctx,
            )
        elif ch == "web":
            ctx = [f'{{"library":{{"name":"{x}"}}}}' for x in libs]
            add(rows, t, "page", None, anon[m], None, ['{"path":"/","referrer":""}'] * len(rows), ctx)
        else:
            ctx = ['{"library":{"name":"analytics-ios"}}'] * len(rows)
            add(
                rows,
                t,
                "track",
                "Push Notification Opened",
                anon[m],
                None,
                ['{"campaign_name":"app_push"}'] * len(rows),
                ctx,
            )

    ctx_main = np.array([f'{{"library":{{"name":"{x}"}}}}' for x in lib(j)], dtype=object)
    # product views, then cart, identify, checkout, order
    kv = 1 + rng.poisson(0.8, len(j))
    v_rows = j.loc[j.index.repeat(kv)]
    skus = rng.integers(0, 400, len(v_rows))
    add(
        v_rows,
        v_rows.t_end - pd.to_timedelta(rng.uniform(5, 25, len(v_rows)), unit="m"),
        "track",
        "Product Viewed",
        v_rows.device.to_numpy(),
        None,
        [f'{{"sku":"SKU-{s:04d}"}}' for s in skus],
        ctx_main[v_rows.index],
    )
    a = j[j.depth >= 2]
    add(
        a,
        a.t_end - pd.Timedelta(minutes=4),
        "track",
        "Product Added",
        a.device.to_numpy(),
        None,
        ['{"quantity":1}'] * len(a),
        ctx_main[a.index],
    )
    li = j[j.logged_in & j.user_id.notna()]
    alias = rng.random(len(li)) < 0.05
    tr = [f'{{"email":"{e}"}}' for e in email.reindex(li.person_id)]
    add(
        li[~alias],
        li.t_end[~alias] - pd.Timedelta(minutes=3.5),
        "identify",
        None,
        li.device[~alias].to_numpy(),
        li.user_id[~alias].to_numpy(),
        [None] * (~alias).sum(),
        ctx_main[li.index[~alias]],
        np.array(tr, dtype=object)[~alias],
    )
    add(
        li[alias],
        li.t_end[alias] - pd.Timedelta(minutes=3.5),
        "alias",
        None,
        None,
        li.user_id[alias].to_numpy(),
        [None] * alias.sum(),
        ctx_main[li.index[alias]],
        prev=li.device[alias].to_numpy(),
    )
    c = j[j.depth >= 3]
    add(
        c,
        c.t_end - pd.Timedelta(minutes=3),
        "track",
        "Checkout Started",
        c.device.to_numpy(),
        c.user_id.to_numpy(),
        ['{"currency":"USD"}'] * len(c),
        ctx_main[c.index],
    )
    o = j[j.depth == 4]
    rev = orders.set_index("order_id").total.reindex(o.order_id).to_numpy()
    add(
        o,
        o.t_end,
        "track",
        "Order Completed",
        o.device.to_numpy(),
        o.user_id.to_numpy(),
        [
            f'{{"order_id":"{i}","revenue":{r:.2f},"currency":"USD"}}'
            for i, r in zip(o.order_id, rev, strict=True)
        ],
        ctx_main[o.index],
    )
    if len(exp):
        first = j[j.depth >= 3].merge(exp, left_on=["person_id", "t_end"], right_on=["person_id", "t"])
        first = first.drop_duplicates("person_id")
        add(
            first,
            first.t_end - pd.Timedelta(minutes=2.5),
            "track",
            "Experiment Viewed",
            first.device.to_numpy(),
            user.reindex(first.person_id).to_numpy(),
            [f'{{"experiment_name":"{EXPERIMENT["name"]}","variant_name":"{v}"}}' for v in first.variant],
            ['{"library":{"name":"analytics.js"}}'] * len(first),
        )
    if len(acts):  # what cxlens's live service logged when each action fired or was held out
        q = j.loc[acts.journey.to_numpy()]
        add(
            q,
            acts.t.to_numpy(),
            "track",
            "Experiment Viewed",
            q.device.to_numpy(),
            user.reindex(acts.person_id).to_numpy(),
            [
                json.dumps(properties(a, ACTIONS[a]["holdout"], v == HELD_OUT, w))
                for a, v, w in zip(acts.action, acts.variant, acts.window_days, strict=True)
            ],
            [json.dumps({"library": {"name": LIBRARY}})] * len(q),
        )
    ev = pd.concat(parts, ignore_index=True)
    ev = ev.sort_values(["_t", "_j"], kind="stable").reset_index(drop=True)
    ev.insert(ev.columns.get_loc("_t"), "timestamp", _iso(pd.to_datetime(ev.pop("_t"), utc=True)))
    ev = ev.drop(columns="_j")
    ev.insert(0, "message_id", [f"{chunk:04x}{s:08x}-{(s * 2654435761) % 2**32:08x}" for s in range(len(ev))])
    return ev, j
