"""Whether a resume is ready to send: the person's name and contact are on it even before they
are approved (with a warning saying so), and an export with nothing to show is refused with a
message that says what to approve."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from core.errors import ExportError
from core.exchange.selection import Selected
from core.model import FactStatus, FactType, Visibility
from core.workspace import Workspace, fact_from_row

IDENTITY_KINDS = ("name", "email", "phone", "location")
_SAID = {"name": "name", "email": "e-mail address", "phone": "phone number", "location": "location"}
# JSON Resume sections that make a resume worth sending (basics alone is a business card)
CONTENT_SECTIONS = ("work", "education", "skills", "projects", "volunteer", "awards", "certificates",
                    "publications", "languages")


def fill_identity(ws: Workspace, sel: Selected) -> list[str]:
    """Add the best pending name/contact facts the selection lacks; returns a warning per kind used."""
    have = {str(f.attributes.get("kind")) for f in sel.of_type(FactType.contact)}
    missing = [k for k in IDENTITY_KINDS if k not in have]
    if not missing:
        return []
    with ws.reading() as conn:
        rows = conn.execute(text(
            "SELECT * FROM facts WHERE type = :t AND status = :s AND visibility = :v "
            "ORDER BY confidence DESC, id"),
            {"t": FactType.contact.value, "s": FactStatus.pending.value, "v": Visibility.exportable.value},
        ).mappings().all()
    used: list[str] = []
    for kind in missing:
        hit = next((fact_from_row(r) for r in rows if _kind(r) == kind), None)
        if hit is not None:
            sel.facts[hit.id] = hit
            used.append(kind)
    if not used:
        return []
    listed = ", ".join(_SAID[k] for k in used)
    return [f"Your {listed} {'is' if len(used) == 1 else 'are'} not approved yet; the resume shows what Vita "
            "found. Approve them in Knowledge so this warning goes away."]


def _kind(row: Any) -> str:
    import json

    try:
        attrs = json.loads(row["attributes"] or "{}")
    except ValueError:
        return ""
    return str(attrs.get("kind") or "") if isinstance(attrs, dict) else ""


def require_content(resume: dict[str, Any], *, pending_included: bool) -> None:
    """Refuse a resume with nothing but a header: say what to approve instead of writing a blank page."""
    if any(resume.get(section) for section in CONTENT_SECTIONS):
        return
    if pending_included:
        raise ExportError("There is nothing to put on a resume yet: no roles, education or skills are stored.",
                          hint="Add your resume first (drop it on the window or run `vita ingest FILE`).")
    raise ExportError("Nothing to export yet: none of your roles, education or skills is approved.",
                      hint="Approve them in Knowledge (or `vita facts approve`), or include facts not yet "
                           "approved (the export option, or `--include-pending`).")
