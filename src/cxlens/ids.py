"""Identifiers, written once for batch (Ibis) and live (Python): which ids a record or an event carries,
how an identifier becomes a graph node, which values are junk, and how a new person's id is made.

Where batch and live need the same rule in both forms (an event's ids, a person id, junk), both sit here side
by side and a test holds them equal.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache

import ibis
import ibis.expr.types as ir
import phonenumbers
from ibis.backends import BaseBackend

from cxlens.config import KINDS
from cxlens.tables import CONTACTS, IDENTITY_RECORDS, TABLES

# Values no real person owns: placeholders typed by staff, test addresses, "unknown" markers.
BLOCKLIST = (
    r"^[0\-\s]*$",
    r"^(null|none|nan|undefined|anonymous|unknown|n/?a|test)$",
    r"^test@test\.com$",
    r"^no-?reply@",
    r"^\+?1?5555555555$",
)
REFERENCES = ("contact_id", "user_id", "email", "loyalty_id")  # how a row of another table names its person
CARRIERS = ("contacts", "orders", "feedback", "tickets", "mentions", "events")  # tables with identifiers
PERSON_PREFIX = "p"
ID_FIELDS = (("userId", "user_id"), ("anonymousId", "anonymous_id"), ("previousId", "anonymous_id"))
PUBLIC = "public"  # the trust of an event sent with a public (browser) write key


# --- reading values ---------------------------------------------------------------------------------------
def trim(v: ir.StringValue) -> ir.StringValue:
    r"""Text without surrounding white space, empty as null. A regex, not ``strip()``: Ibis renders strip() on
    Spark as ``TRIM(' \t\n\r\v\f' ...)``, which also trims the letters f and v."""
    return v.re_replace(r"^\s+|\s+$", "").nullif("")


def json_text(col: ir.StringValue, key: str) -> ir.StringValue:
    """A text value of a JSON column by its key, null when absent or empty: a regular expression, the same
    on every engine and cheaper than parsing the whole document."""
    return col.re_extract(rf'"{key}"\s*:\s*"([^"]*)"', 1).nullif("")


def json_number(col: ir.StringValue, key: str) -> ir.FloatingValue:
    """A number of a JSON column by its key (written bare or quoted), null when absent or not a number."""
    found = col.re_extract(rf'"{key}"\s*:\s*"?(-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)"?', 1)
    return found.nullif("").try_cast("float64")


# --- nodes and records ------------------------------------------------------------------------------------
def node(kind: str | ir.StringValue, value: ir.StringValue) -> ir.StringValue:
    """An identifier as a graph node: ``email:ann@example.com``."""
    return (kind + ":") + value


def record_id(table: str, t: ir.Table) -> ir.StringValue:
    """The id identity gives a source record: ``orders:O1``; contacts carry their source (two CRMs may
    reuse an id): ``contacts:crm:C1``."""
    if table == "contacts":
        return "contacts:" + t.source + ":" + t.contact_id
    return f"{table}:" + t[TABLES[table].key[0]]


def with_person(con: BaseBackend, table: str, keep_all: bool = False, t: ir.Table | None = None) -> ir.Table:
    """A source table's rows (or ``t``, some of them) with the ``person_id`` identity gave their record;
    rows identity did not link are dropped, or kept with a null person when ``keep_all``."""
    t = con.table(table) if t is None else t
    t = t.mutate(record=record_id(table, t))
    recs = con.table(IDENTITY_RECORDS)
    return t.left_join(recs, "record").drop("record_right") if keep_all else t.join(recs, "record")


# --- the ids an event carries: Ibis for the warehouse, Python for the collector's log lines ----------------
def event_ids(e: ir.Table, *keep: str) -> ir.Table:
    """The identifier columns of events: user, device, the device an alias replaces, an identify's email
    (not when sent with a public key: anyone can type anyone's address into a web page)."""
    email = trim(json_text(e.traits, "email").lower())
    if "trust" in e.columns:
        email = ibis.ifelse(e.trust.fill_null("") == PUBLIC, ibis.null("string"), email)
    return e.select(
        *keep,
        user_id=e.user_id,
        anonymous_id=e.anonymous_id,
        previous_id=ibis.ifelse(e.type == "alias", e.previous_id, ibis.null("string")),
        email=email,
    )


def event_record(e: ir.Table) -> ir.StringValue:
    """Events carry the same few identifiers millions of times: one record per distinct combination."""
    parts = [e.user_id, e.anonymous_id, e.previous_id, e.email]
    key = parts[0].fill_null("")
    for p in parts[1:]:
        key = key + "|" + p.fill_null("")
    return "events:" + key


def event_nodes(ev: dict) -> list[str]:
    """The nodes an event (a collector log line, Segment's camelCase) carries, strongest first: the same
    identifiers ``event_ids`` reads from the warehouse. An email sent with a public key links nothing
    (anyone can type anyone's address into a web page)."""
    out = []
    if user := ev.get("userId"):
        out.append(f"user_id:{user}")
    traits = ev.get("traits") if ev.get("trust") != PUBLIC else None
    if traits and isinstance(email := traits.get("email"), str) and email.strip():
        out.append(f"email:{email.strip().lower()}")
    if anon := ev.get("anonymousId"):
        out.append(f"anonymous_id:{anon}")
    if ev.get("type") == "alias" and (previous := ev.get("previousId")):
        out.append(f"anonymous_id:{previous}")
    return out


def every_node(msg: object, region: str) -> list[str]:
    """Every identifier a Segment call (as sent, or as logged) may carry, wherever it sits, normalised as
    identity normalises it: the ids, and the email and phone of ``traits`` and ``context.traits``; a user
    id that is an email or a phone counts as one too. What suppression and erasure match on; a line of the
    rejected log is read as the call it holds."""
    if isinstance(msg, dict) and "rejected" in msg:
        msg = msg.get("call")
    if not isinstance(msg, dict):
        return []
    out = []
    for field, kind in ID_FIELDS:
        v = msg.get(field)
        if isinstance(v, str | int) and not isinstance(v, bool) and str(v).strip():
            out.append(f"{kind}:{v}")
            if field == "userId":
                out += [n for n in candidates(str(v), region) if n.startswith(("email:", "phone:"))]
    context = msg.get("context")
    for traits in (msg.get("traits"), context.get("traits") if isinstance(context, dict) else None):
        if not isinstance(traits, dict):
            continue
        for key in ("email", "phone", "loyalty_id", "loyaltyId"):
            v = traits.get(key)
            if isinstance(v, str) and v.strip():
                kind = "loyalty_id" if key.startswith("loyalty") else key
                out += [n for n in candidates(v, region) if n.startswith(f"{kind}:")]
    return out


# --- what a looked-up text may stand for -----------------------------------------------------------------
def candidates(text: str, region: str) -> list[str]:
    """The nodes ``text`` may stand for: itself as kind:value, or a bare value of any kind, normalised."""
    text = text.strip()
    kind, _, value = text.partition(":")
    if kind in KINDS and value:
        return [text]
    out = [f"{k}:{text}" for k in KINDS if k not in ("email", "phone")]
    if "@" in text:
        out.append(f"email:{text.lower()}")
    if re.fullmatch(r"[\d\s()+.\-]{7,}", text):
        try:
            number = phonenumbers.parse(text, region)
            out.append(f"phone:{phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)}")
        except phonenumbers.NumberParseException:
            pass
    return out


# --- which identifiers each source row carries ------------------------------------------------------------
def carried(name: str, t: ir.Table) -> list[tuple[str, ir.Value]]:
    """The identifiers a row of source table ``name`` carries, as (kind, value); events are read in the
    shape of ``event_ids`` (the previous id only on an alias, the email of an identify's traits)."""
    if name == "contacts":
        return [(k, t[k]) for k in ("contact_id", "email", "phone", "loyalty_id")]
    if name == "events":
        return [
            ("user_id", t.user_id),
            ("anonymous_id", t.anonymous_id),
            ("anonymous_id", t.previous_id),
            ("email", t.email),
        ]
    if name not in CARRIERS:
        return []
    refs = [(k, t[k]) for k in REFERENCES]
    if name == "mentions":  # a handle is an identifier on its platform: instagram:@ann
        return [*refs, ("handle", t.platform.lower() + ":" + t.handle.lower())]
    return refs


def with_email(name: str, t: ir.Table) -> ir.Table:
    """Events with ``email``, the email of an identify's traits (what ``carrying`` reads); other tables
    as they are."""
    return t.mutate(email=trim(json_text(t.traits, "email").lower())) if name == "events" else t


def carrying(name: str, t: ir.Table, nodes: ir.Column, hashed: bool = False) -> ir.BooleanValue:
    """Whether a row of source table ``name`` carries one of ``nodes`` (or, ``hashed``, a node whose SHA-256
    is one of them); events must come ``with_email``."""
    hit = ibis.literal(False)
    for kind, value in carried(name, t):
        n = node(kind, value.cast("string"))
        hit = hit | (n.hexdigest("sha256") if hashed else n).isin(nodes).fill_null(False)
    return hit


# --- junk values ------------------------------------------------------------------------------------------
def is_junk(value: ir.StringValue, extra: tuple[str, ...] | list[str] = ()) -> ir.BooleanValue:
    """Whether an identifier's value matches a built-in or configured junk pattern (Ibis)."""
    junk = ibis.literal(False)
    for pattern in (*BLOCKLIST, *extra):
        junk = junk | value.lower().re_search(pattern)
    return junk


@cache
def _pattern(extra: tuple[str, ...]) -> re.Pattern:
    """Every junk pattern as one alternation: one search per node, however many patterns."""
    return re.compile("|".join(f"(?:{p})" for p in (*BLOCKLIST, *extra)))


def junk_node(n: str, extra: tuple[str, ...] | list[str] = ()) -> bool:
    """Whether a node's value is junk: the rule of ``is_junk`` for one node (Python)."""
    return _pattern(tuple(extra)).search(n.partition(":")[2].lower()) is not None


# --- person ids -------------------------------------------------------------------------------------------
def person_digest(s: ir.StringValue) -> ir.StringValue:
    """A new person's id from their smallest identifier: ``p`` + 15 hex digits of its MD5 (Ibis)."""
    return PERSON_PREFIX + s.hexdigest("md5").substr(0, 15)


def new_person(nodes: list[str]) -> str:
    """The id ``person_digest`` gives a person whose smallest identifier is ``min(nodes)`` (Python)."""
    return PERSON_PREFIX + hashlib.md5(min(nodes).encode()).hexdigest()[:15]


# --- traits an identify call carries ----------------------------------------------------------------------
TRAIT_FIELDS = (
    "first_name", "last_name", "email", "phone", "birth_date", "gender", "address", "postcode", "city",
    "region", "country", "loyalty_id",
)  # fmt: skip


def trait_keys() -> dict[str, str]:
    """Trait names an event may carry → profile field: each field's own name and its aliases in the
    contacts declaration (Segment's ``firstName``, ``birthday``, ``postalCode`` ...)."""
    out: dict[str, str] = {}
    for f in TRAIT_FIELDS:
        for key in (f, *CONTACTS.field(f).aliases):
            out[key] = f
    return out
