"""The quickstart notebook is committed without outputs (scripts/notebook_check.py executes it in CI)."""
import json
from pathlib import Path

NOTEBOOK = Path(__file__).resolve().parents[3] / "notebooks" / "quickstart.ipynb"


def test_the_notebook_is_committed_with_outputs_cleared():
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    code = [cell for cell in cells if cell["cell_type"] == "code"]
    assert code, "the notebook has no code"
    assert all(cell["outputs"] == [] and cell["execution_count"] is None for cell in code)


def test_the_notebook_reads_the_service_url_from_the_environment():
    source = "".join("".join(cell["source"]) for cell in json.loads(NOTEBOOK.read_text())["cells"])
    assert 'os.environ.get("TRAINSERVICE_URL"' in source
