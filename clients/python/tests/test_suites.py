"""Suites through the client: the shipped suites are listed, one runs at size smoke to the end with
every arm's confidence interval in its report, a schedule is set and removed, unknown names are 404s."""
import pytest

import trainservice

COURSE = {"optimizers", "sigmoids", "rectifiers", "depth", "recurrent", "clipping", "initialisation", "regularisation"}


def test_the_shipped_suites_are_listed_with_smoke_and_full(client):
    suites = {s["name"]: s for s in client.suites()}

    assert COURSE <= set(suites)
    assert {"smoke", "full"} <= {size["name"] for size in suites["optimizers"]["sizes"]}
    assert suites["optimizers"]["parts"] == ["mlp", "cnn"]


def test_a_smoke_run_reports_every_arm_with_a_confidence_interval(client):
    asked = client.run_suite("sigmoids", size="smoke")
    assert asked["status"] == "queued"

    run = client.wait_suite_run("sigmoids", asked["id"], timeout=300)

    assert run["status"] == "succeeded"
    assert "+" in run["serviceVersion"] and run["machine"]["cores"] >= 1
    arms = run["parts"][0]["arms"]
    assert sorted(a["label"] for a in arms) == sorted(["sigmoid", "tanh", "softsign", "hard_sigmoid", "hard_tanh"])
    assert all(a["ciLow"] is not None and a["ciHigh"] is not None and a["samplesPerSecond"] > 0 for a in arms)
    markdown = client.suite_report("sigmoids", run["id"])
    assert all(f"| {a['label']} |" in markdown for a in arms)
    assert "<svg" in client.suite_report("sigmoids", run["id"], format="html")
    assert any(r["id"] == run["id"] for r in client.suite_runs("sigmoids"))


def test_a_schedule_is_set_and_removed(client):
    scheduled = client.schedule_suite("depth", "0 3 * * *", size="smoke")
    assert scheduled["schedule"] == {"cron": "0 3 * * *", "size": "smoke", "source": "api"}

    assert client.schedule_suite("depth", None)["schedule"] is None


def test_bad_cron_and_unknown_suite_raise(client):
    with pytest.raises(trainservice.BadRequestError) as bad:
        client.schedule_suite("depth", "every night")
    assert "$.cron" in bad.value.errors
    with pytest.raises(trainservice.NotFoundError):
        client.run_suite("no-such-suite", size="smoke")
