"""A certificate's facts: what was certified, who holds it, who issued it and when.

Certificates are not resumes: no sections, a few centred lines built around fixed phrases
("This is to certify that <holder> has successfully completed <title>"). The phrases are the
anchors; the line after an anchor is its value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.extract.dates import find_ranges
from core.extract.lines import Item

_HOLDER_CUE = re.compile(
    r"\b(?:certif(?:y|ies) that|awarded to|presented to|granted to|conferred (?:up)?on|"
    r"atteste que|certifie que|bescheinigt(?:,)? dass|certifica que|certifica-se que)\b",
    re.I,
)
_TITLE_CUE = re.compile(
    r"\b(?:has (?:successfully )?(?:completed|passed|earned|achieved|fulfilled)|for (?:successfully )?completing|"
    r"for (?:the )?(?:successful )?completion of|in recognition of|has been awarded|is awarded|"
    r"a suivi|a réussi|hat erfolgreich|ha completado)\b",
    re.I,
)
_HEADING = re.compile(r"^\s*(?:certificate|certification|certificat|zertifikat|certificado|diploma)\b(?:\s+of\s+\w+)?\s*$", re.I)
_ORG = re.compile(
    r"\b(?:university|universit[éa]t?|institute|institut|academy|acad[ée]mie|school|college|foundation|"
    r"association|society|guild|council|board|inc\.?|ltd\.?|llc|gmbh|s\.?a\.?s?|corporation|corp\.?|"
    r"training|centre|center|ministry|agency)\b",
    re.I,
)
_ISSUER_CUE = re.compile(r"^\s*(?:issued by|awarded by|provided by|offered by|delivered by)\s*:?\s*", re.I)
_ID = re.compile(r"\b(?:credential|certificate|certification|cert\.?)\s*(?:id|no\.?|number|#)\s*:?\s*([A-Z0-9][A-Z0-9-]{3,})", re.I)
_SIGNATURE = re.compile(r"\b(?:signature|signed|director|president|dean|instructor|chair)\b", re.I)


@dataclass(slots=True)
class Certificate:
    """What a certificate states; each value keeps the line it was read from."""

    title: str = ""
    title_item: Item | None = None
    holder: str = ""
    issuer: str = ""
    date: str | None = None
    credential_id: str = ""


def _after(items: list[Item], index: int, cue: re.Pattern[str]) -> tuple[str, Item | None]:
    """The value an anchor introduces: the rest of its own line, or the next non-anchor line."""
    rest = cue.split(items[index].text, maxsplit=1)[-1].strip(" :,.")
    if len(rest) >= 3 and not _TITLE_CUE.search(rest):
        return rest, items[index]
    for item in items[index + 1 : index + 3]:
        text = item.text.strip(" :,.")
        if text and not _HOLDER_CUE.search(text) and not _TITLE_CUE.search(text):
            return text, item
    return "", None


def read_certificate(items: list[Item]) -> Certificate | None:
    """The certificate's facts, or None when the text has none of a certificate's anchors."""
    cert = Certificate()
    for i, item in enumerate(items):
        text = item.text
        if not cert.holder and _HOLDER_CUE.search(text):
            holder, _ = _after(items, i, _HOLDER_CUE)
            cert.holder = _TITLE_CUE.split(holder)[0].strip(" ,.")
        if not cert.title and _TITLE_CUE.search(text):
            cert.title, cert.title_item = _after(items, i, _TITLE_CUE)
        if not cert.issuer and _ISSUER_CUE.match(text):
            cert.issuer = _ISSUER_CUE.sub("", text).strip(" ,.")
        if not cert.credential_id and (m := _ID.search(text)):
            cert.credential_id = m.group(1)
        if cert.date is None:
            ranges = find_ranges(text)
            if ranges and ranges[0].start:
                cert.date = ranges[-1].start
    if not cert.title:  # "Certificate of Completion" / "AWS Certified Developer" style: the largest line
        named = [it for it in items if not _HEADING.match(it.text) and not _HOLDER_CUE.search(it.text) and it.text.strip()]
        if named:
            biggest = max(named, key=lambda it: (it.size, -it.top))
            cert.title, cert.title_item = biggest.text.strip(), biggest
    if not cert.issuer:
        cert.issuer = next(
            (it.text.strip(" ,.") for it in items if _ORG.search(it.text) and not _SIGNATURE.search(it.text)
             and it.text.strip(" ,.") not in (cert.title, cert.holder) and len(it.text.split()) <= 8),
            "",
        )
    if not cert.title or not (cert.holder or cert.issuer or cert.date):
        return None
    return cert
