"""Pydantic errors as diagnostics: each problem at its line and column, in words an
author understands ("step 'counter' → choice 2 → next: ..."), with "did you mean"."""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .diagnostics import Report, did_you_mean
from .load import Document, PathKey

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
    """`step 'counter' → choice 2 → next`: where in the file a problem is, in words."""
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


ID_HINT = "use lowercase letters, digits and hyphens, e.g. 'front-desk'"
