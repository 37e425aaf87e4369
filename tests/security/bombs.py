"""Writers of hostile files for the intake tests and bench (all generated; nothing copied)."""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _document_xml(body: str, prolog: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'{prolog}<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    )


def _paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def write_docx(path: Path, document_xml: str, extra: dict[str, bytes] | None = None) -> Path:
    """A minimal DOCX package around `document_xml`."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return path


def plain_docx(path: Path, text: str = "Plain fictional paragraph") -> Path:
    return write_docx(path, _document_xml(_paragraph(text)))


def billion_laughs_docx(path: Path) -> Path:
    """DOCTYPE with nested entities that would expand to ~3 GB."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    ]
    prolog = f"<!DOCTYPE w:document [{''.join(entities)}]>"
    return write_docx(path, _document_xml(_paragraph("&lol9;"), prolog))


def external_entity_docx(path: Path) -> Path:
    """XXE: an external entity pointing at a local file."""
    prolog = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return write_docx(path, _document_xml(_paragraph("&xxe;"), prolog))


def deeply_nested_docx(path: Path, depth: int = 5000) -> Path:
    """A document body nested `depth` elements deep."""
    body = "<w:sdt>" * depth + "</w:sdt>" * depth
    return write_docx(path, _document_xml(body))


def ratio_bomb_docx(path: Path, megabytes: int = 64) -> Path:
    """A part of zeros compressing ~1000:1 (a classic zip bomb shape)."""
    return write_docx(path, _document_xml(_paragraph("x")), {"word/media/blob.bin": bytes(megabytes * 1024 * 1024)})


def declared_size_bomb_docx(path: Path, declared: int = 0xF000_0000) -> Path:
    """A normal package whose directory claims one part inflates to ~4 GB."""
    write_docx(path, _document_xml(_paragraph("x")), {"word/media/big.bin": b"tiny"})
    data = bytearray(path.read_bytes())
    name = b"word/media/big.bin"
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46 : at + 46 + name_len]) == name:
            struct.pack_into("<I", data, at + 24, declared)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    return path


def many_entries_docx(path: Path, entries: int = 5000) -> Path:
    return write_docx(path, _document_xml(_paragraph("x")), {f"word/media/p{i}.xml": b"<a/>" for i in range(entries)})


def deflate_bomb(gigabytes: int = 4) -> bytes:
    """A zlib stream inflating to `gigabytes` GB of zeros, built from one repeated flushed block."""
    unit = 16 * 1024 * 1024
    comp = zlib.compressobj(9)
    header_and_block = comp.compress(bytes(unit)) + comp.flush(zlib.Z_FULL_FLUSH)
    header, block = header_and_block[:2], header_and_block[2:]
    tail = comp.flush(zlib.Z_FINISH)
    return header + block * (gigabytes * 1024 // 16) + tail


def pdf_flate_bomb(path: Path, gigabytes: int = 4) -> Path:
    """A one-page PDF whose content stream inflates to gigabytes."""
    stream = deflate_bomb(gigabytes)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def huge_png(path: Path, width: int = 50_000, height: int = 50_000) -> Path:
    """A PNG header declaring width x height pixels, with a tiny (truncated) image body."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", idat) + _png_chunk(b"IEND", b""))
    return path


def huge_bmp(path: Path, width: int = 50_000, height: int = 50_000) -> Path:
    """A BMP header declaring width x height pixels and almost no pixel data."""
    header = struct.pack("<2sIHHI", b"BM", 54 + 16, 0, 0, 54)
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, 0, 2835, 2835, 0, 0)
    path.write_bytes(header + info + bytes(16))
    return path
