"""The canonical warehouse tables, declared once as data.

Ingest derives its parsing, validation and error messages from these declarations, the report derives its
completeness figures, and later stages read the column names from here rather than repeating them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir
from ibis.backends import BaseBackend

TYPES = {
    "timestamp": dt.Timestamp(timezone="UTC"),
    "date": dt.date,
    "float": dt.float64,
    "int": dt.int64,
    "bool": dt.boolean,
}
PERSON_REFS = ("contact_id", "user_id", "email", "loyalty_id")


@dataclass(frozen=True)
class Field:
    """One canonical column.

    ``kind`` decides parsing and validation: id, text, email, phone, timestamp, date, float, int, bool,
    json or enum. ``aliases`` are source column names recognised without a mapping (Segment's camelCase).
    """

    name: str
    kind: str
    required: bool = False
    min: float | None = None
    max: float | None = None
    values: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    name: str
    key: tuple[str, ...]
    fields: tuple[Field, ...]
    one_of: tuple[str, ...] = ()  # at least one of these must be filled on every row
    rules: tuple[tuple[str, str, str], ...] = field(default=())  # (column, condition name, message)

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def schema(self) -> ibis.Schema:
        """The warehouse schema: the canonical columns plus the source they came from."""
        return ibis.schema({**{f.name: dtype(f) for f in self.fields}, "source": "string"})


def dtype(f: Field) -> dt.DataType:
    """The warehouse type of a canonical column."""
    return TYPES.get(f.kind, dt.string)


def _refs() -> tuple[Field, ...]:
    return (
        Field("contact_id", "id", aliases=("contactId",)),
        Field("user_id", "id", aliases=("userId",)),
        Field("email", "email"),
        Field("loyalty_id", "id", aliases=("loyaltyId",)),
    )


CONTACTS = Table(
    "contacts",
    key=("source", "contact_id"),
    fields=(
        Field("contact_id", "id", required=True, aliases=("contactId", "id")),
        Field("email", "email"),
        Field("phone", "phone"),
        Field("first_name", "text", aliases=("firstName",)),
        Field("last_name", "text", aliases=("lastName",)),
        Field("birth_date", "date", aliases=("birthday", "birthDate")),
        Field("gender", "enum", values=("female", "male", "other", "unknown")),
        Field("address", "text"),
        Field("postcode", "text", aliases=("zip", "postal_code", "postalCode")),
        Field("city", "text"),
        Field("loyalty_id", "id", aliases=("loyaltyId",)),
        Field("created_at", "timestamp", aliases=("createdAt",)),
        Field("consent_email", "bool"),
        Field("consent_sms", "bool"),
        Field("consent_ads", "bool"),
    ),
)

EVENTS = Table(
    "events",
    key=("message_id",),
    fields=(
        Field("message_id", "id", required=True, aliases=("messageId",)),
        Field(
            "type", "enum", required=True, values=("track", "identify", "page", "screen", "group", "alias")
        ),
        Field("event", "text"),
        Field("user_id", "id", aliases=("userId",)),
        Field("anonymous_id", "id", aliases=("anonymousId",)),
        Field("previous_id", "id", aliases=("previousId",)),
        Field("timestamp", "timestamp", required=True, aliases=("originalTimestamp",)),
        Field("channel", "text"),
        Field("properties", "json"),
        Field("context", "json"),
        Field("traits", "json"),
    ),
    one_of=("user_id", "anonymous_id"),
    rules=(("event", "track_has_event", "a 'track' call needs an 'event' name"),),
)

ORDERS = Table(
    "orders",
    key=("order_id",),
    fields=(
        Field("order_id", "id", required=True, aliases=("orderId",)),
        *_refs(),
        Field("ordered_at", "timestamp", required=True, aliases=("orderedAt", "order_date")),
        Field("channel", "text"),
        Field("store_id", "id", aliases=("storeId",)),
        Field("total", "float", required=True, min=0),
        Field("discount", "float", min=0),
        Field("coupon_code", "text", aliases=("couponCode", "coupon")),
        Field("minutes_in_store", "float", min=0, max=1440),
    ),
    one_of=PERSON_REFS,
)

ORDER_ITEMS = Table(
    "order_items",
    key=("order_id", "line"),
    fields=(
        Field("order_id", "id", required=True, aliases=("orderId",)),
        Field("line", "int", required=True, min=1),
        Field("sku", "id"),
        Field("category", "text"),
        Field("brand", "text"),
        Field("private_label", "bool"),
        Field("eco", "bool"),
        Field("clearance", "bool"),
        Field("quantity", "int", min=1),
        Field("unit_price", "float", min=0),
        Field("returned", "bool"),
        Field("return_reason", "text", aliases=("returnReason",)),
    ),
)

FEEDBACK = Table(
    "feedback",
    key=("response_id",),
    fields=(
        Field("response_id", "id", required=True, aliases=("responseId",)),
        *_refs(),
        Field("submitted_at", "timestamp", required=True, aliases=("submittedAt",)),
        Field("kind", "enum", required=True, values=("nps", "csat", "free_text")),
        Field("score", "float", min=0, max=10),
        Field("comment", "text"),
        Field("touchpoint", "text"),
        Field("channel", "text"),
    ),
    one_of=PERSON_REFS,
    rules=(("score", "csat_in_1_5", "a 'csat' score must be between 1 and 5"),),
)

TICKETS = Table(
    "tickets",
    key=("ticket_id",),
    fields=(
        Field("ticket_id", "id", required=True, aliases=("ticketId",)),
        *_refs(),
        Field("opened_at", "timestamp", required=True, aliases=("openedAt",)),
        Field("channel", "text"),
        Field("subject", "text"),
        Field("body", "text"),
        Field("resolved_at", "timestamp", aliases=("resolvedAt",)),
    ),
    one_of=PERSON_REFS,
)

# Social posts about the brand. A post links to a person through any person reference it carries (a
# listening tool or social care may know the email) and through its handle, which identity treats as an
# identifier: one post with handle and email makes every post of that handle the person's.
MENTIONS = Table(
    "mentions",
    key=("mention_id",),
    fields=(
        Field("mention_id", "id", required=True, aliases=("mentionId", "post_id", "postId")),
        *_refs(),
        Field("platform", "text", required=True),
        Field("handle", "text", aliases=("username", "author")),
        Field("posted_at", "timestamp", required=True, aliases=("postedAt", "created_at", "createdAt")),
        Field("text", "text", required=True, aliases=("body", "content")),
        Field("url", "text"),
    ),
)

TABLES: dict[str, Table] = {
    t.name: t for t in (CONTACTS, EVENTS, ORDERS, ORDER_ITEMS, FEEDBACK, TICKETS, MENTIONS)
}

# What each source table makes possible: the report shows this for the tables a project lacks.
ENABLES = {
    "contacts": "identity resolution across sources, demographics for personas, consent-aware audiences",
    "events": "journeys, funnels, drop-off pain points, attribution and real-time triggers",
    "orders": "who is a customer, RFM, lifetime value, P(alive) and lifecycle stages",
    "order_items": "category, brand, eco and clearance traits for personas",
    "feedback": "NPS and CSAT with confidence intervals, sentiment and intent of comments",
    "tickets": "complaint and question intent, pain points seen by support",
    "mentions": "what people say about the brand on social media, linked to their profiles where known",
}

# Derived tables written by ingest itself.
QUARANTINE = "quarantine"  # source, file, row, record (JSON), reason, ingested_at
INGEST_RUNS = "ingest_runs"  # one row per source file and load: the reconciliation
ACTIVITY_BY_MONTH = "activity_by_month"  # table, month, rows: the activity timeline
STAGE_RUNS = "stage_runs"  # one row per stage and pipeline run: ran or skipped, and why
FIELD_COMPLETENESS = "field_completeness"  # table, column, rows, filled, share

# Derived tables written by identity and profiles; later stages and the report read them by these names.
IDENTITY_IDENTIFIERS = "identity_identifiers"  # record, kind, value: every identifier each record carries
IDENTITY_BLOCKED = "identity_blocked"  # kind, value, reason, records: values kept out of the graph
IDENTITY_FUZZY = "identity_fuzzy"  # record_l, record_r, probability, agreed: Splink matches over threshold
IDENTITY_EDGES = "identity_edges"  # record, node, kind, status, reason, score: why each link exists or not
IDENTITY_MAP = "identity_map"  # node, person_id: the person behind every linked identifier
IDENTITY_RECORDS = "identity_records"  # record, person_id: the person behind every source record
PROFILES = "profiles"  # one row per person: chosen traits, identifiers, consent, first/last seen, counts
PROFILE_VALUES = "profile_values"  # person_id, field, value, source, record, observed_at, chosen

# Derived tables written by value.
CUSTOMER_VALUE = "customer_value"  # one row per person: status, RFM, P(alive), CLV, lifecycle stage
LIFECYCLE_HISTORY = "lifecycle_history"  # person_id, stage, since: every stage change with its date
VALUE_MODELS = "value_models"  # model, parameter, estimate, std_error, log_likelihood, customers, fitted_on
VALUE_HOLDOUT = "value_holdout"  # calibration frequency, customers, predicted and actual holdout purchases

# Derived tables written by personas and segments.
PERSONA_FEATURES = "persona_features"  # one row per person: every feature of personas/features.py
PERSONA_ASSIGNMENTS = "persona_assignments"  # person_id, persona, persona_name, fitted (in the fit sample)
PERSONAS = "personas"  # one row per persona: name, size, shares, narrative, engagement, card (JSON)
PERSONA_SELECTION = "persona_selection"  # n, silhouette, stability, chosen: how the number was picked
SEGMENT_MEMBERS = "segment_members"  # segment, person_id, joined: who is in each segment since when
AUDIENCE_EXPORTS = "audience_exports"  # path, segment, channel, written, exported_at: erasure rewrites them

# Derived tables written by journeys.
TOUCHPOINTS = "touchpoints"  # person, time, source, name, channel, device, stage, journey, session, step
JOURNEYS = "journeys"  # one row per journey: span, touchpoints, sessions, devices, converted, value, path
JOURNEY_FLOWS = "journey_flows"  # kind (stage/channel), source, target, moves: the Sankey
FUNNEL = "funnel"  # breakdown dimension and value, step, reached, conversion, drop-off, median hours
PAIN_POINTS = "pain_points"  # rank, step, dimension, value, excess drop-off, lost value, what people said
PAIN_VOICES = "pain_point_voices"  # rank, source, ref: the answers and tickets of those who stopped there
MOMENTS_OF_TRUTH = "moments_of_truth"  # touchpoint, conversion with/without, lift and CI, removal effect
ATTRIBUTION = "attribution"  # model, channel, conversions, value, removal effect, conversion probability

# Derived tables written by voc and experiments.
FEEDBACK_SCORED = "feedback_scored"  # a row per comment, ticket or post: person, sentiment, intent, themes
VOC_SCORES = "voc_scores"  # metric, dimension, value: NPS or CSAT, interval, change on the period before
EXPECTATION_SIGNALS = "expectation_signals"  # persona, period, signal, value, n: what customers do
EXPERIMENT_UNITS = "experiment_units"  # experiment, person, variant, first exposure, outcomes, pre-period
ALERTS = "alerts"  # orders far outside their buyer's usual pattern: scores per dimension and the reasons
EXPERIMENT_RESULTS = "experiment_results"  # experiment, metric, segment, variant: lift, interval, p-values


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


def breakdowns(con: BaseBackend) -> ir.Table | None:
    """Per person the breakdowns later stages report by: ``persona`` (its name) and lifecycle ``stage``,
    from the tables present; None when neither is."""
    parts = []
    present = set(con.list_tables())
    if PERSONA_ASSIGNMENTS in present:
        a = con.table(PERSONA_ASSIGNMENTS)
        parts.append(a.select("person_id", persona=a.persona_name))
    if CUSTOMER_VALUE in present:
        parts.append(con.table(CUSTOMER_VALUE).select("person_id", "stage"))
    if not parts:
        return None
    out = parts[0]
    for p in parts[1:]:
        out = (
            out.outer_join(p, "person_id")
            .mutate(person_id=ibis.coalesce(ibis._.person_id, ibis._.person_id_right))
            .drop("person_id_right")
        )
    return out


def node(kind: str | ir.StringValue, value: ir.StringValue) -> ir.StringValue:
    """An identifier as a graph node: ``email:ann@example.com``."""
    return (kind + ":") + value


def trim(v: ir.StringValue) -> ir.StringValue:
    r"""Text without surrounding white space, empty as null. A regex, not ``strip()``: Ibis renders strip() on
    Spark as ``TRIM(' \t\n\r\v\f' ...)``, which also trims the letters f and v."""
    return v.re_replace(r"^\s+|\s+$", "").nullif("")


def json_text(col: ir.StringValue, key: str) -> ir.StringValue:
    """A text value of a JSON column by its key, null when absent or empty: a regular expression, the same
    on every engine and cheaper than parsing the whole document."""
    return col.re_extract(rf'"{key}"\s*:\s*"([^"]*)"', 1).nullif("")


def event_record(e: ir.Table) -> ir.StringValue:
    """Events carry the same few identifiers millions of times: one record per distinct combination."""
    parts = [e.user_id, e.anonymous_id, e.previous_id, e.email]
    key = parts[0].fill_null("")
    for p in parts[1:]:
        key = key + "|" + p.fill_null("")
    return "events:" + key


def event_ids(e: ir.Table, *keep: str) -> ir.Table:
    """The identifier columns of events: user, device, the device an alias replaces, an identify's email."""
    return e.select(
        *keep,
        user_id=e.user_id,
        anonymous_id=e.anonymous_id,
        previous_id=ibis.ifelse(e.type == "alias", e.previous_id, ibis.null("string")),
        email=trim(json_text(e.traits, "email").lower()),
    )
