"""The facade: every name it offers resolves, and what it loads lazily is what it declares to the
type checker — so deferring a module never hides a name or lets the two lists drift apart."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

from estimator_gui.core import facade

SOURCE = Path(facade.__file__).read_text(encoding="utf-8")


def _type_checking_names() -> set[str]:
    for node in ast.walk(ast.parse(SOURCE)):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            return {
                alias.asname or alias.name
                for stmt in node.body
                if isinstance(stmt, ast.ImportFrom)
                for alias in stmt.names
            }
    raise AssertionError("no TYPE_CHECKING block")


def test_the_lazy_names_are_the_names_declared_to_the_type_checker():
    assert set(facade._LAZY) == _type_checking_names() - {"BuildReport"}


def test_every_lazy_name_is_the_object_of_its_module():
    for name, (module, attribute) in facade._LAZY.items():
        real = getattr(importlib.import_module(f"estimator_gui.core.{module}"), attribute)
        assert getattr(facade, name) is real, name


def test_every_exported_name_resolves():
    missing = [name for name in facade.__all__ if not hasattr(facade, name)]
    assert not missing


def test_importing_the_facade_leaves_the_deferred_modules_unloaded():
    code = (
        "import sys, estimator_gui.core.facade\n"
        "deferred = ['cases', 'importer', 'quote_file', 'scenario', 'sheet', 'updates', 'yamlio']\n"
        "print(' '.join(m for m in deferred if 'estimator_gui.core.' + m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_every_core_module_but_the_facade_is_protected_by_the_import_contract():
    import tomllib

    root = Path(facade.__file__).resolve().parents[2]
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    protected = next(
        set(c["protected_modules"])
        for c in config["tool"]["importlinter"]["contracts"]
        if c["type"] == "protected"
    )
    core = Path(facade.__file__).parent
    modules = {
        f"estimator_gui.core.{p.stem if p.is_file() else p.name}"
        for p in core.iterdir()
        if (p.suffix == ".py" and p.stem not in ("__init__", "facade"))
        or (p.is_dir() and (p / "__init__.py").exists())
    }
    assert modules - protected == set()
