"""The experiments stage on the sample's planted checkout test, and the `cxlens experiment` command."""

from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from cxlens.cli import app
from cxlens.errors import InputError
from cxlens.experiments import headline, results
from cxlens.sample._world import EXPERIMENT


def _units(loaded) -> pd.DataFrame:
    return loaded.project.table("experiment_units").to_pandas()


def test_arms_and_outcomes_match_the_planted_assignment(loaded, truth):
    """Everyone the sample exposed is found in their arm, and converts exactly when the truth says so."""
    u = _units(loaded)
    exp = truth("experiment_exposures")
    assert set(u.experiment) == {EXPERIMENT["name"]}
    assert u.groupby("variant").size().to_dict() == exp.groupby("variant").size().to_dict()
    assert u.groupby("variant").converted.mean().to_dict() == pytest.approx(
        exp.groupby("variant").converted.mean().to_dict()
    )


def test_the_planted_lift_is_inside_the_interval_and_cuped_narrows_it(loaded, truth):
    r = loaded.project.table("experiment_results").to_pandas()
    r = r[(r.metric == "conversion") & (r.breakdown == "all")].set_index("method")
    exp = truth("experiment_exposures")
    planted = EXPERIMENT["delta"] * (1 - exp[exp.variant == "control"].converted_anyway.mean())
    for method in ("fixed", "cuped", "sequential"):
        assert r.loc[method, "diff_low"] < planted < r.loc[method, "diff_high"], method
    width = r.diff_high - r.diff_low
    assert width["cuped"] < width["fixed"] < width["sequential"]
    segments = loaded.project.table("experiment_results").to_pandas().query("breakdown != 'all'")
    assert set(segments.breakdown) == {"persona", "stage"} and segments.p_adjusted.notna().all()
    assert (segments.p_adjusted >= segments.p_value).all()


def test_a_broken_split_is_flagged_in_plain_words(loaded):
    """Losing 40% of the treatment's exposure logs is the classic sample-ratio mismatch."""
    u = _units(loaded)
    treat = u[u.variant == "treatment"]
    broken = pd.concat([u[u.variant == "control"], treat.iloc[: int(len(treat) * 0.6)]])
    r = results(broken, loaded.project.config.experiments)
    assert (r.srm_p_value < 0.001).all()
    said = headline(r, "conversion")
    assert said[0].startswith("Warning: sample ratio mismatch")
    fine = headline(results(u, loaded.project.config.experiments), "conversion")
    assert not fine[0].startswith("Warning") and "95% CI" in fine[0]


def test_a_single_arm_cannot_be_analysed(loaded):
    u = _units(loaded)
    with pytest.raises(InputError, match="only the 'control' arm"):
        results(u[u.variant == "control"], loaded.project.config.experiments)


def test_the_experiment_command(loaded):
    runner = CliRunner()
    project = str(loaded.project.config.base_dir / "cxlens.yaml")
    ok = runner.invoke(app, ["experiment", EXPERIMENT["name"], "-p", project, "--segments"])
    assert ok.exit_code == 0, ok.output
    assert "Variant treatment" in ok.output and "Sample ratio check" in ok.output and "persona" in ok.output
    unknown = runner.invoke(app, ["experiment", "no_such_test", "-p", project])
    assert unknown.exit_code == 2 and f"the exposure events name: {EXPERIMENT['name']}" in unknown.output
    bad = runner.invoke(app, ["experiment", EXPERIMENT["name"], "-p", project, "--metric", "clicks"])
    assert bad.exit_code == 2 and "expected one of conversion, revenue" in bad.output
