"""A synthetic course of any size, written as the YAML an author would write.

Each scenario yields 15 pages: a start page, 3 decisions, 8 consequences (3 + 3 + 2
choices), 2 endings and a trainer page. Text lengths follow the shipped scenarios
(situations of a few hundred characters, a setting of about 900), so page weight and
search-index size scale like a real course. The taxonomies are small and synthetic,
so the benchmark does not move when the course content is edited.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

PAGES_PER_SCENARIO = 15  # 1 start + 3 decisions + 8 consequences + 2 endings + 1 trainer

WORDS = (
    "klant balie kassa bon retour jurk jas schoen pakket levering factuur korting actie garantie reparatie "
    "telefoon wachtrij afspraak collega filiaal beleid uitzondering klacht excuus oplossing tegoedbon geld "
    "rustig luisteren vragen samenvatten voorstel afspraak terugbellen morgen vandaag week maand ochtend middag "
    "boos teleurgesteld gehaast twijfel vertrouwen begrip grens regel eigenaar manager voorraad bestelling"
).split()

CLIENT_TYPES = 8
ADVICE_STEPS = 6
REACTIONS = 3


def sentence(seed: int, words: int = 12) -> str:
    picked = [WORDS[(seed * 7 + i * 13) % len(WORDS)] for i in range(words)]
    return " ".join(picked).capitalize() + "."


def paragraph(seed: int, chars: int) -> str:
    sentences: list[str] = []
    while sum(len(s) + 1 for s in sentences) < chars:
        sentences.append(sentence(seed + len(sentences)))
    return " ".join(sentences) + "\n"


def taxonomies() -> dict[str, list[dict[str, Any]]]:
    client_types = [
        {
            "id": f"klanttype-{i + 1}",
            "name": f"Klanttype {i + 1}",
            "summary": sentence(i, 10),
            "keywords": [WORDS[i], WORDS[i + 10]],
            "recognise": paragraph(i, 300),
            "need": paragraph(i + 1, 200),
            "helps": paragraph(i + 2, 300),
            "pitfalls": paragraph(i + 3, 200),
        }
        for i in range(CLIENT_TYPES)
    ]
    advice_steps = [
        {
            "id": f"stap-{i + 1}",
            "name": f"Adviesstap {i + 1}",
            "summary": sentence(i + 20, 10),
            "group": "kern" if i < 4 else "steun",
            **({"number": i + 1} if i < 4 else {}),
            "body": paragraph(i + 20, 400),
            "how": paragraph(i + 21, 300),
        }
        for i in range(ADVICE_STEPS)
    ]
    reactions = [
        {
            "id": f"reactie-{i + 1}",
            "name": f"Reactie {i + 1}",
            "summary": sentence(i + 40, 8),
            "pitfall": paragraph(i + 40, 200),
            "strength": paragraph(i + 41, 200),
            "need": paragraph(i + 42, 150),
        }
        for i in range(REACTIONS)
    ]
    return {"client-types": client_types, "advice-steps": advice_steps, "reactions": reactions}


def choice(n: int, index: int, next_id: str, *, recommended: bool) -> dict[str, Any]:
    seed = n * 31 + index
    data: dict[str, Any] = {
        "text": sentence(seed, 9),
        "reaction": f"reactie-{(seed % REACTIONS) + 1}",
        "consequence": paragraph(seed, 250),
        "feedback": paragraph(seed + 3, 220),
        "next": next_id,
    }
    if recommended:
        data["recommended"] = True
    return data


def scenario(n: int) -> dict[str, Any]:
    steps = {
        "begin": {
            "title": f"Het begin {n}",
            "advice_step": f"stap-{n % ADVICE_STEPS + 1}",
            "situation": paragraph(n, 300),
            "choices": [choice(n, i, "midden", recommended=i == 0) for i in range(3)],
        },
        "midden": {
            "title": f"Het midden {n}",
            "advice_step": f"stap-{(n + 1) % ADVICE_STEPS + 1}",
            "situation": paragraph(n + 1, 400),
            "choices": [choice(n, 3 + i, "einde" if i < 2 else "mis", recommended=i == 0) for i in range(3)],
        },
        "einde": {
            "title": f"Afronden {n}",
            "advice_step": f"stap-{(n + 2) % ADVICE_STEPS + 1}",
            "situation": paragraph(n + 2, 300),
            "choices": [choice(n, 6, "goed", recommended=True), choice(n, 7, "mis", recommended=False)],
        },
    }
    return {
        "title": f"Scenario {n:04d}: {sentence(n, 4)[:-1]}",
        "summary": sentence(n + 5, 14),
        "keywords": [WORDS[n % len(WORDS)], WORDS[(n + 3) % len(WORDS)]],
        "client_types": [f"klanttype-{n % CLIENT_TYPES + 1}"],
        "setting": paragraph(n, 900),
        "steps": steps,
        "endings": {
            "goed": {
                "rating": "good",
                "title": "Opgelost",
                "text": paragraph(n + 7, 400),
                "debrief": paragraph(n, 500),
            },
            "mis": {
                "rating": "bad",
                "title": "Weggelopen",
                "text": paragraph(n + 8, 350),
                "debrief": paragraph(n, 500),
            },
        },
        "trainer": {"notes": paragraph(n + 9, 800), "discussion": [sentence(n + 1, 8) + "?", sentence(n + 2, 8) + "?"]},
    }


def dump(data: Any, path: Path) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")


def write_course(root: Path, scenarios: int) -> Path:
    """Write `root/scenarios/*.yaml` and `root/docs/index.md`; return the scenarios folder."""
    directory = root / "scenarios"
    directory.mkdir(parents=True)
    # The shipped course's shape (its declaration), so the benchmark measures a course like it.
    shutil.copy(Path(__file__).resolve().parent.parent / "scenarios" / "course.yaml", directory / "course.yaml")
    for name, entries in taxonomies().items():
        dump(entries, directory / f"{name}.yaml")
    for n in range(scenarios):
        dump(scenario(n), directory / f"scenario-{n:04d}.yaml")
    docs = root / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(f"# Benchmark\n\nEen synthetische cursus met {scenarios} scenario's.\n")
    return directory
