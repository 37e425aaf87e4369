"""HTML reader on the standard library's html.parser: block elements become lines with cues."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from core.documents.text_reader import decode_text
from core.model import LayoutDocument, TextLine

BLOCK = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "table",
    "section", "header", "footer", "article", "dt", "dd", "dl", "title", "blockquote", "hr", "td", "th",
    "aside", "main", "nav", "pre",
}
SKIP = {"script", "style", "head", "noscript", "template", "svg"}
BOLD = {"b", "strong", "h1", "h2", "h3", "h4", "h5", "h6", "th"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[TextLine] = []
        self.buf: list[tuple[str, bool]] = []
        self.links: list[str] = []
        self.stack: list[str] = []
        self.skip = 0
        self.bold = 0
        self.style = ""
        self.list_item = False

    def flush(self) -> None:
        text = " ".join("".join(t for t, _ in self.buf).split())
        if text:
            bold_chars = sum(len(t.strip()) for t, b in self.buf if b)
            total = sum(len(t.strip()) for t, _ in self.buf) or 1
            self.lines.append(
                TextLine(
                    text=text,
                    style=self.style,
                    bold=bold_chars >= 0.6 * total,
                    list_item=self.list_item,
                    links=self.links,
                    size=1.0,
                )
            )
        # a cell boundary inside a row is kept as a wide gap
        self.buf, self.links, self.style, self.list_item = [], [], "", False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP:
            self.skip += 1
            return
        if tag in ("td", "th") and self.buf:
            self.buf.append(("   ", False))
        elif tag in BLOCK:
            self.flush()
        if tag.startswith("h") and tag[1:].isdigit():
            self.style = f"heading{tag[1:]}"
        if tag == "li":
            self.list_item = True
        if tag in BOLD:
            self.bold += 1
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if href and not href.startswith("#"):
                self.links.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag in BOLD:
            self.bold = max(0, self.bold - 1)
        if tag in BLOCK and tag not in ("td", "th"):
            self.flush()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.buf.append((data, self.bold > 0))


def read_html(path: Path) -> LayoutDocument:
    """Read an HTML file into lines (headings, bold, list items and links as cues)."""
    parser = _Collector()
    parser.feed(decode_text(path.read_bytes()))
    parser.close()
    parser.flush()
    layout = LayoutDocument(kind="html", lines=parser.lines)
    for line in parser.lines:
        layout.links.extend(u for u in line.links if u not in layout.links)
    return layout
