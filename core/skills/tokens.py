"""The offline spaCy pipeline used for matching: blank English with '/' always split."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def blank_nlp() -> Any:
    """`spacy.blank("en")` whose tokenizer also splits on '/' (so "Vue.js/React" is 3 tokens)."""
    import spacy
    from spacy.util import compile_infix_regex

    nlp: Any = spacy.blank("en")
    infixes = [*list(nlp.Defaults.infixes), r"/", r"(?<=[a-z])\.(?=[A-Z])"]
    tokenizer: Any = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    tokenizer.url_match = None  # "Vue.js/React" is two skills, not a URL
    nlp.add_pipe("sentencizer", config={"punct_chars": [".", "!", "?", "\n", ";", "•"]})
    return nlp
