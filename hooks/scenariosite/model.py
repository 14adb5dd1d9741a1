"""Stage 2, model: typed scenario and taxonomy objects (pydantic v2), built from the
course's declaration.

The engine knows what every course has (scenarios, steps, choices, endings, and
taxonomy entries with an id, a name and a summary). What a course adds (its
taxonomies, the fields that refer to them, the sections of their entries) comes from
`course.yaml`: `build_models` adds those fields with `pydantic.create_model`, so an
error in them still points at its line and the JSON Schema still carries each
field's description. `extra="forbid"` turns every typo into an error. Descriptions
are written for authors, not for programmers.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, Optional

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    create_model,
    field_validator,
    model_validator,
)

from .declaration import Declaration, Taxonomy
from .load import Document

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_RE = re.compile(ID_PATTERN)
ID_MAX_LENGTH = 60
# Ids become folder names in the site; these would clash with pages the generator
# writes itself or with names some file systems refuse.
RESERVED_IDS = frozenset(
    {"index", "trainer", "assets", "search", "sitemap", "404", "con", "prn", "aux", "nul"}
    | {f"{device}{n}" for device in ("com", "lpt") for n in range(1, 10)}  # Windows device names
)
ID_DESCRIPTION = "Lowercase letters, digits and hyphens, e.g. `front-desk`. It becomes part of the URL."

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH)]
PlainText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Markdown = Annotated[str, StringConstraints(min_length=1)]
Rating = Literal["good", "mixed", "bad"]


def reject_reserved(value: str | None) -> str | None:
    if value is not None and value in RESERVED_IDS:
        raise ValueError(f"'{value}' is a reserved name; choose another id")
    return value


# Step and ending ids are mapping keys. The reserved-name check sits on the key type,
# so pydantic reports it at the key, together with the file's other errors (a
# validator on the whole mapping would run only when every step is valid).
Key = Annotated[Id, AfterValidator(reject_reserved)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=False)


# --- what every course has -----------------------------------------------------------


class TaxonomyEntry(Strict):
    id: Id = Field(
        description="Unique id of this entry, e.g. `front-desk`: lowercase letters, digits and hyphens. "
        "It becomes the page's URL and scenarios refer to it; do not change it once the site is published."
    )
    name: PlainText = Field(description="Short name, shown as the page title and in links.")
    summary: PlainText = Field(description="One sentence: shown in lists, search results and link previews.")
    keywords: list[PlainText] = Field(
        default_factory=list,
        description="Everyday words people search with that set this entry apart (base forms and synonyms).",
    )
    based_on: Markdown | None = Field(
        default=None, description="Optional: the source this entry rests on (Markdown), shown in small print."
    )

    _check_reserved = field_validator("id")(reject_reserved)


class Choice(Strict):
    id: Id | None = Field(
        default=None,
        description="Optional id for this choice's URL; defaults to a, b, c... by position. Set it if you may "
        "reorder the choices after publishing.",
    )
    text: PlainText = Field(
        description="What the learner would do or say. Keep the choices of a step about equally long: "
        "a much longer one gives the answer away."
    )
    recommended: bool = Field(
        default=False,
        description="`true` on the one choice the course recommends at this step. Following the recommended "
        "choices from the start must reach a `good` ending.",
    )
    consequence: Markdown = Field(
        description="What happens next, told through what the customer says and does (Markdown). No verdicts "
        "such as 'Well done' or 'Wrong': the lesson goes in `feedback`."
    )
    feedback: Markdown = Field(description="The coach's short explanation of why this works or not (Markdown).")
    next: Id = Field(description="Id of the step or ending this choice leads to: a key under `steps:` or `endings:`.")

    _check_reserved = field_validator("id")(reject_reserved)


class Step(Strict):
    title: PlainText = Field(description="Short title of this moment, e.g. `At the counter`.")
    situation: Markdown = Field(description="What is happening now, before the learner chooses (Markdown).")
    question: PlainText | None = Field(
        default=None, description="Optional question above the choices; defaults to the site's 'What would you do?'."
    )
    choices: list[Choice] = Field(
        min_length=1, description="The choices: at least two, best three or four, each one plausible."
    )
    shuffle: bool = Field(
        default=True, description="Shuffle the choices on the page (same order every build); `false` keeps this order."
    )

    @model_validator(mode="after")
    def default_choice_ids(self) -> Step:
        for index, choice in enumerate(self.choices):
            if choice.id is None:
                choice.id = string.ascii_lowercase[index] if index < 26 else f"choice-{index + 1}"
        return self


class Ending(Strict):
    rating: Rating = Field(description="How it ended: `good`, `mixed` or `bad` (shown in words and a symbol).")
    title: PlainText = Field(description="Short title of this ending.")
    text: Markdown = Field(description="How the story ends (Markdown).")
    debrief: Markdown = Field(
        description="What to take away from this ending (Markdown). It must be true for every path that reaches it."
    )


class Trainer(Strict):
    notes: Markdown = Field(description="Notes for the trainer; never shown on learner pages.")
    discussion: list[PlainText] = Field(default_factory=list, description="Two or three questions for class.")


class Scenario(Strict):
    id: Id = Field(
        description="Optional; defaults to the file name without `.yaml`. It becomes the URL (`scenarios/<id>/`): "
        "do not change it once the site is published."
    )
    title: PlainText = Field(description="Title of the scenario.")
    summary: PlainText = Field(description="One line, used in lists, search results and link previews.")
    keywords: list[PlainText] = Field(
        default_factory=list, description="Everyday words a new hire would search with that set this scenario apart."
    )
    setting: Markdown = Field(description="The scene before the first decision: who, where, what happened (Markdown).")
    start: Id | None = Field(default=None, description="Optional id of the first step; defaults to the first step.")
    steps: dict[Key, Step] = Field(
        min_length=1,
        description="The decisions, by id (e.g. `counter:`); the id becomes part of the URL. The order is kept.",
    )
    endings: dict[Key, Ending] = Field(
        min_length=1, description="Where the story can end, by id; each has a rating, a text and a debrief."
    )
    trainer: Trainer | None = Field(
        default=None, description="Optional notes and discussion questions, shown only on the trainer page."
    )

    _check_reserved = field_validator("id")(reject_reserved)

    @model_validator(mode="after")
    def default_start(self) -> Scenario:
        if self.start is None:
            self.start = next(iter(self.steps))
        return self

    @property
    def start_step(self) -> str:
        assert self.start is not None  # set by default_start
        return self.start


# --- what the declaration adds ---------------------------------------------------------


@dataclass(frozen=True)
class Models:
    """The models of one course: its scenarios' and each taxonomy's entries."""

    scenario: type[Scenario]
    entries: dict[str, type[TaxonomyEntry]]


def _model_name(name: str, suffix: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[-_]", name)) + suffix


def reference_field(taxonomy: Taxonomy, name: str) -> tuple[Any, Any]:
    """The field a scenario, step or choice refers to the taxonomy with."""
    description = taxonomy.field_description or (
        f"Id from {taxonomy.file or name + '.yaml'} ({taxonomy.label.one})"
        + (": one or more." if taxonomy.referenced_by == "scenario" else ".")
        + ("" if taxonomy.required else " Optional.")
    )
    if taxonomy.referenced_by == "scenario":
        if taxonomy.required:
            return list[Id], Field(min_length=1, description=description)
        return list[Id], Field(default_factory=list, description=description)
    if taxonomy.required:
        return Id, Field(description=description)
    return Optional[Id], Field(default=None, description=description)  # noqa: UP045  # a runtime type for create_model


def entry_model(name: str, taxonomy: Taxonomy) -> type[TaxonomyEntry]:
    fields: dict[str, Any] = {}
    for section in taxonomy.sections:
        kind: Any = Markdown if section.markdown else PlainText
        text = section.description or (section.label or section.name) + (" (Markdown)." if section.markdown else ".")
        if section.required:
            fields[section.name] = (kind, Field(description=text))
        else:
            fields[section.name] = (Optional[kind], Field(default=None, description=text))  # noqa: UP045
    validators: dict[str, Any] = {}
    groups = taxonomy.groups
    if groups is not None:
        values = tuple(value.id for value in groups.values)
        numbered = {value.id for value in groups.values if value.numbered}
        fields[groups.field] = (
            Literal[values],
            Field(description="The group: " + ", ".join(f"`{v.id}` ({v.label})" for v in groups.values) + "."),
        )
        if numbered:
            fields["number"] = (
                Optional[int],  # noqa: UP045
                Field(default=None, ge=1, description="Its place in its group (1, 2, ...)."),
            )
            group_field = groups.field

            def numbered_groups_have_numbers(entry: Any) -> Any:
                # Entries of a numbered group are listed in order of `number`; without one they cannot be.
                group = getattr(entry, group_field)
                if group in numbered and entry.number is None:
                    raise ValueError(
                        f"an entry of group '{group}' needs 'number:', its place in that group (1, 2, ...)"
                    )
                return entry

            validators["numbered_groups_have_numbers"] = model_validator(mode="after")(numbered_groups_have_numbers)
    entry: type[TaxonomyEntry] = _derive(_model_name(name, "Entry"), TaxonomyEntry, fields, validators)
    return entry


def _derive(name: str, base: type[Any], fields: dict[str, Any], validators: dict[str, Any] | None = None) -> Any:
    """A subclass of `base` with more fields (pydantic's typing of create_model cannot
    follow field definitions built at run time)."""
    return create_model(name, __base__=base, __validators__=validators, **fields)


def build_models(declaration: Declaration) -> Models:
    """The scenario model with the course's reference fields at each level, and a
    model per taxonomy."""
    extra = {level: {t.field: reference_field(t, name) for name, t in declaration.at(level).items()}
             for level in ("scenario", "step", "choice")}  # fmt: skip
    choice = _derive("Choice", Choice, extra["choice"])
    choices: Any = list[choice]  # type: ignore[valid-type]  # a type made at run time
    step = _derive("Step", Step, {"choices": (choices, Step.model_fields["choices"]), **extra["step"]})
    steps: Any = dict[Key, step]  # type: ignore[valid-type]  # likewise
    scenario = _derive("Scenario", Scenario, {"steps": (steps, Scenario.model_fields["steps"]), **extra["scenario"]})
    entries = {name: entry_model(name, taxonomy) for name, taxonomy in declaration.taxonomies.items()}
    return Models(scenario=scenario, entries=entries)


@dataclass
class Course:
    """Everything one scenarios directory holds, typed, plus the documents it came from
    (the check stage needs them to point at lines)."""

    directory: Path
    declaration: Declaration = field(default_factory=Declaration)
    taxonomies: dict[str, dict[str, TaxonomyEntry]] = field(default_factory=dict)  # name -> id -> entry
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)  # scenario id -> its file
    taxonomy_documents: dict[str, Document] = field(default_factory=dict)  # taxonomy name -> its file

    def __post_init__(self) -> None:
        for name in self.declaration.taxonomies:
            self.taxonomies.setdefault(name, {})

    def taxonomy(self, name: str) -> dict[str, TaxonomyEntry]:
        return self.taxonomies[name]

    def refs(self, name: str, item: Any) -> list[str]:
        """The ids a scenario, step or choice refers to in taxonomy `name`."""
        value = getattr(item, self.declaration.taxonomies[name].field, None)
        if value is None:
            return []
        return list(value) if isinstance(value, list) else [value]

    def profile_ref(self, choice: Any) -> str:
        """The entry of the profile taxonomy a choice names ('' when none): what a
        consequence page records for the learner's profile."""
        profile = self.declaration.profile
        refs = self.refs(profile, choice) if profile else []
        return refs[0] if refs else ""

    def entries(self, name: str, item: Any) -> list[TaxonomyEntry]:
        """The entries a scenario, step or choice refers to in taxonomy `name`."""
        known = self.taxonomies[name]
        return [known[i] for i in self.refs(name, item) if i in known]
