"""Touchpoints: every event, order, survey answer and support ticket as one moment of one person's journey.

People come from the identity map, so a journey continues from phone to laptop to store. Each touchpoint has
a name, a channel and a stage of the journey (awareness → discovery → purchase → delivery → retention →
advocacy). docs/journeys.md lists the rules and the default stage map; ``journeys.stages`` in cxlens.yaml
adds to it.

>>> t = touchpoints(con, config.journeys)  # doctest: +SKIP
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.config import Journeys
from cxlens.ids import event_ids, event_record, json_text, with_person
from cxlens.tables import IDENTITY_RECORDS

# Segment's e-commerce spec and the common marketing events, by stage; an arrival (from a campaign, a
# referring site or typed in directly) is awareness whatever its name.
STAGE_MAP = {
    "discovery": (
        "Page Viewed", "Screen Viewed", "Products Searched", "Product List Viewed", "Product List Filtered",
        "Promotion Viewed", "Promotion Clicked", "Product Clicked", "Product Viewed", "Product Added",
        "Product Removed", "Cart Viewed", "Product Added to Wishlist", "Product Shared", "Experiment Viewed",
    ),
    "purchase": (
        "Checkout Started", "Checkout Step Viewed", "Checkout Step Completed", "Payment Info Entered",
        "Coupon Entered", "Coupon Applied", "Order Completed", "Order Placed",
    ),
    "delivery": ("Order Shipped", "Order Delivered", "Order Updated", "Support Ticket"),
    "retention": ("Order Refunded", "Order Cancelled", "Survey Answered", "Email Opened"),
    "advocacy": ("Product Reviewed", "Review Written", "Referral Sent", "Promoter Answer"),
    "awareness": ("Email Link Clicked", "Push Notification Opened", "Ad Clicked", "Campaign Visit"),
}  # fmt: skip
ARRIVALS = ("ads", "social", "email", "push", "referral", "direct")  # the channels attribution credits
PAID = ("cpc", "ppc", "paid", "paidsearch", "paid_search", "display", "paid_social", "banner")
COLUMNS = (
    "person_id", "at", "source", "ref", "touchpoint", "channel", "device", "stage", "is_conversion", "value",
    "sentiment",
)  # fmt: skip


def _events(con: BaseBackend, cfg: Journeys) -> ir.Table:
    e = con.table("events")
    e = e.filter(e.type.isin(["track", "page", "screen"]))
    e = event_ids(e, "message_id", "type", "event", "timestamp", "channel", "properties", "context")
    e = e.mutate(record=event_record(e)).join(con.table(IDENTITY_RECORDS), "record")
    page = e.type.isin(["page", "screen"])
    medium = json_text(e.context, "medium").lower()
    referrer = ibis.ifelse(
        page, json_text(e.properties, "referrer"), ibis.null("string")
    )  # parse only where used
    name = ibis.cases((e.type == "page", "Page Viewed"), (e.type == "screen", "Screen Viewed"), else_=e.event)
    device = ibis.ifelse(e.channel == "mobile", "app", "web")
    channel = ibis.cases(
        (medium.isin(PAID), "ads"),
        (medium == "social", "social"),
        ((medium == "email") | (e.event == "Email Link Clicked"), "email"),
        ((medium == "push") | (e.event == "Push Notification Opened"), "push"),
        (page & referrer.isnull() & medium.isnull(), "direct"),
        (medium.notnull() | referrer.notnull(), "referral"),
        else_=device,
    )
    money = e.event.isin(cfg.conversion)  # revenue and order ids are read from conversions only
    revenue = ibis.ifelse(
        money,
        e.properties.re_extract(r'"(?:revenue|total)"\s*:\s*([0-9.]+)', 1).nullif(""),
        ibis.null("string"),
    ).cast("float64")
    return e.select(
        "person_id",
        at=e.timestamp,
        source=ibis.literal("events"),
        ref=e.message_id,
        touchpoint=name,
        channel=channel,
        device=e.anonymous_id,
        value=revenue,
        sentiment=ibis.null("float64"),
        order_id=ibis.ifelse(money, json_text(e.properties, "order_id"), ibis.null("string")),
    )


def _orders(con: BaseBackend, online: ir.Table | None) -> ir.Table:
    """Orders not already seen as an 'Order Completed' event (a web order is both)."""
    o = con.table("orders")
    if online is not None:
        seen = online.filter(online.order_id.notnull()).select("order_id").distinct()
        o = o.anti_join(seen, "order_id")
    o = with_person(con, "orders", t=o)
    return o.select(
        "person_id",
        at=o.ordered_at,
        source=ibis.literal("orders"),
        ref=o.order_id,
        touchpoint=ibis.literal("Order Placed"),
        channel=o.channel.fill_null("unknown"),
        device=ibis.null("string"),
        value=o.total,
        sentiment=ibis.null("float64"),
    )


def _feedback(con: BaseBackend) -> ir.Table:
    f = with_person(con, "feedback")
    nps, csat = f.kind == "nps", f.kind == "csat"
    good = (nps & (f.score >= 9)) | (csat & (f.score >= 4))
    bad = (nps & (f.score <= 6)) | (csat & (f.score <= 2))
    return f.select(
        "person_id",
        at=f.submitted_at,
        source=ibis.literal("feedback"),
        ref=f.response_id,
        touchpoint=ibis.ifelse(good, "Promoter Answer", "Survey Answered"),
        channel=f.channel.fill_null("survey"),
        device=ibis.null("string"),
        value=ibis.null("float64"),
        sentiment=ibis.cases((good, 1.0), (bad, -1.0), (f.score.notnull(), 0.0), else_=ibis.null("float64")),
    )


def _tickets(con: BaseBackend) -> ir.Table:
    t = with_person(con, "tickets")
    return t.select(
        "person_id",
        at=t.opened_at,
        source=ibis.literal("tickets"),
        ref=t.ticket_id,
        touchpoint=ibis.literal("Support Ticket"),
        channel=t.channel.fill_null("support"),
        device=ibis.null("string"),
        value=ibis.null("float64"),
        sentiment=ibis.null("float64"),
    )


def stage_map(cfg: Journeys) -> dict[str, str]:
    """Touchpoint name → stage: the defaults, overridden by ``journeys.stages``."""
    out = {name: stage for stage, names in STAGE_MAP.items() for name in names}
    return {**out, **cfg.stages}


def touchpoints(con: BaseBackend, cfg: Journeys) -> ir.Table:
    """One row per touchpoint: person, time, source and the row's key there (``ref``), name, channel,
    device, stage, conversion, value, sentiment (−1 detractor, 0 passive, 1 promoter; survey answers)."""
    parts = []
    ev = _events(con, cfg) if engine.has_table(con, "events") else None
    if ev is not None:
        parts.append(ev.drop("order_id"))
    if engine.has_table(con, "orders"):
        parts.append(_orders(con, ev))
    if engine.has_table(con, "feedback"):
        parts.append(_feedback(con))
    if engine.has_table(con, "tickets"):
        parts.append(_tickets(con))
    t = ibis.union(*parts)
    stages = stage_map(cfg)
    named = ibis.cases(*[(t.touchpoint == k, v) for k, v in stages.items()], else_="discovery")
    return t.mutate(
        stage=ibis.ifelse(t.channel.isin(ARRIVALS), "awareness", named),
        is_conversion=t.touchpoint.isin(cfg.conversion),
    ).select(*COLUMNS)
