"""Submit, wait, read results and use the trained model, through the client against the live service."""
import io

import pytest

import trainservice
from conftest import slow_spec, xor_spec

XOR_INPUTS = [[0, 0], [0, 1], [1, 0], [1, 1]]


def test_submit_then_wait_returns_the_succeeded_job_with_its_final_metrics(client, unique):
    job = client.submit(xor_spec(unique, epochs=30))
    assert job["status"] == "queued" and job["name"] == unique
    assert job["spec"]["training"]["epochs"] == 30  # defaults filled in by the service

    done = client.wait(job["id"], timeout=60, progress=False)

    assert done["id"] == job["id"]
    assert done["status"] == "succeeded"
    assert done["finalMetrics"]["epoch"] == 30
    assert client.get(job["id"])["status"] == "succeeded"


def test_trained_xor_model_predicts_the_truth_table(client, trained):
    prediction = client.predict(trained["id"], XOR_INPUTS)
    assert prediction["classes"] == [0, 1, 1, 0]
    assert len(prediction["outputs"]) == 4
    assert client.predict(trained["id"], XOR_INPUTS, checkpoint="final")["classes"] == [0, 1, 1, 0]


def test_metrics_are_one_record_per_epoch(client, trained):
    epochs = client.metrics(trained["id"])
    assert [e["epoch"] for e in epochs] == list(range(1, 61))
    assert epochs[-1]["trainLoss"] < epochs[0]["trainLoss"]
    assert {"trainLoss", "valLoss", "trainAccuracy", "valAccuracy", "seconds"} <= set(epochs[0])


def test_metrics_as_frame_is_indexed_by_epoch(client, trained):
    pytest.importorskip("pandas")
    table = client.metrics(trained["id"], as_frame=True)
    assert list(table.index) == list(range(1, 61))
    assert table.loc[60, "trainLoss"] == client.metrics(trained["id"])[-1]["trainLoss"]


def test_step_metrics_are_downsampled_on_the_server(client, trained):
    steps = client.step_metrics(trained["id"], max_points=10)
    assert 2 <= len(steps) <= 10
    assert steps == sorted(steps, key=lambda s: s["step"])
    assert {"step", "loss", "gradNorm", "lr"} <= set(steps[0])
    everything = client.step_metrics(trained["id"], max_points=100000)
    assert everything[-1]["step"] == steps[-1]["step"]  # the last step is always kept
    assert len(everything) > len(steps)


def test_results_summarise_the_run(client, trained):
    results = client.results(trained["id"])
    assert results["status"] == "succeeded"
    assert results["parameters"] == 17  # 2·4 + 4 + 4·1 + 1
    assert results["epochsCompleted"] == 60


def test_checkpoints_list_and_download(client, trained, tmp_path):
    names = [c["name"] for c in client.checkpoints(trained["id"])]
    assert "final" in names
    content = client.download_checkpoint(trained["id"], "final")
    final = next(c for c in client.checkpoints(trained["id"]) if c["name"] == "final")
    assert len(content) == final["sizeBytes"] > 0

    written = client.download_checkpoint(trained["id"], "final", tmp_path)
    assert written == tmp_path / f"{trained['id']}-final.ckpt"
    assert written.read_bytes() == content
    assert not list(tmp_path.glob("*.partial"))


def test_the_same_idempotency_key_and_spec_return_the_same_job(client, unique):
    spec = xor_spec(unique, epochs=2)
    first = client.submit(spec, idempotency_key=unique)
    again = client.submit(spec, idempotency_key=unique)
    assert again["id"] == first["id"]


def test_without_a_key_each_submit_is_a_new_job(client, unique):
    spec = xor_spec(unique, epochs=2)
    assert client.submit(spec)["id"] != client.submit(spec)["id"]


def test_a_key_reused_with_another_spec_raises_with_the_problem(client, unique):
    client.submit(xor_spec(unique, epochs=2), idempotency_key=unique)
    with pytest.raises(trainservice.IdempotencyKeyReusedError) as raised:
        client.submit(xor_spec(unique, epochs=3), idempotency_key=unique)
    assert raised.value.status == 422
    assert raised.value.title == "Idempotency-Key reused"


def test_cancel_stops_a_running_job_and_wait_times_out_before(client, unique):
    job = client.submit(slow_spec(unique))
    with pytest.raises(trainservice.WaitTimeoutError) as raised:
        client.wait(job["id"], timeout=1.0, progress=False)
    assert raised.value.job["status"] in ("queued", "running")

    client.cancel(job["id"])
    assert client.wait(job["id"], timeout=30, progress=False)["status"] == "cancelled"


def test_events_stream_every_epoch_then_end(client, unique):
    job = client.submit(xor_spec(unique, epochs=12))
    events = list(client.events(job["id"]))
    epochs = [e.data["epoch"] for e in events if e.type == "epoch"]
    assert epochs == list(range(1, 13))
    assert events[-1] == trainservice.Event("end", {"status": "succeeded"})
    assert events[-2].type == "status" and events[-2].data["status"] == "succeeded"


def test_wait_draws_progress_as_lines_when_not_on_a_terminal(client, unique, capsys):
    job = client.submit(xor_spec(unique, epochs=10))
    client.wait(job["id"], timeout=60)
    lines = capsys.readouterr().err.splitlines()
    assert lines and all(line.startswith(f"{unique}: ") for line in lines)
    assert lines[-1].startswith(f"{unique}: succeeded, epoch 10/10")


def test_an_uploaded_dataset_trains_and_predicts(client, unique):
    csv = "x1,x2,label\n" + "".join(f"{a},{b},{a ^ b}\n" for a, b in [(0, 0), (0, 1), (1, 0), (1, 1)] * 10)
    dataset = client.upload_dataset(io.BytesIO(csv.encode()), "binary", "label", name=unique, content_type="text/csv")
    assert dataset["rows"] == 40 and dataset["featureColumns"] == ["x1", "x2"]
    assert client.get_dataset(dataset["id"])["name"] == unique

    spec = xor_spec(unique, epochs=150)
    spec["dataset"] = trainservice.specs.dataset("uploaded", dataset_id=dataset["id"])
    spec["training"]["batchSize"] = 4
    job = client.wait(client.submit(spec)["id"], timeout=60, progress=False)
    assert job["status"] == "succeeded", job["failureReason"]

    client.delete_dataset(dataset["id"])
    with pytest.raises(trainservice.NotFoundError):
        client.get_dataset(dataset["id"])


def test_a_dataset_uploads_from_a_path_as_csv_by_its_file_name(client, tmp_path):
    path = tmp_path / "points.csv"
    path.write_text("x1,x2,label\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n")
    dataset = client.upload_dataset(path, "binary", "label")
    assert dataset["name"] == "points.csv" and dataset["classBalance"] == {"0": 2, "1": 2}
    assert dataset["id"] in [d["id"] for d in client.datasets(page_size=200)]
