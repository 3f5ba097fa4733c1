"""An import-linter contract of our own: no app imports another app's private names.

import-linter's built-in contracts see which modules import which; they do not
see *what* is imported. A leading underscore is how a module says "not part of
my interface" (``demo.campaigns._body`` was once imported by another app), so
this contract reads each module's ``from … import …`` statements and fails on
an underscored name or module taken from a different top-level package. Used
by ``make lint`` through ``[tool.importlinter]`` in pyproject.toml.
"""

import ast
from pathlib import Path

from importlinter import Contract, ContractCheck, fields, output


def _source(module):
    """The file of ``module``, found without importing it (importing would need Django set up)."""
    path = Path(*module.split("."))
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def _is_private(dotted):
    return any(part.startswith("_") and not part.startswith("__") for part in dotted.split("."))


def _absolute(module, node):
    if node.level == 0:
        return node.module or ""
    package = module.split(".")
    # A module's own package is one level up; a package's __init__ is its own package.
    if not _source(module).name == "__init__.py":
        package = package[:-1]
    package = package[: len(package) - (node.level - 1)]
    return ".".join([*package, *([node.module] if node.module else [])])


def private_imports(module):
    """(line, imported module, name) for each private name ``module`` takes from another top-level package."""
    path = _source(module)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            imported = _absolute(module, node)
            if imported.split(".")[0] == module.split(".")[0]:
                continue
            found.extend(
                (node.lineno, imported, alias.name)
                for alias in node.names
                if _is_private(imported) or _is_private(alias.name)
            )
        elif isinstance(node, ast.Import):
            found.extend(
                (node.lineno, alias.name, "")
                for alias in node.names
                if alias.name.split(".")[0] != module.split(".")[0] and _is_private(alias.name)
            )
    return found


class PrivateNamesContract(Contract):
    """Modules of ``packages`` import no underscored name or module from another top-level package."""

    type_name = "private_names"

    packages = fields.ListField(subfield=fields.StringField())

    def check(self, graph, verbose):
        ours = set(self.packages)
        violations = []
        for package in sorted(ours):
            for module in sorted(graph.find_descendants(package) | {package}):
                for line, imported, name in private_imports(module):
                    if imported.split(".")[0] in ours:
                        violations.append((module, line, imported, name))
        return ContractCheck(kept=not violations, metadata={"violations": violations})

    def render_broken_contract(self, check):
        for module, line, imported, name in check.metadata["violations"]:
            target = f"{imported}.{name}" if name else imported
            output.print_error(f"{module}:{line} imports the private name {target}", bold=False)
            output.new_line()
