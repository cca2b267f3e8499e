"""`pip install` of clients/python gives an importable package outside the source tree (offline:
no build isolation, Debian's setuptools), declaring requests as its only dependency."""
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(not (Path(sys.base_prefix) / "lib").exists(), reason="needs a full Python installation")
def test_pip_install_puts_the_package_in_site_packages(tmp_path):
    source = tmp_path / "source"  # a copy, so the build leaves nothing in the checkout
    shutil.copytree(PACKAGE, source, ignore=shutil.ignore_patterns("tests", "build", "*.egg-info", "__pycache__"))
    env_dir = tmp_path / "env"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)  # Debian's pip and setuptools
    python = env_dir / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-build-isolation", "--no-index",
                    "--no-deps", str(source)], check=True, cwd=tmp_path)
    probe = ("import importlib.metadata as m, trainservice; "
             "print(trainservice.__file__); print(m.requires('trainservice')); print(trainservice.__version__)")
    where, requires, version = subprocess.run([python, "-c", probe], check=True, cwd=tmp_path, capture_output=True,
                                              text=True).stdout.splitlines()
    assert where.startswith(str(env_dir)) and "site-packages" in where
    plain = [r.replace(" ", "").replace("(", "").replace(")", "") for r in eval(requires) if "extra" not in r]
    assert plain == ["requests>=2.25"]
    import trainservice
    assert version == trainservice.__version__
    assert (Path(where).parent / "py.typed").exists()  # type checkers read the hints
