"""Survey answers and support tickets, with the sentiment, intent and theme each comment was written with."""

from __future__ import annotations

import numpy as np
import pandas as pd

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
NPS_MEAN = (8.3, 7.2, 9.0, 6.6, 8.0)  # by persona index


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
