"""The apps depend on each other one way only: places ← meetings ← {feeds, curation, search},
accounts may know meetings, and every app may use core and the Celery helpers in config.celery.

Read from the source (every import statement of every module, those inside functions too), so
a late import cannot hide a dependency."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# What each app may import besides itself. `config` (settings, URLs) sits above every app;
# `config.celery` is the one part of it that apps use (enqueue), and it imports no app; only
# `config.databases`, where its tasks read (which imports no app either).
MAY_IMPORT = {
    "core": set(),
    "places": {"core", "config.celery"},
    "meetings": {"places", "core", "config.celery"},
    "feeds": {"meetings", "places", "core", "config.celery"},
    # A collection leaves as a Meeting Guide feed by feeds' own writer; feeds knows no curation.
    "curation": {"meetings", "places", "accounts", "feeds", "core", "config.celery"},
    "search": {"meetings", "places", "core", "config.celery"},
    "accounts": {"meetings", "places", "core", "config.celery"},
    "config.celery": {"config.databases"},
    "config.databases": set(),
}
APPS = [name for name in MAY_IMPORT if "." not in name]


def node_of(module: str) -> str | None:
    """The app (or config.celery, config.databases) a dotted module name belongs to; None for
    anything else."""
    for part in ("config.celery", "config.databases"):
        if module == part or module.startswith(f"{part}."):
            return part
    top = module.split(".")[0]
    return "config" if top == "config" else (top if top in MAY_IMPORT else None)


def imported_modules(path: Path, package: str) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names.add(module)
            # `from places import geocoding` names a module of that app too.
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def source_modules(app: str):
    """The app's modules, without its migrations: a historical migration names validators
    where they live today, whichever app that is, and is never imported by the app's code."""
    folder = ROOT / app.replace(".", "/")
    paths = [folder.with_suffix(".py")] if not folder.is_dir() else sorted(folder.rglob("*.py"))
    for path in paths:
        if "migrations" in path.relative_to(ROOT).parts:
            continue
        dotted = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        package = dotted if path.name == "__init__.py" else dotted.rsplit(".", 1)[0]
        yield path, package.removesuffix(".__init__")


def app_dependencies() -> dict[str, set[tuple[str, str]]]:
    """Each app's imports of other apps, as (module, imported) pairs."""
    found = {name: set() for name in MAY_IMPORT}
    for app in MAY_IMPORT:
        for path, package in source_modules(app):
            for module in imported_modules(path, package):
                target = node_of(module)
                if target is not None and target != app:
                    found[app].add((str(path.relative_to(ROOT)), target))
    return found


def test_every_app_imports_only_the_apps_below_it():
    forbidden = sorted(f"{path} imports {target}"
                       for app, pairs in app_dependencies().items()
                       for path, target in pairs if target not in MAY_IMPORT[app])
    assert forbidden == []


def test_no_two_apps_import_each_other_even_through_others():
    graph = {app: {target for _, target in pairs} for app, pairs in app_dependencies().items()}

    def reaches(start, goal, seen=()):
        return any(step == goal or (step not in seen and reaches(step, goal, (*seen, step)))
                   for step in graph.get(start, ()))

    assert [app for app in graph if reaches(app, app)] == []


@pytest.mark.parametrize("app", APPS)
def test_each_app_is_read(app):
    # A renamed or empty app would pass the two tests above without being checked.
    assert list(source_modules(app))


def test_the_reader_sees_imports_inside_functions_and_relative_ones(tmp_path):
    module = tmp_path / "sample.py"
    module.write_text("from . import tasks\n\ndef later():\n    from search.finder import x\n")
    assert {"meetings.tasks", "search.finder"} <= imported_modules(module, "meetings")
