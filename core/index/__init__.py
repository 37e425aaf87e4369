"""Semantic index of facts: cached text embeddings and sqlite-vec KNN inside the vault."""

from __future__ import annotations

from core.index.cache import embed_texts, forget_texts, text_hash
from core.index.vectors import fact_text, index_facts, knn, vector_count

__all__ = ["embed_texts", "fact_text", "forget_texts", "index_facts", "knn", "text_hash", "vector_count"]
