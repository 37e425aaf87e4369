"""Budgets for reading untrusted files: sizes, counts, time and memory."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class IntakeLimits:
    """Every budget a file must fit before and while it is parsed (plain data: crosses processes)."""

    max_bytes: int = 10 * 1024 * 1024  # file size on disk
    timeout_s: float = 20.0  # wall time per file inside a worker
    memory_mb: int = 3072  # address-space cap of a worker (Linux, RLIMIT_AS); 0 = none. OCR alone maps ~1.5 GB
    workers: int = 2  # worker processes in a pool
    # Zip containers (DOCX, exports): checked from the central directory before opening.
    max_zip_entries: int = 2000
    max_zip_uncompressed: int = 256 * 1024 * 1024  # sum of declared uncompressed sizes
    max_zip_entry_uncompressed: int = 128 * 1024 * 1024
    max_zip_ratio: float = 200.0  # uncompressed / compressed, for entries over 1 MB uncompressed
    # XML parts inside zips.
    max_xml_depth: int = 256
    # PDFs.
    max_pdf_pages: int = 500
    max_pdf_streams: int = 50_000  # "stream" keywords in the raw file
    max_pdf_stream_inflated: int = 256 * 1024 * 1024  # one Flate stream, decompressed
    max_pdf_inflated: int = 512 * 1024 * 1024  # all Flate streams together, decompressed
    # Images.
    max_image_pixels: int = 50_000_000  # ~ an A4 page scanned at 600 dpi is 35 Mpx
    max_image_side: int = 20_000  # pixels along either side (absurd strips decode slowly)
    max_ocr_pages: int = 20  # scanned PDF pages (or image frames) sent to OCR
    ocr_page_timeout_s: float = 30.0  # one page's OCR budget (~10x a typical page): over it, the page is skipped
    ocr_timeout_s: float = 640.0  # hard cap on a file's total time with OCR (20 pages x 30 s + slack)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
