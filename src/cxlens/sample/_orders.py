"""Purchases from a buy-till-you-die process, as orders and order lines.

Each customer is "born" at a first purchase, then buys as a Poisson process with rate lambda ~ Gamma(r, alpha)
until an unseen dropout after an exponential lifetime with rate mu ~ Gamma(s, beta) (Pareto/NBD, Schmittlein,
Morrison & Colombo 1987). Unlike BG/NBD, a one-time buyer can be gone, as in real shops. Spend per order
follows Gamma-Gamma. Parameters are per persona and recorded in the truth.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cxlens.sample._world import CATEGORIES, CHANNELS, DAYS, PERSONAS, PRICES, START, STORES

NAME_BRANDS = (
    "Levi's",
    "Nike",
    "Adidas",
    "Columbia",
    "Coleman",
    "Hanes",
    "Nintendo",
    "Sony",
    "Samsung",
    "Seventh Generation",
    "Method",
    "Carter's",
    "Dove",
    "Scotts",
    "Penguin",
)
DESIGNER = ("Gucci", "Prada", "Ralph Lauren", "Hugo Boss")
HOUSE = "CXMart Basics"
RETURN_REASONS = ("wrong size", "damaged", "not as described", "changed my mind", "arrived late")


def purchase_process(rng: np.random.Generator, persons: pd.DataFrame) -> pd.DataFrame:
    """Draw lambda, mu and spend for every person and the days (since START) of each customer's purchases."""
    n = len(persons)
    pi = persons.persona_idx.to_numpy()
    prm = np.array([p.pnbd for p in PERSONAS])[pi]
    lam = rng.gamma(prm[:, 0], 1 / prm[:, 1])
    mu = rng.gamma(prm[:, 2], 1 / prm[:, 3])
    sp = np.array([p.spend for p in PERSONAS])[pi]
    nu = rng.gamma(sp[:, 1], 1 / sp[:, 2])
    cust = persons.is_customer.to_numpy()
    birth = np.maximum(persons.created_day.to_numpy() + rng.integers(0, 60, n), 0).astype(float)
    birth = np.minimum(birth, DAYS - 14) + rng.random(n)
    T = DAYS - birth
    lifetime = rng.exponential(1 / mu)
    alive = cust & (lifetime > T)
    span = np.minimum(T, lifetime)  # purchases happen while the customer is alive
    x = np.where(cust, rng.poisson(lam * span), 0)  # repeat purchases
    owner = np.repeat(np.arange(n), x)
    days = np.concatenate([birth[cust], birth[owner] + rng.random(owner.size) * span[owner]])
    who = np.concatenate([np.flatnonzero(cust), owner])  # sorted by day below
    truth = persons[["person_id"]].assign(
        lam=lam,
        mu=mu,
        lifetime=np.where(cust, lifetime, np.nan),
        spend_p=sp[:, 0],
        spend_q=sp[:, 1],
        spend_gamma=sp[:, 2],
        spend_nu=nu,
        first_purchase_day=np.where(cust, birth, np.nan),
        T=np.where(cust, T, np.nan),
        repeat_purchases=x,
        alive=alive,
    )
    buys = pd.DataFrame({"who": who, "day": days}).sort_values(["who", "day"], kind="stable")
    return truth, buys.reset_index(drop=True)


def _hours(rng: np.random.Generator, pi: np.ndarray, channel: np.ndarray) -> np.ndarray:
    win = np.array([p.hours for p in PERSONAS])[pi]
    inside = rng.random(len(pi)) < win[:, 2]
    h_in = rng.integers(win[:, 0].astype(int), win[:, 1].astype(int))
    h_out = np.where(channel == "store", rng.integers(8, 21, len(pi)), rng.integers(7, 24, len(pi)))
    return np.where(inside, h_in, h_out) % 24


def orders(
    rng: np.random.Generator,
    persons: pd.DataFrame,
    buys: pd.DataFrame,
    nu: np.ndarray,
    chunk: int,
    offset: int,
) -> pd.DataFrame:
    """One order per purchase, referenced the way each channel knows the person.

    ``buys`` has ``who`` (row of ``persons``) and ``day``, or ``channel`` and ``at`` when the journey that
    ends in the order already fixed them.
    """
    n = len(buys)
    who = buys.who.to_numpy()
    per = persons.iloc[who]
    pi = per.persona_idx.to_numpy()
    if "channel" in buys:
        ch, ts = buys.channel.to_numpy(), pd.to_datetime(buys["at"].to_numpy(), utc=True)
    else:
        ch_p = np.array([p.channels for p in PERSONAS])[pi]
        ch = np.array(CHANNELS)[(rng.random((n, 1)) > ch_p.cumsum(1)).sum(1).clip(0, 3)]
        online = per.user_id.notna().to_numpy()
        ch = np.where(np.isin(ch, ["web", "app"]) & ~online, "store", ch)
        hour = _hours(rng, pi, ch)
        day = np.floor(buys.day.to_numpy())
        ts = (
            START
            + pd.to_timedelta(day, unit="D")
            + pd.to_timedelta(hour * 3600 + rng.integers(0, 3600, n), unit="s")
        )
    sp = np.array([p.spend[0] for p in PERSONAS])[pi]
    gross = np.round(np.maximum(rng.gamma(sp, 1 / nu[who]), 3.0), 2)
    coupon = rng.random(n) < np.array([p.coupon for p in PERSONAS])[pi]
    discount = np.where(coupon, np.round(gross * rng.uniform(0.1, 0.25, n), 2), 0.0)
    store = ch == "store"
    home = per.home_store.to_numpy()
    store_idx = np.where(rng.random(n) < 0.8, home, rng.integers(0, len(STORES), n))
    mins = np.array([p.minutes for p in PERSONAS])[pi]
    minutes = np.where(store, np.round(np.clip(rng.normal(mins[:, 0], mins[:, 1]), 3, 180), 1), np.nan)
    loyalty, email = per.loyalty_id.to_numpy(), per.email.to_numpy()
    return pd.DataFrame(
        {
            "order_id": [f"O{chunk:04d}{i:07d}" for i in range(offset, offset + n)],
            "person_id": per.person_id.to_numpy(),
            "contact_id": np.where(ch == "call_centre", per.contact_id.to_numpy(), None),
            "user_id": np.where(np.isin(ch, ["web", "app"]), per.user_id.to_numpy(), None),
            "email": np.where(store & pd.isna(loyalty), email, None),
            "loyalty_id": np.where(store, loyalty, None),
            "ordered_at": ts,
            "channel": ch,
            "store_id": np.where(store, np.array(STORES)[store_idx], None),
            "gross": gross,
            "total": np.round(gross - discount, 2),
            "discount": discount,
            "coupon_code": np.where(coupon, rng.choice(["SAVE10", "SPRING15", "ECO20", "WELCOME"], n), None),
            "minutes_in_store": minutes,
            "persona_idx": pi,
            "anomaly": "",
        }
    )


def plant_anomalies(rng: np.random.Generator, o: pd.DataFrame) -> None:
    """Make a few orders far outside their buyer's own pattern (amount, hour, store), in place."""
    counts = o.person_id.map(o.person_id.value_counts())
    pool = np.flatnonzero((counts >= 4).to_numpy() & (o.channel == "store").to_numpy())
    k = min(len(pool), max(3, len(o) // 2000))
    if not k:
        return
    pick = rng.choice(pool, k, replace=False)
    col = o.columns.get_loc
    o.iloc[pick, col("total")] = np.round(o.total.iloc[pick] * rng.uniform(12, 25, k), 2)
    o.iloc[pick, col("gross")] = o.total.iloc[pick] + o.discount.iloc[pick]
    day = o.ordered_at.iloc[pick].dt.floor("D")
    o.iloc[pick, col("ordered_at")] = (
        day + pd.Timedelta(hours=3) + pd.to_timedelta(rng.integers(0, 3600, k), unit="s")
    )
    far = (o.store_id.iloc[pick].str[1:].astype(int) + len(STORES) // 2) % len(STORES)
    o.iloc[pick, col("store_id")] = [STORES[i] for i in far]
    o.iloc[pick, col("anomaly")] = "amount, hour and store far outside the person's usual pattern"


def items(rng: np.random.Generator, o: pd.DataFrame) -> pd.DataFrame:
    """Order lines whose prices add up to each order's gross amount."""
    k = 1 + rng.poisson(1.5, len(o))
    rows = np.repeat(np.arange(len(o)), k)
    line = np.arange(rows.size) - np.repeat(np.cumsum(k) - k, k) + 1
    pi = o.persona_idx.to_numpy()[rows]
    weights = np.array([[p.categories.get(c, 0.05) for c in CATEGORIES] for p in PERSONAS], dtype=float)
    cum = (weights / weights.sum(1, keepdims=True)).cumsum(1)[pi]
    cat = np.array(CATEGORIES)[(rng.random((rows.size, 1)) > cum).sum(1).clip(0, len(CATEGORIES) - 1)]
    prm = lambda a: np.array([getattr(p, a) for p in PERSONAS])[pi]  # noqa: E731
    qty = 1 + rng.poisson(0.3, rows.size)
    raw = np.array([PRICES[c] for c in cat]) * rng.lognormal(0, 0.35, rows.size)
    scale = o.gross.to_numpy() / np.bincount(rows, weights=raw * qty, minlength=len(o))
    price = np.round(raw * scale[rows], 2).clip(0.5)
    private = rng.random(rows.size) < prm("private_label")
    designer = ~private & (rng.random(rows.size) < prm("designer"))
    brand = np.where(
        private,
        HOUSE,
        np.where(designer, rng.choice(DESIGNER, rows.size), rng.choice(NAME_BRANDS, rows.size)),
    )
    out = pd.DataFrame(
        {
            "order_id": o.order_id.to_numpy()[rows],
            "line": line,
            "sku": np.char.add(
                np.char.add(np.char.upper(np.char.ljust(cat.astype(str), 3).astype("<U3")), "-"),
                np.char.zfill(rng.integers(0, 400, rows.size).astype(str), 4),
            ),
            "category": cat,
            "brand": brand,
            "private_label": private,
            "eco": rng.random(rows.size) < prm("eco"),
            "clearance": rng.random(rows.size) < prm("clearance"),
            "quantity": qty,
            "unit_price": price,
            "returned": rng.random(rows.size) < np.where(designer, 0.1, 0.04),
        }
    )
    reason = rng.choice(RETURN_REASONS, rows.size, p=(0.3, 0.2, 0.2, 0.2, 0.1))
    return out.assign(return_reason=np.where(out.returned, reason, None))
