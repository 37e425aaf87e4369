"""The person settles an O*NET tie: of the occupations a title matched equally well, they pick the
one they meant; the role's link is then certain (theirs) and the other candidates are dropped."""

from __future__ import annotations

import json

from sqlalchemy import text

from core.changes import Changes
from core.enrich.plan import OCCUPATION_PREFIX
from core.errors import InvalidInput, NotFound
from core.facts import now_iso, update_fact_row
from core.model import EdgeKind, FactType
from core.workspace import Workspace


def choose_occupation(ws: Workspace, role_id: int, code: str) -> Changes:
    """Link the role to the chosen candidate occupation (one undo step)."""
    with ws.mutation("Choose occupation") as txn:
        row = txn.conn.execute(text("SELECT type, attributes FROM facts WHERE id = :id"), {"id": role_id}).first()
        if row is None:
            raise NotFound(f"Fact {role_id} does not exist.")
        if row[0] != FactType.role.value:
            raise InvalidInput("Only a role is linked to an occupation.")
        attrs = json.loads(row[1] or "{}")
        candidates = {c.get("code"): c for c in attrs.get("onet_candidates") or [] if isinstance(c, dict)}
        if code not in candidates and code != attrs.get("onet_code"):
            raise InvalidInput(f"{code} is not one of the occupations this title matched.")
        chosen = candidates.get(code) or {"code": code, "title": attrs.get("onet_title")}
        attrs.pop("onet_candidates", None)
        attrs.update({"onet_code": code, "onet_title": chosen.get("title"), "onet_confidence": 1.0})
        update_fact_row(txn, role_id, attributes=attrs, action="choose_occupation")
        txn.delete_where("edges", "kind = :k AND src_id = :f AND dst_ref LIKE :p",
                         {"k": EdgeKind.maps_to.value, "f": role_id, "p": f"{OCCUPATION_PREFIX}%"})
        txn.insert("edges", {"kind": EdgeKind.maps_to.value, "src_id": role_id, "dst_id": None,
                             "dst_ref": f"{OCCUPATION_PREFIX}{code}", "weight": 1.0, "created_at": now_iso()})
    return ws.changes_for(txn.step, frozenset({role_id}))
