"""Semantic index of facts: cached text embeddings and sqlite-vec KNN inside the vault."""

from __future__ import annotations

from core.index.cache import embed_texts, forget_texts, text_hash
from core.index.provenance import ensure_model
from core.index.vectors import (
           LAZY_TYPES,
           ensure_vectors,
           fact_text,
           index_facts,
           knn,
           missing_count,
           vector_count,
)

__all__ = ["LAZY_TYPES", "embed_texts", "ensure_model", "ensure_vectors", "fact_text", "forget_texts", "index_facts", "knn",
           "missing_count", "text_hash", "vector_count"]
