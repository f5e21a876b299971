"""The sample retailer's world: personas, catalogue and planted effects, declared as data.

Everything a test may check against is declared here once and copied into ``truth/`` by the generator.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

START = datetime(2024, 7, 1, tzinfo=UTC)
END = datetime(2026, 6, 30, tzinfo=UTC)
DAYS = (END - START).days

CATEGORIES = (
    "jeans", "sweats", "tees", "camping", "sports", "video_games", "kids", "home", "grocery",
    "eco_cleaning", "fashion", "electronics", "beauty", "garden", "health", "books",
)  # fmt: skip
# Mean unit price per category (log-normal around it).
PRICES = dict(zip(CATEGORIES, (55, 35, 18, 80, 45, 50, 22, 30, 8, 9, 60, 150, 25, 28, 15, 14), strict=True))
CHANNELS = ("store", "web", "app", "call_centre")
AFFLUENCE = ("low", "middle", "upper_middle", "high")
MARKETING = ("ads", "email", "social", "web", "app")  # touch channels on the path to purchase


@dataclass(frozen=True)
class Persona:
    key: str
    label: str
    female: float  # share of women
    age: tuple[int, int]
    children: float  # share with young children
    affluence: tuple[float, float, float, float]
    hours: tuple[int, int, float]  # (from, to, share of orders inside that window)
    channels: tuple[float, float, float, float]  # store, web, app, call_centre
    categories: dict[str, float]
    coupon: float  # share of orders with a coupon
    eco: float  # chance an item is an eco product
    clearance: float
    private_label: float
    designer: float
    minutes: tuple[float, float]  # minutes per store visit (mean, sd)
    pnbd: tuple[float, float, float, float]  # Pareto/NBD r, alpha, s, beta (days)
    spend: tuple[float, float, float]  # Gamma-Gamma p, q, gamma
    prospects: float  # share who never buy
    online: float  # share with an online account (and devices)
    browse: float  # mean browsing journeys a year per online person
    social: tuple[float, float, float]  # instagram, facebook, tiktok
    loyalty: float  # share with a loyalty card


PERSONAS: tuple[Persona, ...] = (
    Persona(
        "eco_bargain_hunters", "Eco bargain hunters", 0.92, (28, 40), 0.85, (0.05, 0.25, 0.55, 0.15),
        (10, 14, 0.8), (0.6, 0.3, 0.1, 0.0),
        {"kids": 3, "eco_cleaning": 3, "grocery": 3, "home": 2, "fashion": 1, "health": 1},
        0.85, 0.6, 0.45, 0.35, 0.02, (30, 8), (2.2, 60.0, 1.5, 280.0), (6.0, 4.0, 40.0),
        0.15, 0.7, 3.0, (0.6, 0.35, 0.05), 0.75,
    ),
    Persona(
        "grab_and_go", "Grab-and-go enthusiasts", 0.08, (25, 40), 0.2, (0.1, 0.45, 0.35, 0.1),
        (16, 20, 0.6), (0.85, 0.1, 0.05, 0.0),
        {"jeans": 3, "sweats": 2, "tees": 3, "camping": 2, "sports": 2, "video_games": 2},
        0.0, 0.03, 0.02, 0.05, 0.03, (16, 3), (2.0, 70.0, 1.2, 180.0), (5.0, 4.0, 45.0),
        0.15, 0.35, 1.0, (0.3, 0.2, 0.5), 0.6,
    ),
    Persona(
        "loyal_omnichannel", "Loyal omnichannel regulars", 0.55, (35, 58), 0.4, (0.0, 0.15, 0.4, 0.45),
        (18, 22, 0.55), (0.35, 0.35, 0.25, 0.05),
        {"fashion": 2, "home": 2, "electronics": 1, "beauty": 2, "garden": 1, "books": 1},
        0.3, 0.15, 0.05, 0.15, 0.3, (40, 10), (3.0, 45.0, 1.5, 450.0), (8.0, 4.0, 35.0),
        0.05, 0.9, 4.0, (0.5, 0.45, 0.05), 0.9,
    ),
    Persona(
        "digital_young_browsers", "Digital-only young browsers", 0.5, (18, 27), 0.05, (0.35, 0.4, 0.2, 0.05),
        (20, 24, 0.6), (0.02, 0.38, 0.6, 0.0),
        {"fashion": 3, "electronics": 2, "video_games": 2, "beauty": 2, "tees": 1},
        0.35, 0.1, 0.25, 0.1, 0.05, (20, 6), (1.2, 80.0, 1.3, 110.0), (4.0, 4.0, 50.0),
        0.35, 1.0, 9.0, (0.45, 0.05, 0.5), 0.2,
    ),
    Persona(
        "senior_callers", "Seniors who prefer the call centre", 0.6, (62, 82), 0.0, (0.15, 0.45, 0.3, 0.1),
        (9, 12, 0.75), (0.4, 0.05, 0.0, 0.55),
        {"home": 2, "garden": 3, "health": 3, "books": 2, "grocery": 1},
        0.2, 0.1, 0.1, 0.3, 0.05, (35, 10), (1.8, 75.0, 1.2, 320.0), (6.0, 4.0, 40.0),
        0.2, 0.15, 0.5, (0.1, 0.85, 0.05), 0.7,
    ),
)  # fmt: skip
DEFAULT_MIX = (0.22, 0.2, 0.14, 0.26, 0.18)

# Planted channel effect: touches are drawn in proportion to `weight`; converting journeys draw them in
# proportion to weight x lift, so a channel's lift is its true effect on the odds of converting.
CHANNEL_WEIGHT = {"ads": 0.3, "email": 0.25, "social": 0.2, "web": 0.15, "app": 0.1}
CHANNEL_LIFT = {"ads": 0.7, "email": 2.2, "social": 1.0, "web": 1.4, "app": 1.8}

# Planted pain point: journeys in the app that start checkout are abandoned far more often than on the web.
PAIN_POINT = {"step": "Checkout Started", "next": "Order Completed", "channel": "app", "abandon_factor": 3.0}

# Planted A/B test on checkout during the last weeks: treatment turns some abandoned checkouts into orders.
EXPERIMENT = {"name": "checkout_redesign", "days": 60, "delta": 0.2}

# Planted action effects: the company ran these triggers live with a 10% holdout over the last year. A
# treated person who would not have ordered in the window does so with probability `delta`.
ACTIONS = {
    "checkout_reminder": {"delta": 0.25, "window_days": 7, "holdout": 0.1},  # after an abandoned checkout
    "win_back": {"delta": 0.15, "window_days": 30, "holdout": 0.1},  # a lapsed customer visits again
}
LAPSED_DAYS = 120  # a customer this long without an order is lapsed (for who qualifies for win_back)

STORES = tuple(f"S{i:03d}" for i in range(1, 41))
DOMAINS = ("gmail.com", "yahoo.com", "outlook.com", "icloud.com", "hotmail.com", "aol.com")
JUNK_PHONE = "555-555-5555"
JUNK_EMAILS = ("test@test.com", "noreply@example.com")
