"""`cxlens.yaml`: the one place a user describes their data, validated with pydantic.

Every error names the key, the value received and what was expected, e.g.
``cxlens.yaml: sources[0].table is 'order'; expected one of contacts, events, orders, ...``.
"""

from __future__ import annotations

import codecs
import re
import zoneinfo
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

import phonenumbers
import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from cxlens.errors import ConfigError
from cxlens.tables import CONSENT_CHANNELS, TABLES

FORMATS = {
    ".csv": "csv", ".tsv": "csv", ".txt": "csv", ".parquet": "parquet", ".pq": "parquet", ".jsonl": "jsonl",
    ".ndjson": "jsonl", ".xlsx": "xlsx", ".xlsm": "xlsx",
}  # fmt: skip
TEXT = ("csv", "jsonl")  # the formats that may be gzipped (name.csv.gz) and have an encoding


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Strict):
    """One source: a file or glob loaded into one canonical table."""

    name: str = Field(pattern=r"^[A-Za-z0-9_\-]+$")
    table: Literal["contacts", "events", "orders", "order_items", "feedback", "tickets", "mentions"]
    path: str
    format: Literal["csv", "parquet", "jsonl", "xlsx"] | None = None
    columns: dict[str, str] = {}
    timezone: str = "UTC"
    delimiter: str = ","  # one character, or "whitespace" for aligned text (runs of spaces or tabs)
    formats: dict[str, str] = {}  # canonical date column -> strftime pattern, e.g. {ordered_at: "%Y%m%d"}
    dayfirst: bool | None = None  # how 01/02/2024 reads: None refuses to guess
    decimal: Literal[".", ","] = "."  # the decimal mark of amounts
    max_quarantine_share: float = Field(0.5, ge=0, le=1)  # more refused rows than this fails ingest
    encoding: str = "utf-8"  # of CSV and JSON lines; a UTF-8 byte order mark is always allowed
    sheet: str | int | None = None  # of an Excel workbook: a name, or a position from 0; default the first

    @field_validator("delimiter")
    @classmethod
    def _one_character(cls, v: str) -> str:
        if len(v) != 1 and v != "whitespace":
            raise ValueError(f"'{v}' is not a delimiter; expected one character (, ; | tab) or whitespace")
        return v

    @field_validator("encoding")
    @classmethod
    def _known_encoding(cls, v: str) -> str:
        try:
            return codecs.lookup(v).name
        except LookupError:
            raise ValueError(f"'{v}' is not an encoding Python knows (e.g. utf-8, cp1252, latin-1)") from None

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, v: str) -> str:
        try:
            zoneinfo.ZoneInfo(v)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"'{v}' is not an IANA time zone (e.g. UTC, Europe/London)") from None
        return v

    @model_validator(mode="after")
    def _known_columns(self) -> Source:
        known = TABLES[self.table].columns
        for canonical in self.columns:
            if canonical not in known:
                raise ValueError(
                    f"columns: '{canonical}' is not a column of table '{self.table}'; "
                    f"expected one of {', '.join(known)}"
                )
        for canonical, pattern in self.formats.items():
            f = TABLES[self.table].field(canonical) if canonical in known else None
            if f is None or f.kind not in ("timestamp", "date"):
                dates = [g.name for g in TABLES[self.table].fields if g.kind in ("timestamp", "date")]
                raise ValueError(
                    f"formats: '{canonical}' is not a date column of table '{self.table}'; "
                    f"expected one of {', '.join(dates)}"
                )
            _check_pattern(canonical, pattern)
        if self.format is None:
            suffix = Path(self.path.rstrip("*").removesuffix(".gz")).suffix.lower()
            if suffix not in FORMATS:
                raise ValueError(
                    f"path '{self.path}' has no known extension; set format to csv, parquet, jsonl or xlsx"
                )
            self.format = FORMATS[suffix]
        if self.sheet is not None and self.format != "xlsx":
            raise ValueError(f"sheet: is for Excel workbooks (format xlsx); this source is {self.format}")
        return self


# the strftime directives a date pattern may use (read in cxlens.canonical.forms)
DIRECTIVES = "YymdbBHIpMSfz"


def _check_pattern(column: str, pattern: str) -> None:
    for d in re.findall(r"%(.)", pattern.replace("%%", "")):
        if d not in DIRECTIVES:
            raise ValueError(
                f"formats: {column}: '%{d}' in '{pattern}' is not a directive cxlens reads; "
                f"use %{', %'.join(DIRECTIVES)} or %%"
            )
    if not re.search(r"%[Yy]", pattern):
        raise ValueError(f"formats: {column}: '{pattern}' has no year (%Y or %y)")


class Spark(_Strict):
    master: str = "local[2]"
    conf: dict[str, str] = {}


class DuckDBSettings(_Strict):
    """Where DuckDB may spill and how much memory it may hold; both are set from the machine by default."""

    memory_limit: str | None = None  # e.g. "8GB"; default: half the machine's memory
    temp_directory: str | None = None  # default: <warehouse>.tmp beside the warehouse file


KINDS = ("user_id", "loyalty_id", "contact_id", "email", "phone", "handle", "anonymous_id")


class Fuzzy(_Strict):
    """Probabilistic matching of CRM contacts with Splink, for duplicates that share no exact identifier."""

    enabled: bool = True
    threshold: float = Field(0.99, gt=0, lt=1)
    # in a group of three or more records, a link weaker than this needs a record linked to both its ends
    strong: float = Field(0.9999, gt=0, le=1)


CAPS: dict[str, int | None] = {"user_id": 1, "anonymous_id": 50, "contact_id": None}


class Identity(_Strict):
    """How records are linked into people, and the guards against over-merging.

    ``priority`` orders identifier kinds from most to least trusted: when a person would hold more values
    of a kind than its cap, links through the least trusted kinds are cut first (fuzzy links before all).
    """

    priority: list[str] = list(KINDS)
    # how many values of a kind one person may hold; a cookie churns, so anonymous ids get more room; CRM
    # records are not counted (none: no cap), a person's contacts are split only on evidence of two people
    caps: dict[str, int | None] = CAPS
    default_cap: int = Field(5, ge=1)
    # a value carried by more accounts or loyalty cards than this is shared (a shop's phone, a family email)
    shared_limit: dict[str, int] = {"email": 3, "phone": 3, "anonymous_id": 5, "loyalty_id": 2}
    blocklist: list[str] = []  # extra regular expressions, on top of the built-in junk patterns
    block: list[str] = []  # identifiers to keep out, as kind:value (to split a wrong merge)
    unlink: list[
        str
    ] = []  # links to remove, as "record identifier" (both as shown by `cxlens profile --why`)
    source_priority: list[str] = []  # sources whose traits win in profiles, first wins; then the most recent
    fuzzy: Fuzzy = Fuzzy()

    @field_validator("priority")
    @classmethod
    def _all_kinds(cls, v: list[str]) -> list[str]:
        if sorted(v) != sorted(KINDS):
            raise ValueError(f"must list each of {', '.join(KINDS)} once")
        return v

    @field_validator("caps", "shared_limit")
    @classmethod
    def _known_kinds(cls, v: dict[str, int | None], info: ValidationInfo) -> dict[str, int | None]:
        """Known kinds and whole numbers; caps not set keep their defaults (no cap on contact records)."""
        for kind, n in v.items():
            if kind not in KINDS:
                raise ValueError(f"'{kind}' is not an identifier kind; expected one of {', '.join(KINDS)}")
            if n is None and info.field_name == "caps":
                continue
            if n is None or n < 1:
                raise ValueError(f"{kind}: expected a whole number of at least 1, got {n}")
        return {**CAPS, **v} if info.field_name == "caps" else v

    @field_validator("blocklist")
    @classmethod
    def _patterns(cls, v: list[str]) -> list[str]:
        for pattern in v:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"'{pattern}' is not a regular expression ({exc})") from None
        return v

    @field_validator("block", "unlink")
    @classmethod
    def _nodes(cls, v: list[str], info: ValidationInfo) -> list[str]:
        """``block`` lists identifiers (kind:value); ``unlink`` lists 'record identifier' pairs."""
        for item in v:
            parts = item.split()
            node = parts[-1] if info.field_name == "unlink" and len(parts) == 2 else item
            kind, _, value = node.partition(":")
            if kind not in KINDS or not value or (info.field_name == "unlink" and len(parts) != 2):
                shape = "'record kind:value'" if info.field_name == "unlink" else "kind:value"
                raise ValueError(f"'{item}' is not {shape} with kind one of {', '.join(KINDS)}")
        return v

    def cap(self, kind: str) -> int | None:
        """How many values of ``kind`` one person may hold (None: not counted)."""
        return self.caps.get(kind, self.default_cap)


class Lifecycle(_Strict):
    """How each customer's lifecycle stage is decided; docs/value.md lists the rules in the order applied."""

    new_days: int = Field(90, ge=1)  # first purchase within this many days: new
    window_days: int = Field(90, ge=1)  # M: the chance of no purchase in the next M days
    at_risk: float = Field(0.6, gt=0, lt=1)  # P(no purchase in M days) at or above this, and overdue
    lapsed: float = Field(0.85, gt=0, lt=1)
    at_risk_overdue: float = Field(1.5, gt=0)  # days since the last purchase over the person's usual gap
    lapsed_overdue: float = Field(3.0, gt=0)
    best_share: float = Field(0.1, gt=0, lt=1)  # this top share of customers by predicted value: loyal
    period_days: int = Field(90, ge=1)  # flows between stages are shown since this many days before

    @model_validator(mode="after")
    def _ordered(self) -> Lifecycle:
        if self.lapsed < self.at_risk or self.lapsed_overdue < self.at_risk_overdue:
            raise ValueError("lapsed and lapsed_overdue must be at least at_risk and at_risk_overdue")
        return self


# Fewer customers than this, or fewer than two repeat buyers, and the value models are not fitted.
MIN_CUSTOMERS = 20


class Value(_Strict):
    """Customer value: the buy-till-you-die model, CLV horizon and discounting, and lifecycle rules."""

    model: Literal["pareto_nbd", "bg_nbd"] = "pareto_nbd"  # decides P(alive), CLV and lifecycle stages
    as_of: date | None = None  # the day values are computed for; default: the last purchase day
    horizon_days: int = Field(365, ge=1)  # CLV looks this far ahead
    discount_rate: float = Field(0.1, ge=0, lt=1)  # a year, applied month by month
    holdout_days: int = Field(180, ge=7)  # the last days kept out to check predictions against
    lifecycle: Lifecycle = Lifecycle()


class PersonaSettings(_Strict):
    """How personas are found; docs/personas.md lists every feature."""

    n: int | Literal["auto"] = "auto"  # how many personas; auto: chosen by stability and silhouette
    max_n: int = Field(10, ge=2, le=30)
    random_state: int = 0
    min_orders: int = Field(1, ge=0)  # people with fewer orders are assigned but not fitted on
    min_share: float = Field(0.02, ge=0, lt=0.5)  # smaller personas are merged into their neighbour
    features: list[str] | None = None  # cluster on these only (default: every behavioural feature)
    exclude: list[str] = []  # ... or on all but these
    fit_sample: int = Field(200_000, ge=100)  # at most this many customers are fitted on

    @field_validator("n")
    @classmethod
    def _range(cls, v: int | str) -> int | str:
        if isinstance(v, int) and not 2 <= v <= 30:
            raise ValueError("must be 'auto' or a whole number from 2 to 30")
        return v


class Segment(_Strict):
    """A declarative segment: ``where`` is a condition tree (docs/segments.md); ``channel`` decides whose
    consent an audience export needs."""

    description: str = ""
    where: dict
    channel: Literal[CONSENT_CHANNELS] | None = None
    fields: list[str] = ["person_id", "email"]


JOURNEY_STAGES = ("awareness", "discovery", "purchase", "delivery", "retention", "advocacy")


class Journeys(_Strict):
    """How touchpoints become journeys; docs/journeys.md has the default stage map."""

    conversion: list[str] = Field(["Order Completed", "Order Placed"], min_length=1)  # touchpoint names
    session_gap_minutes: int = Field(30, ge=1)
    journey_gap_days: int = Field(7, ge=1)  # a journey also ends at a conversion
    stages: dict[str, str] = {}  # touchpoint name: stage, on top of the defaults
    funnel: list[str] = ["Product Viewed", "Product Added", "Checkout Started", "Order Completed"]
    funnel_window_days: int = Field(7, ge=1)

    @field_validator("stages")
    @classmethod
    def _known_stages(cls, v: dict[str, str]) -> dict[str, str]:
        for touchpoint, stage in v.items():
            if stage not in JOURNEY_STAGES:
                raise ValueError(
                    f"'{touchpoint}' is mapped to '{stage}', which is not a stage; "
                    f"expected one of {', '.join(JOURNEY_STAGES)}"
                )
        return v


class Voc(_Strict):
    """How scores are broken down and read; docs/voc.md."""

    period: Literal["week", "month", "quarter"] = "month"  # scores and signals over time, by this period
    min_responses: int = Field(30, ge=1)  # fewer answers than this: a warning instead of a number to act on
    csat_satisfied_from: int = Field(4, ge=1, le=5)  # CSAT counts answers at or above this as satisfied
    repeat_days: int = Field(90, ge=1)  # a first-time buyer who buys again within this many days repeats
    themes: dict[str, list[str]] = {}  # theme: keywords (word starts), added to or replacing the defaults


class Experiments(_Strict):
    """How experiments are read from events; docs/experiments.md."""

    exposure: str = "Experiment Viewed"  # the track event that assigns a person (Segment's spec name)
    conversion: str = "Order Completed"  # the outcome event: converted if it follows the first exposure
    window_days: int | None = Field(None, ge=1)  # outcomes count this long after exposure (default: all)
    pre_days: int = Field(90, ge=1)  # CUPED's covariate: the same outcome in this many days before exposure
    control: str = "control"
    alpha: float = Field(0.05, gt=0, lt=1)
    breakdowns: list[Literal["persona", "stage"]] = ["persona", "stage"]


UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def seconds(v: object) -> float:
    """A duration as seconds: a number of seconds, or text such as ``90s``, ``15m``, ``1h``, ``30d``."""
    if isinstance(v, int | float) and not isinstance(v, bool) and v >= 0:
        return float(v)
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd])\s*", str(v))
    if not m:
        raise ValueError(f"{v!r} is not a duration; expected e.g. 90s, 15m, 1h or 30d")
    return float(m[1]) * UNITS[m[2]]


def _hashed(v: list[str]) -> list[str]:
    for k in v:
        if not re.fullmatch(r"sha256:[0-9a-f]{64}", k):
            raise ValueError(
                "keys are stored hashed, as sha256:<64 hex digits>; `cxlens key` makes a key and its hash"
            )
    return v


MESSAGE_CHANNELS = (*CONSENT_CHANNELS, "web", "app", "push")


class Trigger(_Strict):
    """When an event (or a date, or an unusual order) meets a person who fits, record an action in the
    outbox and, with ``webhook``, POST it signed; docs/realtime.md#triggers."""

    on: Literal["event", "anniversary", "unusual_order"] = "event"
    event: str | None = None  # the track event or page/screen name; none: any
    types: list[Literal["track", "page", "screen", "identify", "group", "alias"]] = []
    properties: dict[str, str | int | float | bool] = {}  # each must equal the event's
    channels: list[str] = []  # the event's channel (web, app, ...) must be one of these
    stage: list[str] = []  # the person's lifecycle stage
    persona: list[str] = []
    segment: list[str] = []  # in any of these segments
    traits: dict[str, str | int | float | bool] = {}  # profile fields that must equal these
    min_age: int | None = Field(None, ge=0)  # context rules: e.g. 18 for alcohol offers
    max_age: int | None = Field(None, ge=0)
    date: str = "first_purchase"  # anniversary: the profile date counted from ("member since")
    within: float = 3600.0  # an event older than this on arrival (a replay, a backlog) fires nothing
    cooldown: float = 30 * 86400.0  # at most once per person in this long
    delay: float = 0.0  # the action is due this long after the event (a survey a few days later)
    action: str = Field(pattern=r"^[A-Za-z0-9_\-]+$")
    channel: Literal[MESSAGE_CHANNELS] | None = None  # consent is checked
    webhook: str | None = Field(None, pattern=r"^https?://")
    secret_env: str | None = None  # the environment variable holding the webhook's HMAC secret
    holdout: float = Field(0.0, ge=0, lt=1)  # share of qualifying people kept from it, to measure it
    window: float = 30 * 86400.0  # a qualification's outcome (an order, revenue) counts this long after it

    @field_validator("within", "cooldown", "delay", "window", mode="before")
    @classmethod
    def _duration(cls, v: object) -> float:
        return seconds(v)

    @model_validator(mode="after")
    def _signed(self) -> Trigger:
        if self.webhook and not self.secret_env:
            raise ValueError("a webhook needs secret_env: the environment variable with its HMAC secret")
        return self


class Realtime(_Strict):
    """The live service (`cxlens serve`); docs/realtime.md. Keys are stored as ``sha256:<hex>`` only."""

    log: str = "collector"  # the folder the collector's durable log goes to; ingest reads it as events
    store: str = "live.sqlite"  # the serving copy of profiles, ids, segments, the outbox and erasures
    write_keys: list[str] = []  # keys browser and app SDKs send events with (they sit in web pages: public)
    server_write_keys: list[str] = []  # keys a company's own servers send with (secret: trusted events)
    read_keys: list[str] = []  # server keys for profiles, audiences, actions and erasure (secret)
    allowed_origins: list[str] = ["*"]  # web pages that may send events (CORS): "*" or https://shop.example
    host: str = "127.0.0.1"
    port: int = Field(8088, ge=1, le=65535)
    max_in_flight: int = Field(64, ge=1)  # more requests waiting for the log than this are asked to retry
    max_per_client: int = Field(8, ge=1)  # concurrent requests from one address (slow senders hold theirs)
    body_seconds: float = Field(10.0, gt=0)  # a body not received in this time gets 408
    public_docs: bool = True  # /docs and /openapi.json without a key; false: behind the read key
    seal_seconds: float = Field(2.0, gt=0)  # how often the open log segment is handed to ingest
    sweep_seconds: float = Field(3600.0, gt=0)  # how often dates (anniversaries) and pending work are checked
    recent: int = Field(10, ge=1, le=100)  # touchpoints kept per live profile
    webhook_attempts: int = Field(6, ge=1)
    webhook_backoff: float = Field(2.0, gt=0)  # seconds before the first retry, doubling each time
    nba_holdout: dict[str, Annotated[float, Field(ge=0, lt=1)]] = {}  # next-best-action type: share kept

    @field_validator("write_keys", "server_write_keys", "read_keys")
    @classmethod
    def _keys(cls, v: list[str]) -> list[str]:
        return _hashed(v)

    @field_validator("allowed_origins")
    @classmethod
    def _origins(cls, v: list[str]) -> list[str]:
        for o in v:
            if o != "*" and not re.fullmatch(r"https?://[^/\s*]+", o):
                raise ValueError(
                    f"'{o}' is not an origin: '*', or scheme and host as https://shop.example.com"
                )
        return v

    @model_validator(mode="after")
    def _distinct(self) -> Realtime:
        if set(self.write_keys) & set(self.read_keys):
            raise ValueError("a read key must not also be a write key: write keys ship inside web pages")
        if set(self.write_keys) & set(self.server_write_keys):
            raise ValueError(
                "a server write key must not also be a (public) write key: write keys ship inside web pages"
            )
        if set(self.server_write_keys) & set(self.read_keys):
            raise ValueError("a read key must not also be a server write key: give each its own secret")
        return self


class Report(_Strict):
    path: str = "report.html"
    title: str = "Who are we talking to?"


class Config(_Strict):
    """The validated project file. Paths are resolved against the file's folder."""

    engine: Literal["duckdb", "spark"] = "duckdb"
    warehouse: str = "cxlens.duckdb"
    region: str = "US"
    sources: list[Source] = Field(min_length=1)
    spark: Spark = Spark()
    duckdb: DuckDBSettings = DuckDBSettings()
    identity: Identity = Identity()
    value: Value = Value()
    personas: PersonaSettings = PersonaSettings()
    segments: dict[str, Segment] = {}
    journeys: Journeys = Journeys()
    voc: Voc = Voc()
    experiments: Experiments = Experiments()
    realtime: Realtime = Realtime()
    triggers: dict[str, Trigger] = {}
    report: Report = Report()
    base_dir: Path = Field(Path("."), exclude=True)

    @field_validator("segments", "triggers")
    @classmethod
    def _names(cls, v: dict) -> dict:
        bad = [n for n in v if not re.fullmatch(r"[A-Za-z0-9_\-]+", n)]
        if bad:
            raise ValueError(f"'{bad[0]}' is not a valid name; use letters, digits, _ and -")
        return v

    @field_validator("region")
    @classmethod
    def _known_region(cls, v: str) -> str:
        if v.upper() not in phonenumbers.SUPPORTED_REGIONS:
            raise ValueError(f"'{v}' is not a two-letter region code known to phonenumbers (e.g. US, GB)")
        return v.upper()

    @model_validator(mode="after")
    def _unique_names(self) -> Config:
        names = [s.name for s in self.sources]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"sources: names must be unique; repeated: {', '.join(dupes)}")
        unknown = [n for n in self.identity.source_priority if n not in names]
        if unknown:
            raise ValueError(
                f"identity.source_priority: '{unknown[0]}' is not a source; "
                f"expected one of {', '.join(names)}"
            )
        return self

    def resolve(self, path: str) -> Path:
        p = Path(path).expanduser()
        return p if p.is_absolute() else self.base_dir / p

    @property
    def warehouse_path(self) -> Path:
        return self.resolve(self.warehouse)

    @property
    def report_path(self) -> Path:
        return self.resolve(self.report.path)

    @property
    def collector_path(self) -> Path:
        return self.resolve(self.realtime.log)

    @property
    def rejected_path(self) -> Path:
        """Where the collector keeps the calls it refused one by one, with the reason (beside its log, so
        ingest never reads them as events)."""
        log = self.collector_path
        return log.with_name(log.name + "-rejected")

    @property
    def store_path(self) -> Path:
        return self.resolve(self.realtime.store)

    @property
    def suppression_path(self) -> Path:
        """The erased identifiers' digests (``privacy.Suppression``), beside the warehouse."""
        w = self.warehouse_path
        return w.with_name(w.name + ".suppressed.sqlite")


def _loc(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _describe(err: dict) -> str:
    where = _loc(tuple(p for p in err["loc"] if p not in ("function-after",)))
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        return f"{where}: unknown key; check its spelling against `cxlens init`'s example"
    if err["type"] == "missing":
        return f"{where}: required key is missing"
    got = err.get("input")
    shown = "" if isinstance(got, dict | list) or got is None else f" (got {got!r})"
    return f"{where or 'top level'}: {msg}{shown}"


def parse_config(data: object, name: str = "cxlens.yaml", base_dir: Path | None = None) -> Config:
    """Validate a parsed YAML document; raise ConfigError listing every problem."""
    if not isinstance(data, dict):
        raise ConfigError(
            f"{name}: expected a mapping of keys (engine, sources, ...), got {type(data).__name__}"
        )
    try:
        cfg = Config.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(_describe(e) for e in exc.errors())
        raise ConfigError(f"{name}: {problems}") from None
    cfg.base_dir = base_dir or Path(".")
    return cfg


def parse_identity(data: Identity | dict | None) -> Identity:
    """The ``identity`` settings from a dict (as under ``identity:`` in cxlens.yaml); errors name the key."""
    if isinstance(data, Identity):
        return data
    try:
        return Identity.model_validate(data or {})
    except ValidationError as exc:
        problems = "; ".join(_describe(e) for e in exc.errors())
        raise ConfigError(f"identity settings: {problems}") from None


def load_config(path: str | Path) -> Config:
    """Read and validate a project file."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: project file not found; create one with `cxlens init`")
    try:
        data = yaml.safe_load(path.read_text())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    return parse_config(data, path.name, path.parent.resolve())
