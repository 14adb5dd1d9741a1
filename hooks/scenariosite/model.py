"""Stage 2, model: typed scenario and taxonomy objects (pydantic v2).

`extra="forbid"` turns every typo into an error. Descriptions on the fields end up
in the JSON Schema that editors show while authors type, so they are written for
authors, not for programmers.
"""

from __future__ import annotations

import difflib
import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from .diagnostics import Report, did_you_mean
from .load import Document, PathKey

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_RE = re.compile(ID_PATTERN)
ID_MAX_LENGTH = 60
# Ids become folder names in the site; these would clash with pages the generator
# writes itself or with names some file systems refuse.
RESERVED_IDS = frozenset(
    {"index", "trainer", "assets", "search", "sitemap", "404", "con", "prn", "aux", "nul"}
    | {f"{device}{n}" for device in ("com", "lpt") for n in range(1, 10)}  # Windows device names
)

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH),
    Field(description="Lowercase letters, digits and hyphens, e.g. `kassa-gesprek`. It becomes part of the URL."),
]
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


# --- taxonomies -------------------------------------------------------------------


class TaxonomyEntry(Strict):
    id: Id = Field(
        description="Unique id of this entry, e.g. `boos-aan-de-balie`: lowercase letters, digits and hyphens. "
        "It becomes the page's URL and scenarios refer to it; do not change it once the site is published."
    )
    name: PlainText = Field(description="Short name, shown as the page title and in links.")
    summary: PlainText = Field(description="One sentence: shown in lists, search results and link previews.")
    keywords: list[PlainText] = Field(
        default_factory=list,
        description="Everyday words people search with (base forms and synonyms: search does no stemming).",
    )
    based_on: Markdown | None = Field(
        default=None, description="Optional: the source this entry rests on (Markdown), shown in small print."
    )

    _check_reserved = field_validator("id")(reject_reserved)


class ClientType(TaxonomyEntry):
    """A pattern of behaviour (never a label on a person) with the need behind it."""

    recognise: Markdown = Field(description="How you recognise this pattern (Markdown).")
    need: Markdown = Field(description="The need that may lie behind the behaviour (Markdown).")
    helps: Markdown = Field(description="What helps (Markdown).")
    pitfalls: Markdown = Field(description="Pitfalls: what people do that makes it worse (Markdown).")


class AdviceStep(TaxonomyEntry):
    group: Literal["kern", "steun"] = Field(
        description="`kern`: one of the four core steps; `steun`: a supporting point."
    )
    number: int | None = Field(
        default=None, ge=1, le=9, description="Position in the core approach (1-4); only for `group: kern`."
    )
    body: Markdown = Field(description="What the step is and why it works (Markdown).")
    how: Markdown = Field(description="How you do it, with example sentences (Markdown).")
    pitfalls: Markdown | None = Field(default=None, description="What goes wrong (Markdown).")

    @model_validator(mode="after")
    def core_steps_are_numbered(self) -> AdviceStep:
        # The core steps are listed in order of `number`; without one they cannot be.
        if self.group == "kern" and self.number is None:
            raise ValueError("a core step (group: kern) needs 'number:', its place in the core approach (1-4)")
        return self


class Reaction(TaxonomyEntry):
    """An instinctive reaction (deer, lion, cat): a pitfall when instinctive, a strength when dosed."""

    pitfall: Markdown = Field(description="The reaction as an instinctive pitfall (Markdown).")
    strength: Markdown = Field(description="The reaction as a dosed strength (Markdown).")
    need: Markdown = Field(description="The customer need this strength answers (Markdown).")


# --- scenarios --------------------------------------------------------------------


class Choice(Strict):
    id: Id | None = Field(
        default=None,
        description="Optional id for this choice's URL; defaults to a, b, c... by position. Set it if you may "
        "reorder the choices after publishing.",
    )
    text: PlainText = Field(
        description="What the learner would do or say, e.g. `Ik vraag wat er is gebeurd.` Keep the choices of a "
        "step about equally long: a much longer one gives the answer away."
    )
    reaction: Id | None = Field(
        default=None, description="Optional id from reactions.yaml (e.g. `hert`): the instinct this choice shows."
    )
    recommended: bool = Field(
        default=False,
        description="`true` on the one choice the course recommends at this step. Following the recommended "
        "choices from the start must reach a `good` ending.",
    )
    consequence: Markdown = Field(
        description="What happens next, told through what the customer says and does (Markdown). No verdicts "
        "such as 'Goed zo' or 'Helaas': the lesson goes in `feedback`."
    )
    feedback: Markdown = Field(description="The coach's short explanation of why this works or not (Markdown).")
    next: Id = Field(description="Id of the step or ending this choice leads to: a key under `steps:` or `endings:`.")

    _check_reserved = field_validator("id")(reject_reserved)


class Step(Strict):
    title: PlainText = Field(description="Short title of this moment, e.g. `Aan de kassa`.")
    advice_step: Id = Field(description="Id from advice-steps.yaml that this decision practises, e.g. `luisteren`.")
    situation: Markdown = Field(description="What is happening now, before the learner chooses (Markdown).")
    question: PlainText | None = Field(
        default=None, description="Optional question above the choices; defaults to 'Wat zou jij doen?'."
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
                choice.id = string.ascii_lowercase[index] if index < 26 else f"keuze-{index + 1}"
        return self


class Ending(Strict):
    rating: Rating = Field(description="How it ended: `good`, `mixed` or `bad` (shown in words and a symbol).")
    title: PlainText = Field(description="Short title of this ending, e.g. `Ze komt terug`.")
    text: Markdown = Field(description="How the story ends (Markdown).")
    debrief: Markdown = Field(description="What to take away from this ending (Markdown).")


class Trainer(Strict):
    notes: Markdown = Field(description="Notes for the trainer; never shown on learner pages.")
    discussion: list[PlainText] = Field(default_factory=list, description="Two or three questions for class.")


class Scenario(Strict):
    id: Id = Field(
        description="Optional; defaults to the file name without `.yaml`. It becomes the URL (`scenarios/<id>/`): "
        "do not change it once the site is published."
    )
    title: PlainText = Field(description="Title of the scenario, e.g. `De jurk met zweetplekken`.")
    summary: PlainText = Field(description="One line, used in lists, search results and link previews.")
    keywords: list[PlainText] = Field(
        default_factory=list, description="Everyday words a new hire would search with, e.g. 'jurk terugbrengen'."
    )
    client_types: list[Id] = Field(
        min_length=1, description="Ids from client-types.yaml that this scenario practises, e.g. `[vaag]`."
    )
    setting: Markdown = Field(description="The scene before the first decision: who, where, what happened (Markdown).")
    start: Id | None = Field(default=None, description="Optional id of the first step; defaults to the first step.")
    steps: dict[Key, Step] = Field(
        min_length=1,
        description="The decisions, by id (e.g. `balie:`); the id becomes part of the URL. The order is kept.",
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


TAXONOMY_MODELS: dict[str, type[TaxonomyEntry]] = {
    "client-types": ClientType,
    "advice-steps": AdviceStep,
    "reactions": Reaction,
}


@dataclass
class Course:
    """Everything one scenarios directory holds, typed, plus the documents it came from
    (the check stage needs them to point at lines)."""

    directory: Path
    client_types: dict[str, ClientType] = field(default_factory=dict)
    advice_steps: dict[str, AdviceStep] = field(default_factory=dict)
    reactions: dict[str, Reaction] = field(default_factory=dict)
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)  # scenario id -> its file
    taxonomy_documents: dict[str, Document] = field(default_factory=dict)  # taxonomy name -> its file

    def taxonomy(self, name: str) -> dict[str, Any]:
        by_name: dict[str, dict[str, Any]] = {
            "client-types": self.client_types,
            "advice-steps": self.advice_steps,
            "reactions": self.reactions,
        }
        return by_name[name]


# --- from documents to models -------------------------------------------------------

M = TypeVar("M", bound=BaseModel)

TYPE_NAMES = {dict: "a mapping of fields", list: "a list", str: "text", type(None): "an empty value"}


def validate(doc: Document, model: type[M], report: Report, data: Any, prefix: PathKey = ()) -> M | None:
    """Validate `data` (found at `prefix` in `doc`) against `model`; report every
    problem at its line and column and return None if there were any. Places the
    loader already reported are skipped; every reported place is added to
    `doc.flagged`, so the check stage does not report it again."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = [(prefix + tuple(error["loc"]), error) for error in exc.errors(include_url=False)]
        explained = _misspelt_fields(errors)
        for loc, error in errors:
            if doc.is_flagged(loc) or (error["type"] == "missing" and loc in explained):
                continue
            position, message = _describe(doc, model, loc, error)
            report.error(doc.path, position, message)
        doc.flagged.update(loc for loc, _ in errors)
        return None


def _misspelt_fields(errors: list[tuple[PathKey, Any]]) -> set[PathKey]:
    """Missing fields that an unknown field next to them is a misspelling of
    (`titel:` for `title:`): one mistake, so only the unknown field is reported."""
    missing = {loc for loc, error in errors if error["type"] == "missing"}
    explained: set[PathKey] = set()
    for loc, error in errors:
        if error["type"] != "extra_forbidden":
            continue
        parent = loc[:-1]
        candidates = [str(m[-1]) for m in missing if m[:-1] == parent]
        close = difflib.get_close_matches(str(loc[-1]), candidates, n=1, cutoff=0.6)
        if close:
            explained.add(parent + (close[0],))
    return explained


def breadcrumb(loc: PathKey) -> str:
    """`step 'balie' → choice 2 → next`: where in the file a problem is, in words."""
    parts: list[str] = []
    items = list(loc)
    i = 0
    while i < len(items):
        item = items[i]
        following = items[i + 1] if i + 1 < len(items) else None
        if item in ("steps", "endings") and isinstance(following, str):
            parts.append(f"{item[:-1]} '{following}'")
            i += 2
        elif item == "choices" and isinstance(following, int):
            parts.append(f"choice {following + 1}")
            i += 2
        elif isinstance(item, int):
            parts.append(f"entry {item + 1}")
            i += 1
        else:
            parts.append(str(item))
            i += 1
    return " → ".join(parts)


def _found(value: Any) -> str:
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"'{shown}'"
    return TYPE_NAMES.get(type(value), type(value).__name__)


def _fields_of(model: type[BaseModel], loc: PathKey) -> list[str]:
    """Field names of the (nested) model that owns `loc`, for "did you mean"."""
    current: Any = model
    for item in loc:
        if isinstance(item, int) or current is None:
            continue
        info = getattr(current, "model_fields", {}).get(item)
        if info is None:
            continue
        current = _inner_model(info.annotation)
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _describe(doc: Document, model: type[BaseModel], loc: PathKey, error: Any) -> tuple[Any, str]:
    kind = error["type"]
    value = error.get("input")
    if len(loc) >= 2 and loc[-1] == "[key]" and kind != "extra_forbidden":  # pydantic's mark for a bad key
        loc = loc[:-1]
        where = breadcrumb(loc)
        if kind == "value_error":  # a reserved name
            return doc.locate(loc, key=True), f"{where}: {error['ctx']['error']}"
        return doc.locate(loc, key=True), f"{where}: '{loc[-1]}' is not a valid id: {ID_HINT}"
    if loc == ("id",) and ("id",) not in doc.keys:
        # No `id:` in the file: the id came from the file name, so that is what to fix.
        problem = str(error["ctx"]["error"]) if kind == "value_error" else ID_HINT
        fix = "rename the file or add 'id:'"
        return doc.locate(()), f"file name '{doc.path.stem}' cannot serve as id: {problem}; {fix}"
    where = breadcrumb(loc) or "file"
    name = str(loc[-1]) if loc else ""
    if kind == "missing":
        parent = loc[:-1]
        return doc.locate(parent), f"{breadcrumb(parent) or 'file'}: missing required field '{name}'; add '{name}: ...'"
    if kind == "extra_forbidden":
        allowed = _fields_of(model, loc[:-1])
        hint = did_you_mean(name, allowed) or f"; allowed here: {', '.join(allowed)}"
        owner = breadcrumb(loc[:-1])
        return doc.locate(loc, key=True), f"{owner + ': ' if owner else ''}unknown field '{name}'{hint}"
    position = doc.locate(loc)
    if kind == "string_pattern_mismatch":
        return position, f"{where}: {_found(value)} is not a valid id: {ID_HINT}"
    if kind in ("string_type", "dict_type", "list_type", "model_type", "model_attributes_type"):
        expected = {"string_type": "text", "list_type": "a list", "dict_type": "a mapping"}.get(
            kind, "a mapping of fields"
        )
        return position, f"{where}: expected {expected}, found {_found(value)}"
    if kind == "string_too_short":
        return position, f"{where}: is empty; write some text or remove the field"
    if kind == "string_too_long":
        return position, f"{where}: {_found(value)} is too long ({error['ctx']['max_length']} characters at most)"
    if kind == "too_short":
        return (
            position,
            f"{where}: needs at least {error['ctx']['min_length']} item(s), found {error['ctx']['actual_length']}",
        )
    if kind == "literal_error":
        options = [o.strip(" '") for o in str(error["ctx"]["expected"]).replace(" or ", ", ").split(",")]
        hint = did_you_mean(str(value), options)
        return position, f"{where}: expected one of {', '.join(options)}, found {_found(value)}{hint}"
    if kind == "bool_parsing" or kind == "bool_type":
        return position, f"{where}: expected true or false, found {_found(value)}"
    if kind in ("int_parsing", "int_type", "greater_than_equal", "less_than_equal"):
        return position, f"{where}: {error['msg'].lower()}, found {_found(value)}"
    if kind == "value_error":
        return position, f"{where}: {str(error['ctx']['error'])}"
    return position, f"{where}: {error['msg']}"


ID_HINT = "use lowercase letters, digits and hyphens, e.g. 'aan-de-kassa'"
