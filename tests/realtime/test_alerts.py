"""Alerts on orders out of their buyer's usual pattern, against the anomalies the sample planted."""

from __future__ import annotations


def test_every_planted_anomaly_raises_an_alert_with_its_reasons(loaded, truth):
    alerts = loaded.project.table("alerts").to_pandas()
    planted = truth("orders")
    planted = set(planted.order_id[planted.anomaly != ""])
    found = set(alerts.order_id)
    assert planted and planted <= found  # every planted anomaly
    assert len(found - planted) <= len(planted) // 2  # and few false alarms
    hit = alerts[alerts.order_id.isin(planted)]
    assert hit.reasons.str.contains("against a usual").all()
    assert hit.reasons.str.contains("rare hour|rarely shop").all()
    assert (hit.amount_z >= 4).all() and (hit.total > 4 * hit.usual_amount).all()
