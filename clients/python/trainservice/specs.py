"""Small builders for the common specs. Each returns a plain dict in the service's JSON shape
(camelCase keys), so a built spec can be printed, edited and mixed freely with hand-written
parts. Keyword arguments may be snake_case (``batch_size``); they become camelCase
(``batchSize``). Defaults not given here are the service's, filled in when it accepts the spec.

>>> spec = training_spec("xor", xor(samples=200, seed=1), mlp(2, [4], activation="tanh"),
...                      loss("bce"), adam(lr=0.05), epochs=200, batch_size=32)
>>> spec["model"]["layers"][1]
{'kind': 'linear', 'units': 1, 'activation': 'sigmoid'}
"""
from __future__ import annotations

from typing import Any, Iterable, Optional, Sequence, Union

Json = dict[str, Any]


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _fields(fields: dict[str, Any]) -> Json:
    return {camel(key): value for key, value in fields.items() if value is not None}


def kind(kind_name: str, **fields: Any) -> Json:
    """Any ``{"kind": …}`` object: a layer, dataset, loss, optimizer or schedule."""
    return {"kind": kind_name, **_fields(fields)}


# Layers and models

def linear(units: int, activation: Optional[str] = None, *, init: Union[str, Json, None] = None, **fields: Any) -> Json:
    """A dense layer; ``init`` is a scheme name (``"he_normal"``) or an init object."""
    return kind("linear", units=units, activation=activation, init=_init(init), **fields)


def mlp(inputs: Union[int, Sequence[int]], hidden: Iterable[int], *, activation: str = "relu",
        outputs: int = 1, output_activation: Optional[str] = "sigmoid", init: Union[str, Json, None] = None,
        batchnorm: bool = False) -> Json:
    """A model: ``inputs`` features (or an input shape), hidden dense layers of ``activation``,
    and an output layer (one sigmoid unit by default: a binary classifier). ``batchnorm`` puts a
    batch norm between each hidden layer's linear part and its activation."""
    shape = [inputs] if isinstance(inputs, int) else list(inputs)
    layers: list[Json] = []
    for units in hidden:
        if batchnorm:
            layers += [linear(units, init=init), kind("batchnorm"), kind("activation", function=activation)]
        else:
            layers.append(linear(units, activation, init=init))
    layers.append(linear(outputs, output_activation, init=init))
    return {"inputShape": shape, "layers": layers}


def _init(init: Union[str, Json, None]) -> Optional[Json]:
    return {"scheme": init} if isinstance(init, str) else init


# Datasets, losses, optimizers

def xor(samples: int = 200, noise: float = 0.0, seed: int = 0) -> Json:
    return kind("xor", samples=samples, noise=noise, seed=seed)


def dataset(kind_name: str, **fields: Any) -> Json:
    """Any dataset: ``dataset("breast_cancer")``, ``dataset("uploaded", dataset_id=…)``."""
    return kind(kind_name, **fields)


def loss(kind_name: str = "bce", **fields: Any) -> Json:
    return kind(kind_name, **fields)


def adam(lr: float = 0.001, **fields: Any) -> Json:
    return kind("adam", lr=lr, **fields)


def adamw(lr: float = 0.001, weight_decay: float = 0.01, **fields: Any) -> Json:
    return kind("adamw", lr=lr, weight_decay=weight_decay, **fields)


def sgd(lr: float = 0.01, **fields: Any) -> Json:
    return kind("sgd", lr=lr, **fields)


def momentum(lr: float = 0.001, momentum: float = 0.9, **fields: Any) -> Json:
    return kind("momentum", lr=lr, momentum=momentum, **fields)


def rmsprop(lr: float = 0.001, **fields: Any) -> Json:
    return kind("rmsprop", lr=lr, **fields)


def diagnostics(every: int = 10, unit: str = "steps", **fields: Any) -> Json:
    """Per-layer gradient/activation sampling every ``every`` steps (or epochs)."""
    return {"every": every, "unit": unit, **_fields(fields)}


# The whole spec

def training_spec(name: str, dataset: Json, model: Json, loss: Json, optimizer: Json, *,
                  diagnostics: Optional[Json] = None, checkpoints: Optional[Json] = None,
                  device: Optional[str] = None, **training: Any) -> Json:
    """A complete spec; the remaining keywords go to ``training`` (``epochs=50``, ``batch_size=16``,
    ``seed=1``, ``validation_split=0.2``, ``standardize=True``, …)."""
    spec: Json = {"name": name, "dataset": dataset, "model": model, "loss": loss, "optimizer": optimizer}
    if training:
        spec["training"] = _fields(training)
    if checkpoints is not None:
        spec["checkpoints"] = _fields(checkpoints)
    if diagnostics is not None:
        spec["diagnostics"] = diagnostics
    if device is not None:
        spec["device"] = device
    return spec
