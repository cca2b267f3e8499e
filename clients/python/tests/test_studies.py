"""Studies through the client: a small grid runs to the end and its table comes back as JSON and Markdown."""
import time

import pytest

import trainservice
from conftest import xor_spec


def wait_study(client, study_id, timeout=120):
    deadline = time.monotonic() + timeout
    while True:
        study = client.get_study(study_id)
        if study["status"] not in ("queued", "running"):
            return study
        assert time.monotonic() < deadline, f"study {study_id} still {study['status']}"
        time.sleep(0.2)


def test_a_two_by_two_study_ranks_its_arms_and_prints_its_table(client, unique):
    study = client.create_study(unique, xor_spec(unique, epochs=5),
                                factors=[{"path": "$.optimizer.lr", "values": [0.05, 0.001], "label": "lr"}],
                                seeds=[1, 2], objective={"metric": "trainLoss", "mode": "min"})

    done = wait_study(client, study["id"])

    assert done["status"] == "succeeded"
    assert len(done["jobs"]) == 4
    assert len(done["arms"]) == 2
    markdown = client.get_study(study["id"], format="markdown")
    assert markdown.lstrip().startswith("|") and "lr" in markdown
    assert any(s["id"] == study["id"] for s in client.studies())


def test_a_bad_arm_names_the_arm_and_path(client, unique):
    with pytest.raises(trainservice.SpecValidationError) as refused:
        client.create_study(unique, xor_spec(unique, epochs=1),
                            factors=[{"path": "$.optimizer.lr", "values": [0.05, -1]}], seeds=[1])

    assert any(path.startswith("arms[1].") and path.endswith("$.optimizer.lr") for path in refused.value.errors)


def test_cancel_study_cancels_its_jobs(client, unique):
    study = client.create_study(unique, xor_spec(unique, epochs=100_000),
                                factors=[{"path": "$.optimizer.lr", "values": [0.05]}], seeds=[1, 2])

    client.cancel_study(study["id"])

    assert wait_study(client, study["id"])["status"] == "cancelled"
