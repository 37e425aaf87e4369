"""Checks run on an untrusted file before any parser opens it; each raises a typed error."""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from xml.parsers import expat

from core.errors import HostileFile, ParseFailed, PasswordProtected, UnsupportedFile
from core.intake.limits import IntakeLimits

ALLOWED_IMAGE_FORMATS = {"PNG", "JPEG", "TIFF", "BMP", "WEBP"}
XML_SUFFIXES = (".xml", ".rels", ".vml")
FPDF_ERR_PASSWORD = 4
_FLAT_PARTS = re.compile(r"^word/(styles|stylesWithEffects|fontTable|settings|webSettings|theme/theme\d*)\.xml$")
_STREAM_RE = re.compile(rb"(?<!end)stream\r?\n")
_CHUNK = 1 << 16


def check_file(path: Path, kind: str, limits: IntakeLimits) -> dict[str, object]:
    """Run the checks for `kind`; return what they learned (page count, pixels...)."""
    if kind in ("docx", "zip"):
        return check_zip(path, limits, xml_parts=True)
    if kind == "pdf":
        return check_pdf(path, limits)
    if kind == "image":
        return check_image(path, limits)
    return {}


def check_zip(path: Path, limits: IntakeLimits, *, xml_parts: bool = True) -> dict[str, object]:
    """Refuse zip bombs from the central directory, then scan XML parts for DTDs and deep nesting."""
    name = path.name
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        raise ParseFailed(f"{name}: damaged zip container.") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > limits.max_zip_entries:
            raise HostileFile(f"{name} holds {len(infos)} parts; the limit is {limits.max_zip_entries}.")
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise PasswordProtected(f"{name} is password-protected.")
            total += info.file_size
            if info.file_size > limits.max_zip_entry_uncompressed:
                raise HostileFile(f"{name}: a part declares {info.file_size:,} bytes uncompressed (zip bomb?).")
            if info.file_size > 1_048_576 and info.file_size > limits.max_zip_ratio * max(info.compress_size, 1):
                raise HostileFile(f"{name}: a part compresses {info.file_size // max(info.compress_size, 1):,}:1 (zip bomb?).")
        if total > limits.max_zip_uncompressed:
            raise HostileFile(f"{name} declares {total:,} bytes uncompressed; the limit is {limits.max_zip_uncompressed:,}.")
        if xml_parts:
            for info in infos:
                if not info.is_dir():
                    _check_xml_part(zf, info, name, limits.max_xml_depth)
    return {"zip_entries": len(infos), "zip_uncompressed": total}


class _PrologueDone(Exception):
    """The root element started: no DTD can follow."""


def _check_xml_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, max_depth: int) -> None:
    """Stream one XML part through expat: no DOCTYPE, no entity declarations, bounded nesting.

    A DTD can only sit in the prolog, before the root element. Nesting is counted in Python
    callbacks (the costly part), so for the big, flat parts readers only query by XPath
    (styles, theme, fonts, settings) expat stops at the root element instead.
    """
    parser = expat.ParserCreate()
    depth = 0
    count_depth = not _FLAT_PARTS.match(info.filename)

    def start(_tag: str, _attrs: object) -> None:
        nonlocal depth
        depth += 1
        if depth > max_depth:
            raise HostileFile(f"{name}: XML nested deeper than {max_depth} levels in {info.filename}.")

    def end(_tag: str) -> None:
        nonlocal depth
        depth -= 1

    def doctype(*_args: object) -> None:
        raise HostileFile(f"{name}: XML part {info.filename} declares a DOCTYPE (refused).")

    def entity(*_args: object) -> None:
        raise HostileFile(f"{name}: XML part {info.filename} declares an entity (refused).")

    def root_reached(_tag: str, _attrs: object) -> None:
        raise _PrologueDone

    if count_depth:
        parser.StartElementHandler = start
        parser.EndElementHandler = end
    else:
        parser.StartElementHandler = root_reached
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    parser.ExternalEntityRefHandler = lambda *_a: 0  # never resolve external entities
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        with zf.open(info) as fh:
            chunk = fh.read(_CHUNK)
            if not info.filename.lower().endswith(XML_SUFFIXES) and not _looks_like_xml(chunk):
                return  # media and other binary parts (any part that is XML is checked, whatever its name)
            while chunk:
                parser.Parse(chunk, False)
                chunk = fh.read(_CHUNK)
            parser.Parse(b"", True)
    except _PrologueDone:
        return
    except expat.ExpatError:
        # Malformed XML is the reader's problem (it reports a damaged file); DTDs are caught above.
        return
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise ParseFailed(f"{name}: damaged part {info.filename} ({type(exc).__name__}).") from None


def _looks_like_xml(head: bytes) -> bool:
    """True when a part starts like XML (after an optional BOM and whitespace), in UTF-8 or UTF-16."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        return True
    return head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n").startswith(b"<")


def check_pdf(path: Path, limits: IntakeLimits) -> dict[str, object]:
    """Stream and page budgets; password-protected PDFs get a clear error."""
    import pypdfium2 as pdfium

    name = path.name
    streams = _count_streams(path)
    if streams > limits.max_pdf_streams:
        raise HostileFile(f"{name} holds {streams:,} streams; the limit is {limits.max_pdf_streams:,}.")
    inflated = _check_flate_streams(path, limits)
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == FPDF_ERR_PASSWORD:
            raise PasswordProtected(
                f"{name} is password-protected.", hint="Save an unprotected copy and add that instead."
            ) from None
        raise ParseFailed(f"{name}: damaged or unreadable PDF.") from None
    try:
        pages = len(doc)
    finally:
        doc.close()
    if pages > limits.max_pdf_pages:
        raise HostileFile(f"{name} has {pages:,} pages; the limit is {limits.max_pdf_pages:,}.")
    if pages == 0:
        raise ParseFailed(f"{name}: the PDF has no readable pages.")
    return {"pdf_pages": pages, "pdf_streams": streams, "pdf_inflated": inflated}


def _check_flate_streams(path: Path, limits: IntakeLimits) -> int:
    """Inflate every FlateDecode stream into nothing, counting bytes; refuse decompression bombs.

    Output is produced in bounded slices and dropped, so a bomb costs time proportional to the
    budget, not memory. Damaged streams are skipped (the reader reports those).
    """
    data = path.read_bytes()
    total = 0
    for match in _STREAM_RE.finditer(data):
        window = data[max(0, match.start() - 2048) : match.start()]
        obj_at = window.rfind(b"obj")
        if b"FlateDecode" not in window[obj_at if obj_at >= 0 else 0 :]:
            continue
        cap = min(limits.max_pdf_stream_inflated, limits.max_pdf_inflated - total) + 1
        size = _inflated_size(data, match.end(), cap)
        total += size
        if size > limits.max_pdf_stream_inflated:
            raise HostileFile(
                f"{path.name}: a compressed stream inflates beyond {limits.max_pdf_stream_inflated // 1_048_576} MB (decompression bomb)."
            )
        if total > limits.max_pdf_inflated:
            raise HostileFile(f"{path.name}: compressed streams inflate beyond {limits.max_pdf_inflated // 1_048_576} MB in total.")
    return total


def _inflated_size(data: bytes, start: int, cap: int) -> int:
    """Bytes the zlib stream at `start` inflates to, counting at most `cap`."""
    inflater = zlib.decompressobj()
    size = 0
    pos = start
    pending = b""
    try:
        while size < cap and not inflater.eof:
            if not pending:
                if pos >= len(data):
                    break
                pending = data[pos : pos + _CHUNK]
                pos += _CHUNK
            size += len(inflater.decompress(pending, 1 << 20))
            pending = inflater.unconsumed_tail
    except zlib.error:
        pass  # damaged or not zlib: not our concern here
    return size


def _count_streams(path: Path) -> int:
    """Count `stream` keywords in the raw bytes (bounded by the file size limit)."""
    count = 0
    tail = b""
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            buf = tail + chunk
            # Matches inside `tail` were counted with the previous chunk.
            count += len(_STREAM_RE.findall(buf)) - len(_STREAM_RE.findall(tail))
            tail = buf[-16:]
    return count


def check_image(path: Path, limits: IntakeLimits) -> dict[str, object]:
    """Read only the header: allow-listed format and width x height within the pixel budget."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = limits.max_image_pixels
    try:
        with Image.open(path) as img:
            fmt = (img.format or "").upper()
            width, height = img.size
            frames = int(getattr(img, "n_frames", 1) or 1)
    except Image.DecompressionBombError:
        raise HostileFile(f"{path.name}: image larger than {limits.max_image_pixels:,} pixels.") from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise UnsupportedFile(f"{path.name}: unreadable image ({type(exc).__name__}).") from None
    if fmt not in ALLOWED_IMAGE_FORMATS:
        raise UnsupportedFile(f"{path.name}: image format {fmt or 'unknown'} is not accepted.")
    if width * height > limits.max_image_pixels:
        raise HostileFile(
            f"{path.name}: image is {width:,} x {height:,} pixels; the limit is {limits.max_image_pixels:,}."
        )
    if max(width, height) > limits.max_image_side:
        raise HostileFile(f"{path.name}: image is {width:,} x {height:,} pixels; sides are limited to {limits.max_image_side:,}.")
    if frames > limits.max_ocr_pages:
        raise HostileFile(f"{path.name}: image has {frames} frames; the limit is {limits.max_ocr_pages}.")
    return {"image_format": fmt, "image_size": [width, height], "image_frames": frames}
