"""imsmanifest.xml for SCORM 1.2 and SCORM 2004 4th edition: one organization with
one item, the whole course as one SCO launched at the launch page, every file of
the package listed in its resource (SCORM 1.2 asks for it; SCORM 2004 recommends
it, and platforms use the list to import and to clean up).

Completion, success and score are decided by the SCO (see ss-scorm.js), so the
manifests set no mastery score and no sequencing rules that would override them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

Version = Literal["1.2", "2004"]
VERSIONS: tuple[Version, ...] = ("1.2", "2004")

# Namespace -> schema file, in the order of xsi:schemaLocation.
SCHEMAS: dict[Version, dict[str, str]] = {
    "1.2": {
        "http://www.imsproject.org/xsd/imscp_rootv1p1p2": "imscp_rootv1p1p2.xsd",
        "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1": "imsmd_rootv1p2p1.xsd",
        "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp_rootv1p2.xsd",
    },
    "2004": {
        "http://www.imsglobal.org/xsd/imscp_v1p1": "imscp_v1p1.xsd",
        "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp_v1p3.xsd",
        "http://www.adlnet.org/xsd/adlseq_v1p3": "adlseq_v1p3.xsd",
        "http://www.adlnet.org/xsd/adlnav_v1p3": "adlnav_v1p3.xsd",
        "http://www.imsglobal.org/xsd/imsss": "imsss_v1p0.xsd",
    },
}
SCHEMA_VERSION: dict[Version, str] = {"1.2": "1.2", "2004": "2004 4th Edition"}


def manifest(version: Version, identifier: str, title: str, launch: str, files: Iterable[str]) -> str:
    """The manifest of a package whose files (paths relative to its root, '/'
    separated, imsmanifest.xml itself excluded) are `files`."""
    schemas = SCHEMAS[version]
    default_ns, adlcp_ns = next(iter(schemas)), _adlcp(version)
    scorm_type = "adlcp:scormtype" if version == "1.2" else "adlcp:scormType"
    namespaces = [f'xmlns="{default_ns}"', f'xmlns:adlcp="{adlcp_ns}"']
    if version == "2004":
        namespaces += [
            'xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"',
            'xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"',
            'xmlns:imsss="http://www.imsglobal.org/xsd/imsss"',
        ]
    namespaces.append('xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"')
    locations = " ".join(f"{ns} {path}" for ns, path in schemas.items())
    listed = "\n".join(f"      <file href={quoteattr(_href(path))}/>" for path in files)
    name = escape(title)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier={quoteattr(identifier)} version="1"
    {" ".join(namespaces)}
    xsi:schemaLocation={quoteattr(locations)}>
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>{SCHEMA_VERSION[version]}</schemaversion>
  </metadata>
  <organizations default="organization">
    <organization identifier="organization">
      <title>{name}</title>
      <item identifier="course" identifierref="sco">
        <title>{name}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco" type="webcontent" {scorm_type}="sco" href={quoteattr(_href(launch))}>
{listed}
    </resource>
  </resources>
</manifest>
"""


def _adlcp(version: Version) -> str:
    return next(ns for ns in SCHEMAS[version] if "/adlcp_" in ns)


def _href(path: str) -> str:
    """A file path as a URI reference (a space or a '#' in a name would break it)."""
    return quote(path, safe="/-_.~")
