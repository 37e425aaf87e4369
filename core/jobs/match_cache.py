"""The vault's per-job match cache: what matching derives from a posting alone (the parsed posting,
its requirement vectors, its skills' related ids), so the first ranking after start-up is warm.

A row is used only while the posting's title and text hash and the version (parser, lexicon, embedding
model, O*NET release) are unchanged; otherwise the posting is parsed again and the row replaced. The
table is derived data: left out of exports, emptied by erasure, dropped with its posting.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, text

from core.facts import now_iso
from core.jobs.model import OccupationGuess, ParsedPosting, Requirement, RequirementKind

if TYPE_CHECKING:
    from core.jobs.matcher import JobMatcher
    from core.jobs.store import JobPosting
    from core.workspace import Workspace

# Bump when posting parsing, the meaning or related rungs' inputs, or this row layout change. The
# lexicon files, the embedding model and the O*NET release are part of the version on their own.
CACHE_FORMAT = 1
LEXICON_DIR = Path(__file__).resolve().parents[2] / "resources" / "lexicon"
_LOOKUP_CHUNK = 500


def posting_hash(title: str, body: str) -> str:
    """SHA-256 of a posting's title and text (an edit of either invalidates its row)."""
    return hashlib.sha256(f"{title}\n\x00{body}".encode()).hexdigest()


def cache_version(matcher: JobMatcher) -> str:
    """The parser/model version a row must carry to be used with this matcher (computed once per matcher)."""
    known = getattr(matcher, "_cache_version", None)
    if isinstance(known, str):
        return known
    from core.embed import MODEL_SHA256
    from core.jobs import matcher as matcher_module

    h = hashlib.sha256(f"format {CACHE_FORMAT}\n".encode())
    for path in sorted(LEXICON_DIR.glob("*")):
        if path.is_file() and path.suffix in (".txt", ".json", ".tsv"):
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    h.update(f"embed {MODEL_SHA256 if matcher.embed is not None else 'none'}\n".encode())
    h.update(f"related {matcher_module.RELATED_MIN} {matcher_module.RELATED_NEIGHBOUR_MIN}\n".encode())
    meta = matcher.store.meta() if matcher.store is not None else {}
    h.update(json.dumps(meta, sort_keys=True).encode())
    version = h.hexdigest()[:32]
    matcher._cache_version = version  # type: ignore[attr-defined]
    return version


def parsed_to_json(parsed: ParsedPosting) -> str:
    """A parsed posting without its text (the posting row keeps that)."""
    d = asdict(parsed)
    d.pop("text")
    return json.dumps(d, ensure_ascii=False, separators=(",", ":"))


def parsed_from_json(data: str, body: str) -> ParsedPosting:
    d = json.loads(data)
    reqs = tuple(Requirement(**{**r, "kind": RequirementKind(r["kind"]), "fields": tuple(r["fields"])})
                 for r in d["requirements"])
    occs = tuple(OccupationGuess(**o) for o in d["occupations"])
    return ParsedPosting(d["title"], body, reqs, d["seniority"], d["remote"], occs, d["job_zone"])


def cached_parse(ws: Workspace, matcher: JobMatcher, postings: Sequence[JobPosting]) -> list[ParsedPosting]:
    """The postings parsed, from the vault's cache where its rows are current; new or changed ones are
    parsed, their vectors and related skills computed, and their rows written in one short transaction."""
    import numpy as np

    version = cache_version(matcher)
    rows = _rows(ws, [p.id for p in postings])
    stale: list[JobPosting] = []
    for p in postings:
        row = rows.get(p.id)
        if row is None or row[0] != posting_hash(p.title, p.text) or row[1] != version:
            stale.append(p)
            continue
        _, _, parsed_json, derived_json, blob = row
        derived = json.loads(derived_json)
        matcher.remember(p.title, p.text, parsed_from_json(parsed_json, p.text), derived.get("related", {}))
        texts = derived.get("texts", [])
        if blob and texts and matcher.embed is not None:
            matcher.embed.remember(texts, np.frombuffer(blob, dtype="<f4").reshape(len(texts), -1))
    if stale:
        fresh = matcher.parse([(p.title, p.text) for p in stale])
        _write(ws, [(p, parsed, version, *matcher.derived(parsed)) for p, parsed in zip(stale, fresh, strict=True)])
    return matcher.parse([(p.title, p.text) for p in postings])


def _rows(ws: Workspace, ids: list[int]) -> dict[int, tuple[str, str, str, str, bytes]]:
    query = text("SELECT posting_id, text_hash, version, parsed, derived, vectors FROM job_match_cache "
                 "WHERE posting_id IN :ids").bindparams(bindparam("ids", expanding=True))
    out: dict[int, tuple[str, str, str, str, bytes]] = {}
    with ws.reading() as conn:
        for i in range(0, len(ids), _LOOKUP_CHUNK):
            for r in conn.execute(query, {"ids": ids[i:i + _LOOKUP_CHUNK]}):
                out[int(r[0])] = (r[1], r[2], r[3], r[4], bytes(r[5] or b""))
    return out


def _write(ws: Workspace, items: list[tuple[Any, ...]]) -> None:
    """Replace the rows of these postings (not an undo step: derived data, no change flags)."""
    import numpy as np

    now = now_iso()
    rows = []
    for posting, parsed, version, texts, vectors, related in items:
        blob = np.asarray(vectors, dtype="<f4").tobytes() if vectors is not None and len(texts) else b""
        rows.append({"id": posting.id, "h": posting_hash(posting.title, posting.text), "v": version,
                     "p": parsed_to_json(parsed), "d": json.dumps({"texts": texts, "related": related}),
                     "b": blob, "t": now})
    with ws.lock, ws.vault.engine.begin() as conn:
        # a posting deleted meanwhile gets no row
        conn.execute(text("INSERT OR REPLACE INTO job_match_cache(posting_id, text_hash, version, parsed, derived, "
                          "vectors, created_at) SELECT :id, :h, :v, :p, :d, :b, :t "
                          "WHERE EXISTS (SELECT 1 FROM job_postings WHERE id = :id)"), rows)
