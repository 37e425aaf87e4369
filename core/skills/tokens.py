"""The offline spaCy pipeline used for matching: blank English with '/' always split."""

from __future__ import annotations

import sys
import threading
from functools import lru_cache
from typing import Any


def _import_spacy_without_torch() -> Any:
    """Import spaCy while hiding torch: thinc imports torch eagerly (seconds) but a blank
    tokenizer never uses it. torch stays importable afterwards (the embedder imports it).
    Only done while a single thread runs, so no other thread can see the hidden module."""
    hide = "torch" not in sys.modules and "spacy" not in sys.modules and threading.active_count() == 1
    if hide:
        sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        import spacy
    finally:
        if hide and sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
    return spacy


@lru_cache(maxsize=1)
def blank_nlp() -> Any:
    """`spacy.blank("en")` whose tokenizer also splits on '/' (so "Vue.js/React" is 3 tokens)."""
    spacy = _import_spacy_without_torch()
    from spacy.util import compile_infix_regex

    nlp: Any = spacy.blank("en")
    infixes = [*list(nlp.Defaults.infixes), r"/", r"(?<=[a-z])\.(?=[A-Z])"]
    tokenizer: Any = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    tokenizer.url_match = None  # "Vue.js/React" is two skills, not a URL
    nlp.add_pipe("sentencizer", config={"punct_chars": [".", "!", "?", "\n", ";", "•"]})
    return nlp
