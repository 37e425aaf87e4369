"""Document type from keyword and structure features, with an honest confidence."""

from __future__ import annotations

import re

from core.extract.sections import Section
from core.model import DocumentType

CUES: dict[DocumentType, tuple[str, ...]] = {
    DocumentType.cover_letter: (
        r"\bdear\b", r"\bsincerely\b", r"\byours (?:truly|faithfully)\b", r"\bbest regards\b",
        r"\bi am (?:writing|excited|applying)\b", r"\bapply(?:ing)? for\b", r"\bhiring manager\b",
        r"\bcover letter\b", r"\bthank you for (?:your )?(?:time|consideration)\b", r"\bi look forward\b",
    ),
    DocumentType.job_description: (
        r"\bresponsibilities\b", r"\brequirements\b", r"\bwe are looking for\b", r"\bwe offer\b",
        r"\bthe ideal candidate\b", r"\bqualifications\b", r"\bwhat you(?:'|’)ll do\b", r"\babout (?:the|this) role\b",
        r"\bbenefits\b", r"\bjob description\b", r"\bapply now\b", r"\byou will\b", r"\bequal opportunity\b",
        r"\bnice to have\b", r"\bmust have\b",
    ),
    DocumentType.performance_review: (
        r"\bperformance (?:review|appraisal|evaluation)\b", r"\breview period\b", r"\bmeets expectations\b",
        r"\bexceeds expectations\b", r"\brating\b", r"\breviewer\b", r"\bemployee\b", r"\bareas? (?:for|of) improvement\b",
        r"\bgoals? for next\b", r"\bmanager comments\b", r"\bself[- ]assessment\b",
    ),
    DocumentType.certificate: (
        r"\bcertif(?:y|ies) that\b", r"\bcertificate of\b", r"\bhas (?:successfully )?completed\b",
        r"\bis hereby\b", r"\bawarded to\b", r"\bin recognition of\b", r"\bcredential id\b", r"\bthis certificate\b",
    ),
    DocumentType.transcript: (
        r"\btranscript\b", r"\bcredits?\b", r"\bsemester\b", r"\bgpa\b", r"\bcourse (?:code|title)\b",
        r"\bterm\b", r"\bcumulative\b", r"\bgrade points?\b", r"\bregistrar\b",
    ),
    DocumentType.reference_letter: (
        r"\bto whom it may concern\b", r"\brecommend\w*\b", r"\bit is my pleasure\b", r"\breference\b",
        r"\bi have known\b", r"\bwithout (?:reservation|hesitation)\b", r"\bworked (?:with|under) me\b",
        r"\b(?:he|she|they) (?:was|were|is|are) (?:a|an|always)\b",
    ),
}
RESUME_SECTIONS = {"work", "education", "skills", "summary", "certificates", "languages", "projects"}


def classify(text: str, sections: list[Section], n_roles: int) -> tuple[DocumentType, float]:
    """Pick the document type with the strongest evidence; confidence reflects the margin."""
    low = text.lower()[:20000]
    scores: dict[DocumentType, float] = {}
    for dtype, pats in CUES.items():
        scores[dtype] = float(sum(1 for p in pats if re.search(p, low)))
    kinds = {s.kind for s in sections}
    resume_sections = len(kinds & RESUME_SECTIONS)
    scores[DocumentType.resume] = resume_sections * 1.5 + min(n_roles, 4) * 0.75
    first_person = len(re.findall(r"\b(?:i|my|me)\b", low))
    words = max(len(low.split()), 1)
    if first_person / words > 0.02 and resume_sections <= 2:
        scores[DocumentType.cover_letter] += 1.5
    if re.search(r"\b(?:dear|to whom)\b", low[:600]):
        scores[DocumentType.resume] -= 2
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < 2:
        return DocumentType.other, 0.4
    confidence = min(0.97, 0.5 + 0.5 * (top - second) / (top + 1))
    return best, round(confidence, 2)
