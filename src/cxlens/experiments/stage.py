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
from cxlens.experiments.plan import sample_size
from cxlens.experiments.units import units, with_breakdowns
from cxlens.experiments.words import METRICS, headline
from cxlens.holdout import HELD_OUT, PREFIX
from cxlens.stage import Stage, steps
from cxlens.tables import (
    EXPERIMENT_ACTIONS,
    EXPERIMENT_HEADLINES,
    EXPERIMENT_RESULTS,
    EXPERIMENT_UNITS,
    IDENTITY_RECORDS,
    LIFECYCLE_HISTORY,
    PERSONA_ASSIGNMENTS,
)

WRITES = (EXPERIMENT_UNITS, EXPERIMENT_RESULTS, EXPERIMENT_HEADLINES, EXPERIMENT_ACTIONS)
ACTION_COLUMNS = ("action", "treated", "held_out", "treated_rate", "held_out_rate", "difference", "diff_low",
                  "diff_high", "lift", "ci_low", "ci_high", "p_value", "verdict", "per_day", "days_to_detect",
                  "days_so_far")  # fmt: skip


def results(u: pd.DataFrame, cfg: Experiments) -> pd.DataFrame:
    """Every analysis of one experiment's units (an action's: treated against held out): per metric, the
    plain test, CUPED on the pre-period measure, the always-valid sequential test, and the plain test per
    breakdown (Holm-adjusted). Raises InputError when the units cannot be analysed (one arm, no control)."""
    rows = []
    action = str(u.experiment.iloc[0]).startswith(PREFIX)  # an action against its holdout
    planned = u.dropna(subset=["allocation"]).groupby("variant").allocation.first()
    kw = {
        "variant": "variant",
        "control": HELD_OUT if action else cfg.control,
        "alpha": cfg.alpha,
        "allocation": planned.to_dict() if len(planned) == u.variant.nunique() else None,
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SampleRatioMismatch)  # the srm_p_value column carries it
        for metric, (column, covariate) in METRICS.items():
            if metric == "nps":  # of those who answered; measured when each arm has answers to compare
                said = u[u.nps.notna()]
                if said.groupby("variant").size().reindex(u.variant.unique()).fillna(0).min() < 2:
                    continue
                runs = _runs(
                    said.assign(pre_nps=said.pre_nps.fillna(said.pre_nps.mean())), column, covariate, cfg, kw
                )
                srm = rows[0].srm_p_value.iloc[0]  # who answered is an outcome: the split is the assignment's
                runs = [(m, by, r.assign(srm_p_value=srm)) for m, by, r in runs]
            else:
                runs = _runs(u, column, covariate, cfg, kw)
            rows += [r.assign(metric=metric, method=method, breakdown=by) for method, by, r in runs]
    out = pd.concat(rows, ignore_index=True)
    out["segment"] = out.get("segment", pd.Series(index=out.index, dtype=object)).fillna("all")
    return out


def _runs(u: pd.DataFrame, column: str, covariate: str, cfg: Experiments, kw: dict) -> list:
    """(method, breakdown, results) of one metric: plain, CUPED, sequential, and plain per breakdown."""
    kw = {**kw, "metric": column}
    plain, pre = u[["variant", column]], u[["variant", column, covariate]]
    runs = [
        ("fixed", "all", analyze(plain, **kw)),
        ("cuped", "all", analyze(pre.fillna({covariate: 0.0}), covariate=covariate, **kw)),
        ("sequential", "all", analyze(plain, sequential=True, **kw)),
    ]
    for by in cfg.breakdowns:
        if by in u.columns and u[by].notna().any():
            part = analyze(plain.assign(**{by: u[by].fillna("(unknown)")}), by=by, **kw)
            runs.append(("fixed", by, part[part.segment != "all"]))
    return runs


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
            engine.write(con, EXPERIMENT_ACTIONS, actions(u, r, cfg.alpha))
        else:
            for name in (EXPERIMENT_RESULTS, EXPERIMENT_HEADLINES, EXPERIMENT_ACTIONS):
                engine.drop(con, name)
    return out or {"experiments": 0}


def actions(u: pd.DataFrame, r: pd.DataFrame, alpha: float = 0.05) -> pd.DataFrame:
    """One row per action measured against its holdout (the plain test of conversion in ``r``, the
    results of units ``u``): people in each arm, the difference and relative lift with their intervals, a
    verdict, and the days until the holdout detects the lift measured (80% power at ``alpha``) at the rate
    people qualify."""
    main = r[r.experiment.str.startswith(PREFIX) & (r.metric == "conversion") & (r.breakdown == "all")]
    main = main[(main.method == "fixed") & (main.skipped.fillna("") == "")]
    rows = []
    for row in main.itertuples():
        people = u[u.experiment == row.experiment]
        held = int((people.variant == HELD_OUT).sum())
        span = (people.exposed_at.max() - people.exposed_at.min()) / pd.Timedelta(days=1)
        per_day = len(people) / max(span, 1.0)
        try:
            need = sample_size(row.control_mean, abs(row.lift), alpha=alpha, holdout=held / len(people))
        except InputError:  # no lift measured, or a rate of 0 or 1: no number of people detects it
            need = None
        significant = row.diff_p_value < alpha
        rows.append(
            {
                "action": row.experiment.removeprefix(PREFIX),
                "treated": row.n,
                "held_out": held,
                "treated_rate": row.mean,
                "held_out_rate": row.control_mean,
                "difference": row.difference,
                "diff_low": row.diff_low,
                "diff_high": row.diff_high,
                "lift": row.lift,
                "ci_low": row.ci_low,
                "ci_high": row.ci_high,
                "p_value": row.diff_p_value,
                "verdict": ("works" if row.difference > 0 else "harms")
                if significant
                else "no effect shown yet",
                "per_day": per_day,
                "days_to_detect": None if need is None else need / per_day,
                "days_so_far": span,
            }
        )
    return pd.DataFrame(rows, columns=ACTION_COLUMNS)


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
