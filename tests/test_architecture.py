"""`make lint` keeps the layers of docs/architecture.md: these tests break a copy
of the code in each way the contracts forbid and check that import-linter fails."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["root_packages"]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


@pytest.fixture
def tree(tmp_path):
    """A copy of the project's packages and import-linter configuration."""
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def lint(tree):
    return subprocess.run(  # noqa: S603 - our own lint-imports, fixed arguments
        [str(LINT_IMPORTS), "--no-cache"], cwd=tree, capture_output=True, text=True, check=False, timeout=120
    )


def add_line(path, line):
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_the_code_keeps_every_contract(tree):
    result = lint(tree)
    assert result.returncode == 0, result.stdout
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "message"),
    [
        # The foundation must not know about the apps built on it.
        ("core/text.py", "import volunteer_signup.forms  # noqa", "core is not allowed to import volunteer_signup"),
        # The two form apps sit side by side and stay independent.
        (
            "surveys/results.py",
            "from volunteer_signup.models import VolunteerApplication  # noqa",
            "surveys is not allowed to import volunteer_signup",
        ),
        # A cycle hidden in a function is still a cycle.
        (
            "submissions/delivery.py",
            "def later():\n    from .tasks import enqueue  # noqa",
            "No cycles are allowed in submissions",
        ),
        (
            "surveys/results.py",
            "from core.text import _private_helper  # noqa",
            "imports the private name core.text._private_helper",
        ),
    ],
    ids=["wrong-way", "sibling-apps", "cycle-in-a-function", "private-name"],
)
def test_each_broken_contract_fails_the_lint(tree, module, line, message):
    add_line(tree / module, line)
    result = lint(tree)
    assert result.returncode != 0
    assert message in result.stdout
