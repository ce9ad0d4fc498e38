"""PDF/A-2b from what reportlab wrote: the XMP metadata, the sRGB output intent and
the PDF 1.7 header that reportlab cannot write itself, added with pikepdf.

reportlab already gives the rest PDF/A asks for (and the tests check it): every font
embedded, no encryption, a document ID, only RGB and gray colours, no transparency
groups, no JavaScript, no annotations. No file is embedded, so the part is 2 (2b),
not 3.

The XMP copies the information dictionary word for word (PDF/A requires the two to
agree) and adds the archive fields of DA/T 47 — 档号, 保管期限, 密级, 日期 — in the
BranchDesk archive namespace, described by a PDF/A extension schema as PDF/A
requires for properties outside the standard schemas. 题名 is dc:title and 责任者
dc:creator. Rewriting costs about 0.1 s for the 190 pages of the demo's yearly
archive (bench/yearbook.py).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
from dataclasses import dataclass
from html import escape as _html_escape
from pathlib import Path

from ..resources import RESOURCES

SRGB_PROFILE = RESOURCES / "color" / "sRGB.icc"
OUTPUT_CONDITION = "sRGB IEC61966-2.1"
ARCHIVE_NS = "http://branchdesk.cn/ns/archive/1.0/"
ARCHIVE_PREFIX = "bdarc"
PDFA_PART, PDFA_CONFORMANCE = "2", "B"

# (property, 中文名) of the archive namespace, in the order they are written.
ARCHIVE_FIELDS = (
    ("ArchivalCode", "档号"),
    ("RetentionPeriod", "保管期限"),
    ("Classification", "密级"),
    ("RecordDate", "日期"),
    # Not DA/T 47: which fonts stood in for the roles GB/T 9704 names (仿宋 drawn with a
    # 宋体 …), so that a receiver can tell a substitute from a wrong choice of font.
    ("FontSubstitution", "字体代用说明"),
)


@dataclass(frozen=True)
class ArchiveFields:
    """The DA/T 47 fields besides 题名 and 责任者 (which the information dictionary's
    Title and Author carry). Empty ones are left out."""

    number: str = ""  # 档号
    retention: str = ""  # 保管期限
    classification: str = ""  # 密级
    date: dt.date | None = None  # 日期: the record's own date (held, decided, written)
    font_note: str = ""  # document.stand_in_note(): the fonts that stood in, if any

    def values(self) -> dict[str, str]:
        found = {"ArchivalCode": self.number, "RetentionPeriod": self.retention,
                 "Classification": self.classification, "RecordDate": self.date.isoformat() if self.date else "",
                 "FontSubstitution": self.font_note}
        return {key: value for key, value in found.items() if value}


def xmp_date(pdf_date: str) -> str:
    """``D:20261206153000+08'00'`` → ``2026-12-06T15:30:00+08:00`` (the same instant,
    so that XMP and the information dictionary agree)."""
    m = re.fullmatch(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(?:([+-])(\d\d)'(\d\d)'?|Z)?", pdf_date)
    if m is None:
        raise ValueError(f"not a PDF date: {pdf_date!r}")
    y, mo, d, h, mi, s, sign, oh, om = m.groups()
    zone = f"{sign}{oh}:{om}" if sign else "Z"
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}{zone}"


def _text(value) -> str:
    # html.escape, not xml.sax.saxutils: that one imports urllib.request (http, email,
    # ssl), ~40 ms on every start of the command line (issue 18)
    return _html_escape(str(value), quote=False).replace('"', "&quot;")


def _extension_schema() -> str:
    properties = "".join(
        "<rdf:li rdf:parseType=\"Resource\">"
        f"<pdfaProperty:name>{name}</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType>"
        f"<pdfaProperty:category>external</pdfaProperty:category>"
        f"<pdfaProperty:description>{label}</pdfaProperty:description></rdf:li>"
        for name, label in ARCHIVE_FIELDS
    )
    return (
        '<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"'
        ' xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"'
        ' xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">'
        "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">"
        "<pdfaSchema:schema>BranchDesk 电子档案元数据（DA/T 47）</pdfaSchema:schema>"
        f"<pdfaSchema:namespaceURI>{ARCHIVE_NS}</pdfaSchema:namespaceURI>"
        f"<pdfaSchema:prefix>{ARCHIVE_PREFIX}</pdfaSchema:prefix>"
        f"<pdfaSchema:property><rdf:Seq>{properties}</rdf:Seq></pdfaSchema:property>"
        "</rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>"
    )


def xmp_packet(info: dict[str, str], archive: ArchiveFields) -> bytes:
    """The XMP packet for a document whose information dictionary is ``info`` (keys
    without the slash: Title, Author, Subject, Keywords, Creator, Producer,
    CreationDate, ModDate). Every key present is mirrored, even empty (PDF/A wants
    each entry of the dictionary to have its XMP equivalent)."""
    parts = [
        f'<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">'
        f"<pdfaid:part>{PDFA_PART}</pdfaid:part><pdfaid:conformance>{PDFA_CONFORMANCE}</pdfaid:conformance>"
        "</rdf:Description>",
    ]
    dc = []
    if "Title" in info:
        dc.append(f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{_text(info["Title"])}</rdf:li></rdf:Alt></dc:title>')
    if "Author" in info:
        dc.append(f"<dc:creator><rdf:Seq><rdf:li>{_text(info['Author'])}</rdf:li></rdf:Seq></dc:creator>")
    if "Subject" in info:
        dc.append(f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{_text(info["Subject"])}</rdf:li>'
                  "</rdf:Alt></dc:description>")
    keywords = [k.strip() for k in info.get("Keywords", "").split(",") if k.strip()]
    if keywords:
        dc.append("<dc:subject><rdf:Bag>" + "".join(f"<rdf:li>{_text(k)}</rdf:li>" for k in keywords)
                  + "</rdf:Bag></dc:subject>")
    dc.append("<dc:format>application/pdf</dc:format><dc:language><rdf:Bag><rdf:li>zh-CN</rdf:li></rdf:Bag></dc:language>")
    parts.append('<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">' + "".join(dc)
                 + "</rdf:Description>")
    xmp = []
    if "Creator" in info:
        xmp.append(f"<xmp:CreatorTool>{_text(info['Creator'])}</xmp:CreatorTool>")
    if "CreationDate" in info:
        xmp.append(f"<xmp:CreateDate>{xmp_date(info['CreationDate'])}</xmp:CreateDate>")
    if "ModDate" in info:
        xmp.append(f"<xmp:ModifyDate>{xmp_date(info['ModDate'])}</xmp:ModifyDate>"
                   f"<xmp:MetadataDate>{xmp_date(info['ModDate'])}</xmp:MetadataDate>")
    parts.append('<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">' + "".join(xmp)
                 + "</rdf:Description>")
    pdf = []
    if "Producer" in info:
        pdf.append(f"<pdf:Producer>{_text(info['Producer'])}</pdf:Producer>")
    if "Keywords" in info:
        pdf.append(f"<pdf:Keywords>{_text(info['Keywords'])}</pdf:Keywords>")
    if info.get("Trapped") in ("True", "False"):
        pdf.append(f"<pdf:Trapped>{info['Trapped']}</pdf:Trapped>")
    parts.append('<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">' + "".join(pdf)
                 + "</rdf:Description>")
    fields = archive.values()
    if fields:
        parts.append(f'<rdf:Description rdf:about="" xmlns:{ARCHIVE_PREFIX}="{ARCHIVE_NS}">'
                     + "".join(f"<{ARCHIVE_PREFIX}:{k}>{_text(v)}</{ARCHIVE_PREFIX}:{k}>" for k, v in fields.items())
                     + "</rdf:Description>")
        parts.append(_extension_schema())
    body = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        + "\n".join(parts)
        + "\n</rdf:RDF></x:xmpmeta>\n"
    )
    # padding lets a later editor update the packet in place, as XMP recommends
    return (body + (" " * 99 + "\n") * 20 + '<?xpacket end="w"?>').encode("utf-8")


def _plain_info(pdf) -> dict[str, str]:
    found = {}
    for key, value in pdf.docinfo.items():
        text = str(value)
        found[key.lstrip("/")] = text.lstrip("/")
    return found


@functools.lru_cache(maxsize=1)
def _srgb_profile() -> bytes:
    return Path(SRGB_PROFILE).read_bytes()  # read once per process, not per paper


def make_pdfa(source: bytes, target, archive: ArchiveFields) -> int:
    """Writes ``source`` (reportlab's PDF) to ``target`` (a path or a binary file) as
    PDF/A-2b; returns the number of bytes written."""
    import pikepdf

    with pikepdf.open(io.BytesIO(source)) as pdf:
        packet = xmp_packet(_plain_info(pdf), archive)
        metadata = pikepdf.Stream(pdf, packet)
        metadata.Type = pikepdf.Name.Metadata
        metadata.Subtype = pikepdf.Name.XML
        pdf.Root.Metadata = pdf.make_indirect(metadata)
        profile = pikepdf.Stream(pdf, _srgb_profile())
        profile.N = 3
        pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFA1,
            OutputConditionIdentifier=pikepdf.String(OUTPUT_CONDITION), Info=pikepdf.String(OUTPUT_CONDITION),
            RegistryName=pikepdf.String("http://www.color.org"), DestOutputProfile=pdf.make_indirect(profile),
        )])
        out = io.BytesIO()
        # New streams (the XMP, which PDF/A wants unfiltered, and the 7 KB profile) stay
        # uncompressed; reportlab's streams are copied as they are, not decoded.
        # fix_metadata_version off: our own XMP packet is complete, and pikepdf would need lxml
        # (left out of the frozen program, packaging/trim.py) to rewrite it.
        pdf.save(out, min_version="1.7", compress_streams=False, fix_metadata_version=False,
                 stream_decode_level=pikepdf.StreamDecodeLevel.none, object_stream_mode=pikepdf.ObjectStreamMode.preserve)
    data = out.getvalue()
    if hasattr(target, "write"):
        target.write(data)
    else:
        Path(target).write_bytes(data)
    return len(data)
