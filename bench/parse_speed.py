"""Parse time per file (in-process, no process start) against pdfplumber's and pdfium's bare text extraction.

Usage: python bench/parse_speed.py [DIR_WITH_PDFS]   (default: ../shared/bench/resumes/rendered)
Prints ms per file and the ratios; nothing is asserted.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _time(fn: object, files: list[Path]) -> list[float]:
    out = []
    for f in files:
        t0 = time.perf_counter()
        fn(f)  # type: ignore[operator]
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main() -> int:
    default = Path(os.environ.get("VITA_SHARED", REPO.parent / "shared")) / "bench" / "resumes" / "rendered"
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    pdfs = sorted(folder.glob("*.pdf"))
    others = sorted(p for p in folder.iterdir() if p.suffix in (".docx", ".txt", ".md", ".html"))
    if not pdfs:
        print(f"no PDFs in {folder}")
        return 2
    import pdfplumber
    import pypdfium2 as pdfium

    from core.intake.reader import parse_path

    def plumber(p: Path) -> str:
        with pdfplumber.open(str(p)) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)

    def pdfium_text(p: Path) -> str:
        doc = pdfium.PdfDocument(str(p))
        try:
            return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
        finally:
            doc.close()

    parse_path(pdfs[0])  # warm imports
    plumber(pdfs[0])
    t_parse = _time(parse_path, pdfs)
    t_plumber = _time(plumber, pdfs)
    t_pdfium = _time(pdfium_text, pdfs)
    n = len(pdfs)
    mp, ml, mi = statistics.mean(t_parse), statistics.mean(t_plumber), statistics.mean(t_pdfium)
    print(f"PDF files: {n}")
    print(f"vita parse (read + extract)   mean {mp:7.1f} ms  median {statistics.median(t_parse):7.1f} ms")
    print(f"pdfplumber extract_text()     mean {ml:7.1f} ms  median {statistics.median(t_plumber):7.1f} ms")
    print(f"pypdfium2 get_text_range()    mean {mi:7.1f} ms  median {statistics.median(t_pdfium):7.1f} ms")
    print(f"ratio parse / pdfplumber = {mp / ml:.2f}   parse / pdfium = {mp / mi:.2f}")
    if others:
        t_other = _time(parse_path, others)
        print(f"non-PDF files: {len(others)}  vita parse mean {statistics.mean(t_other):.1f} ms")
    docs = [parse_path(p) for p in pdfs[:20]]
    print(f"facts per resume (first {len(docs)} PDFs): mean {statistics.mean(len(d.facts) for d in docs):.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
