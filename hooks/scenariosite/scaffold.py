"""`scenariosite new <id>`: a commented scenario file with one step, two choices and
two endings that passes `check` as it is, so an author starts from something that
works and changes it one field at a time."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .diagnostics import Report
from .load import load_file
from .model import ID_MAX_LENGTH, ID_RE, RESERVED_IDS, TAXONOMY_MODELS

TAXONOMY_FILE_STEMS = frozenset(TAXONOMY_MODELS)


class ScaffoldError(Exception):
    """The scenario cannot be created (a usage error: nothing was written)."""


@dataclass(frozen=True)
class TaxonomyPicks:
    client_type: str
    advice_step: str
    reaction: str | None


def id_problem(scenario_id: str) -> str | None:
    if not ID_RE.fullmatch(scenario_id):
        return "use lowercase letters, digits and hyphens, e.g. 'boze-klant-aan-de-balie'"
    if len(scenario_id) > ID_MAX_LENGTH:
        return f"{len(scenario_id)} characters; {ID_MAX_LENGTH} at most"
    if scenario_id in RESERVED_IDS:
        return "it is a reserved name"
    if scenario_id in TAXONOMY_FILE_STEMS:
        return f"{scenario_id}.yaml is a taxonomy file"
    return None


def first_ids(directory: Path, name: str) -> list[str]:
    """Ids of a taxonomy file as written, valid-looking ones only; [] if unusable."""
    path = directory / f"{name}.yaml"
    if not path.is_file():
        return []
    doc = load_file(path, Report())
    if doc is None or not isinstance(doc.data, list):
        return []
    ids = [item.get("id") for item in doc.data if isinstance(item, dict)]
    return [i for i in ids if isinstance(i, str) and ID_RE.fullmatch(i) and i not in RESERVED_IDS]


def pick_taxonomy_ids(directory: Path) -> TaxonomyPicks:
    client_types, advice_steps = first_ids(directory, "client-types"), first_ids(directory, "advice-steps")
    for name, ids in (("client-types", client_types), ("advice-steps", advice_steps)):
        if not ids:
            raise ScaffoldError(f"{directory / (name + '.yaml')} has no entries; a scenario needs at least one")
    reactions = first_ids(directory, "reactions")
    return TaxonomyPicks(client_types[0], advice_steps[0], reactions[0] if reactions else None)


def create(scenario_id: str, directory: Path) -> Path:
    problem = id_problem(scenario_id)
    if problem is not None:
        raise ScaffoldError(f"'{scenario_id}' cannot be a scenario id: {problem}")
    if not directory.is_dir():
        raise ScaffoldError(f"{directory}: not a directory; pass the scenarios directory with --dir")
    target = directory / f"{scenario_id}.yaml"
    if target.exists():
        raise ScaffoldError(f"{target} already exists; choose another id or edit that file")
    content = scenario_text(scenario_id, pick_taxonomy_ids(directory))
    with target.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(content)
    return target


def _q(text: str) -> str:
    """A YAML double-quoted string (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def scenario_text(scenario_id: str, picks: TaxonomyPicks) -> str:
    values: dict[str, Any] = {
        "id": scenario_id,
        "client_type": picks.client_type,
        "advice_step": picks.advice_step,
        "reaction_good": f"\n        reaction: {picks.reaction}" if picks.reaction else "",
        "title": _q(f"Nieuw scenario: {scenario_id.replace('-', ' ')}"),
    }
    return TEMPLATE.format(**values)


TEMPLATE = """\
# yaml-language-server: $schema=schemas/scenario.schema.json
# A new scenario. It passes `scenariosite check` as it is: change one thing at a
# time and run the check again. The authoring guide (AUTHORING.md) explains every
# field. The id is the file name ({id}); it becomes the URL scenarios/{id}/.

# Title and one-line summary: shown in lists, search results and link previews.
title: {title}
summary: Een klant komt met een vraag aan de balie. Vervang deze tekst door jouw situatie.
# Everyday words people would search with (search does no stemming: add base forms).
keywords: [balie, klant]
# Ids from client-types.yaml: the behaviour this scenario practises.
client_types: [{client_type}]
# The scene before the first decision (Markdown).
setting: |
  Dinsdagochtend, tien uur. Een klant loopt naar de balie en legt een bon neer.

# The decisions, by id. The first one is the start. Each id becomes part of a URL:
# lowercase letters, digits and hyphens.
steps:
  aan-de-balie:
    title: Aan de balie
    # Id from advice-steps.yaml: the advice step this decision practises.
    advice_step: {advice_step}
    situation: |
      "Dit klopt niet," zegt de klant, en hij tikt op de bon.
    # question: Wat zou jij doen?     (optional; this is the default)
    choices:
      # Keep the choices about equally long: a much longer one gives the answer away.
      - text: Ik vraag rustig wat er volgens hem niet klopt.
        recommended: true             # the choice the course recommends here{reaction_good}
        # What happens, told through what the customer says and does; no verdicts.
        consequence: |
          Hij wijst twee regels aan. "Deze heb ik twee keer betaald."
        # The coach's explanation: why this works or not.
        feedback: |
          Door eerst te vragen hoor je wat de klant precies bedoelt.
        next: samen-opgelost          # a step or an ending below
      - text: Ik zeg dat de kassa zich nooit vergist.
        consequence: |
          Hij pakt zijn bon terug. "Dan zoek ik het zelf wel uit."
        feedback: |
          Wie meteen tegenspreekt, hoort het verhaal van de klant niet meer.
        next: klant-vertrekt

# Where the story can end, by id. Rating: good, mixed or bad.
endings:
  samen-opgelost:
    rating: good
    title: Samen opgelost
    text: |
      Samen vinden jullie de dubbele regel. De klant krijgt zijn geld terug.
    debrief: |
      Vragen voordat je oordeelt, maakt van een klacht een gezamenlijk probleem.
  klant-vertrekt:
    rating: bad
    title: De klant vertrekt
    text: |
      De klant loopt boos weg, met de bon in zijn hand.
    debrief: |
      Gelijk willen hebben kost hier een klant.

# Only on the trainer page: notes and questions for class.
trainer:
  notes: |
    Vraag de groep wat ze als eerste zouden zeggen.
  discussion:
    - Wanneer spreek je een klant tegen?
"""
