"""Core must not import a domain app: the apps register into core's registries instead."""

import ast
from pathlib import Path

from django.conf import settings

import drakentemmers.core

# Every app of the project but core itself and the core-level conversations component (which imports none either).
DOMAIN_APPS = tuple(
    app.split(".")[1]
    for app in settings.INSTALLED_APPS
    if app.startswith("drakentemmers.") and app.split(".")[1] not in ("core", "conversations")
)
CORE = Path(drakentemmers.core.__file__).parent


def _imported_modules(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):  # walks function bodies too: a lazy import inside a function counts
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
            "import_module",
            "import_string",
            "__import__",
        ):
            found += [(node.lineno, arg.value) for arg in node.args if isinstance(arg, ast.Constant)]
    return found


def _is_domain(module: str) -> bool:
    parts = module.split(".")
    return (parts[0] == "drakentemmers" and len(parts) > 1 and parts[1] in DOMAIN_APPS) or parts[0] in DOMAIN_APPS


def test_no_module_under_core_imports_a_domain_app():
    offenders = []
    for path in sorted(CORE.rglob("*.py")):
        relative = path.relative_to(CORE)
        if relative.parts[0] in ("tests", "migrations"):
            continue  # tests build domain data; migrations name settings.AUTH_USER_MODEL as a string
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        offenders += [f"core/{relative}:{line} imports {module}" for line, module in _imported_modules(tree)]
    offenders = [o for o in offenders if _is_domain(o.rsplit(" imports ", 1)[1])]
    assert offenders == []


def test_the_check_catches_a_lazy_import():
    tree = ast.parse("def f():\n    from drakentemmers.directory.models import Organisation\n")
    assert [module for _line, module in _imported_modules(tree) if _is_domain(module)] == [
        "drakentemmers.directory.models"
    ]
