"""Whose document is this? A document's name, e-mail and phone compared with the profile's
approved identity, so another person's resume is not merged into this record silently."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from sqlalchemy import text

from core.model import FactStatus, FactType
from core.workspace import Workspace

IDENTITY_KINDS = ("name", "email", "phone")


@dataclass(frozen=True, slots=True)
class IdentityClash:
    """The document names someone else: its values and the profile's approved ones, per kind."""

    document_id: int
    source_name: str
    theirs: dict[str, list[str]] = field(default_factory=dict)
    ours: dict[str, list[str]] = field(default_factory=dict)

    def describe(self) -> str:
        """One line per kind that differs: “Name: Casimir Dunleavy (your profile: Jamie Fennel)”."""
        labels = {"name": "Name", "email": "E-mail", "phone": "Phone"}
        return "\n".join(f"{labels[k]}: {', '.join(self.theirs[k])} (your profile: {', '.join(self.ours[k])})"
                         for k in IDENTITY_KINDS if k in self.theirs and k in self.ours)


def same_identity_value(kind: str, a: str, b: str) -> bool:
    """Names compare without case, accents of spacing or punctuation; e-mails without case; phones
    by their last nine digits (country prefixes and spacing differ between documents)."""
    if kind == "phone":
        da, db = re.sub(r"\D", "", a), re.sub(r"\D", "", b)
        return bool(da) and bool(db) and da[-9:] == db[-9:]
    if kind == "email":
        return a.strip().casefold() == b.strip().casefold()
    def norm(s: str) -> str:
        return " ".join(re.sub(r"[\W_]+", " ", s.casefold()).split())
    return norm(a) == norm(b)


def _identity_rows(ws: Workspace, document_id: int) -> tuple[str | None, dict[str, list[str]], dict[str, list[str]]]:
    theirs: dict[str, list[str]] = {}
    ours: dict[str, list[str]] = {}
    with ws.reading() as conn:
        row = conn.execute(text("SELECT source_name FROM documents WHERE id = :d"), {"d": document_id}).first()
        if row is None:
            return None, theirs, ours
        facts = conn.execute(text(
            "SELECT f.id, f.value, f.attributes, f.status, "
            "  EXISTS(SELECT 1 FROM fact_sources s WHERE s.fact_id = f.id AND s.document_id = :d) AS from_doc, "
            "  EXISTS(SELECT 1 FROM fact_sources s WHERE s.fact_id = f.id "
            "         AND (s.document_id IS NULL OR s.document_id != :d)) AS elsewhere "
            "FROM facts f WHERE f.type = :t ORDER BY f.id"),
            {"d": document_id, "t": FactType.contact.value}).all()
    for _fid, value, attrs, status, from_doc, elsewhere in facts:
        try:
            kind = str((json.loads(attrs or "{}") or {}).get("kind") or "")
        except ValueError:
            continue
        if kind not in IDENTITY_KINDS:
            continue
        if from_doc:
            theirs.setdefault(kind, []).append(str(value))
        if status == FactStatus.approved.value and elsewhere:
            ours.setdefault(kind, []).append(str(value))
    return str(row[0]), theirs, ours


def identity_clash(ws: Workspace, document_id: int) -> IdentityClash | None:
    """A clash when the document states a name, e-mail or phone, the profile has approved ones of
    the same kind from other sources, and not one of them agrees; None otherwise (including a
    profile with no approved identity yet, where the first resume defines it)."""
    name, theirs, ours = _identity_rows(ws, document_id)
    if name is None:
        return None
    shared = [k for k in IDENTITY_KINDS if k in theirs and k in ours]
    if not shared:
        return None
    agree = any(same_identity_value(k, a, b) for k in shared for a in theirs[k] for b in ours[k])
    if agree:
        return None
    return IdentityClash(document_id, name, {k: theirs[k] for k in shared}, {k: ours[k] for k in shared})
