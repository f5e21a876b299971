"""The experiments stage on the sample's planted checkout test and on its actions measured against their
holdouts, and the `cxlens experiment` command."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from typer.testing import CliRunner

from cxlens import Project
from cxlens.cli import app
from cxlens.errors import InputError
from cxlens.experiments import headline, results
from cxlens.holdout import HELD_OUT, PREFIX, TREATED
from cxlens.ids import with_person
from cxlens.sample._world import ACTIONS, EXPERIMENT


def _units(loaded) -> pd.DataFrame:
    return loaded.project.table("experiment_units").to_pandas()


def _exposed(p: Project, company: Path, name: str) -> tuple[pd.DataFrame, set[str]]:
    """The stage's units of experiment ``name`` by true person (through the user id identity mapped),
    and the true people one of whose events the sample broke on purpose (the malformed rows it recorded:
    ingest quarantines them, so an exposure or an order of theirs may be missing from the stage)."""
    truth = lambda t: pd.read_parquet(company / "truth" / f"{t}.parquet")  # noqa: E731
    ids = p.table("identity_map").to_pandas()
    ids = ids[ids.node.str.startswith("user_id:")].assign(user_id=lambda d: d.node.str[8:])
    persons = truth("persons")[["person_id", "user_id"]]
    true = ids.merge(persons, on="user_id", suffixes=("", "_true"))
    u = p.table("experiment_units").to_pandas().query("experiment == @name")
    u = u.merge(true[["person_id", "person_id_true"]], on="person_id")
    bad = truth("malformed").query("table == 'events'")
    lines = []
    for file, rows in bad.groupby("file").row:
        text = (company / "data" / file).read_text().splitlines()
        lines += [text[r - 1] for r in rows]
    sent = truth("events").set_index("message_id").person_id
    users = persons.set_index("user_id").person_id
    broken = set()
    for line in lines:  # the person of each broken event: by its message id, else its user id
        mid, user = re.search(r'"messageId":"([^"]*)"', line), re.search(r'"userId":"([^"]+)"', line)
        if mid and mid[1] in sent.index:
            broken.add(sent[mid[1]])
        elif user and user[1] in users.index:
            broken.add(users[user[1]])
    return u, broken


def test_arms_and_outcomes_match_the_planted_assignment(loaded, truth, company):
    """Everyone the sample exposed is found in their arm, and converts exactly when the truth says so (but
    for people one of whose events the sample broke on purpose)."""
    assert set(_units(loaded).experiment) == {EXPERIMENT["name"], *(PREFIX + a for a in ACTIONS)}
    u, broken = _exposed(loaded.project, company, EXPERIMENT["name"])
    exp = truth("experiment_exposures").set_index("person_id")
    kept = exp[~exp.index.isin(broken)]
    mine = u.drop_duplicates("person_id_true").set_index("person_id_true").reindex(kept.index)
    assert (mine.variant == kept.variant).all()
    assert (mine.converted.astype(bool) == kept.converted).all()


def test_the_planted_lift_is_inside_the_interval_and_cuped_narrows_it(loaded, truth):
    r = loaded.project.table("experiment_results").to_pandas()
    r = r[(r.metric == "conversion") & (r.breakdown == "all") & (r.experiment == EXPERIMENT["name"])]
    r = r.set_index("method")
    exp = truth("experiment_exposures")
    planted = EXPERIMENT["delta"] * (1 - exp[exp.variant == "control"].converted_anyway.mean())
    for method in ("fixed", "cuped", "sequential"):
        assert r.loc[method, "diff_low"] < planted < r.loc[method, "diff_high"], method
    width = r.diff_high - r.diff_low
    assert width["cuped"] < width["fixed"] < width["sequential"]
    segments = loaded.project.table("experiment_results").to_pandas()
    segments = segments[(segments.breakdown != "all") & (segments.experiment == EXPERIMENT["name"])]
    assert set(segments.breakdown) == {"persona", "stage"} and segments.p_adjusted.notna().all()
    assert (segments.p_adjusted >= segments.p_value).all()


@pytest.mark.parametrize("action", ACTIONS)
def test_each_action_is_measured_against_its_holdout_and_its_planted_effect_recovered(
    company20k: Path, action: str
):
    """The sample's live service kept 10% of the people who qualified for each action: the stage finds
    everyone in their arm with their outcome, the held-out share is what was planned, and the planted
    effect on conversion lies inside the reported interval. On 20,000 customers: with a few dozen held
    out, a control arm with no conversions has a Wald interval too narrow to judge by."""
    name = PREFIX + action
    p = Project(company20k / "cxlens.yaml", progress=False)
    u, broken = _exposed(p, company20k, name)
    planted = pd.read_parquet(company20k / "truth" / "action_exposures.parquet")
    planted = planted.query("action == @action").set_index("person_id")
    kept = planted[~planted.index.isin(broken)]
    mine = u.drop_duplicates("person_id_true").set_index("person_id_true").reindex(kept.index)
    assert (mine.variant == kept.variant).all()
    assert (mine.converted.astype(bool) == kept.converted).all()
    held = int((mine.variant == HELD_OUT).sum())
    low, high = stats.binomtest(held, len(mine), ACTIONS[action]["holdout"]).proportion_ci(0.99)
    assert low <= ACTIONS[action]["holdout"] <= high
    r = p.table("experiment_results").to_pandas()
    r = r[(r.experiment == name) & (r.metric == "conversion") & (r.breakdown == "all")].set_index("method")
    assert set(r.variant) == {TREATED} and (r.srm_p_value > 0.001).all()  # the planned 90/10 split
    treated = planted[planted.variant == TREATED]
    effect = ACTIONS[action]["delta"] * (1 - treated.converted_anyway.mean())
    for method in ("fixed", "cuped"):
        assert r.loc[method, "diff_low"] < effect < r.loc[method, "diff_high"], method
    said = p.table("experiment_headlines").to_pandas().query("experiment == @name")
    first = said.headline.iloc[0]
    assert first.startswith("The action ") and "held out" in first


def test_each_action_is_called_working_with_the_days_its_holdout_needs(company20k: Path):
    """Each planted action is called working, with the days its holdout needs recomputed here from the units:
    people qualifying per day, and the closed form for an uneven split (Var = p0q0/h + p1q1/(1-h))."""
    p = Project(company20k / "cxlens.yaml", progress=False)
    a = p.table("experiment_actions").to_pandas().set_index("action")
    assert set(a.index) == set(ACTIONS) and (a.verdict == "works").all()
    u = p.table("experiment_units").to_pandas()
    for action in ACTIONS:
        mine = u[u.experiment == PREFIX + action]
        h = (mine.variant == HELD_OUT).mean()
        p0 = mine[mine.variant == HELD_OUT].converted.mean()
        p1 = mine[mine.variant == TREATED].converted.mean()
        z = stats.norm.isf(0.025) + stats.norm.isf(0.2)
        need = z**2 * (p0 * (1 - p0) / h + p1 * (1 - p1) / (1 - h)) / (p1 - p0) ** 2
        days = (mine.exposed_at.max() - mine.exposed_at.min()) / pd.Timedelta(days=1)
        assert a.loc[action, "days_to_detect"] == pytest.approx(math.ceil(need) / (len(mine) / days))
        assert a.loc[action, "held_out"] == (mine.variant == HELD_OUT).sum()


def test_nps_is_each_persons_next_answer_as_nps_counts_it(loaded):
    """Recomputed here from the feedback identity linked: the first NPS answer after exposure (+100, 0,
    -100) is the outcome, the last in the pre-period the covariate; the arms' means are their NPS, of those
    who answered, and the split is checked on everyone assigned."""
    p = loaded.project
    cfg = p.config.experiments
    f = with_person(p.con, "feedback").to_pandas().query("kind == 'nps' and score.notna()")
    f = f.assign(points=np.select([f.score >= 9, f.score <= 6], [100.0, -100.0], 0.0))
    u = _units(loaded).query("experiment == @EXPERIMENT['name']").set_index("person_id")
    answers = f.merge(u.exposed_at, left_on="person_id", right_index=True)
    after = answers[answers.submitted_at >= answers.exposed_at]
    if cfg.window_days:
        after = after[after.submitted_at < after.exposed_at + pd.Timedelta(days=cfg.window_days)]
    pre_days = pd.Timedelta(days=cfg.pre_days)
    before = answers[
        (answers.submitted_at < answers.exposed_at) & (answers.submitted_at >= answers.exposed_at - pre_days)
    ]
    first = after.sort_values("submitted_at").groupby("person_id").points.first().reindex(u.index)
    last = before.sort_values("submitted_at").groupby("person_id").points.last().reindex(u.index)
    assert first.notna().sum() > 50
    pd.testing.assert_series_equal(u.nps, first, check_names=False)
    pd.testing.assert_series_equal(u.pre_nps, last, check_names=False)
    r = p.table("experiment_results").to_pandas()
    r = r[(r.experiment == EXPERIMENT["name"]) & (r.breakdown == "all") & (r.method == "fixed")]
    nps, conversion = r[r.metric == "nps"].iloc[0], r[r.metric == "conversion"].iloc[0]
    arms = u.groupby("variant").nps.mean()
    assert nps["mean"] == pytest.approx(arms[nps.variant]) and nps.control_mean == pytest.approx(
        arms["control"]
    )
    assert nps.srm_p_value == conversion.srm_p_value


def test_a_broken_split_is_flagged_in_plain_words(loaded):
    """Losing 40% of the treatment's exposure logs is the classic sample-ratio mismatch."""
    u = _units(loaded).query("experiment == @EXPERIMENT['name']")
    treat = u[u.variant == "treatment"]
    broken = pd.concat([u[u.variant == "control"], treat.iloc[: int(len(treat) * 0.6)]])
    r = results(broken, loaded.project.config.experiments)
    assert (r.srm_p_value < 0.001).all()
    said = headline(r, "conversion")
    assert said[0].startswith("Warning: sample ratio mismatch")
    fine = headline(results(u, loaded.project.config.experiments), "conversion")
    assert not fine[0].startswith("Warning") and "95% CI" in fine[0]


def test_a_single_arm_cannot_be_analysed(loaded):
    u = _units(loaded).query("experiment == @EXPERIMENT['name']")
    with pytest.raises(InputError, match="only the 'control' arm"):
        results(u[u.variant == "control"], loaded.project.config.experiments)


def test_the_experiment_command(loaded):
    runner = CliRunner()
    project = str(loaded.project.config.base_dir / "cxlens.yaml")
    ok = runner.invoke(app, ["experiment", EXPERIMENT["name"], "-p", project, "--segments"])
    assert ok.exit_code == 0, ok.output
    assert "Variant treatment" in ok.output and "Sample ratio check" in ok.output and "persona" in ok.output
    unknown = runner.invoke(app, ["experiment", "no_such_test", "-p", project])
    assert unknown.exit_code == 2 and "the exposure events name: action: checkout_reminder" in unknown.output
    assert EXPERIMENT["name"] in unknown.output
    bad = runner.invoke(app, ["experiment", EXPERIMENT["name"], "-p", project, "--metric", "clicks"])
    assert bad.exit_code == 2 and "expected one of conversion, revenue" in bad.output
