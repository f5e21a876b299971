"""Sentiment, intent and themes on a labelled set written for these tests, by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from cxlens.voc import classify, intent, themes
from cxlens.voc.text import label, sentiment

LABELLED = Path(__file__).with_name("labelled_feedback.csv")


def test_intent_and_sentiment_on_the_labelled_set():
    """58 comments written for this test (none from the sample generator), labelled by hand."""
    d = pd.read_csv(LABELLED)
    got = classify(d.text)
    intent_accuracy = (got.intent == d.intent).mean()
    sentiment_accuracy = (got.sentiment_label == d.sentiment).mean()
    print(f"\nintent accuracy {intent_accuracy:.1%}, sentiment accuracy {sentiment_accuracy:.1%} on {len(d)}")
    assert intent_accuracy >= 0.8
    assert sentiment_accuracy >= 0.75
    for name in ("complaint", "question", "suggestion", "praise"):  # no intent is sacrificed for the others
        assert (got.intent[d.intent == name] == name).mean() >= 0.7, name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Why is my order late again?", "complaint"),  # a complaint phrased as a question
        ("It would be nice if you stocked oat milk.", "suggestion"),
        ("Thanks, the parcel came early!", "praise"),
        ("Is the store open on Sunday?", "question"),
        ("I bought a lamp.", "other"),
    ],
)
def test_cues_decide_before_the_sentiment(text, expected):
    assert intent(text) == expected


def test_themes_main_first_and_handles_ignored():
    assert themes("The parcel arrived late and the box was damaged") == ["delivery", "product quality"]
    assert themes("@shop can I return an online order in store?")[0] == "returns"
    assert themes("#shop love it") == []
    assert themes("filter by size please", {"web": ("filter",)}) == ["web"]


def test_sentiment_knows_the_retail_words():
    assert label(sentiment("My order arrived late.")) == "negative"
    assert label(sentiment("Delivery was quick and easy.")) == "positive"


def test_classify_reads_each_distinct_text_once_and_keeps_empty_ones_empty():
    got = classify(["Great service!", None, "  ", "Great service!", float("nan")])
    assert got.sentiment_label.tolist()[0] == got.sentiment_label.tolist()[3] == "positive"
    assert got.intent.iloc[[1, 2, 4]].isna().all()
    assert len(got) == 5
