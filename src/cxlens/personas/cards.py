"""Persona cards: what sets each group apart, in words a marketer can act on.

A trait is a feature whose persona mean differs from the population's by at least ``TRAIT`` standard
deviations. Its lift is the persona mean over the population mean. The name comes from the strongest
traits that have a word for them (``Eco`` + ``bargain hunters``), the narrative from the traits in order
of strength, and the suggested engagement from what those traits say people respond to. Feature names
follow personas/features.py; unknown features still appear as traits, worded generically.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

TRAIT = 0.3  # standardised difference for a feature to count as a trait
NAMING = 0.5  # ... and to lend a word to the name
MAX_SENTENCES = 7


@dataclass(frozen=True)
class Word:
    """How one feature reads when it is high (or, with ``low``, when it is low) in a persona."""

    text: str  # a sentence fragment; {v} the persona's value, {avg} the population's, {lift}, {what}
    adjective: str = ""
    noun: str = ""
    engage: str = ""


CHANNEL = {
    "store": ("in-store", "in-store demo events"),
    "web": ("online", "email with web-only offers"),
    "app": ("app-first", "app push notifications and in-app offers"),
    "call_centre": ("phone-order", "call-centre follow-up for those who prefer it"),
}
X = "({lift:.1f}× the average)"
HIGH = {
    "coupon_rate": Word(
        f"They redeem coupons on {{v:.0%}} of orders {X}", noun="bargain hunters", engage="coupon offers"
    ),
    "eco": Word(
        f"{{v:.0%}} of the items they buy are eco products {X}", adjective="eco", engage="eco ranges"
    ),
    "clearance": Word(
        f"{{v:.0%}} of their items come from clearance {X}", noun="deal seekers", engage="clearance previews"
    ),
    "private_label": Word(
        f"{{v:.0%}} of their items are our own brand {X}",
        adjective="own-brand",
        engage="own-brand value packs",
    ),
    "children": Word(f"{{v:.0%}} buy children's products {X}", noun="parents", engage="family offers"),
    "basket": Word("They spend ${v:,.0f} an order (average ${avg:,.0f})", adjective="big-basket"),
    "items_per_order": Word("They buy {v:.1f} items an order (average {avg:.1f})"),
    "minutes_in_store": Word(
        "They spend {v:.0f} minutes a store visit (average {avg:.0f})", adjective="unhurried"
    ),
    "weekend": Word(
        f"They place {{v:.0%}} of orders at weekends {X}", adjective="weekend", engage="weekend promotions"
    ),
    "return_rate": Word(f"They return {{v:.0%}} of items {X}", engage="fit and size guidance"),
    "mobile": Word("{v:.0%} of their online activity is on a phone (average {avg:.0%})", adjective="mobile"),
    "age": Word("They are aged {q1:.0f}–{q3:.0f} (median {med:.0f}; everyone: {avg:.0f} on average)"),
    "female": Word("{v:.0%} are women (average {avg:.0%})"),
    "clv": Word(
        "They are expected to spend ${v:,.0f} in the next year (average ${avg:,.0f})",
        adjective="high-value",
        engage="a loyalty tier with early access",
    ),
    "frequency": Word(
        "They made {v:.1f} repeat purchases (average {avg:.1f})",
        noun="regulars",
        engage="a loyalty programme with members' events",
    ),
    "orders": Word("They placed {v:.1f} orders (average {avg:.1f})"),
    "events": Word("They triggered {v:.0f} web and app events (average {avg:.0f})", adjective="engaged"),
    "r_score": Word("Their recency score is {v:.1f} of 5 (average {avg:.1f})"),
    "f_score": Word("Their frequency score is {v:.1f} of 5 (average {avg:.1f})"),
    "m_score": Word("Their monetary score is {v:.1f} of 5 (average {avg:.1f})"),
    "p_alive": Word("They are still active with probability {v:.0%} (average {avg:.0%})"),
    "nps": Word("They score us {v:.1f} out of 10 on NPS (average {avg:.1f})", engage="referral invitations"),
    "csat": Word("They rate service {v:.1f} out of 5 (average {avg:.1f})"),
    "hours_early": Word(f"They place {{v:.0%}} of orders 06:00–10:00 {X}", adjective="early-bird"),
    "hours_late_morning": Word(f"They place {{v:.0%}} of orders 10:00–14:00 {X}", adjective="daytime"),
    "hours_afternoon": Word(f"They place {{v:.0%}} of orders 14:00–18:00 {X}", adjective="afternoon"),
    "hours_evening": Word(f"They place {{v:.0%}} of orders 18:00–22:00 {X}", adjective="evening"),
    "hours_night": Word(f"They place {{v:.0%}} of orders 22:00–06:00 {X}", adjective="late-night"),
}
LOW = {
    "minutes_in_store": Word(
        "They spend only {v:.0f} minutes a store visit (average {avg:.0f})",
        adjective="grab-and-go",
        engage="displays at the register for quick trips",
    ),
    "female": Word("{m:.0%} are men (average {am:.0%})"),
    "age": HIGH["age"],
    "coupon_rate": Word("They rarely use coupons ({v:.0%} of orders; average {avg:.0%})"),
    "mobile": Word("Only {v:.0%} of their online activity is on a phone (average {avg:.0%})"),
    "basket": Word("They spend ${v:,.0f} an order (average ${avg:,.0f})"),
}
BRANDS = {"tiktok": "TikTok", "youtube": "YouTube", "linkedin": "LinkedIn", "whatsapp": "WhatsApp"}
SENIOR_AGE, YOUNG_AGE = 60, 30  # median ages that lend "seniors" and "young" to a name


def _word(feature: str, high: bool) -> Word | None:
    """The wording of a feature, including the data-named families (channel_, category_, social_); None
    for a low value nobody would act on ("buys fewer books than average")."""
    table = HIGH if high else LOW
    if feature in table:
        return table[feature]
    family, _, what = feature.partition("_")
    label = what.replace("_", " ")
    if family == "channel":
        if not high:
            return Word(f"They rarely order via {label} ({{v:.0%}} of orders; average {{avg:.0%}})")
        adjective, engage = CHANNEL.get(what, (label, f"{label} outreach"))
        return Word(
            f"They place {{v:.0%}} of their orders via {label} (average {{avg:.0%}})", adjective, "", engage
        )
    if high and family == "category":
        return Word(f"{label.capitalize()} make up {{v:.0%}} of their items {X}", engage=f"{label} launches")
    if high and family == "social":
        name = BRANDS.get(what, label.title() if len(label) > 3 else label.upper())
        return Word(f"{{v:.0%}} of their social visits come from {name} {X}", engage=f"{name} campaigns")
    if high:
        return Word(f"Their {feature.replace('_', ' ')} is {{v:.3g}} {X}")
    return None


def _sentence(word: Word, v: float, avg: float, lift: float, x: pd.Series) -> str:
    q1, med, q3 = (x.quantile(q) for q in (0.25, 0.5, 0.75))
    return word.text.format(v=v, avg=avg, lift=lift, m=1 - v, am=1 - avg, q1=q1, med=med, q3=q3)


def traits(df: pd.DataFrame, member: np.ndarray) -> pd.DataFrame:
    """Every numeric feature's persona mean, population mean, lift and standardised difference,
    strongest first."""
    num = df.select_dtypes(include=["number", "bool"]).astype(float)
    avg, sd = num.mean(), num.std().replace(0, np.nan)
    mine = num[member].mean()
    out = pd.DataFrame(
        {"value": mine, "average": avg, "lift": mine / avg.where(avg > 0), "d": (mine - avg) / sd}
    )
    out = out.dropna(subset=["value", "d"])
    return out.reindex(out.d.abs().sort_values(ascending=False).index)


def _name(t: pd.DataFrame, df: pd.DataFrame, member: np.ndarray) -> str:
    """Adjective + noun from the strongest traits that have words, e.g. "Eco bargain hunters"."""
    adjectives, noun = [], ""
    if "age" in df:
        med = df.age[member].median()
        noun = "seniors" if med >= SENIOR_AGE else ""
        adjectives += ["young"] if med < YOUNG_AGE else []
    for feature, row in t[t.d.abs() >= NAMING].iterrows():
        w = _word(str(feature), row.d > 0)
        if w is None:
            continue
        if w.adjective and w.adjective not in adjectives and len(adjectives) < 2:
            adjectives.append(w.adjective)
        noun = noun or w.noun
    words = [*adjectives[: 1 if noun else 2], noun or "shoppers"]
    return " ".join(words)[0].upper() + " ".join(words)[1:]


def busiest(mine: np.ndarray, everyone: np.ndarray) -> tuple[int, int, float, float]:
    """The run of 2–6 hours (wrapping past midnight) where a persona's share of orders most exceeds
    everyone's: (from, to, persona share, everyone's share)."""
    p, q = mine / max(mine.sum(), 1), everyone / max(everyone.sum(), 1)
    best = (0, 0, 0.0, 0.0)
    for width in range(2, 7):
        for a in range(24):
            hours = [(a + i) % 24 for i in range(width)]
            pw, qw = p[hours].sum(), q[hours].sum()
            if pw - qw > best[2] - best[3] + 1e-9:
                best = (a, (a + width) % 24, float(pw), float(qw))
    return best


PEAK = 0.15  # a persona's busiest hours are a trait when they hold this much more of its orders


def describe(
    df: pd.DataFrame, labels: np.ndarray, value: str = "clv", hours: pd.DataFrame | None = None
) -> list[dict]:
    """One card per persona label: name, size, share, value share, traits, narrative and engagement.

    ``hours`` (persona × hour of day order counts), when given, adds each persona's busiest hours to the card
    and the narrative in place of the coarse hour bands."""
    cards, names = [], set()
    has_value = value in df and pd.api.types.is_numeric_dtype(df[value])
    total = float(df[value].fillna(0).clip(lower=0).sum()) if has_value else 0.0
    for k in range(int(labels.max()) + 1 if len(labels) else 0):
        member = labels == k
        t = traits(df, member)
        strong = t[t.d.abs() >= TRAIT]
        name = _name(t, df, member)
        while name in names:  # two personas may share their strongest words; the card still tells them apart
            name += " II" if not name.endswith("I") else "I"
        names.add(name)
        sentences, engage, peak = [], [], None
        if hours is not None and k in hours.index:
            a, b, mine, everyone = busiest(hours.loc[k].to_numpy(float), hours.sum().to_numpy(float))
            if mine - everyone >= PEAK:
                peak = {"from": a, "to": b, "share": mine, "average": everyone}
                sentences.append(
                    f"They shop {a:02d}:00–{b:02d}:00: {mine:.0%} of their orders (everyone: {everyone:.0%})"
                )
        for feature, row in strong.iterrows():
            w = _word(str(feature), row.d > 0)
            if w is None or (hours is not None and str(feature).startswith("hours_")):
                continue
            if len(sentences) < MAX_SENTENCES:
                x = df[feature][member].astype(float)
                sentences.append(_sentence(w, row.value, row.average, row.lift, x))
            if w.engage and w.engage not in engage:
                engage.append(w.engage)
        # what people respond to before what they buy: category launches only fill the gaps
        engage = sorted(engage, key=lambda e: "launches" in e)[:3]
        share_value = float(df[value][member].fillna(0).clip(lower=0).sum()) / total if total > 0 else None
        cards.append(
            {
                "persona": k,
                "name": name,
                "size": int(member.sum()),
                "share": float(member.mean()),
                "value_share": share_value,
                "traits": [
                    (str(f), float(r.value), None if pd.isna(r.lift) else float(r.lift))
                    for f, r in strong.iterrows()
                ],
                "narrative": _narrative(sentences),
                "engagement": _engagement(engage, peak),
                "peak_hours": peak,
            }
        )
    return cards


def _narrative(sentences: list[str]) -> str:
    if not sentences:
        return "Close to the average customer on every feature."
    return " ".join(s[0].upper() + s[1:] + "." for s in sentences)


def _engagement(ideas: list[str], peak: dict | None) -> str:
    when = f" Reach them {peak['from']:02d}:00–{peak['to']:02d}:00, when they shop." if peak else ""
    if not ideas:
        return "General newsletter and seasonal offers; nothing sets them apart." + when
    text = ideas[0] if len(ideas) == 1 else ", ".join(ideas[:-1]) + " and " + ideas[-1]
    return text[0].upper() + text[1:] + "." + when
