"""Which model made the vault's vectors: a settings row, checked before vectors are read or written.

Vectors of two models must not be compared (the int8 export's are ~0.99 cosine to the float32
one's). The embedder names its model (`model_id`, the graph file's SHA-256); when the vault's
row names another one, or none while vectors exist (a vault from before the row), the text cache
and the fact vectors are dropped and the facts that ingest embeds are embedded again, once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import text

if TYPE_CHECKING:
    from core.workspace import Workspace

SETTING = "embedding_model"


def embedder_model_id(ws: Workspace) -> str:
    """The workspace embedder's model id ('' for an embedder that does not name one, e.g. a test double)."""
    embedding = ws.services.embedder()
    encoder = getattr(embedding, "encoder", embedding)
    return str(getattr(encoder, "model_id", "") or "")


def stored_model_id(ws: Workspace) -> str | None:
    with ws.reading() as conn:
        value = conn.execute(text("SELECT value FROM settings WHERE key = :k"), {"k": SETTING}).scalar()
    return None if value is None else str(value)


def ensure_model(ws: Workspace) -> int:
    """Make the vault's vectors the current model's: drop those of another model and embed the facts
    again. Returns how many fact vectors were written again (0 when nothing changed)."""
    current = embedder_model_id(ws)
    if not current or stored_model_id(ws) == current:
        return 0
    with ws.lock, ws.vault.engine.begin() as conn:
        stored = conn.execute(text("SELECT value FROM settings WHERE key = :k"), {"k": SETTING}).scalar()
        if stored == current:  # another thread got here first
            return 0
        had = int(conn.execute(text("SELECT count(*) FROM fact_vectors")).scalar_one())
        conn.execute(text("DELETE FROM embedding_cache"))
        conn.execute(text("DELETE FROM fact_vectors"))
        conn.execute(text("INSERT OR REPLACE INTO settings(key, value) VALUES (:k, :v)"), {"k": SETTING, "v": current})
    if not had:
        return 0
    from core.index.vectors import index_facts

    return index_facts(ws)
