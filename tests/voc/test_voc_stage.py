"""The voc stage on the sample company, against the truth it planted."""

from __future__ import annotations

import numpy as np
import pandas as pd

from cxlens import Project
from cxlens.sample._voice import CSAT_BY_CHANNEL, NPS_MEAN
from cxlens.sample._world import PERSONAS
from cxlens.voc import csat, nps


def _table(p: Project, name: str) -> pd.DataFrame:
    return p.table(name).to_pandas()


def test_every_comment_ticket_and_post_is_read_and_intent_matches_what_was_planted(loaded, truth):
    f = _table(loaded.project, "feedback_scored")
    counts = f.groupby("source").size()
    for source, table in (("feedback", "feedback"), ("tickets", "tickets"), ("mentions", "mentions")):
        assert counts[source] == len(_table(loaded.project, table))  # every ingested row, none lost
    for source, key in (("feedback", "response_id"), ("tickets", "ticket_id"), ("mentions", "mention_id")):
        planted = truth(source).dropna(subset=["intent"]).rename(columns={key: "ref"})
        got = f[f.source == source].merge(planted, on="ref", suffixes=("", "_planted"))
        assert len(got) > 0
        assert (got.intent == got.intent_planted).mean() >= 0.8, source
        if "sentiment_planted" in got:
            assert (got.sentiment_label == got.sentiment_planted).mean() >= 0.8, source


def test_overall_nps_is_the_textbook_value_and_breakdowns_add_up(loaded):
    p = loaded.project
    s = _table(p, "voc_scores")
    fb = _table(p, "feedback")
    want = nps(fb[fb.kind == "nps"].score)
    overall = s[(s.metric == "nps") & (s.dimension == "all")].iloc[0]
    assert overall.score == want["nps"] and overall.n == want["n"]
    assert (overall.ci_low, overall.ci_high) == (want["ci_low"], want["ci_high"])
    for dim in ("period", "persona", "stage", "touchpoint", "channel"):
        assert s[(s.metric == "nps") & (s.dimension == dim)].n.sum() == overall.n, dim
    thin = s.n < p.config.voc.min_responses
    assert (s.warning[thin] != "").all() and (s.warning[~thin] == "").all()
    periods = s[(s.metric == "nps") & (s.dimension == "period")].sort_values("value")
    adjusted = (periods.promoters - periods.detractors) / (periods.n + 3)  # Rocks' +3/4 each side cancels
    assert np.isnan(periods.change.iloc[0])
    assert np.allclose(periods.change.iloc[1:], np.diff(adjusted))


def test_persona_nps_follows_the_planted_order(company20k):
    """Each persona is named for the planted persona most of its respondents come from; the one drawn from
    the most enthusiastic planted persona scores highest, the least enthusiastic lowest."""
    p = Project(company20k / "cxlens.yaml", progress=False)
    s = _table(p, "voc_scores")
    s = s[(s.metric == "nps") & (s.dimension == "persona") & (s.value != "(unknown)")].set_index("value")
    f = _table(p, "feedback_scored")
    a = _table(p, "persona_assignments")
    planted = pd.read_parquet(company20k / "truth" / "feedback.parquet").merge(
        pd.read_parquet(company20k / "truth" / "persons.parquet")[["person_id", "persona"]], on="person_id"
    )
    who = f[f.source == "feedback"].merge(
        planted[["response_id", "persona"]], left_on="ref", right_on="response_id"
    )
    who = who.merge(a[["person_id", "persona_name"]], on="person_id")
    origin = who.groupby("persona_name").persona.agg(lambda x: x.mode().iloc[0])
    mean = {q.key: m for q, m in zip(PERSONAS, NPS_MEAN, strict=True)}
    best, worst = max(mean, key=mean.get), min(mean, key=mean.get)
    assert origin[s.score.idxmax()] == best
    assert origin[s.score.idxmin()] == worst
    p.close()


def test_expectation_signals_match_the_orders(loaded):
    p = loaded.project
    sig = _table(p, "expectation_signals")
    items = _table(p, "order_items")
    orders = _table(p, "orders")
    everyone = sig[(sig.persona == "everyone")]
    lines = everyone[everyone.signal == "return_rate"]
    # every linked line counted once over the periods, and the weighted rate is the lines' own rate
    linked = items.merge(orders[["order_id"]], on="order_id")
    assert lines.n.sum() == len(linked)
    assert abs((lines.value * lines.n).sum() / lines.n.sum() - linked.returned.mean()) < 1e-9
    reasons = everyone[everyone.signal.str.startswith("return reason: ")].set_index("signal").value
    truth_share = linked[linked.returned].return_reason.value_counts(normalize=True)
    for reason, share in truth_share.items():
        assert abs(reasons[f"return reason: {reason}"] - share) < 1e-9
    coupons = everyone[everyone.signal == "coupon_share"]
    assert abs((coupons.value * coupons.n).sum() / coupons.n.sum() - orders.coupon_code.notna().mean()) < 0.01
    # repeat purchase, recomputed from the linked orders: each buyer's first and second order
    recs = _table(p, "identity_records")
    o = orders.assign(record="orders:" + orders.order_id).merge(recs, on="record")
    o = o.sort_values(["ordered_at", "order_id"])
    first = o.groupby("person_id").ordered_at.first()
    second = o.groupby("person_id").ordered_at.nth(1).groupby(o.person_id).first().reindex(first.index)
    days = (second - first).dt.total_seconds() / 86400
    due = (o.ordered_at.max() - first).dt.total_seconds() / 86400 >= p.config.voc.repeat_days
    repeat = everyone[everyone.signal == "repeat_rate"]
    assert repeat.n.sum() == due.sum()
    want = (days[due] <= p.config.voc.repeat_days).mean()
    assert abs((repeat.value * repeat.n).sum() / repeat.n.sum() - want) < 1e-9
    seconds = everyone[everyone.signal == "days_to_second"]
    assert seconds.n.sum() == days.notna().sum()


def test_a_known_handle_links_every_post_to_its_person(loaded, truth):
    """A post carrying an email makes its handle known: every post of that handle joins the same person."""
    p = loaded.project
    recs = _table(p, "identity_records")
    m = truth("mentions").assign(record=lambda d: "mentions:" + d.mention_id)
    ingested = _table(p, "mentions")[["mention_id", "handle", "email"]]
    m = m.merge(ingested, on="mention_id").merge(recs, on="record", suffixes=("_true", ""))
    known = m.groupby("handle").email.transform(lambda e: e.notna().any())
    linked = m[known]
    assert len(linked) > 0
    assert (linked.groupby("person_id_true").person_id.nunique() == 1).all()
    orders = truth("orders").assign(record=lambda d: "orders:" + d.order_id).merge(recs, on="record")
    same = orders.groupby("person_id_x").person_id_y.agg(lambda x: x.mode().iloc[0])
    check = linked[linked.person_id_true.isin(same.index)]
    assert len(check) > 0
    assert (check.person_id == check.person_id_true.map(same)).mean() == 1.0


def test_what_people_said_after_the_planted_pain_point_is_about_the_app(loaded):
    """The sample's app checkout fails; the people who stop there and speak up next talk about the app."""
    p = loaded.project
    pain = _table(p, "pain_points")
    at = pain[
        (pain.step == "Checkout Started → Order Completed")
        & (pain.dimension == "channel")
        & (pain.value == "app")
    ]
    assert len(at) == 1
    voices = _table(p, "pain_point_voices").merge(_table(p, "feedback_scored"), on=["source", "ref"])
    said = voices[voices["rank"] == at["rank"].iloc[0]]
    assert len(said) >= 10
    assert said.theme.value_counts(normalize=True).index[0] == "app"
    assert (said.sentiment_label == "negative").mean() > 0.5


def test_csat_after_support_follows_the_planted_channel_order(company20k):
    p = Project(company20k / "cxlens.yaml", progress=False)
    s = _table(p, "voc_scores")
    s = s[s.metric == "csat"]
    fb = _table(p, "feedback")
    want = csat(fb[fb.kind == "csat"].score)
    overall = s[s.dimension == "all"].iloc[0]
    assert (overall.score, overall.ci_low, overall.ci_high) == (want["csat"], want["ci_low"], want["ci_high"])
    by = s[s.dimension == "channel"].set_index("value").score
    planted = sorted(CSAT_BY_CHANNEL, key=CSAT_BY_CHANNEL.get)
    assert list(by.loc[planted].sort_values().index) == planted
    p.close()
