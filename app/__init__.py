"""Vita: a private, local career knowledge base."""

__version__ = "0.1.0"
