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
def ui_strings(language: str | None) -> dict[str, str]:
    """The catalogue for `language` ('nl', 'en', or a regional form like 'nl-BE');
    unknown languages get English."""
    code = (language or DEFAULT_LANGUAGE).split("-")[0].split("_")[0].lower()
    if code not in available_languages():
        code = FALLBACK_LANGUAGE
    text = resources.files(__package__).joinpath("locales", f"{code}.yaml").read_text(encoding="utf-8")
    return dict(yaml.safe_load(text))
