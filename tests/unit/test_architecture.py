"""The house's import contracts hold, and the check that guards them can fail.

The checks themselves live in ``tests/support/architecture.py`` (import-linter contracts from
``pyproject.toml``, import cycles inside bot/, environment reads outside bot/settings.py, spaCy or
bot.language reached from the action server's code). Each
run here is a separate process over one source tree, so the tree analysed is exactly the one
named: this repository, or a copy with one fault planted in it.
"""
from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.architecture import env_uses_in_source

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tests" / "support" / "architecture.py"
TREE = ("bot", "actions", "rasa_sdk_plugins", "pyproject.toml")


def check(root: Path, *checks: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--root", str(root), *checks],
        capture_output=True, text=True, timeout=120,
    )


@pytest.fixture()
def copy(tmp_path: Path) -> Path:
    """The source tree copied, for planting one fault."""
    target = tmp_path / "tree"
    target.mkdir()
    for name in TREE:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


def plant(path: Path, code: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n\n" + code + "\n", encoding="utf-8")


def test_the_repository_keeps_every_contract():
    result = check(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 5 kept, 0 broken." in result.stdout
    assert "KEPT: no import cycle" in result.stdout
    assert "KEPT: only bot/settings.py reads the environment." in result.stdout


def test_a_cycle_made_of_an_import_inside_a_function_fails_the_check(copy: Path):
    # bot.domain.desk imports bot.domain.report; an import back, inside a function, closes a loop.
    plant(copy / "bot" / "domain" / "report.py",
          "def _planted():\n    from bot.domain.desk import CaseFile\n    return CaseFile")
    result = check(copy, "cycles")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "BROKEN: 1 import cycle(s)" in result.stdout
    assert "bot.domain.desk -> bot.domain.report" in result.stdout
    assert "bot.domain.report -> bot.domain.desk" in result.stdout


def test_the_domain_importing_a_framework_or_a_higher_layer_fails_the_check(copy: Path):
    plant(copy / "bot" / "domain" / "calendar.py",
          "def _planted():\n    import sqlalchemy\n    from bot.services import reporting\n"
          "    return sqlalchemy, reporting")
    result = check(copy, "contracts")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "bot.domain is not allowed to import bot.services" in result.stdout
    assert "bot.domain is not allowed to import sqlalchemy" in result.stdout


def test_an_action_importing_an_adapter_fails_the_check(copy: Path):
    plant(copy / "actions" / "context.py", "from bot.adapters.storage import database  # planted")
    result = check(copy, "contracts")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "actions is not allowed to import bot.adapters" in result.stdout


def test_the_action_server_reaching_the_language_pipeline_fails_the_check(copy: Path):
    # Directly from an action, or through a package's __init__ that the dialogue imports.
    plant(copy / "actions" / "context.py", "from bot.language.entities import derived  # planted")
    plant(copy / "bot" / "domain" / "safety" / "__init__.py", "from bot.domain.safety.normalisation import normalise")
    result = check(copy, "lean")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "actions.context -> bot.language.entities" in result.stdout
    assert "bot.dialogue.help_first -> bot.domain.safety -> bot.domain.safety.normalisation -> spacy" in result.stdout
    assert "KEPT: actions and bot.dialogue import none of" in check(ROOT, "lean").stdout


def test_reading_the_environment_outside_settings_fails_the_check(copy: Path):
    plant(copy / "bot" / "services" / "reporting.py",
          "import os as _os\n\ndef _planted():\n    return _os.environ.get('KLANKBORD_PLANTED')")
    result = check(copy, "environment")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "bot/services/reporting.py" in result.stdout and "KLANKBORD_PLANTED" in result.stdout


@pytest.mark.parametrize("source", [
    "import os\nos.environ['X']",
    "import os\nos.getenv('X')",
    "import os as o\no.putenv('X', '1')",
    "from os import environ",
    "from os import getenv as g",
    "import os.path\nos.environ.get('X')",
    "import os\ngetattr(os, 'environ')",
])
def test_every_way_of_reading_the_environment_is_found(source):
    assert env_uses_in_source(source)


@pytest.mark.parametrize("source", [
    "def app(environ, start_response):\n    return environ.get('PATH_INFO')",
    "import os\nos.path.join('a', 'b')",
    "environ = {}\nenviron.get('X')",
])
def test_other_uses_of_the_word_are_not_environment_reads(source):
    assert env_uses_in_source(source) == []


# -- the safety net's package: small modules, no state at module level ------------------------

SAFETY = ROOT / "bot" / "domain" / "safety"
MUTABLE_CALLS = {"list", "dict", "set", "bytearray", "defaultdict", "OrderedDict", "Counter", "deque"}


def module_level_mutables(source: str) -> list:
    """Names bound at module level to a list, dict or set (a display, a comprehension or a call)."""
    found = []
    for node in ast.parse(source).body:
        targets, value = [], None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        mutable = isinstance(value, (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)) or (
            isinstance(value, ast.Call) and getattr(value.func, "id", getattr(value.func, "attr", None)) in MUTABLE_CALLS)
        if mutable:  # ``__all__`` is the package's export list, by convention a list
            found += [ast.unparse(t) for t in targets if ast.unparse(t) != "__all__"]
    return found


def test_no_safety_module_is_over_400_lines_or_keeps_mutable_state():
    modules = sorted(SAFETY.rglob("*.py"))
    assert len(modules) >= 10
    for module in modules:
        source = module.read_text(encoding="utf-8")
        assert len(source.splitlines()) <= 400, module
        assert module_level_mutables(source) == [], module


def test_the_mutable_state_check_finds_what_it_looks_for():
    assert module_level_mutables("SEEN = set()\nWORDS: dict = {}\nA = [x for x in 'ab']") == ["SEEN", "WORDS", "A"]
    assert module_level_mutables("WORDS = frozenset({'a'})\nPAIRS = ('a', 'b')\ndef f():\n    x = []") == []
