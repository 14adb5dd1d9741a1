"""The UI catalogues: every language has every string, and no key twice (YAML would
silently keep the last one, so read them with our own strict loader)."""

from __future__ import annotations

from pathlib import Path

import pytest
from scenariosite.diagnostics import Report
from scenariosite.load import load_file
from scenariosite.strings import available_languages, ui_strings

LOCALES = Path(__file__).resolve().parent.parent / "hooks" / "scenariosite" / "locales"


@pytest.mark.parametrize("language", available_languages())
def test_catalogue_has_no_duplicate_keys(language: str) -> None:
    report = Report()
    assert load_file(LOCALES / f"{language}.yaml", report) is not None
    assert not report.diagnostics, [d.headline() for d in report.diagnostics]


def test_every_language_has_every_string() -> None:
    keys = {language: set(ui_strings(language)) for language in available_languages()}
    assert {"nl", "en"} <= set(keys)
    for language, found in keys.items():
        assert found == keys["nl"], f"{language}: missing {keys['nl'] - found}, extra {found - keys['nl']}"


def test_regional_and_unknown_languages_fall_back() -> None:
    assert ui_strings("nl-BE")["question"] == "Wat zou jij doen?"
    assert ui_strings("de")["question"] == ui_strings("en")["question"]
