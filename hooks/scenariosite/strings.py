"""The UI strings of generated pages ("Wat zou jij doen?", "Verder"...), one small
catalogue per language in `locales/`, chosen by the site language."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

DEFAULT_LANGUAGE = "nl"
FALLBACK_LANGUAGE = "en"


def available_languages() -> list[str]:
    folder = resources.files(__package__).joinpath("locales")
    return sorted(entry.name.removesuffix(".yaml") for entry in folder.iterdir() if entry.name.endswith(".yaml"))


@cache
def verdict_words() -> tuple[str, ...]:
    """A narrator's verdict words ("Goed zo", "Well done") of every language, for the
    style check: a course may well quote another language."""
    folder = resources.files(__package__).joinpath("locales", "lint")
    words: list[str] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            words.extend(yaml.safe_load(entry.read_text(encoding="utf-8"))["verdict_words"])
    return tuple(dict.fromkeys(words))


def course_ui(language: str | None, overrides: dict[str, str]) -> dict[str, str]:
    """The site language's catalogue with the course's own replacements (course.yaml `ui:`)."""
    return {**ui_strings(language), **overrides} if overrides else ui_strings(language)


@cache
def ui_strings(language: str | None) -> dict[str, str]:
    """The catalogue for `language` ('nl', 'en', or a regional form like 'nl-BE');
    unknown languages get English."""
    code = (language or DEFAULT_LANGUAGE).split("-")[0].split("_")[0].lower()
    if code not in available_languages():
        code = FALLBACK_LANGUAGE
    text = resources.files(__package__).joinpath("locales", f"{code}.yaml").read_text(encoding="utf-8")
    return dict(yaml.safe_load(text))
