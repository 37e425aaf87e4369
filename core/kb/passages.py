"""A fact's source passages: each source with the document text around its span, for highlighting."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from core.workspace import Workspace


@dataclass(frozen=True, slots=True)
class Passage:
    """A source passage of a fact with the span to highlight."""

    kind: str  # document | person | interview | imported
    document_id: int | None
    document: str
    page: int | None
    before: str
    span: str
    after: str
    start: int | None
    extractor: str
    confidence: float
    note: str = ""


def provenance(ws: Workspace, *, fact_id: int, context: int = 240) -> list[Passage]:
    """Every source of the fact, with up to `context` characters of document text either side."""
    out: list[Passage] = []
    for src in ws.fact_sources(fact_id):
        doc_name, before, span, after = "", "", "", ""
        if src.document_id is not None:
            with ws.reading() as conn:
                row = conn.execute(text("SELECT source_name, text FROM documents WHERE id = :d"),
                                   {"d": src.document_id}).first()
            if row is not None:
                doc_name, body = str(row[0]), str(row[1] or "")
                if src.start is not None and src.end is not None:
                    s, e = max(0, src.start), min(len(body), src.end)
                    before, span, after = body[max(0, s - context):s], body[s:e], body[e:e + context]
        elif src.chat_message_id is not None:  # an interview answer: the passage is the person's message
            with ws.reading() as conn:
                row = conn.execute(text("SELECT c.title, m.text FROM chat_messages m JOIN chats c ON c.id = m.chat_id "
                                        "WHERE m.id = :m"), {"m": src.chat_message_id}).first()
            if row is not None:
                doc_name, body = str(row[0]), str(row[1] or "")
                if src.start is not None and src.end is not None:
                    s, e = max(0, src.start), min(len(body), src.end)
                    before, span, after = body[max(0, s - context):s], body[s:e], body[e:e + context]
                else:  # a value typed on the confirmation card: the message, nothing highlighted
                    before = body[:2 * context]
        out.append(Passage(src.source_kind.value, src.document_id, doc_name, src.page, before, span, after, src.start,
                           f"{src.extractor} {src.extractor_version}".strip(), src.confidence, src.note))
    return out
