"""API errors become typed exceptions carrying the ProblemDetails; a bad spec names every JSON path."""
import uuid

import pytest

import trainservice
from conftest import xor_spec

MISSING_JOB = str(uuid.UUID(int=1))


def bad_spec(name):
    spec = xor_spec(name)
    spec["model"]["layers"][0]["activation"] = "nope"
    spec["optimizer"]["lr"] = -1
    spec["device"] = 0
    del spec["loss"]
    return spec


BAD_PATHS = ["$.model.layers[0].activation", "$.optimizer.lr", "$.device", "$.loss"]


def test_submitting_a_bad_spec_raises_with_every_json_path_in_the_message(client, unique):
    with pytest.raises(trainservice.SpecValidationError) as raised:
        client.submit(bad_spec(unique))
    error = raised.value
    assert error.status == 400
    assert sorted(error.paths) == sorted(BAD_PATHS)
    for path in BAD_PATHS:
        assert path in str(error)
    assert "'nope' is not one of" in error.errors["$.model.layers[0].activation"][0]
    assert error.problem["title"] == error.title
    assert client.list(name=unique).total == 0  # nothing was enqueued


def test_validate_raises_the_same_typed_error(client, unique):
    with pytest.raises(trainservice.SpecValidationError) as raised:
        client.validate(bad_spec(unique))
    assert sorted(raised.value.paths) == sorted(BAD_PATHS)
    assert isinstance(raised.value, trainservice.BadRequestError)
    assert isinstance(raised.value, trainservice.ApiError)


def test_validate_accepts_raw_json_text_and_reports_duplicate_keys(client):
    with pytest.raises(trainservice.SpecValidationError) as raised:
        client.validate('{"name": "a", "name": "b"}')
    assert any("name" in path for path in raised.value.paths)


def test_a_spec_that_is_not_a_dict_is_refused_before_sending(client):
    with pytest.raises(TypeError):
        client.submit(["not", "a", "spec"])


def test_an_unknown_job_is_a_not_found_error_with_the_problem(client):
    with pytest.raises(trainservice.NotFoundError) as raised:
        client.get(MISSING_JOB)
    assert raised.value.status == 404
    assert raised.value.title == "Job not found"
    assert MISSING_JOB in raised.value.detail
    assert raised.value.errors == {}


def test_a_bad_query_parameter_is_a_bad_request_naming_it(client):
    with pytest.raises(trainservice.BadRequestError) as raised:
        client.list(page_size=0)
    assert not isinstance(raised.value, trainservice.SpecValidationError)
    assert raised.value.paths == ["pageSize"]


def test_cancelling_a_finished_job_is_a_conflict(client, trained):
    with pytest.raises(trainservice.ConflictError) as raised:
        client.cancel(trained["id"])
    assert raised.value.status == 409
    assert "already" in raised.value.detail


def test_an_unknown_plot_kind_is_not_found(client, trained):
    with pytest.raises(trainservice.NotFoundError) as raised:
        client.plot(trained["id"], "no-such-plot")
    assert raised.value.title == "Unknown plot kind"


def test_an_unknown_checkpoint_is_not_found(client, trained):
    with pytest.raises(trainservice.NotFoundError):
        client.download_checkpoint(trained["id"], "epoch-999999")
