"""``bitext --version`` and ``python -m align``: what a bug report needs, and the module entry point."""

from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

from align.aligner.model import load_model
from align.aligner.signature import ALIGNER_VERSION, resource_versions
from align.cli import app
from align.core.version import __version__

from conftest import REPO

runner = CliRunner()


def test_version_lists_bitext_aligner_model_and_every_resource():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    expected = {"bitext": __version__, "aligner": ALIGNER_VERSION, "model": load_model().hash, **resource_versions()}
    assert lines == [f"{name} {value}" for name, value in expected.items()]


def test_python_dash_m_align_is_the_bitext_command():
    result = subprocess.run([sys.executable, "-m", "align", "--help"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "--version" in result.stdout and "build" in result.stdout
