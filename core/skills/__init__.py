"""Skill extraction (knowledge and skill layers) over the starter lexicon and O*NET."""

from __future__ import annotations

from core.skills.extractor import SkillExtractor
from core.skills.lexicon import Lexicon, LexiconEntry, load_lexicon
from core.skills.model import SkillSpan

__all__ = ["Lexicon", "LexiconEntry", "SkillExtractor", "SkillSpan", "load_lexicon"]
