"""Next best action: what to do for one person now, ranked, each with its reason.

Rules a marketer can read, scored from what the profile knows: the lifecycle stage sets the candidates,
value (CLV, P(alive)) sets how much each is worth, recent context moves some to the top (a complaint first
calls for service recovery and silences offers; an abandoned cart calls for a reminder), the persona adds
its suggested engagement, and consent removes what the channel may not carry. An action type with a
holdout share (``realtime.nba_holdout``) is kept from that share of people (``cxlens.holdout``): it is
listed under ``held_out``, not among the actions to take.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cxlens.holdout import held_out, nba
from cxlens.privacy import CHANNELS

CART = ("Product Added", "Checkout Started", "Cart Viewed")
TYPES = ("service_recovery", "cart_reminder", "first_purchase_offer", "onboarding", "cross_sell",
         "vip_thank_you", "retention_offer", "win_back", "persona_engagement",
         "ask_for_feedback")  # fmt: skip
ORDER = "Order Completed"


def _recent(doc: dict, now: datetime, days: float) -> list[dict]:
    since = now - timedelta(days=days)
    out = []
    for t in doc.get("recent") or []:
        at = datetime.fromisoformat(str(t["at"]))
        if (at if at.tzinfo else at.replace(tzinfo=UTC)) >= since:
            out.append(t)
    return out


def next_best_actions(
    doc: dict,
    channel: str | None = None,
    now: datetime | None = None,
    holdout: dict[str, float] | None = None,
) -> dict:
    """The ranked actions for a profile document and message channel: ``{"actions": [...], "held_out":
    [...], "note": ...}``; each action has ``action``, ``score`` (0–1) and ``reason``; ``held_out`` lists
    the actions this person is kept from by the ``holdout`` shares (action type: share)."""
    now = now or datetime.now(UTC)
    if channel in CHANNELS and (doc.get("consent") or {}).get(channel) is not True:
        return {"actions": [], "held_out": [], "note": f"no consent for {channel}: nothing may be sent there"}
    stage, clv, alive = doc.get("stage") or "prospect", doc.get("clv") or 0.0, doc.get("p_alive")
    worth = min(1.0, clv / 500.0)  # a CLV of 500 or more is worth the most
    week = _recent(doc, now, 7)
    out: list[tuple[str, float, str]] = []
    unhappy = [
        t for t in week if t.get("source") in ("tickets", "feedback") and (t.get("sentiment") or 0) < -0.3
    ]
    if unhappy:
        out.append(("service_recovery", 0.99, f"{len(unhappy)} unhappy contact(s) this week "
                    f"({unhappy[0]['touchpoint']}): fix that before selling anything"))  # fmt: skip
    carts = [t for t in _recent(doc, now, 1) if t["touchpoint"] in CART]
    bought = any(t["touchpoint"] == ORDER for t in _recent(doc, now, 1))
    if carts and not bought and not unhappy:
        out.append(("cart_reminder", 0.9, f"{carts[0]['touchpoint']} in the last day without an order"))
    if stage == "prospect":
        seen = len(week)
        out.append(("first_purchase_offer", 0.5 + min(0.3, 0.03 * seen),
                    f"a prospect with {seen} touchpoint(s) this week: a first-order incentive"))  # fmt: skip
    elif stage == "new":
        out.append(("onboarding", 0.8, "a new customer: welcome and show what else we have"))
    elif stage in ("active", "won_back"):
        out.append(("cross_sell", 0.4 + 0.4 * worth,
                    f"an active customer with CLV {clv:.0f}: suggest the next category"))  # fmt: skip
    elif stage == "loyal":
        out.append(("vip_thank_you", 0.6 + 0.3 * worth, f"a loyal customer with CLV {clv:.0f}: thank them, "
                    "early access rather than discounts"))  # fmt: skip
    elif stage == "at_risk":
        chance = f"P(alive) {alive:.2f}" if alive is not None else "slipping away"
        out.append(("retention_offer", 0.5 + 0.4 * worth, f"at risk ({chance}) with CLV {clv:.0f}: a "
                    "reason to come back before they lapse"))  # fmt: skip
    elif stage == "lapsed":
        out.append(("win_back", 0.4 + 0.5 * worth, f"lapsed since {doc.get('last_purchase')}: a win-back "
                    "offer, worth it for their past value"))  # fmt: skip
    if doc.get("persona_engagement"):
        out.append(("persona_engagement", 0.2, f"{doc['persona']}: {doc['persona_engagement']}"))
    asked = any(t.get("source") == "feedback" for t in _recent(doc, now, 90))
    if stage in ("new", "active", "loyal") and not asked and not unhappy:
        out.append(("ask_for_feedback", 0.3, "a customer not asked for feedback in 90 days"))
    if unhappy:  # no selling to someone who just complained
        out = [a for a in out if a[0] in ("service_recovery", "ask_for_feedback")]
    out.sort(key=lambda a: -a[1])
    ranked = [{"action": a, "score": round(s, 3), "reason": r} for a, s, r in out]
    shares = holdout or {}
    kept = {a for a, _, _ in out if shares.get(a) and held_out(doc["person_id"], nba(a), shares[a])}
    return {
        "actions": [a for a in ranked if a["action"] not in kept],
        "held_out": [a for a in ranked if a["action"] in kept],
        "note": None,
    }
