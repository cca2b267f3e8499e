"""Optional pandas: imported only when a caller asks for a DataFrame."""
from __future__ import annotations

from typing import Any, Iterable, Mapping


def require_pandas():
    try:
        import pandas
    except ImportError as missing:
        raise ImportError("as_frame=True needs pandas (Debian: apt-get install python3-pandas; "
                          "otherwise pip install pandas)") from missing
    return pandas


def frame(rows: Iterable[Mapping[str, Any]], index: str | None = None):
    pandas = require_pandas()
    table = pandas.DataFrame(list(rows))
    return table.set_index(index) if index is not None and index in table.columns else table


def diagnostics_frame(diagnostics: Mapping[str, Any]):
    """One row per (metric, layer, sampled step): easy to pivot into layer × epoch tables."""
    rows = [{"metric": series["metric"], "layer": series["layer"], **point}
            for series in diagnostics["series"] for point in series["points"]]
    return frame(rows)


def comparison_frame(comparison: Mapping[str, Any]):
    """Epochs as rows, one column per job: its name, or ``name (…last 8 of the id)`` where names repeat
    (ids are time-ordered, so their ends, not their starts, tell jobs apart)."""
    pandas = require_pandas()
    names = [job["name"] for job in comparison["jobs"]]
    columns = [name if names.count(name) == 1 else f"{name} (…{job['id'][-8:]})"
               for name, job in zip(names, comparison["jobs"])]
    table = pandas.DataFrame([row["values"] for row in comparison["epochs"]], columns=columns,
                             index=[row["epoch"] for row in comparison["epochs"]])
    table.index.name = "epoch"
    return table
