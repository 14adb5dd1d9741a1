"""The loader refuses what can hurt (aliases, oversize files, deep nesting, tabs,
duplicate keys, other encodings) with a located error, and reads everything an
author may legitimately write (BOM, CRLF, Dutch diacritics, huge strings)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from scenario_helpers import copy_fixture, headlines, map_texts, read_yaml, rewrite_course, write_yaml
from scenariosite import load, pipeline
from scenariosite.diagnostics import Report


def parse(text: str) -> tuple[load.Document | None, list[str]]:
    report = Report()
    doc = load.parse(Path("t.yaml"), text, report)
    return doc, [f"{d.position.line}:{d.position.column}: {d.message}" for d in report.diagnostics]


def load_bytes(tmp_path: Path, raw: bytes) -> tuple[load.Document | None, list[str]]:
    path = tmp_path / "t.yaml"
    path.write_bytes(raw)
    report = Report()
    doc = load.load_file(path, report)
    return doc, [f"{d.position.line}:{d.position.column}: {d.message}" for d in report.diagnostics]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &x hello\nb: *x\n", ["1:4: anchors (&x) are not allowed", "2:4: aliases (*x) are not allowed"]),
        ("a: !!python/object:os.system ls\n", ["1:4: YAML tags such as 'tag:yaml.org,2002:python/object:os.system'"]),
        ("a: 1\nb: 2\na: 3\n", ["3:1: duplicate key 'a' (first defined on line 1)"]),
        ("a:\n\tb: 1\n", ["2:1: tab character found; YAML indentation must use spaces"]),
        ("a:\n  b: 1\n\tc: 2\n", ["3:1: tab character found"]),
        ("a: |\n  x\n\ty\n", ["3:1: tab character found"]),
        ("a: 1\n---\nb: 2\n", ["2:1: only one YAML document per file"]),
        ("title: Klant: boos\n", ['1:13: YAML syntax error: mapping values', 'a text containing ": " must be quoted']),
        ('a: "never closed\nb: 2\n', ["1:4: YAML syntax error", "the quote that starts here is never closed"]),
        ("a: [1, 2\n", ["2:1: YAML syntax error", "the '[' on line 1, column 4 is never closed"]),
        # libyaml marks the end of the file here, not the bracket: the message still names the bracket
        ("a: 1\nb: [\n", ["3:1: YAML syntax error", "the '[' on line 2, column 4 is never closed"]),
        ("? [a, b]\n: 1\n", ["1:3: keys must be plain names"]),
        ("a: ëëë\nb: x\x07\n", ["2:5: character U+0007 is not allowed in YAML"]),
        ("", ["1:1: file is empty"]),
        ("# only a comment\n", ["1:1: file is empty"]),
    ],
)  # fmt: skip
def test_refused_with_position(text: str, expected: list[str]) -> None:
    _, messages = parse(text)
    joined = "\n".join(messages)
    for part in expected:
        assert part in joined, messages


@pytest.mark.parametrize("depth", [load.MAX_DEPTH + 1, 200, 5000])
def test_deep_nesting_is_refused_not_a_recursion_error(depth: int) -> None:
    for text in ("a: " + "[" * depth + "]" * depth + "\n", "".join("  " * i + f"k{i}:\n" for i in range(depth)) + "x"):
        doc, messages = parse(text)
        assert doc is None
        assert any(f"nesting is deeper than {load.MAX_DEPTH} levels" in m for m in messages), messages


def test_nesting_up_to_the_limit_is_fine() -> None:
    depth = load.MAX_DEPTH - 1
    doc, messages = parse("a: " + "[" * depth + "]" * depth + "\n")
    assert doc is not None and not messages


def test_billion_laughs_is_refused_before_expansion() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    started = time.perf_counter()
    doc, messages = parse("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 1
    assert sum("aliases" in m for m in messages) == 8 * 9
    assert doc is not None and doc.data["i"] == [None] * 9  # aliases read as empty, nothing expanded


def test_recoverable_problems_keep_the_data_for_later_stages() -> None:
    doc, messages = parse("a: first\nb: *x\na:\n  nested: second\nc: !custom 3\n")
    assert doc is not None
    assert doc.data == {"a": "first", "b": None, "c": "3"}  # the first of two duplicates wins
    assert doc.flagged == {("b",), ("c",)}
    assert doc.locate(("a",)).line == 1
    assert len(messages) == 3


def test_oversize_file(tmp_path: Path) -> None:
    raw = b"title: " + b"x" * load.MAX_FILE_BYTES + b"\n"
    doc, messages = load_bytes(tmp_path, raw)
    assert doc is None
    limit = f"{load.MAX_FILE_BYTES:,}"
    assert messages == [f"1:1: file is {len(raw):,} bytes; the limit is {limit}. Split the scenario into smaller ones"]


def test_not_utf8_points_at_the_byte(tmp_path: Path) -> None:
    doc, messages = load_bytes(tmp_path, "title: Café\nsummary: caf".encode() + b"\xe9\n")
    assert doc is None
    assert messages == ["2:13: file is not UTF-8 (byte 0xe9 cannot be decoded); save it as UTF-8"]


def test_utf16_is_named(tmp_path: Path) -> None:
    doc, messages = load_bytes(tmp_path, "title: x\n".encode("utf-16"))
    assert doc is None
    assert messages == ["1:1: file is saved as UTF-16; save it as UTF-8"]


def test_bom_and_crlf_keep_positions(tmp_path: Path) -> None:
    doc, messages = load_bytes(tmp_path, b"\xef\xbb\xbftitle: Caf\xc3\xa9\r\nsummary:\r\n  - x\r\n")
    assert doc is not None and not messages
    assert doc.data == {"title": "Café", "summary": ["x"]}
    assert doc.locate(("summary", 0)) == load.Position(3, 5)


def test_scalars_stay_text() -> None:
    doc, _ = parse("a: no\nb: 1.10\nc: ja\nd: ~\ne:\nf: ''\ng: 'null'\n")
    assert doc is not None
    assert doc.data == {"a": "no", "b": "1.10", "c": "ja", "d": None, "e": None, "f": "", "g": "null"}


DIACRITICS = "Daniëlle’s café: één naïeve vraag – “ïk wéét het” (ë é ï ó ü ç)"


@pytest.mark.parametrize(("bom", "crlf"), [(False, False), (True, False), (False, True), (True, True)])
def test_diacritics_in_every_field_with_bom_and_crlf(tmp_path: Path, bom: bool, crlf: bool) -> None:
    course = copy_fixture(tmp_path / "scenarios")
    rewrite_course(course, lambda loc, text: f"{text} {DIACRITICS}", bom=bom, crlf=crlf)
    assert (course / "returns.yaml").read_bytes().startswith(b"\xef\xbb\xbf" if bom else b"title")
    assert (b"\r\n" in (course / "returns.yaml").read_bytes()) == crlf
    result = pipeline.load_course(course)
    assert result.ok, headlines(result)
    scenario = result.course.scenarios["returns"]  # type: ignore[union-attr]
    assert scenario.title.endswith(DIACRITICS)
    assert scenario.steps["counter"].choices[0].feedback.rstrip().endswith(DIACRITICS)
    assert result.course.taxonomy("reactions")["hert"].need.endswith(DIACRITICS)  # type: ignore[union-attr,attr-defined]
    _, files = pipeline.generate(result, pipeline.Settings(language="en"))
    decision = files["scenarios/returns/counter/index.md"]
    assert "Daniëlle’s café" in decision and "één naïeve" in decision


def test_errors_in_a_crlf_bom_file_are_located(tmp_path: Path) -> None:
    course = copy_fixture(tmp_path / "scenarios")
    data = read_yaml(course / "returns.yaml")
    data["steps"]["counter"]["choices"][0]["next"] = "nowhere"
    write_yaml(course / "returns.yaml", data, bom=True, crlf=True)
    result = pipeline.load_course(course)
    lines = (course / "returns.yaml").read_bytes().decode("utf-8-sig").splitlines()
    [error] = result.report.errors
    assert lines[error.position.line - 1][error.position.column - 1 :] == "next: nowhere"[len("next: ") :]


def test_huge_strings_are_handled(tmp_path: Path) -> None:
    """Just under the file limit: a 900 KB situation and a 100 KB title load, check
    and render in reasonable time."""
    course = copy_fixture(tmp_path / "scenarios")
    data = read_yaml(course / "returns.yaml")
    data["steps"]["counter"]["situation"] = ("Een heel lang verhaal, met ë en é. " * 24_000).strip()
    data["title"] = "T" * 100_000
    write_yaml(course / "returns.yaml", data)
    assert (course / "returns.yaml").stat().st_size < load.MAX_FILE_BYTES
    started = time.perf_counter()
    result = pipeline.load_course(course)
    assert result.ok, headlines(result)
    _, files = pipeline.generate(result, pipeline.Settings(language="en"))
    assert time.perf_counter() - started < 10
    assert "Een heel lang verhaal" in files["scenarios/returns/counter/index.md"]


def test_map_texts_reaches_every_text_field() -> None:
    data = read_yaml(copy_fixture.__globals__["FIXTURE_SCENARIOS"] / "returns.yaml")
    marked = map_texts(data, lambda loc, text: "MARK")
    assert marked["title"] == "MARK" and marked["keywords"] == ["MARK", "MARK"]
    assert marked["steps"]["offer"]["choices"][2]["consequence"] == "MARK"
    assert marked["steps"]["offer"]["choices"][2]["next"] == "lost"  # ids untouched
    assert marked["trainer"]["discussion"] == ["MARK", "MARK"]
