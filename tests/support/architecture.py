"""The import contracts of the house, as one check over a source tree (the repository or a copy of it).

Four parts, each reported with the offending imports (module and line):

- ``contracts``: import-linter with the contracts in ``[tool.importlinter]`` of the tree's
  pyproject.toml (the layers of bot/, what bot.domain may not import, what actions/ may not import).
- ``cycles``: no import cycle between any two modules of bot/, a package's ``__init__`` included.
  import-linter's ``acyclic_siblings`` only sees cycles between sibling packages, so this one
  is strongly connected components over grimp's graph (grimp is the graph library under
  import-linter; it records every import statement, inside functions and ``TYPE_CHECKING`` too).
- ``environment``: only ``bot/settings.py`` reads or writes the environment: no ``os.environ``,
  ``os.getenv``, ``os.putenv`` (and their kin), ``from os import environ/getenv`` or
  ``getattr(os, "environ")`` in bot/, actions/ or rasa_sdk_plugins/. An AST check, not a grep: a
  WSGI ``environ`` parameter is not the environment.
- ``lean``: what the action server runs (actions/ and bot.dialogue) imports neither bot.language
  nor spaCy, thinc or TensorFlow, directly or through other modules (a module's packages count:
  importing ``a.b.c`` runs ``a/__init__`` and ``a/b/__init__`` first). ``import spacy`` alone
  loads TensorFlow through thinc, about half a gigabyte: the actions read the entities Rasa found.

Run it as a script so that the tree checked is the one named, not the installed package::

    .venv/bin/python tests/support/architecture.py [--root DIR] [contracts|cycles|environment ...]

It exits 0 when every check named (all by default) holds, 1 when one is broken.
"""
from __future__ import annotations

import argparse
import ast
import importlib.util
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Set

ROOT = Path(__file__).resolve().parents[2]
CHECKS = ("contracts", "cycles", "environment", "lean")
CYCLE_PACKAGE = "bot"
ENV_FOLDERS = ("bot", "actions", "rasa_sdk_plugins")
SETTINGS_FILE = "bot/settings.py"
# Names on ``os`` that read or change the process environment.
ENV_NAMES = frozenset({"environ", "environb", "getenv", "getenvb", "putenv", "unsetenv"})


# -- environment -------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class EnvUse:
    path: str
    line: int
    code: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.code}"


def env_uses_in_source(source: str, path: str = "<source>") -> List[EnvUse]:
    """Every place in ``source`` that touches the environment through the ``os`` module.

    A name counts as the os module when an ``import os`` (or ``import os as x``, or ``import
    os.path``) anywhere in the file binds it; other names (a parameter called ``environ``) do not.
    """
    tree = ast.parse(source, filename=path)
    lines = source.splitlines()

    def use(node: ast.AST) -> EnvUse:
        line = node.lineno
        return EnvUse(path, line, lines[line - 1].strip() if line <= len(lines) else "")

    os_names: Set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "os":
                    os_names.add(alias.asname or "os")
                elif alias.name.startswith("os.") and alias.asname is None:
                    os_names.add("os")  # ``import os.path`` binds ``os``

    found: List[EnvUse] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "os" and not node.level:
            if any(alias.name in ENV_NAMES or alias.name == "*" for alias in node.names):
                found.append(use(node))
        elif isinstance(node, ast.Attribute) and node.attr in ENV_NAMES:
            if isinstance(node.value, ast.Name) and node.value.id in os_names:
                found.append(use(node))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in (
            "getattr",
            "setattr",
            "hasattr",
        ):
            args = node.args
            if (
                len(args) >= 2
                and isinstance(args[0], ast.Name)
                and args[0].id in os_names
                and isinstance(args[1], ast.Constant)
                and args[1].value in ENV_NAMES
            ):
                found.append(use(node))
    return sorted(set(found))


def env_uses(root: Path = ROOT) -> List[EnvUse]:
    """Environment access outside bot/settings.py, in every .py file of the checked folders."""
    found: List[EnvUse] = []
    for folder in ENV_FOLDERS:
        for file in sorted((root / folder).rglob("*.py")):
            relative = file.relative_to(root).as_posix()
            if relative == SETTINGS_FILE or "__pycache__" in file.parts:
                continue
            found.extend(env_uses_in_source(file.read_text(encoding="utf-8"), relative))
    return found


def _report(problems: Sequence[object], broken: str, kept: str) -> bool:
    """Print KEPT, or BROKEN with one line per problem; True when there is none."""
    if problems:
        print(f"BROKEN: {broken}")
        for problem in problems:
            print(f"  {problem}")
    else:
        print(f"KEPT: {kept}")
    return not problems


def check_environment(root: Path) -> bool:
    found = env_uses(root)
    return _report(found, f"the environment is read outside {SETTINGS_FILE} ({len(found)} places):",
                   f"only {SETTINGS_FILE} reads the environment.")


# -- cycles ------------------------------------------------------------------------------------


def _strongly_connected(nodes: Iterable[str], edges: Dict[str, Set[str]]) -> List[List[str]]:
    """Tarjan's algorithm, iterative; components of more than one module, each sorted."""
    index: Dict[str, int] = {}
    low: Dict[str, int] = {}
    on_stack: Set[str] = set()
    stack: List[str] = []
    components: List[List[str]] = []
    counter = 0
    for start in sorted(nodes):
        if start in index:
            continue
        work = [(start, iter(sorted(edges.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))
    return sorted(components)


def _shortest_cycle(start: str, members: Set[str], edges: Dict[str, Set[str]]) -> List[str]:
    """The shortest path start -> ... -> start inside one component (breadth first)."""
    previous: Dict[str, Optional[str]] = {start: None}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(edges.get(node, ())):
            if child not in members:
                continue
            if child == start:
                path = [node]
                while previous[path[-1]] is not None:
                    path.append(previous[path[-1]])  # type: ignore[arg-type]
                return list(reversed(path)) + [start]
            if child not in previous:
                previous[child] = node
                queue.append(child)
    return [start]


@dataclass(frozen=True)
class Cycle:
    """Modules that import each other (directly or around), with one shortest loop through them."""

    modules: Sequence[str]
    loop: Sequence[str]
    imports: Sequence[str]  # every import between two members: "a -> b (l.12: from b import c)"


def module_cycles(package: str = CYCLE_PACKAGE) -> List[Cycle]:
    """Import cycles between the modules of ``package``, as importable from sys.path now."""
    import grimp

    graph = grimp.build_graph(package, cache_dir=None)
    edges = {module: set(graph.find_modules_directly_imported_by(module)) for module in graph.modules}
    cycles = []
    for component in _strongly_connected(graph.modules, edges):
        members = set(component)
        imports = []
        for importer in component:
            for imported in sorted(edges[importer] & members):
                for detail in graph.get_import_details(importer=importer, imported=imported):
                    imports.append(
                        f"{importer} -> {imported} (l.{detail['line_number']}: {detail['line_contents']})"
                    )
        cycles.append(Cycle(component, _shortest_cycle(component[0], members, edges), imports))
    return cycles


def check_cycles(root: Path) -> bool:
    cycles = module_cycles()
    if cycles:
        print(f"BROKEN: {len(cycles)} import cycle(s) between modules of {CYCLE_PACKAGE}/:")
        for cycle in cycles:
            print(f"  cycle: {' -> '.join(cycle.loop)}")
            print(f"  imports between its {len(cycle.modules)} modules:")
            for line in cycle.imports:
                print(f"    - {line}")
    else:
        print(f"KEPT: no import cycle between modules of {CYCLE_PACKAGE}/.")
    return not cycles


# -- lean: what the action server loads --------------------------------------------------------

LEAN_SOURCES = ("actions", "bot.dialogue")
"""The code the action server runs: rasa-sdk's actions and the dialogue they call."""
LEAN_FORBIDDEN = ("bot.language", "spacy", "thinc", "tensorflow")
"""The language pipeline and what it loads: Rasa's process runs it, the action server never."""


def _inside(module: str, packages: Sequence[str]) -> bool:
    return any(module == package or module.startswith(package + ".") for package in packages)


def _packages_of(module: str) -> List[str]:
    """The packages whose ``__init__`` runs when ``module`` is imported: ``a.b.c`` -> a, a.b."""
    parts = module.split(".")
    return [".".join(parts[:end]) for end in range(1, len(parts))]


def heavy_import_chains(sources: Sequence[str] = LEAN_SOURCES,
                        forbidden: Sequence[str] = LEAN_FORBIDDEN) -> List[List[str]]:
    """One shortest import chain from a module of ``sources`` to each module of ``forbidden`` it
    reaches first (imports inside functions count, as everywhere in these checks)."""
    import grimp

    graph = grimp.build_graph(CYCLE_PACKAGE, "actions", include_external_packages=True, cache_dir=None)
    modules = set(graph.modules)

    def imported_by(module: str) -> Set[str]:
        direct = set(graph.find_modules_directly_imported_by(module))
        return direct | {package for m in direct for package in _packages_of(m) if package in modules}

    starts = sorted(m for m in modules if _inside(m, sources))
    previous: Dict[str, Optional[str]] = {m: None for m in starts}
    queue, reached = list(starts), []
    while queue:
        module = queue.pop(0)
        if _inside(module, forbidden):
            reached.append(module)
            continue  # the first forbidden module on the way is the one to name
        for child in sorted(imported_by(module)):
            if child not in previous:
                previous[child] = module
                queue.append(child)
    # Of "x -> bot.language" and "x -> bot.language.pipeline" (the package runs first) name the module.
    named = {(previous[m], next(f for f in forbidden if _inside(m, [f]))): m for m in sorted(reached)}
    chains = []
    for module in sorted(named.values()):
        chain = [module]
        while previous[chain[-1]] is not None:
            chain.append(previous[chain[-1]])  # type: ignore[arg-type]
        chains.append(list(reversed(chain)))
    return chains


def check_lean(root: Path) -> bool:
    chains = [" -> ".join(chain) for chain in heavy_import_chains()]
    forbidden = ", ".join(LEAN_FORBIDDEN)
    return _report(chains, f"the action server's code reaches {forbidden} ({len(chains)} import chain(s)):",
                   f"{' and '.join(LEAN_SOURCES)} import none of {forbidden}.")


# -- contracts ---------------------------------------------------------------------------------


def check_contracts(root: Path) -> bool:
    from importlinter.cli import EXIT_STATUS_SUCCESS, lint_imports

    status = lint_imports(config_filename=str(root / "pyproject.toml"), no_cache=True, no_logo=True)
    return status == EXIT_STATUS_SUCCESS


# -- running -----------------------------------------------------------------------------------


def _use_tree(root: Path) -> None:
    """Make ``root`` the tree that is imported and analysed, ahead of the editable install."""
    os.chdir(root)
    sys.path.insert(0, str(root))
    for package in ("bot", "actions", "rasa_sdk_plugins"):
        spec = importlib.util.find_spec(package)
        origin = Path(spec.origin).resolve() if spec and spec.origin else None
        if origin is None or root.resolve() not in origin.parents:
            raise SystemExit(f"{package} resolves to {origin}, not inside {root}: refusing to check it")


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the source tree (default: this repository)")
    parser.add_argument("checks", nargs="*", help=f"which checks, of {', '.join(CHECKS)} (default: all)")
    options = parser.parse_args(argv)
    unknown = sorted(set(options.checks) - set(CHECKS))
    if unknown:
        parser.error(f"unknown check(s) {', '.join(unknown)}; choose from {', '.join(CHECKS)}")
    root = options.root.resolve()
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
    _use_tree(root)
    runners = {"contracts": check_contracts, "cycles": check_cycles, "environment": check_environment,
               "lean": check_lean}
    results = []
    for name in options.checks or CHECKS:
        print(f"== {name} ==", flush=True)
        results.append(runners[name](root))
        sys.stdout.flush()
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
