"""Plain text and Markdown readers: one line per text line, indentation and Markdown marks kept as layout."""

from __future__ import annotations

import re
from pathlib import Path

from core.model import LayoutDocument, TextLine

MD_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)[^)]*\)")
MD_AUTOLINK = re.compile(r"<(https?://[^>\s]+|mailto:[^>\s]+)>")
MD_BOLD = re.compile(r"(\*\*|__)(.+?)\1")
MD_EMPH = re.compile(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])")
MD_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def decode_text(data: bytes) -> str:
    """Bytes to text: UTF-32 or UTF-16 by BOM, UTF-8 (with or without BOM), else cp1252; stray
    NUL bytes dropped."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return data.decode("utf-32", "replace").replace("\x00", "")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace").replace("\x00", "")
    data = data.replace(b"\x00", b"")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def _text_lines(text: str, kind: str) -> LayoutDocument:
    layout = LayoutDocument(kind=kind)
    for raw_line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw_line.replace("\t", "    ").rstrip()
        if not line.strip():
            layout.lines.append(TextLine(text="", style="blank"))
            continue
        indent = len(line) - len(line.lstrip())
        layout.lines.append(TextLine(text=line.strip(), x0=float(indent), x1=float(len(line)), size=1.0))
    return layout


def read_txt(path: Path) -> LayoutDocument:
    """Read a plain text file (blank lines kept as empty 'blank' lines: they separate blocks)."""
    return _text_lines(decode_text(path.read_bytes()), "txt")


def read_md(path: Path) -> LayoutDocument:
    """Read Markdown: headings, bold lines, list items and links become layout cues."""
    layout = _text_lines(decode_text(path.read_bytes()), "md")
    layout.kind = "md"
    for line in layout.lines:
        t = line.text
        links = [m.group(2) for m in MD_LINK.finditer(t)] + [m.group(1) for m in MD_AUTOLINK.finditer(t)]
        t = MD_LINK.sub(lambda m: m.group(1) if m.group(1).strip() else m.group(2), t)
        t = MD_AUTOLINK.sub(lambda m: m.group(1).removeprefix("mailto:"), t)
        heading = re.match(r"^(#{1,6})\s+(.*?)\s*#*$", t)
        if heading:
            line.style = f"heading{len(heading.group(1))}"
            line.bold = True
            t = heading.group(2)
        stripped = MD_BOLD.sub(r"\2", t)
        if not heading and stripped != t and MD_BOLD.fullmatch(t.strip()):
            line.bold = True
        t = MD_EMPH.sub(r"\2", stripped)
        lm = MD_LIST.match(t)
        if lm:
            line.list_item = True
            t = t[lm.end():]
        t = t.replace("\\", "") if "\\" in t else t
        line.text = t.strip()
        line.links = links
        layout.links.extend(u for u in links if u not in layout.links)
    return layout
