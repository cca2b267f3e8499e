"""The README's Python client example, run as written against the live service (only its URL changes),
and each ``print(...)  # expected`` line must print what its comment says."""
import re
from pathlib import Path

README = Path(__file__).resolve().parents[3] / "README.md"
README_URL = "http://localhost:5000"


def readme_example() -> str:
    section = README.read_text().split("\n## Python client\n", 1)[1].split("\n## ", 1)[0]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def expected_prints(code: str) -> list:
    return [line.split("#", 1)[1].strip() for line in code.splitlines()
            if line.strip().startswith("print(") and "#" in line]


def test_the_readme_example_runs_and_prints_what_it_says(server_url, tmp_path, monkeypatch, capsys):
    code = readme_example()
    assert README_URL in code and "TrainClient(" in code
    monkeypatch.chdir(tmp_path)
    exec(compile(code.replace(README_URL, server_url), str(README), "exec"), {"__name__": "readme"})
    printed = capsys.readouterr().out.splitlines()
    assert printed == expected_prints(code)
    assert (tmp_path / "loss.png").read_bytes().startswith(b"\x89PNG")
