"""People of the sample company and their messy CRM export."""

from __future__ import annotations

import numpy as np
import pandas as pd
from faker import Faker

from cxlens.sample._world import AFFLUENCE, DAYS, DOMAINS, END, JUNK_EMAILS, JUNK_PHONE, PERSONAS, STORES


class Pools:
    """Name, street and place pools drawn once with Faker, then sampled with NumPy (Faker per row is slow)."""

    def __init__(self, seed: int):
        fake = Faker("en_US")
        fake.seed_instance(seed)
        self.female = np.array(sorted({fake.first_name_female() for _ in range(600)}))
        self.male = np.array(sorted({fake.first_name_male() for _ in range(600)}))
        self.last = np.array(sorted({fake.last_name() for _ in range(1500)}))
        self.streets = np.array(sorted({fake.street_name() for _ in range(1500)}))
        rng = np.random.default_rng(seed)
        n_zip = 400
        self.zips = np.array([f"{z:05d}" for z in rng.choice(np.arange(10000, 99999), n_zip, replace=False)])
        self.zip_band = rng.integers(0, len(AFFLUENCE), n_zip)
        cities = np.array(sorted({fake.city() for _ in range(120)}))
        self.zip_city = cities[rng.integers(0, len(cities), n_zip)]
        self.area_codes = rng.choice(np.arange(201, 990), 60, replace=False)
        self.store_phone = {
            s: f"({a}) 555-01{i:02d}"
            for i, (s, a) in enumerate(zip(STORES, rng.choice(self.area_codes, len(STORES)), strict=True))
        }


def people(rng: np.random.Generator, pools: Pools, n: int, offset: int, mix: np.ndarray) -> pd.DataFrame:
    """One row per person with their planted traits and their true identifiers."""
    idx = np.arange(offset, offset + n)
    persona = rng.choice(len(PERSONAS), n, p=mix)
    P = lambda attr: np.array([getattr(p, attr) for p in PERSONAS])[persona]  # noqa: E731
    female = rng.random(n) < P("female")
    ages = np.array([p.age for p in PERSONAS])[persona]
    age = rng.integers(ages[:, 0], ages[:, 1] + 1)
    birth = (END - pd.to_timedelta(age * 365.25 + rng.integers(0, 365, n), unit="D")).date
    band_p = np.array([p.affluence for p in PERSONAS])[persona]
    band = (rng.random((n, 1)) > band_p.cumsum(1)).sum(1)
    # a postcode of the person's affluence band
    zip_idx = np.empty(n, dtype=int)
    for b in range(len(AFFLUENCE)):
        pool = np.flatnonzero(pools.zip_band == b)
        sel = band == b
        zip_idx[sel] = rng.choice(pool, sel.sum())
    first = np.where(female, rng.choice(pools.female, n), rng.choice(pools.male, n))
    last = rng.choice(pools.last, n)
    domain = rng.choice(DOMAINS, n)
    email = pd.Series(first).str.lower() + "." + pd.Series(last).str.lower() + idx.astype(str) + "@" + domain
    digits = (idx * 7919 + 1234567) % 10_000_000  # a bijection: every person gets their own number
    area = rng.choice(pools.area_codes, n)
    is_customer = rng.random(n) >= P("prospects")
    online = rng.random(n) < P("online")
    return pd.DataFrame(
        {
            "person_id": np.char.add("P", np.char.zfill(idx.astype(str), 7)),
            "persona": np.array([p.key for p in PERSONAS])[persona],
            "persona_idx": persona,
            "gender": np.where(female, "female", "male"),
            "age": age,
            "birth_date": birth,
            "children": rng.random(n) < P("children"),
            "affluence": np.array(AFFLUENCE)[band],
            "first_name": first,
            "last_name": last,
            "email": email.to_numpy(),
            "phone": np.char.add(np.char.add("+1", area.astype(str)), np.char.zfill(digits.astype(str), 7)),
            "address": np.char.add(
                np.char.add(rng.integers(1, 9999, n).astype(str), " "), rng.choice(pools.streets, n)
            ),
            "postcode": pools.zips[zip_idx],
            "city": pools.zip_city[zip_idx],
            "home_store": rng.choice(len(STORES), n),
            "loyalty_id": np.where(
                rng.random(n) < P("loyalty"),
                np.char.add("L", np.char.zfill(((idx * 104729 + 7) % 10**9).astype(str), 9)),
                None,
            ),
            "user_id": np.where(online, np.char.add("U", np.char.zfill(idx.astype(str), 8)), None),
            "is_customer": is_customer,
            "known": np.ones(n, dtype=bool),
            "created_day": rng.integers(0, DAYS - 30, n),
            "consent_email": rng.random(n) < 0.7,
            "consent_sms": rng.random(n) < 0.4,
            "consent_ads": rng.random(n) < 0.5,
        }
    )


SHARED_TABLETS = 0.01  # family tablets per account holder, each shared by two of them


def devices(rng: np.random.Generator, persons: pd.DataFrame) -> pd.DataFrame:
    """Anonymous device ids of online people: one to three each, the first an app if they use the app; and
    a few tablets shared by two account holders (``shared``)."""
    on = persons[persons.user_id.notna() | ~persons.known]
    k = rng.integers(1, 4, len(on))
    rows = on.loc[on.index.repeat(k)]
    slot = np.concatenate([np.arange(i) for i in k]) if len(k) else np.array([], dtype=int)
    app_user = np.array([PERSONAS[i].channels[2] for i in rows.persona_idx]) > 0.05
    kind = np.where((slot == 0) & app_user, "app", "web")
    hexes = rng.integers(0, 2**62, (len(rows), 2))
    anon = [f"{a:016x}-{b:016x}"[:36] for a, b in hexes]
    dev = pd.DataFrame(
        {"person_id": rows.person_id.to_numpy(), "slot": slot, "kind": kind, "anonymous_id": anon}
    ).assign(shared=False)
    # a family tablet: two account holders browse and log in on the same device, a trap for identity
    users = on.person_id[on.user_id.notna()].to_numpy()
    n = int(len(users) * SHARED_TABLETS) if len(users) >= 2 else 0
    pairs = np.array([rng.choice(users, 2, replace=False) for _ in range(n)], dtype=object).reshape(-1, 2)
    tablet = [f"tablet-{a:016x}" for a in rng.integers(0, 2**62, n)]
    shared = pd.DataFrame(
        {
            "person_id": pairs.ravel(),
            "slot": 9,
            "kind": "web",
            "anonymous_id": np.repeat(tablet, 2),
            "shared": True,
        }
    )
    return pd.concat([dev, shared], ignore_index=True)


def _typo(rng: np.random.Generator, s: pd.Series) -> pd.Series:
    """Swap two neighbouring letters, the most common typing slip."""

    def one(v: str, i: int) -> str:
        i = min(i, len(v) - 2)
        return v[:i] + v[i + 1] + v[i] + v[i + 2 :] if len(v) > 2 else v + v[-1]

    pos = rng.integers(1, 4, len(s))
    return pd.Series([one(v, i) for v, i in zip(s, pos, strict=True)], index=s.index)


def _phone_style(rng: np.random.Generator, e164: pd.Series) -> pd.Series:
    """Write +1AAANNNNNNN the ways people type US numbers."""
    d = e164.str[2:]
    a, x, l4 = d.str[:3], d.str[3:6], d.str[6:]
    styles = (
        [f"({a_}) {x_}-{l_}" for a_, x_, l_ in zip(a, x, l4, strict=True)],
        a + "-" + x + "-" + l4,
        a + "." + x + "." + l4,
        "+1 " + a + " " + x + " " + l4,
        "1-" + a + "-" + x + "-" + l4,
        d,
    )
    pick = rng.integers(0, len(styles), len(d))
    out = np.select([pick == i for i in range(len(styles))], [np.asarray(s, dtype=object) for s in styles])
    return pd.Series(out, index=e164.index)


def _email_style(rng: np.random.Generator, email: pd.Series) -> pd.Series:
    r = rng.random(len(email))
    title = email.str.split("@").map(lambda p: ".".join(w.capitalize() for w in p[0].split(".")) + "@" + p[1])
    return pd.Series(
        np.where(r < 0.15, title, np.where(r < 0.2, email.str.upper(), email)), index=email.index
    )


def _consent_style(rng: np.random.Generator, flag: pd.Series) -> pd.Series:
    words = np.array([["false", "true"], ["no", "yes"], ["N", "Y"], ["0", "1"], ["False", "True"]])
    return pd.Series(words[rng.integers(0, len(words), len(flag)), flag.astype(int)], index=flag.index)


def _date_slip(rng: np.random.Generator, born: pd.Series) -> pd.Series:
    """A birth date as mistyped: day and month transposed (where both could be a month), a year one off, or a
    day one off; always a real date."""
    d = pd.to_datetime(born)
    swap = pd.to_datetime(
        d.dt.year.astype(str) + "-" + d.dt.day.astype(str) + "-" + d.dt.month.astype(str), errors="coerce"
    )
    pick = rng.integers(0, 3, len(d))
    year = d + pd.to_timedelta(np.where(rng.random(len(d)) < 0.5, -365, 365), unit="D")
    day = d + pd.to_timedelta(np.where(rng.random(len(d)) < 0.5, -1, 1), unit="D")
    out = np.where((pick == 0) & swap.notna() & (swap != d), swap, np.where(pick == 1, year, day))
    return pd.Series(pd.to_datetime(out).date, index=born.index)


def _digit_slip(rng: np.random.Generator, s: pd.Series) -> pd.Series:
    """One digit of a postcode typed as its neighbour on the keypad (5 -> 6)."""
    pos = rng.integers(0, 5, len(s))
    return pd.Series(
        [
            v[:i] + str((int(v[i]) + 1) % 10) + v[i + 1 :] if v[i : i + 1].isdigit() else v
            for v, i in zip(s, pos, strict=True)
        ],
        index=s.index,
    )


def _slips(rng: np.random.Generator, dup: pd.DataFrame, rate: float) -> pd.Series:
    """Mistype each field of the duplicates with chance ``rate``; returns the fields changed per row."""
    changed = pd.Series("", index=dup.index)
    slips = {
        "first_name": lambda s: _typo(rng, s),
        "last_name": lambda s: _typo(rng, s),
        "birth_date": lambda s: _date_slip(rng, s),
        "address": lambda s: _typo(rng, s),
        "postcode": lambda s: _digit_slip(rng, s),
        "city": lambda s: _typo(rng, s),
        "email": lambda s: _typo(rng, s.str.split("@").str[0]) + "@" + s.str.split("@").str[1],
        "phone": lambda s: pd.Series(None, index=s.index, dtype=object),
    }
    for field, slip in slips.items():
        hit = (rng.random(len(dup)) < rate) & dup[field].notna().to_numpy()
        if hit.any():
            dup.loc[hit, field] = slip(dup.loc[hit, field])
            changed[hit] += field + ","
    return changed.str.rstrip(",")


def crm(
    rng: np.random.Generator, pools: Pools, persons: pd.DataFrame, offset: int, typo_rate: float = 0.0
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The CRM export as a company has it: styles vary, some people twice, junk values typed by staff.

    Returns the rows and the truth about them (kind of duplicate, junk identifiers used, fields mistyped).
    """
    known = persons[persons.known].reset_index(drop=True)
    base = known.assign(dup_kind="")
    n_dup = int(len(known) * 0.06)
    dup = known.sample(n_dup, random_state=int(rng.integers(2**31))).copy()
    kinds = rng.choice(["case_and_format", "typo_same_phone", "typo_no_shared_id"], n_dup)
    dup["dup_kind"] = kinds
    typo_name = kinds != "case_and_format"
    dup.loc[typo_name, "last_name"] = _typo(rng, dup.loc[typo_name, "last_name"])
    fuzzy = kinds == "typo_no_shared_id"
    local = dup.loc[fuzzy, "email"].str.split("@").str[0]
    dup.loc[fuzzy, "email"] = _typo(rng, local) + "@" + dup.loc[fuzzy, "email"].str.split("@").str[1]
    dup.loc[kinds == "typo_same_phone", "email"] = None
    dup.loc[fuzzy, "phone"] = None
    dup.loc[:, "loyalty_id"] = None
    # a generator of its own, so the standard company (typo_rate 0) stays as it was
    dup["typos"] = _slips(rng.spawn(1)[0], dup, typo_rate) if typo_rate else ""
    rows = pd.concat([base.assign(typos=""), dup], ignore_index=True)
    n = len(rows)
    rows["contact_id"] = np.char.add("C", np.char.zfill(np.arange(offset * 2, offset * 2 + n).astype(str), 8))
    has_phone = rng.random(n) < 0.85
    rows.loc[~has_phone & (rows.dup_kind != "typo_same_phone"), "phone"] = None
    # junk typed by staff: the placeholder phone, test emails, the store's own phone number
    rows["junk"] = ""
    r = rng.random(n)
    rows.loc[r < 0.004, ["phone", "junk"]] = [JUNK_PHONE, "phone"]
    shop = (r >= 0.004) & (r < 0.01)
    rows.loc[shop, "phone"] = [pools.store_phone[f"S{s + 1:03d}"] for s in rows.loc[shop, "home_store"]]
    rows.loc[shop, "junk"] = "store_phone"
    test = (r >= 0.01) & (r < 0.012)
    rows.loc[test, "email"] = rng.choice(JUNK_EMAILS, test.sum())
    rows.loc[test, "junk"] = "email"
    created = (
        pd.Timestamp("2024-07-01", tz="UTC")
        + pd.to_timedelta(rows.created_day, unit="D")
        + pd.to_timedelta(rng.integers(0, 86400, n), unit="s")
    )
    phone = rows.phone.copy()
    plain = phone.notna() & (rows.junk == "")
    phone[plain] = _phone_style(rng, phone[plain])
    email = rows.email.copy()
    has = email.notna()
    email[has] = _email_style(rng, email[has])
    out = pd.DataFrame(
        {
            "contact_id": rows.contact_id,
            "email": email,
            "phone": phone,
            "first_name": rows.first_name,
            "last_name": rows.last_name,
            "birth_date": pd.to_datetime(rows.birth_date).dt.strftime("%Y-%m-%d"),
            "gender": np.where(rng.random(n) < 0.1, "", rows.gender),
            "address": rows.address,
            "postcode": rows.postcode,
            "city": rows.city,
            "loyalty_id": rows.loyalty_id,
            "created_at": created.dt.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "consent_email": _consent_style(rng, rows.consent_email),
            "consent_sms": _consent_style(rng, rows.consent_sms),
            "consent_ads": _consent_style(rng, rows.consent_ads),
        }
    )
    truth = rows[["contact_id", "person_id", "dup_kind", "junk", "typos"]].copy()
    truth["junk_value"] = np.where(
        rows.junk == "email", rows.email, np.where(rows.junk != "", rows.phone, None)
    )
    return out, truth
