"""The conversation component is core-level: it imports no domain app (they register into it instead)."""

import ast
from pathlib import Path

DOMAIN_APPS = ("accounts", "regions", "directory", "matching")
PACKAGE = Path(__file__).resolve().parent.parent


def test_no_module_outside_the_tests_imports_a_domain_app():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "tests" in path.relative_to(PACKAGE).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            offenders += [
                f"{path.name}: {name}" for name in names if any(f"drakentemmers.{app}" in name for app in DOMAIN_APPS)
            ]
    assert offenders == []
