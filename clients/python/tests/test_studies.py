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


def test_study_plots_come_back_as_png_and_svg(client, unique):
    study = client.create_study(unique, xor_spec(unique, epochs=4),
                                factors=[{"path": "$.optimizer.lr", "values": [0.05, 0.001]}], seeds=[1, 2])
    wait_study(client, study["id"])

    curves = client.study_plot(study["id"])
    bars = client.study_plot(study["id"], "bars", format="svg")

    assert bytes(curves).startswith(b"\x89PNG") and curves._repr_png_() is not None
    assert "<svg" in bars._repr_svg_()


def test_halving_study_reports_the_epochs_it_saved(client, unique):
    study = client.create_study(unique, xor_spec(unique, epochs=8),
                                factors=[{"path": "$.optimizer.lr", "values": [0.05, 0.001, 0.0001]}], seeds=[1, 2],
                                scheduler={"kind": "halving", "minEpochs": 2, "factor": 3})

    done = wait_study(client, study["id"])

    assert done["status"] == "succeeded"
    halving = done["halving"]
    assert halving["budgets"] == [2, 6, 8]
    # 3 arms × 2 seeds × 2 epochs, then the best arm's 2 seeds to 6 and on to 8.
    assert (halving["epochsTrained"], halving["fullGridEpochs"]) == (3 * 2 * 2 + 2 * 6, 3 * 2 * 8)


def test_delete_study_removes_it_and_its_jobs(client, unique):
    study = client.create_study(unique, xor_spec(unique, epochs=100_000),
                                factors=[{"path": "$.optimizer.lr", "values": [0.05]}], seeds=[1, 2])

    client.delete_study(study["id"])

    with pytest.raises(trainservice.ApiError) as gone:
        client.get_study(study["id"])
    assert gone.value.status == 404
    for job in study["jobs"]:
        with pytest.raises(trainservice.ApiError) as job_gone:
            client.get(job["jobId"])
        assert job_gone.value.status == 404


def test_delete_refuses_a_running_job_then_deletes_it_once_cancelled(client, unique):
    job = client.submit(xor_spec(unique, epochs=100_000))

    with pytest.raises(trainservice.ApiError) as refused:
        client.delete(job["id"])
    assert refused.value.status == 409

    client.cancel(job["id"])
    client.wait(job["id"], timeout=60, progress=False)
    client.delete(job["id"])
    with pytest.raises(trainservice.ApiError) as gone:
        client.get(job["id"])
    assert gone.value.status == 404
