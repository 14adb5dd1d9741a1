"""The zips: a built site (with the plugin's `scorm` option on) plus its manifest,
and the schema files the manifest names, all at the root of the zip as SCORM
requires."""

from __future__ import annotations

import re
import shutil
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .launch import LAUNCH_PAGE
from .manifest import Version, manifest

MANIFEST = "imsmanifest.xml"
ZIP_SUFFIX: dict[Version, str] = {"1.2": "scorm12", "2004": "scorm2004"}
# Fixed times make the zip depend on its contents only (the earliest a zip can hold).
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class PackageError(Exception):
    """A problem with the input of a package; the message says what to fix."""


@dataclass(frozen=True)
class Package:
    path: Path
    files: int  # files listed in the manifest


def slug(text: str) -> str:
    """'Dealing with customers' -> 'dealing-with-customers'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "course"


def site_files(site: Path) -> list[str]:
    """Every file of the built site, '/'-separated, in a stable order."""
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())


def write_package(site: Path, out: Path, *, version: Version, name: str, title: str, schemas: Path | None) -> Package:
    """Write `<out>/<name>-scorm12.zip` or `-scorm2004.zip`. `schemas`: a folder with
    the version's XSD files (copied to the root of the zip), or None."""
    if not (site / LAUNCH_PAGE).is_file():
        raise PackageError(f"{site}: no {LAUNCH_PAGE}; build the site with the scenariosite plugin's scorm option on")
    files = site_files(site)
    if MANIFEST in files:
        raise PackageError(f"{site}: the site has its own {MANIFEST}; the package writes one, remove that page")
    identifier = name if re.match(r"[a-z_]", name) else f"course-{name}"  # an XML ID cannot start with a digit
    xml = manifest(version, identifier, title, LAUNCH_PAGE, files)
    schema_files = sorted(p for p in schemas.iterdir() if p.suffix in {".xsd", ".dtd"}) if schemas else []
    if schemas and not schema_files:
        raise PackageError(f"{schemas}: no .xsd files in this folder")
    clash = [p.name for p in schema_files if p.name in files]
    if clash:
        raise PackageError(f"{site}: the site has files named like the schema files: {', '.join(clash)}")

    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{name}-{ZIP_SUFFIX[version]}.zip"
    partial = target.with_suffix(".zip.part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        _add(archive, MANIFEST, xml.encode("utf-8"))
        for path in schema_files:
            _add(archive, path.name, path.read_bytes())
        for relative in files:
            _add(archive, relative, (site / relative).read_bytes())
    shutil.move(partial, target)  # never a half-written zip under the final name
    return Package(target, len(files))


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)
