"""Checking a PDF against the PDF/A-2b requirements BranchDesk relies on, with pikepdf,
qpdf and poppler (veraPDF is not packaged for Debian): what each check stands for is in
the README ("PDF/A")."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pikepdf

from branchdesk.papers.pdfa import ARCHIVE_NS, SRGB_PROFILE
from tests.domain.papers_support import fonts_of, info_of, qpdf_check

NS = {
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "bdarc": ARCHIVE_NS,
}
# content-stream operators that would use a colour space the sRGB output intent does not cover
CMYK_OPERATORS = {"k", "K"}


def _key(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


def _instant(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def _info_instant(pdf_date: str) -> dt.datetime:
    m = re.fullmatch(r"D:(\d{14})([+-])(\d\d)'(\d\d)'?", pdf_date)
    assert m, pdf_date
    sign = 1 if m.group(2) == "+" else -1
    zone = dt.timezone(sign * dt.timedelta(hours=int(m.group(3)), minutes=int(m.group(4))))
    return dt.datetime.strptime(m.group(1), "%Y%m%d%H%M%S").replace(tzinfo=zone)


def xmp_of(pdf_path: Path) -> dict:
    with pikepdf.open(pdf_path) as pdf:
        return dict(pdf.open_metadata())


def pdfa_problems(path: Path) -> list[str]:
    """Every PDF/A-2b requirement we rely on that ``path`` breaks ('' list: none)."""
    problems: list[str] = []

    def need(ok: bool, what: str) -> None:
        if not ok:
            problems.append(what)

    need(qpdf_check(path).returncode == 0, "qpdf --check fails")
    head = path.read_bytes()[:64]
    need(head.startswith(b"%PDF-1.7\n%"), "header is not %PDF-1.7 + a comment line")
    need(all(b > 127 for b in head.split(b"\n")[1][1:5]), "second line lacks four bytes above 127")
    need(all(f["emb"] == "yes" for f in fonts_of(path)), "a font is not embedded")
    with pikepdf.open(path) as pdf:
        need(not pdf.is_encrypted, "encrypted")
        ids = pdf.trailer.get("/ID")
        need(ids is not None and len(ids) == 2 and all(len(bytes(i)) == 16 for i in ids), "no document ID")
        root = pdf.Root
        meta = root.get("/Metadata")
        need(meta is not None and meta.get("/Type") == "/Metadata" and meta.get("/Subtype") == "/XML",
             "no XMP metadata stream in the catalogue")
        need(meta is not None and "/Filter" not in meta, "the XMP stream is filtered")
        intents = root.get("/OutputIntents")
        need(intents is not None and len(intents) == 1, "not one output intent")
        if intents:
            intent = intents[0]
            profile = intent.DestOutputProfile
            need(intent.S == "/GTS_PDFA1" and profile.N == 3, "output intent is not GTS_PDFA1 with N 3")
            data = profile.read_bytes()
            need(data == Path(SRGB_PROFILE).read_bytes() and data[12:20] == b"mntrRGB ", "profile is not sRGB")
        need("/EmbeddedFiles" not in root.get("/Names", {}), "embedded files (would be PDF/A-3)")
        need("/OpenAction" not in root and "/AA" not in root and "/AcroForm" not in root, "actions or forms")
        for obj in pdf.objects:
            if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
                continue
            need(obj.get("/S") not in ("/JavaScript", "/Transparency"), f"JavaScript or transparency group: {obj.get('/S')}")
            need("/JS" not in obj and "/SMask" not in obj, "JavaScript or soft mask")
            for key in ("/CA", "/ca"):
                need(float(obj.get(key, 1)) == 1, "constant alpha below 1")
            need(obj.get("/Filter") != "/LZWDecode", "LZW compression")
        for number, page in enumerate(pdf.pages, 1):
            need("/Group" not in page.obj, f"page {number} has a transparency group")
            for annot in page.get("/Annots", []):
                need(int(annot.get("/F", 0)) & 4 == 4, f"page {number}: an annotation that does not print")
            used = {str(op.operator) for op in pikepdf.parse_content_stream(page)}
            need(not used & CMYK_OPERATORS, f"page {number} paints in DeviceCMYK")
        problems += _metadata_problems(dict(pdf.open_metadata()), info_of(path, custom=True), pdf.docinfo)
    return problems


def _metadata_problems(xmp: dict, info: dict, docinfo) -> list[str]:
    """XMP and the information dictionary must say the same (PDF/A-2 6.6.2.3)."""
    problems = []
    raw = {key.lstrip("/"): str(value) for key, value in docinfo.items()}
    if _key("xmp", "CreateDate") not in xmp or _key("xmp", "ModifyDate") not in xmp:
        return ["XMP has no CreateDate or ModifyDate"]
    pairs = [
        (xmp.get(_key("pdfaid", "part")), "2"), (xmp.get(_key("pdfaid", "conformance")), "B"),
        (xmp.get(_key("dc", "title")), raw.get("Title")), (xmp.get(_key("dc", "creator")), [raw.get("Author")]),
        (xmp.get(_key("dc", "description")), raw.get("Subject")), (xmp.get(_key("pdf", "Keywords")), raw.get("Keywords")),
        (xmp.get(_key("xmp", "CreatorTool")), raw.get("Creator")), (xmp.get(_key("pdf", "Producer")), raw.get("Producer")),
        (_instant(xmp[_key("xmp", "CreateDate")]), _info_instant(raw["CreationDate"])),
        (_instant(xmp[_key("xmp", "ModifyDate")]), _info_instant(raw["ModDate"])),
        (xmp.get(_key("bdarc", "ArchivalCode")), raw.get("ArchiveNumber")),
        (xmp.get(_key("bdarc", "RetentionPeriod")), raw.get("Retention")),
        (xmp.get(_key("bdarc", "Classification")), raw.get("Classification")),
        (xmp.get(_key("bdarc", "FontSubstitution")), raw.get("FontSubstitution")),
    ]
    for n, (in_xmp, in_info) in enumerate(pairs):
        if in_xmp != in_info:
            problems.append(f"XMP and Info differ (pair {n}): {in_xmp!r} != {in_info!r}")
    if info.get("Title") != raw.get("Title"):
        problems.append("pdfinfo reads another title")
    return problems
