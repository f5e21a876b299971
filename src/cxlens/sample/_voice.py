"""Survey answers, support tickets and social posts, with the sentiment, intent and theme of each."""

from __future__ import annotations

import numpy as np
import pandas as pd

from cxlens.sample._world import DAYS, START

# (theme, intent, sentiment, text): the labels a comment was planted with, for the voice-of-customer tests.
COMMENTS = (
    ("staff", "praise", "positive", "The staff at the store were friendly and really helpful."),
    ("product quality", "praise", "positive", "Great quality, exactly what I needed. Love it!"),
    ("delivery", "praise", "positive", "Fast delivery, arrived a day early. Thank you!"),
    ("price", "praise", "positive", "Good prices and the coupon made it a great deal."),
    ("website", "suggestion", "neutral", "It would be nice if the website let me filter by eco products."),
    ("store", "suggestion", "neutral", "Please add more self-checkout tills, the queue could be shorter."),
    ("app", "complaint", "negative", "The app checkout keeps failing at payment. Very frustrating."),
    ("delivery", "complaint", "negative", "My order arrived late and the box was damaged."),
    ("price", "complaint", "negative", "Too expensive compared to other shops, disappointed."),
    ("staff", "complaint", "negative", "Nobody answered the phone for 40 minutes. Terrible service."),
    ("returns", "question", "neutral", "How do I return an item I bought online in a store?"),
    ("delivery", "question", "neutral", "Where is my order? Can you tell me when it will arrive?"),
)
TICKETS = (
    ("delivery", "complaint", "Late delivery", "My order has not arrived yet and it is a week late."),
    ("app", "complaint", "App checkout error", "Checkout in the app fails every time I try to pay."),
    ("returns", "question", "Return policy", "Can I return a gift without a receipt?"),
    ("delivery", "question", "Order status", "Could you tell me where my parcel is?"),
    ("product quality", "complaint", "Damaged item", "The jacket I received has a broken zip."),
    ("website", "suggestion", "Idea for the website", "You should show stock levels for my local store."),
)
# Social posts about the brand: (theme, intent, sentiment, text).
POSTS = (
    ("delivery", "complaint", "negative", "@shop my parcel is five days late again, not impressed"),
    ("app", "complaint", "negative", "your app crashed at checkout three times today #fail"),
    ("price", "praise", "positive", "loving the deals at @shop this week, saved a fortune"),
    ("product quality", "praise", "positive", "new jacket from @shop is amazing quality, so happy"),
    ("store", "suggestion", "neutral", "@shop please open the high street store earlier on weekends"),
    ("returns", "question", "neutral", "@shop can I return an online order in store?"),
    (
        "staff",
        "praise",
        "positive",
        "shout out to the @shop team who helped me carry everything, thank you",
    ),
    ("delivery", "complaint", "negative", "@shop still no sign of my order and nobody replies to DMs"),
)
PLATFORMS = ("instagram", "x", "tiktok", "facebook")
NPS_MEAN = (8.9, 7.8, 9.6, 7.2, 8.6)  # by persona index, before the drivers below
# The two experiences that truly move NPS, in points of the 0-10 answer: the surveyed order had a returned
# line; a ticket about it was opened before the answer (one answer in TICKETED). Key drivers must find them.
NPS_DRIVERS = {"returned an item": -4.5, "opened a ticket": -4.5}
TICKETED = 0.12


def _pick(rng: np.random.Generator, score: np.ndarray, channel: np.ndarray) -> np.ndarray:
    """A comment that fits the score (praise when high, complaints when low) and the channel."""
    pos, neu, neg = [0, 1, 2, 3], [4, 5, 10, 11], [6, 7, 8, 9]
    out = np.where(
        score >= 9,
        rng.choice(pos, len(score)),
        np.where(score >= 7, rng.choice(neu, len(score)), rng.choice(neg, len(score))),
    )
    return np.where((channel == "app") & (score <= 6) & (rng.random(len(score)) < 0.5), 6, out)


def feedback(
    rng: np.random.Generator, orders: pd.DataFrame, persons: pd.DataFrame, chunk: int
) -> pd.DataFrame:
    """NPS surveys a few days after about one order in eight; about half carry a comment."""
    o = orders[rng.random(len(orders)) < 0.12]
    n = len(o)
    score = np.clip(np.round(rng.normal(np.array(NPS_MEAN)[o.persona_idx.to_numpy()], 1.8)), 0, 10).astype(
        int
    )
    pick = _pick(rng, score, o.channel.to_numpy())
    has = rng.random(n) < 0.5
    ppl = persons.set_index("person_id")
    by_email = rng.random(n) < 0.7
    return pd.DataFrame(
        {
            "response_id": [f"R{chunk:03d}{i:07d}" for i in range(n)],
            "order_id": o.order_id.to_numpy(),
            "person_id": o.person_id.to_numpy(),
            "contact_id": np.where(by_email, None, ppl.contact_id.reindex(o.person_id).to_numpy()),
            "email": np.where(by_email, ppl.email.reindex(o.person_id).to_numpy(), None),
            "submitted_at": o.ordered_at + pd.to_timedelta(rng.uniform(1, 4, n), unit="D"),
            "kind": "nps",
            "score": score,
            "comment": np.where(has, np.array([c[3] for c in COMMENTS], dtype=object)[pick], None),
            "touchpoint": np.where(
                o.channel.to_numpy() == "store", "store_visit", o.channel.to_numpy() + "_order"
            ),
            "channel": "email",
            "theme": np.where(has, np.array([c[0] for c in COMMENTS])[pick], None),
            "intent": np.where(has, np.array([c[1] for c in COMMENTS])[pick], None),
            "sentiment": np.where(has, np.array([c[2] for c in COMMENTS])[pick], None),
        }
    )


def plant_drivers(
    rng: np.random.Generator,
    fb: pd.DataFrame,
    oi: pd.DataFrame,
    tk: pd.DataFrame,
    persons: pd.DataFrame,
    chunk: int,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Lower the NPS answers about an order with a returned line, or with a ticket opened about it before
    the answer (tickets added here, about TICKETED of the answers), by ``NPS_DRIVERS``; the comment is
    picked again to fit the new score. Returns the answers and the tickets with the new ones."""
    fb = fb.copy()
    returned = fb.order_id.isin(oi.order_id[oi.returned]).to_numpy()
    ticketed = rng.random(len(fb)) < TICKETED
    score = fb.score.to_numpy() + np.where(returned, NPS_DRIVERS["returned an item"], 0.0)
    score = np.clip(score + np.where(ticketed, NPS_DRIVERS["opened a ticket"], 0.0), 0, 10).astype(int)
    moved = score != fb.score.to_numpy()
    pick = np.where(moved, _pick(rng, score, np.where(fb.touchpoint == "app_order", "app", "")), -1)
    has = fb.comment.notna().to_numpy() & moved
    for i, col in enumerate(("theme", "intent", "sentiment")):
        fb.loc[has, col] = np.array([c[i] for c in COMMENTS])[pick[has]]
    fb.loc[has, "comment"] = np.array([c[3] for c in COMMENTS], dtype=object)[pick[has]]
    fb["score"] = score
    t = fb[ticketed]
    n = len(t)
    kind = rng.choice([0, 4], n)  # late delivery, damaged item
    ordered = t.submitted_at - pd.to_timedelta(rng.uniform(1, 4, n), unit="D")
    opened = ordered + (t.submitted_at - ordered) * rng.uniform(0.1, 0.9, n)
    new = pd.DataFrame(
        {
            "ticket_id": [f"TD{chunk:03d}{i:07d}" for i in range(n)],
            "person_id": t.person_id.to_numpy(),
            "email": persons.set_index("person_id").email.reindex(t.person_id).to_numpy(),
            "opened_at": opened.to_numpy(),
            "channel": rng.choice(["email", "phone", "chat"], n),
            "subject": np.array([x[2] for x in TICKETS])[kind],
            "body": np.array([x[3] for x in TICKETS])[kind],
            "resolved_at": (opened + pd.to_timedelta(rng.exponential(1.0, n), unit="D")).to_numpy(),
            "theme": np.array([x[0] for x in TICKETS])[kind],
            "intent": np.array([x[1] for x in TICKETS])[kind],
        }
    )
    return fb, pd.concat([tk, new], ignore_index=True)


def tickets(
    rng: np.random.Generator, orders: pd.DataFrame, j: pd.DataFrame, persons: pd.DataFrame, chunk: int
) -> pd.DataFrame:
    """Tickets after some orders, and after abandoned app checkouts (the planted pain point)."""
    o = orders[rng.random(len(orders)) < 0.03]
    pain = j[(j.channel == "app") & (j.depth == 3) & j.user_id.notna()]
    pain = pain[rng.random(len(pain)) < 0.1]
    who = np.concatenate([o.person_id.to_numpy(), pain.person_id.to_numpy()])
    when = pd.to_datetime(np.concatenate([o.ordered_at.to_numpy(), pain.t_end.to_numpy()]), utc=True)
    n = len(who)
    kind = np.concatenate([rng.choice([0, 2, 3, 4, 5], len(o)), np.full(len(pain), 1)])
    opened = when + pd.to_timedelta(rng.uniform(0.1, 3, n), unit="D")
    resolved = opened + pd.to_timedelta(rng.exponential(1.0, n), unit="D")
    tk = pd.DataFrame(
        {
            "ticket_id": [f"T{chunk:03d}{i:07d}" for i in range(n)],
            "person_id": who,
            "email": persons.set_index("person_id").email.reindex(who).to_numpy(),
            "opened_at": opened,
            "channel": rng.choice(["email", "phone", "chat"], n),
            "subject": np.array([t[2] for t in TICKETS])[kind],
            "body": np.array([t[3] for t in TICKETS])[kind],
            "resolved_at": resolved.where(rng.random(n) > 0.05),
            "theme": np.array([t[0] for t in TICKETS])[kind],
            "intent": np.array([t[1] for t in TICKETS])[kind],
        }
    )
    return tk


def mentions(rng: np.random.Generator, persons: pd.DataFrame, chunk: int) -> pd.DataFrame:
    """A few people post about the brand under a handle, one to four times. About a third of the posts
    carry the email the person gave social care, which is how the handle becomes known."""
    who = persons[persons.known & (rng.random(len(persons)) < 0.03)]
    k = rng.integers(1, 5, len(who))
    rows = np.repeat(np.arange(len(who)), k)
    n = rows.size
    pick = rng.choice(len(POSTS), n, p=(0.2, 0.12, 0.16, 0.14, 0.1, 0.1, 0.1, 0.08))
    platform = np.array(PLATFORMS)[rng.integers(0, len(PLATFORMS), len(who))][rows]
    handle = who.email.str.split("@").str[0].str.replace(".", "_").to_numpy()[rows]
    return pd.DataFrame(
        {
            "mention_id": [f"M{chunk:03d}{i:07d}" for i in range(n)],
            "person_id": who.person_id.to_numpy()[rows],
            "platform": platform,
            "handle": np.char.add("@", handle.astype(str)),
            "email": np.where(rng.random(n) < 0.35, who.email.to_numpy()[rows], None),
            "posted_at": START + pd.to_timedelta(rng.uniform(0, DAYS, n), unit="D"),
            "text": np.array([p[3] for p in POSTS], dtype=object)[pick],
            "theme": np.array([p[0] for p in POSTS])[pick],
            "intent": np.array([p[1] for p in POSTS])[pick],
            "sentiment": np.array([p[2] for p in POSTS])[pick],
        }
    )


CSAT_BY_CHANNEL = {"chat": 0.85, "phone": 0.75, "email": 0.6}  # chance a support contact leaves satisfied


def support_csat(rng: np.random.Generator, tk: pd.DataFrame, chunk: int) -> pd.DataFrame:
    """A 1–5 CSAT survey after about 40% of resolved tickets: satisfied (4–5) at the channel's planted
    rate, less often when the ticket took over two days."""
    t = tk[tk.resolved_at.notna() & (rng.random(len(tk)) < 0.4)]
    n = len(t)
    slow = ((t.resolved_at - t.opened_at) > pd.Timedelta(days=2)).to_numpy()
    p = t.channel.map(CSAT_BY_CHANNEL).to_numpy() - np.where(slow, 0.15, 0.0)
    happy = rng.random(n) < p
    score = np.where(happy, rng.choice([4, 5], n), rng.choice([1, 2, 3], n))
    return pd.DataFrame(
        {
            "response_id": [f"C{chunk:03d}{i:07d}" for i in range(n)],
            "person_id": t.person_id.to_numpy(),
            "contact_id": None,
            "email": t.email.to_numpy(),
            "submitted_at": t.resolved_at + pd.to_timedelta(rng.uniform(0.01, 1, n), unit="D"),
            "kind": "csat",
            "score": score,
            "comment": None,
            "touchpoint": "support",
            "channel": t.channel.to_numpy(),
            "theme": None,
            "intent": None,
            "sentiment": None,
        }
    )
