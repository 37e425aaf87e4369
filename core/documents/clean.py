"""Text normalisation at extraction: every reader's lines pass through here before parsing.

Lone UTF-16 surrogates (PDF text layers split astral characters) are joined when they pair up and
replaced otherwise; NUL and other control characters are dropped; emoji, flags, RTL text and
combining marks are kept. Private-use glyphs (icon fonts such as Font Awesome, Wingdings bullets)
are not text: a leading one becomes a bullet, one inside a line becomes a field gap, and the line
counts them as layout hints (`TextLine.icons`).
"""

from __future__ import annotations

import re
import unicodedata

from core.model import LayoutDocument, TextLine

_SURROGATE_PAIR = re.compile("([\ud800-\udbff])([\udc00-\udfff])")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# C0/C1 controls except tab and newline, plus bidi/format controls that carry no text (kept: ZWJ
# for emoji sequences, RTL marks are harmless but the embedding/override controls are dropped)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\ufffe\uffff\u202a-\u202e\u2066-\u2069]")
_PRIVATE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
_LEAD_ICON = re.compile("^\\s*[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]+\\s*")


def join_surrogates(text: str) -> str:
    """Pairs of UTF-16 surrogates as the character they encode; lone ones as U+FFFD."""
    if not _LONE_SURROGATE.search(text):
        return text
    text = _SURROGATE_PAIR.sub(lambda m: chr(0x10000 + ((ord(m[1]) - 0xD800) << 10) + (ord(m[2]) - 0xDC00)), text)
    return _LONE_SURROGATE.sub("\ufffd", text)


def clean_text(text: str) -> tuple[str, int]:
    """The text without controls and icon glyphs, and how many icon glyphs it had."""
    if text.isascii() and text.isprintable():
        return text, 0
    text = join_surrogates(text)
    text = _CONTROL.sub("", text.replace("\r", " ").replace("\x0b", " ").replace("\x0c", " "))
    icons = len(_PRIVATE.findall(text))
    if icons:
        lead = _LEAD_ICON.match(text)
        rest = text[lead.end():] if lead else text
        rest = _PRIVATE.sub("   ", rest).strip()
        # a Wingdings-style bullet before words is a bullet; before contact details it is an icon
        bulleted = lead is not None and len(rest.split()) >= 3 and not re.search(r"@|\d{3}|https?:|www\.", rest)
        text = ("• " + rest) if bulleted else rest
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text.strip(), icons


def clean_layout(layout: LayoutDocument) -> LayoutDocument:
    """Clean every line and link of a reader's output in place; empty lines stay as blanks."""
    kept = []
    for line in layout.lines:
        had_text = bool(line.text)
        clean_line(line)
        if line.text or not had_text:  # a line that was only icons or controls is no line at all
            kept.append(line)
    layout.lines = kept
    layout.links = [join_surrogates(u) for u in layout.links]
    return layout


def clean_line(line: TextLine) -> None:
    """One line's text cleaned and its icon count recorded."""
    text, icons = clean_text(line.text)
    line.text = text
    line.icons += icons
    if line.links:
        line.links = [_CONTROL.sub("", join_surrogates(u)) for u in line.links]
