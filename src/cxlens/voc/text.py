"""What a comment, ticket or post says: sentiment, intent and themes, by transparent lexicons and rules.

- **Sentiment** is VADER's compound score (Hutto & Gilbert 2014; its lexicon ships inside the
  ``vaderSentiment`` package, nothing is downloaded), with a few retail words VADER does not know (late,
  damaged, refund...). At or above 0.05 is positive, at or below −0.05 negative, as VADER's authors advise.
- **Intent** is one of suggestion, question, complaint, praise or other, from cue phrases first and the
  sentiment second: "it would be nice if..." is a suggestion even when polite, "where is my order?" a
  question, "arrived late" a complaint even without an angry word.
- **Themes** are keyword families (delivery, price, staff...), extensible in ``voc.themes``; the first theme
  mentioned is the comment's main one.

Texts are scored once per distinct text, so a million copies of "Thanks!" cost one.

>>> classify(["Where is my parcel?"]).intent.tolist()  # doctest: +SKIP
['question']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache

import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from cxlens.stage import steps

INTENTS = ("complaint", "question", "suggestion", "praise", "other")
POSITIVE, NEGATIVE = 0.05, -0.05

# Service words VADER's general lexicon lacks or rates neutral, on its −4..4 scale.
RETAIL_LEXICON = {
    "late": -1.6, "delayed": -1.5, "damaged": -2.0, "broken": -2.0, "faulty": -2.0, "fails": -1.8,
    "failing": -1.8, "failed": -1.8, "missing": -1.5, "refund": -1.0, "overcharged": -2.2, "rude": -2.3,
    "unhelpful": -2.0, "queue": -0.8, "waited": -1.0, "crashes": -2.0, "crashed": -2.0, "wrong": -1.6,
    "expensive": -1.2, "overpriced": -2.0, "early": 0.8, "quick": 1.2, "fast": 1.2, "smooth": 1.4,
    "easy": 1.5, "friendly": 2.0, "recommend": 1.8,
}  # fmt: skip

# Theme: keywords (word starts; a trailing space makes a whole word). The order decides the main theme.
THEMES: dict[str, tuple[str, ...]] = {
    "delivery": ("deliver", "arriv", "parcel", "package", "shipping", "courier", "dispatch", "tracking"),
    "returns": ("return", "refund", "exchange", "receipt"),
    "app": ("app ", "apps ", "mobile app", "crash", "update"),
    "website": ("website", "web site", "site ", "online", "filter", "search", "webpage", "login"),
    "checkout": ("checkout", "check out", "payment", "pay ", "card ", "basket", "cart"),
    "price": ("price", "expensive", "cheap", "cost", "deal", "coupon", "discount", "offer", "overcharg"),
    "staff": ("staff", "employee", "cashier", "assistant", "rude", "service", "answered", "phone", "agent"),
    "store": ("store", "in shop", "queue", "till ", "tills", "aisle", "parking", "opening hours"),
    "product quality": ("quality", "broken", "damaged", "faulty", "zip", "stitch", "fabric", "defect",
                        "fell apart", "stopped working"),
    "stock": ("stock", "sold out", "out of stock", "availability", "unavailable"),
}  # fmt: skip

_SUGGESTION = re.compile(
    r"\b(would be (nice|great|good|better|helpful)|it would help|please (add|bring|make|consider|offer|"
    r"introduce|stock)|you (should|could|might) (add|show|offer|make|have|let|consider|bring|stock)|"
    r"i wish|i'd like (to see|it if)|why not|how about|suggest|suggestion|idea|could be (shorter|faster|"
    r"better|easier|cheaper)|should (show|have|offer|let|add))\b"
)
_QUESTION = re.compile(
    r"(\?|^(how|what|where|when|why|which|who|can|could|do|does|did|is|are|will|would|may|should)\b"
    r"|\b(wondering|i want to know|let me know|any update)\b)"
)
_COMPLAINT = re.compile(
    r"\b(late|not (arrived|received|working|happy)|never (arrived|came|received)|hasn't arrived|"
    r"has not arrived|still waiting|damaged|broken|faulty|missing|wrong|fail\w*|crash\w*|refund|"
    r"overcharged|charged twice|complain\w*|disappoint\w*|terrible|awful|worst|rude|unacceptable|"
    r"nobody|no one|waited|too (expensive|slow|long))\b"
)
_PRAISE = re.compile(r"\b(thank\w*|love|great|excellent|amazing|awesome|perfect|brilliant|well done|kudos)\b")


@cache
def _analyzer() -> SentimentIntensityAnalyzer:
    a = SentimentIntensityAnalyzer()
    a.lexicon.update(RETAIL_LEXICON)
    return a


def sentiment(text: str) -> float:
    """VADER's compound score of ``text`` with the retail words, from −1 (negative) to 1 (positive)."""
    return float(_analyzer().polarity_scores(text)["compound"])


def label(compound: float) -> str:
    """positive, neutral or negative from a compound score, by VADER's ±0.05."""
    return "positive" if compound >= POSITIVE else "negative" if compound <= NEGATIVE else "neutral"


def intent(text: str, compound: float | None = None) -> str:
    """suggestion, question, complaint, praise or other. Cue phrases decide before the sentiment does: a
    complaint phrased as a question ("why is my order late?") is a complaint, a polite idea a suggestion."""
    t = " ".join(text.lower().split())
    compound = sentiment(text) if compound is None else compound
    complaint = bool(_COMPLAINT.search(t))
    if _SUGGESTION.search(t) and compound > -0.5:
        return "suggestion"
    if complaint and (compound < POSITIVE or not _PRAISE.search(t)):
        return "complaint"
    if _QUESTION.search(t):
        return "question"
    if compound <= NEGATIVE:
        return "complaint"
    if compound >= POSITIVE or _PRAISE.search(t):
        return "praise"
    return "other"


def themes(text: str, vocabulary: Mapping[str, Iterable[str]] = THEMES) -> list[str]:
    """The themes ``text`` mentions, main theme first (the one mentioned earliest); @handles and #tags
    are not words."""
    t = " " + re.sub(r"[^a-z0-9']+", " ", re.sub(r"[@#]\w+", " ", text.lower())) + " "
    found = []
    for theme, words in vocabulary.items():
        at = [t.find(" " + w) for w in words]
        at = [i for i in at if i >= 0]
        if at:
            found.append((min(at), theme))
    return [theme for _, theme in sorted(found)]


def classify(
    texts: Iterable[str | None], vocabulary: Mapping[str, Iterable[str]] = THEMES, progress: bool = False
) -> pd.DataFrame:
    """One row per text: ``sentiment`` (compound), ``sentiment_label``, ``intent``, ``theme`` (main) and
    ``themes`` (comma-separated). Empty texts get nulls. Each distinct text is scored once."""
    texts = pd.Series(list(texts), dtype=object)
    distinct = texts.dropna().map(str).map(str.strip)
    distinct = distinct[distinct != ""].unique()
    rows = {}
    with steps("Voice of the customer", f"reading {len(distinct):,} distinct texts", progress):
        for text in distinct:
            score = sentiment(text)
            found = themes(text, vocabulary)
            main = found[0] if found else None
            rows[text] = (score, label(score), intent(text, score), main, ",".join(found))
    cols = ["sentiment", "sentiment_label", "intent", "theme", "themes"]
    keys = texts.map(lambda t: str(t).strip() if t is not None and t == t else None)
    table = pd.DataFrame.from_dict(rows, orient="index", columns=cols)
    return table.reindex(keys.to_numpy()).reset_index(drop=True)
