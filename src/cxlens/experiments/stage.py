"""Test and learn: A/B(/n) analysis (``analyze``) and the experiments stage, which reads assignments from
exposure events and writes each test's results, overall and per persona and lifecycle stage.

>>> from cxlens.experiments import analyze  # doctest: +SKIP
"""

from __future__ import annotations

import warnings

import pandas as pd
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.config import Experiments
from cxlens.errors import InputError
from cxlens.experiments.analysis import SampleRatioMismatch, analyze
from cxlens.experiments.units import units, with_breakdowns
from cxlens.experiments.words import METRICS, headline
from cxlens.stage import Stage, steps
from cxlens.tables import (
    EXPERIMENT_HEADLINES,
    EXPERIMENT_RESULTS,
    EXPERIMENT_UNITS,
    IDENTITY_RECORDS,
    LIFECYCLE_HISTORY,
    PERSONA_ASSIGNMENTS,
)

WRITES = (EXPERIMENT_UNITS, EXPERIMENT_RESULTS, EXPERIMENT_HEADLINES)


def results(u: pd.DataFrame, cfg: Experiments) -> pd.DataFrame:
    """Every analysis of one experiment's units: per metric, the plain test, CUPED on the pre-period
    measure, the always-valid sequential test, and the plain test per breakdown (Holm-adjusted). Raises
    InputError when the units cannot be analysed (one arm, no control)."""
    rows = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SampleRatioMismatch)  # the srm_p_value column carries it
        for metric, (column, covariate) in METRICS.items():
            kw = {"variant": "variant", "metric": column, "control": cfg.control, "alpha": cfg.alpha}
            plain, pre = u[["variant", column]], u[["variant", column, covariate]]
            runs = [
                ("fixed", "all", analyze(plain, **kw)),
                ("cuped", "all", analyze(pre, covariate=covariate, **kw)),
                ("sequential", "all", analyze(plain, sequential=True, **kw)),
            ]
            for by in cfg.breakdowns:
                if by in u.columns and u[by].notna().any():
                    part = analyze(plain.assign(**{by: u[by].fillna("(unknown)")}), by=by, **kw)
                    runs.append(("fixed", by, part[part.segment != "all"]))
            for method, by, r in runs:
                rows.append(r.assign(metric=metric, method=method, breakdown=by))
    out = pd.concat(rows, ignore_index=True)
    out["segment"] = out.get("segment", pd.Series(index=out.index, dtype=object)).fillna("all")
    return out


def run(con: BaseBackend, cfg: Experiments | None = None, progress: bool = False) -> dict:
    """Write ``experiment_units`` and ``experiment_results``; an experiment that cannot be analysed (a single
    arm, no control arm) is listed with the reason instead of stopping the pipeline."""
    cfg = cfg or Experiments()
    out: dict = {}
    with steps("Experiments", "assigning people to arms", progress) as say:
        u = engine.write(con, EXPERIMENT_UNITS, with_breakdowns(con, units(con, cfg))).to_pandas()
        frames = []
        for name, part in u.groupby("experiment", sort=True):
            say(f"analysing {name}")
            try:
                frames.append(results(part, cfg).assign(experiment=name, skipped=""))
            except InputError as e:
                frames.append(pd.DataFrame({"experiment": [name], "skipped": [str(e)]}))
            out[name] = f"{len(part):,} people"
        if frames:
            r = pd.concat(frames, ignore_index=True)
            engine.write(con, EXPERIMENT_RESULTS, r)
            engine.write(con, EXPERIMENT_HEADLINES, headlines(r, cfg.alpha))
        else:
            engine.drop(con, EXPERIMENT_RESULTS)
            engine.drop(con, EXPERIMENT_HEADLINES)
    return out or {"experiments": 0}


def headlines(r: pd.DataFrame, alpha: float) -> pd.DataFrame:
    """Each analysed experiment's ``headline`` sentences per metric, for the report to quote."""
    rows = [
        {"experiment": name, "metric": metric, "line": i, "headline": sentence}
        for name, e in r.groupby("experiment", sort=True)
        if not e.skipped.iloc[0]
        for metric in METRICS
        for i, sentence in enumerate(headline(e, metric, alpha))
    ]
    return pd.DataFrame(rows, columns=["experiment", "metric", "line", "headline"])


STAGE = Stage(
    "experiments",
    "Experiments",
    run,
    writes=WRITES,
    needs=(IDENTITY_RECORDS, "events"),
    reads=(LIFECYCLE_HISTORY, PERSONA_ASSIGNMENTS, "orders"),
    config_key="experiments",
)
