"""Plots are PNG/SVG bytes that Jupyter displays inline; compare and diagnostics as JSON or tables."""
import pytest

import trainservice

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("kind", ["loss", "accuracy", "gradient-flow", "activations", "decision-boundary"])
def test_every_job_plot_kind_is_a_png_that_displays_inline(client, trained, kind):
    plot = client.plot(trained["id"], kind)
    assert isinstance(plot, bytes) and plot.startswith(PNG_MAGIC)
    assert plot.content_type == "image/png"
    assert plot._repr_png_() == bytes(plot)
    assert plot._repr_svg_() is None
    assert repr(plot) == f"<Plot image/png, {len(plot)} bytes>"


def test_svg_plots_display_as_svg(client, trained):
    plot = client.plot(trained["id"], "loss", format="svg")
    assert plot.content_type == "image/svg+xml"
    assert plot._repr_png_() is None
    assert plot._repr_svg_().lstrip().startswith("<")


def test_a_plot_saves_to_a_file(client, trained, tmp_path):
    plot = client.plot(trained["id"], "loss")
    assert plot.save(tmp_path / "loss.png").read_bytes() == plot


def test_activation_plot(client):
    assert client.activation_plot("gelu", start=-4, stop=4).startswith(PNG_MAGIC)


def test_side_by_side_embeds_each_plot_under_its_title(client, trained):
    loss, flow = client.plot(trained["id"], "loss"), client.plot(trained["id"], "gradient-flow")
    html = trainservice.side_by_side(loss, flow, titles=["loss", "gradient flow"])._repr_html_()
    assert html.count("<img") == 2
    assert loss.data_uri() in html and flow.data_uri() in html
    assert "gradient flow" in html


def test_compare_aligns_jobs_by_epoch(client, trained, unique):
    from conftest import xor_spec
    other = client.wait(client.submit(xor_spec(unique, epochs=5))["id"], timeout=60, progress=False)
    comparison = client.compare([trained["id"], other["id"]], "trainLoss")
    assert [job["id"] for job in comparison["jobs"]] == [trained["id"], other["id"]]
    assert len(comparison["epochs"]) == 60
    assert comparison["epochs"][10]["values"][1] is None  # the short job stopped at 5
    assert client.compare([trained["id"], other["id"]], "trainLoss", format="png").startswith(PNG_MAGIC)


def test_compare_as_frame_tells_jobs_of_the_same_name_apart(client, unique):
    pytest.importorskip("pandas")
    from conftest import xor_spec
    ids = [client.wait(client.submit(xor_spec(unique, epochs=2))["id"], timeout=60, progress=False)["id"] for _ in range(2)]
    table = client.compare(ids, "trainLoss", as_frame=True)
    assert list(table.columns) == [f"{unique} (…{job_id[-8:]})" for job_id in ids]
    assert len(set(table.columns)) == 2


def test_compare_as_frame_has_one_column_per_job(client, trained):
    pytest.importorskip("pandas")
    table = client.compare([trained["id"]], "trainLoss", as_frame=True)
    assert list(table.columns) == [trained["name"]]
    assert table.index.name == "epoch" and len(table) == 60


def test_diagnostics_carry_per_layer_series(client, trained):
    diagnostics = client.diagnostics(trained["id"])
    assert diagnostics["layers"][0] == "0_linear"
    grad = [s for s in diagnostics["series"] if s["metric"] == "gradNorm"]
    assert {s["layer"] for s in grad} == {"0_linear", "1_linear"}


def test_diagnostics_as_frame_is_one_row_per_sampled_value(client, trained):
    pytest.importorskip("pandas")
    body = client.diagnostics(trained["id"])
    table = client.diagnostics(trained["id"], as_frame=True)
    assert len(table) == sum(len(s["points"]) for s in body["series"])
    assert {"metric", "layer", "step", "epoch", "value"} <= set(table.columns)
