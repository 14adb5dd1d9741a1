"""`scenariosite new <id>` and `scenariosite init DIR`: starting points that pass
`check --strict` as they are, so an author starts from something that works and
changes it one field at a time. The example texts live in `starter/<language>/`;
the references to the course's taxonomies are filled in from its declaration."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from .declaration import DECLARATION_FILE, Declaration, Taxonomy, folder_of, load_declaration
from .diagnostics import Report
from .load import load_file
from .model import ID_MAX_LENGTH, ID_RE, RESERVED_IDS
from .schema import all_schemas, known_ids, write
from .strings import ui_strings

STARTER_LANGUAGES = ("en", "nl")
INDENT = {"scenario": "", "step": "    ", "choice": "        "}


class ScaffoldError(Exception):
    """The scenario or course cannot be created (a usage error: nothing was written)."""


def starter_text(language: str, name: str) -> str:
    code = language if language in STARTER_LANGUAGES else "en"
    return resources.files(__package__).joinpath("starter", code, name).read_text(encoding="utf-8")


def id_problem(scenario_id: str, reserved_files: set[str] | None = None) -> str | None:
    if not ID_RE.fullmatch(scenario_id):
        return "use lowercase letters, digits and hyphens, e.g. 'angry-customer-at-the-desk'"
    if len(scenario_id) > ID_MAX_LENGTH:
        return f"{len(scenario_id)} characters; {ID_MAX_LENGTH} at most"
    if scenario_id in RESERVED_IDS:
        return "it is a reserved name"
    if f"{scenario_id}.yaml" in (reserved_files or set()):
        return f"{scenario_id}.yaml is the course's own file (the declaration or a taxonomy)"
    return None


def first_ids(path: Path) -> list[str]:
    """Ids of a taxonomy file as written, valid-looking ones only; [] if unusable."""
    if not path.is_file():
        return []
    doc = load_file(path, Report())
    if doc is None or not isinstance(doc.data, list):
        return []
    ids = [item.get("id") for item in doc.data if isinstance(item, dict)]
    return [i for i in ids if isinstance(i, str) and ID_RE.fullmatch(i) and i not in RESERVED_IDS]


def _references(directory: Path, declaration: Declaration) -> dict[str, str]:
    """YAML lines naming the first entry of each taxonomy, per level of the scenario."""
    lines = dict.fromkeys(INDENT, "")
    for name, taxonomy in declaration.taxonomies.items():
        ids = first_ids(directory / declaration.file_of(name))
        if not ids:
            if taxonomy.required:
                path = directory / declaration.file_of(name)
                raise ScaffoldError(f"{path} has no entries; a scenario needs at least one")
            continue
        lines[taxonomy.referenced_by] += _reference_line(taxonomy, name, ids[0], declaration.language or "en")
    return lines


def _reference_line(taxonomy: Taxonomy, name: str, entry_id: str, language: str) -> str:
    indent = INDENT[taxonomy.referenced_by]
    value = f"[{entry_id}]" if taxonomy.referenced_by == "scenario" else entry_id
    comment = ui_strings(language)["scaffold_reference"].format(
        label=taxonomy.label.one, file=taxonomy.file or f"{name}.yaml"
    )
    return f"{indent}# {comment}\n{indent}{taxonomy.field}: {value}\n"


def scenario_text(scenario_id: str, directory: Path, declaration: Declaration) -> str:
    refs = _references(directory, declaration)
    language = declaration.language or "en"
    title = json.dumps(scenario_id.replace("-", " ").capitalize(), ensure_ascii=False)  # a YAML string
    return starter_text(language, "scenario.yaml").format(
        id=scenario_id, title=title, scenario_refs=refs["scenario"], step_refs=refs["step"],
        choice_refs=refs["choice"],
    )  # fmt: skip


def course_declaration(directory: Path) -> Declaration:
    if not directory.is_dir():
        raise ScaffoldError(f"{directory}: not a directory; pass the scenarios directory with --dir")
    declaration, _ = load_declaration(directory, Report())
    if declaration is None:
        raise ScaffoldError(f"{directory / DECLARATION_FILE} has errors; run `scenariosite check` first")
    return declaration


def starter_scenario(scenario_id: str, directory: Path) -> str:
    """The text `new` would write for a course in `directory`."""
    return scenario_text(scenario_id, directory, course_declaration(directory))


def create(scenario_id: str, directory: Path) -> Path:
    declaration = course_declaration(directory)
    files = {DECLARATION_FILE, *(declaration.file_of(name) for name in declaration.taxonomies)}
    problem = id_problem(scenario_id, files)
    if problem is not None:
        raise ScaffoldError(f"'{scenario_id}' cannot be a scenario id: {problem}")
    target = directory / f"{scenario_id}.yaml"
    if target.exists():
        raise ScaffoldError(f"{target} already exists; choose another id or edit that file")
    content = scenario_text(scenario_id, directory, declaration)
    with target.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(content)
    return target


def init(target: Path, language: str, site_name: str | None = None) -> list[Path]:
    """A new course repository: mkdocs.yml with the plugin, a course declaration with
    one small taxonomy, one scenario, a home page, a README and editor schemas."""
    if target.exists() and any(target.iterdir()):
        raise ScaffoldError(f"{target} is not empty; choose a new folder")
    if language not in STARTER_LANGUAGES:
        raise ScaffoldError(f"no starter course in '{language}'; choose one of {', '.join(STARTER_LANGUAGES)}")
    scenarios = target / "scenarios"
    scenarios.mkdir(parents=True)
    (target / "docs").mkdir()
    course_text = starter_text(language, "course.yaml")
    (scenarios / DECLARATION_FILE).write_text(course_text, encoding="utf-8")
    declaration, _ = load_declaration(scenarios, Report())
    assert declaration is not None  # the starter declaration is valid (tested)
    ((name, taxonomy),) = declaration.taxonomies.items()
    (scenarios / declaration.file_of(name)).write_text(starter_text(language, declaration.file_of(name)), "utf-8")
    ui = ui_strings(language)
    title = site_name or {"en": "My training course", "nl": "Mijn training"}[language]
    words = {"site_name": title, "language": language, "home": "Home", "scenarios": ui["scenarios"],
             "links": ui["links_title"], "taxonomy": taxonomy.label.many,
             "folder": folder_of(name, taxonomy)}  # fmt: skip
    (target / "mkdocs.yml").write_text(starter_text(language, "mkdocs.yml").format(**words), encoding="utf-8")
    (target / "docs" / "index.md").write_text(starter_text(language, "index.md").format(**words), encoding="utf-8")
    (target / "README.md").write_text(starter_text(language, "README.md").format(**words), encoding="utf-8")
    (target / ".gitignore").write_text("site/\n.venv/\n", encoding="utf-8")
    first = {"en": "first-scenario", "nl": "eerste-scenario"}[language]
    create(first, scenarios)
    write(scenarios / "schemas", all_schemas(declaration, known_ids(scenarios, declaration)))
    return sorted(p for p in target.rglob("*") if p.is_file())
