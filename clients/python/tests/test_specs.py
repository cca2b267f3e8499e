"""The builders produce specs the live service accepts, with the shapes and parameter counts they describe."""
import trainservice
from trainservice import specs


def test_builders_make_the_readme_xor_spec():
    built = trainservice.training_spec(
        "xor-tanh", trainservice.xor(samples=200, seed=1), trainservice.mlp(2, [4], activation="tanh"),
        specs.loss("bce"), trainservice.adam(lr=0.05), epochs=200, batch_size=32, seed=7, validation_split=0.2)
    assert built == {
        "name": "xor-tanh",
        "dataset": {"kind": "xor", "samples": 200, "noise": 0.0, "seed": 1},
        "model": {"inputShape": [2], "layers": [
            {"kind": "linear", "units": 4, "activation": "tanh"},
            {"kind": "linear", "units": 1, "activation": "sigmoid"}]},
        "loss": {"kind": "bce"},
        "optimizer": {"kind": "adam", "lr": 0.05},
        "training": {"epochs": 200, "batchSize": 32, "seed": 7, "validationSplit": 0.2},
    }


def test_a_built_deep_mlp_validates_with_its_parameter_count(client):
    spec = specs.training_spec(
        "deep", specs.dataset("breast_cancer"), specs.mlp(30, [16] * 3, activation="relu", init="he_normal"),
        specs.loss("bce"), specs.sgd(lr=0.1), diagnostics=specs.diagnostics(every=1, unit="epochs"),
        epochs=2, standardize=True)
    checked = client.validate(spec)
    assert checked["parameters"] == (30 * 16 + 16) + 2 * (16 * 16 + 16) + (16 + 1)
    assert [layer["outputShape"] for layer in checked["layers"]] == [[16], [16], [16], [1]]
    assert spec["model"]["layers"][0]["init"] == {"scheme": "he_normal"}
    assert checked["warnings"] == []


def test_validate_returns_the_warnings_of_a_deep_sigmoid_stack(client):
    spec = specs.training_spec("deep-sigmoid", specs.dataset("breast_cancer"), specs.mlp(30, [16] * 9, activation="sigmoid"),
                               specs.loss("bce"), specs.sgd(lr=0.1), standardize=True)
    assert [w["code"] for w in client.validate(spec)["warnings"]] == ["deep_saturating_stack"]


def test_batchnorm_mlp_puts_linear_batchnorm_activation_in_order(client):
    model = specs.mlp(2, [8], activation="relu", batchnorm=True)
    assert [layer["kind"] for layer in model["layers"]] == ["linear", "batchnorm", "activation", "linear"]
    spec = specs.training_spec("bn", specs.xor(), model, specs.loss("bce"), specs.momentum(lr=0.01))
    assert client.validate(spec)["parameters"] == (2 * 8 + 8) + 2 * 8 + (8 + 1)


def test_snake_case_keywords_become_camel_case_and_none_is_left_out():
    assert specs.kind("adamw", weight_decay=0.1, lr=None) == {"kind": "adamw", "weightDecay": 0.1}
    assert specs.camel("validation_split") == "validationSplit"
    assert specs.dataset("uploaded", dataset_id="abc") == {"kind": "uploaded", "datasetId": "abc"}


def test_the_spec_schema_is_a_json_schema_requiring_the_spec_parts(client):
    schema = client.spec_schema()
    assert "2020-12" in schema["$schema"]
    root = schema["$defs"][schema["$ref"].rsplit("/", 1)[1]]
    assert {"name", "dataset", "model", "loss", "optimizer"} <= set(root["required"])
