"""Every warehouse table, declared once as data: the canonical tables sources load into and the derived
tables the stages write.

Ingest derives its parsing, validation and error messages from the canonical declarations; every write of a
derived table goes through its declaration (``engine.write`` selects and casts the declared columns, so an
empty or all-null column is still typed); erasure, the live snapshot, the docs and the report's skip reasons
read them too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import ibis
import ibis.expr.datatypes as dt

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
    derived: bool = False  # a source without it gets the digest of the row's values (orders with no id)
    clock: bool = False  # a device clock's time: outside CLOCK_EARLIEST to CLOCK_AHEAD from now is its error


CLOCK_EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)  # the plausible range of a ``clock`` field's times:
CLOCK_AHEAD = timedelta(days=1)  # from this to a day after it was received (ingest: loaded)


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
        Field("region", "text", aliases=("state", "province", "county")),
        Field("country", "text", aliases=("country_code", "countryCode")),
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
        Field("timestamp", "timestamp", required=True, aliases=("originalTimestamp",), clock=True),
        Field("channel", "text"),
        Field("properties", "json"),
        Field("context", "json"),
        Field("traits", "json"),
        # what the sender may change (docs/security.md): "public" for a browser's write key; files and
        # server keys are trusted
        Field("trust", "enum", values=("public", "server")),
    ),
    one_of=("user_id", "anonymous_id"),
    rules=(("event", "track_has_event", "a 'track' call needs an 'event' name"),),
)

ORDERS = Table(
    "orders",
    key=("order_id",),
    fields=(
        Field("order_id", "id", required=True, aliases=("orderId",), derived=True),
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

# The channels a person consents to, one ``consent_<channel>`` column each on contacts and profiles.
CONSENT_CHANNELS = tuple(
    f.name.removeprefix("consent_") for f in CONTACTS.fields if f.name.startswith("consent_")
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


@dataclass(frozen=True)
class Derived:
    """A table a stage writes: its columns as ``"name type, ..."`` (Ibis type names; ``timestamp`` is UTC),
    its key, and the column naming the person each row is about (erasure and the live snapshot read it).
    ``extra``: more columns may follow the declared ones (the persona features found in the data)."""

    name: str
    doc: str
    spec: str
    key: tuple[str, ...] = ()
    person: str | None = None
    extra: bool = False

    @property
    def schema(self) -> ibis.Schema:
        pairs = (c.strip().split(" ", 1) for c in re.split(r",(?![^<]*>)", self.spec))
        return ibis.schema({n: TYPES["timestamp"] if t == "timestamp" else t for n, t in pairs})

    @property
    def columns(self) -> list[str]:
        return list(self.schema.names)


def _derived(*tables: Derived) -> dict[str, Derived]:
    return {t.name: t for t in tables}


_P = "person_id"
DERIVED = _derived(
    # written by ingest
    Derived("quarantine", "rows that could not be loaded, with the field and what was expected",
            "source string, file string, row int64, field string, reason string, record string, "
            "ingested_at timestamp", key=("source", "file", "row")),
    Derived("ingest_runs", "one row per source file and load: the reconciliation",
            "run_id string, source string, table string, file string, rows_read int64, loaded int64, "
            "quarantined int64, duplicates int64, erased int64, started_at timestamp, seconds float64",
            key=("run_id", "source", "file")),
    Derived("activity_by_month", "rows per table and month: the activity timeline",
            "table string, month date, rows int64", key=("table", "month")),
    Derived("field_completeness", "how full each canonical column is",
            "table string, column string, rows int64, filled int64, share float64, required boolean",
            key=("table", "column")),
    # written by the pipeline
    Derived("stage_runs", "one row per stage and pipeline run: ran, skipped or failed, and why",
            "run_id string, stage string, title string, status string, detail string, seconds float64, "
            "finished_at timestamp", key=("run_id", "stage")),
    # identity
    Derived("identity_identifiers", "every identifier each source record carries",
            "record string, kind string, value string"),
    Derived("identity_blocked", "identifier values kept out of the graph, with the reason",
            "kind string, value string, reason string, records int64", key=("kind", "value")),
    Derived("identity_fuzzy", "Splink matches over the threshold: each field's match weight, linked or cut",
            "record_l string, record_r string, probability float64, agreed string, weights string, "
            "status string",
            key=("record_l", "record_r")),
    Derived("identity_fuzzy_model", "the trained Splink model: each comparison level's m, u and match weight",
            "comparison string, level string, gamma int64, m_probability float64, u_probability float64, "
            "match_weight float64", key=("comparison", "gamma")),
    Derived("identity_edges", "why each link exists or not",
            "record string, node string, kind string, status string, reason string, score float64"),
    Derived("identity_map", "the person behind every linked identifier", "node string, person_id string",
            key=("node",), person=_P),
    Derived("identity_records", "the person behind every source record", "record string, person_id string",
            key=("record",), person=_P),
    # profiles
    Derived("profile_values", "every source value of every trait, with where it came from (rank 1 shown)",
            "person_id string, source string, record string, field string, value string, "
            "observed_at timestamp, rank int64", person=_P),
    Derived("profiles", "one row per person: chosen traits, identifiers, consent, first/last seen, counts",
            "person_id string, identifiers array<string>, devices int64, first_name string, "
            "last_name string, email string, phone string, birth_date date, gender string, address string, "
            "postcode string, city string, region string, country string, loyalty_id string, "
            "consent_email boolean, consent_sms boolean, consent_ads boolean, contacts int64, orders int64, "
            "events int64, feedback int64, tickets int64, mentions int64, revenue float64, "
            "first_seen timestamp, last_seen timestamp, "
            "channels array<string>", key=(_P,), person=_P),
    # value
    Derived("customer_value", "one row per person: status, RFM, P(alive), CLV, lifecycle stage",
            "person_id string, status string, stage string, previous_stage string, rfm_segment string, "
            "first_purchase date, last_purchase date, purchases int64, orders int64, revenue float64, "
            "frequency int64, recency int64, days_since_first int64, days_since_last int64, "
            "monetary float64, r_score int64, f_score int64, m_score int64, fm_score int64, "
            "p_alive float64, p_alive_bgnbd float64, p_no_purchase float64, expected_purchases float64, "
            "expected_spend float64, clv float64, clv_decile int64, clv_rank float64, overdue float64, "
            "known boolean, first_seen timestamp, as_of date", key=(_P,), person=_P),
    Derived("lifecycle_history", "every lifecycle stage change with its date",
            "person_id string, stage string, since date", person=_P),
    Derived("p_alive_history", "each customer's P(alive) at the end of each of the last 12 months, from the "
            "serving purchase model", "person_id string, month date, p_alive float64",
            key=(_P, "month"), person=_P),
    Derived("value_models", "the fitted purchase and spend models' parameters",
            "model string, parameter string, estimate float64, std_error float64, log_likelihood float64, "
            "customers int64, as_of date, fitted_on string", key=("model", "parameter")),
    Derived("value_holdout", "predicted against actual purchases in the holdout period",
            "frequency int64, customers int64, actual float64, predicted float64, label string"),
    # personas
    Derived("persona_features", "one row per person: every feature personas are found from",
            "person_id string, orders int64, events int64", key=(_P,), person=_P, extra=True),
    Derived("persona_assignments", "each person's persona",
            "person_id string, persona int64, persona_name string", key=(_P,), person=_P),
    Derived("personas", "one card per persona: name, size, shares, narrative, engagement",
            "persona int64, name string, people int64, share float64, customers float64, "
            "value_share float64, nps float64, narrative string, engagement string, card string",
            key=("persona",)),
    Derived("persona_selection", "how the number of personas was chosen",
            "n int64, silhouette float64, stability float64, runner_up boolean, chosen boolean", key=("n",)),
    # segments
    Derived("segment_members", "who is in each segment since when",
            "segment string, person_id string, joined date", key=("segment", _P), person=_P),
    Derived("audience_exports", "audience files written; erasure rewrites them",
            "path string, segment string, channel string, written int64, exported_at timestamp"),
    # journeys
    Derived("touchpoints", "every touchpoint of every person, in journeys and sessions",
            "person_id string, at timestamp, source string, ref string, touchpoint string, channel string, "
            "device string, stage string, is_conversion boolean, value float64, sentiment float64, "
            "switch boolean, journey_id string, session_id string, step int64", person=_P),
    Derived("journeys", "one row per journey: span, touchpoints, sessions, devices, converted, value, path",
            "journey_id string, person_id string, start timestamp, end timestamp, touchpoints int64, "
            "sessions int64, devices int64, channels int64, loops int64, channel_switches int64, "
            "converted boolean, converted_at timestamp, value float64, path string, first_channel string, "
            "hours_to_convert float64", key=("journey_id",), person=_P),
    Derived("journey_flows", "moves between stages and channels: the Sankey",
            "kind string, source string, target string, moves int64"),
    Derived("funnel", "the funnel by breakdown: reached, conversion, drop-off, median hours",
            "breakdown string, step int64, name string, reached int64, entered int64, conversion float64, "
            "overall float64, dropped int64, median_hours_from_previous float64, "
            "median_hours_from_entry float64, dimension string"),
    Derived("pain_points", "where journeys hurt, ranked by lost value",
            "rank int64, step string, dimension string, value string, entered int64, continued int64, "
            "rate float64, expected float64, step_rate float64, excess_drop float64, lost_value float64, "
            "z float64, negative_feedback float64, tickets float64", key=("rank",)),
    Derived("pain_point_voices", "the answers and tickets of those who stopped at a pain point",
            "rank int64, source string, ref string"),
    Derived("moments_of_truth", "touchpoints and the conversion with and without them",
            "touchpoint string, journeys int64, conversions int64, retained int64, without int64, "
            "conversions_without int64, rate_with float64, rate_without float64, lift float64, "
            "lift_low float64, lift_high float64, retention_with float64, retention_without float64, "
            "removal_effect float64, words string", key=("touchpoint",)),
    Derived("attribution", "credit per channel and model",
            "channel string, conversions float64, value float64, model string, removal_effect float64, "
            "conversion_probability float64", key=("model", "channel")),
    # voc
    Derived("feedback_scored", "every comment, ticket and post: person, sentiment, intent, themes",
            "source string, ref string, person_id string, at timestamp, kind string, score float64, "
            "touchpoint string, channel string, text string, sentiment float64, sentiment_label string, "
            "intent string, theme string, themes string", key=("source", "ref"), person=_P),
    Derived("voc_scores", "NPS and CSAT with intervals by dimension and period, and the change",
            "metric string, dimension string, value string, period string, n int64, score float64, "
            "ci_low float64, ci_high float64, promoters int64, passives int64, detractors int64, "
            "satisfied int64, change float64, change_low float64, change_high float64, change_p float64, "
            "warning string"),
    Derived("voc_drivers", "what moves NPS, CSAT and churn: each driver's Shapley share of R² with its "
            "interval, beside how many it affects and their score with and without it",
            "metric string, driver string, kind string, level string, answers int64, r2 float64, "
            "importance float64, importance_low float64, importance_high float64, share float64, "
            "affected int64, share_affected float64, score_affected float64, score_others float64, "
            "effect float64, fix_first boolean, rank int64", key=("metric", "driver")),
    Derived("expectation_signals", "what customers do, by persona and period",
            "persona string, period string, period_start string, signal string, value float64, n int64"),
    # experiments
    Derived("experiment_units", "each person in an experiment: arm, exposure, outcomes, pre-period",
            "experiment string, person_id string, variant string, exposed_at timestamp, converted int64, "
            "revenue float64, pre_conversions float64, pre_revenue float64, nps float64, pre_nps float64, "
            "allocation float64, persona string, stage string", key=("experiment", _P), person=_P),
    Derived("experiment_results", "per experiment, metric, method and segment: lift, interval, p-values",
            "experiment string, metric string, method string, breakdown string, segment string, "
            "variant string, n int64, mean float64, control_mean float64, difference float64, "
            "diff_low float64, diff_high float64, diff_p_value float64, lift float64, ci_low float64, "
            "ci_high float64, p_value float64, srm_p_value float64, p_adjusted float64, skipped string"),
    Derived("experiment_headlines", "each experiment's result in plain words, a sentence per treatment arm",
            "experiment string, metric string, line int64, headline string",
            key=("experiment", "metric", "line")),
    Derived("experiment_actions", "each action against its holdout: lift, verdict, days to detect",
            "action string, treated int64, held_out int64, treated_rate float64, held_out_rate float64, "
            "difference float64, diff_low float64, diff_high float64, lift float64, ci_low float64, "
            "ci_high float64, p_value float64, verdict string, per_day float64, days_to_detect float64, "
            "days_so_far float64", key=("action",)),
    # cohorts
    Derived("cohort_retention", "customers by month or quarter of first purchase, or its channel or "
            "category, or persona, period by period after it",
            "by string, cohort string, start date, period int64, acquired int64, customers int64, "
            "retention float64, repeat_rate float64, orders int64, revenue float64, "
            "revenue_per_customer float64, partial boolean",
            key=("by", "cohort", "period")),
    Derived("cohort_projection", "each cohort month by month ahead from the fitted models, with 90% bands; "
            "fitted_on 'calibration': the held-out months, beside what happened",
            "fitted_on string, cohort date, period int64, month date, customers int64, "
            "active float64, active_low float64, active_high float64, "
            "purchases float64, purchases_low float64, purchases_high float64, "
            "value float64, value_low float64, value_high float64, "
            "value_ahead float64, value_ahead_low float64, value_ahead_high float64, "
            "actual_active int64, actual_purchases int64, actual_value float64",
            key=("fitted_on", "cohort", "month")),
    # alerts
    Derived("alerts", "orders far outside their buyer's usual pattern: scores and reasons",
            "order_id string, person_id string, ordered_at timestamp, total float64, amount_z float64, "
            "usual_amount float64, hour_p float64, channel_p float64, store_p float64, history int64, "
            "unusual int64, reasons string", key=("order_id",), person=_P),
    Derived("order_habits", "per person the count and sums of log amounts of their orders, and how often "
            "they use each hour band, channel and store: what a live order is judged against",
            "person_id string, n int64, s1 float64, s2 float64, "
            "dims array<struct<dim: string, value: string, k: int64>>", key=(_P,), person=_P),
    Derived("order_population", "everyone's share of each hour band, channel and store, mean log amount and "
            "usual spread", "dim string, value string, pop float64, m0 float64, vw float64"),
)  # fmt: skip


def _people() -> Derived:
    """The people view's table: the profile's columns, then the value columns it lacks, persona, segments."""
    prof, value = DERIVED["profiles"], DERIVED["customer_value"]
    more = [f"{c} {t}" for c, t in value.schema.items() if c not in prof.schema]
    spec = ", ".join([prof.spec, *more, "persona string, persona_id int64, segments array<string>"])
    return Derived("people", "one row per person: profile, value, persona and segments (the people view)",
                   spec.replace("timestamp('UTC')", "timestamp"), key=(_P,), person=_P)  # fmt: skip


DERIVED["people"] = _people()


def declared(name: str) -> Table | Derived:
    """The declaration of table ``name``; a table nobody declared is a bug, named here."""
    if name in TABLES:
        return TABLES[name]
    if name in DERIVED:
        return DERIVED[name]
    raise KeyError(f"table '{name}' is not declared in cxlens/tables.py")


# The values customer_value's columns take, in order: the value stage decides them, the report orders and
# colours by them.
LIFECYCLE_STAGES = ("prospect", "new", "active", "loyal", "won_back", "at_risk", "lapsed")
# RFM: recency score → the segment for frequency–monetary scores 1..5 (docs/value.md shows the grid)
RFM_GRID: dict[int, tuple[str, str, str, str, str]] = {
    5: ("New", "Potential loyalist", "Potential loyalist", "Champions", "Champions"),
    4: ("Promising", "Potential loyalist", "Potential loyalist", "Loyal", "Loyal"),
    3: ("About to sleep", "About to sleep", "Need attention", "Loyal", "Loyal"),
    2: ("Hibernating", "Hibernating", "At risk", "At risk", "Can't lose them"),
    1: ("Lost", "Lost", "At risk", "At risk", "Can't lose them"),
}

# The names stages use in code: one constant per derived table.
QUARANTINE = "quarantine"
INGEST_RUNS = "ingest_runs"
ACTIVITY_BY_MONTH = "activity_by_month"
FIELD_COMPLETENESS = "field_completeness"
STAGE_RUNS = "stage_runs"
IDENTITY_IDENTIFIERS = "identity_identifiers"
IDENTITY_BLOCKED = "identity_blocked"
IDENTITY_FUZZY = "identity_fuzzy"
IDENTITY_FUZZY_MODEL = "identity_fuzzy_model"
IDENTITY_EDGES = "identity_edges"
IDENTITY_MAP = "identity_map"
IDENTITY_RECORDS = "identity_records"
PROFILE_VALUES = "profile_values"
PROFILES = "profiles"
CUSTOMER_VALUE = "customer_value"
LIFECYCLE_HISTORY = "lifecycle_history"
P_ALIVE_HISTORY = "p_alive_history"
VALUE_MODELS = "value_models"
VALUE_HOLDOUT = "value_holdout"
PERSONA_FEATURES = "persona_features"
PERSONA_ASSIGNMENTS = "persona_assignments"
PERSONAS = "personas"
PERSONA_SELECTION = "persona_selection"
SEGMENT_MEMBERS = "segment_members"
PEOPLE = "people"
AUDIENCE_EXPORTS = "audience_exports"
TOUCHPOINTS = "touchpoints"
JOURNEYS = "journeys"
JOURNEY_FLOWS = "journey_flows"
FUNNEL = "funnel"
PAIN_POINTS = "pain_points"
PAIN_VOICES = "pain_point_voices"
MOMENTS_OF_TRUTH = "moments_of_truth"
ATTRIBUTION = "attribution"
FEEDBACK_SCORED = "feedback_scored"
VOC_SCORES = "voc_scores"
VOC_DRIVERS = "voc_drivers"
EXPECTATION_SIGNALS = "expectation_signals"
EXPERIMENT_UNITS = "experiment_units"
EXPERIMENT_RESULTS = "experiment_results"
EXPERIMENT_HEADLINES = "experiment_headlines"
EXPERIMENT_ACTIONS = "experiment_actions"
ALERTS = "alerts"
COHORT_RETENTION = "cohort_retention"
COHORT_PROJECTION = "cohort_projection"
ORDER_HABITS = "order_habits"
ORDER_POPULATION = "order_population"


def _type(t: dt.DataType) -> str:
    return "timestamp (UTC)" if t.is_timestamp() else str(t)


def reference() -> str:
    """Every table as Markdown (docs/tables.md is this text; a test keeps it so)."""
    out = [
        "# Tables",
        "",
        'Generated from the declarations in `src/cxlens/tables.py` (`python -c "import cxlens.tables as t; '
        'print(t.reference())"`). Canonical tables are what sources load into; derived tables are written by '
        "the stages, always with exactly these columns and types (a column a run has no value for is null).",
        "",
        "## Canonical tables",
        "",
        "| table | key | columns |",
        "|---|---|---|",
    ]
    for t in TABLES.values():
        cols = ", ".join(f"`{f.name}` {f.kind}" + (" (required)" if f.required else "") for f in t.fields)
        out.append(f"| `{t.name}` | {', '.join(t.key)} | {cols} |")
    out += [
        "",
        "## Derived tables",
        "",
        "| table | what it holds | key | person | columns |",
        "|---|---|---|---|---|",
    ]
    for d in DERIVED.values():
        cols = ", ".join(f"`{c}` {_type(t)}" for c, t in d.schema.items())
        cols += ", and the features found in the data" if d.extra else ""
        out.append(f"| `{d.name}` | {d.doc} | {', '.join(d.key)} | {d.person or ''} | {cols} |")
    return "\n".join(out) + "\n"
