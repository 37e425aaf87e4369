"""Undo steps kept in the vault, so a command-line change can be undone by a later command.

The app's undo stack lives in memory (one session); `vita documents remove` and friends end with
their process. Their steps are saved here (row images as JSON inside the encrypted vault), and
`vita undo` puts the newest back, but only when every row it touches is still as the step left
it: a vault changed since (by the app, another command, an import) refuses with a clear error
instead of undoing over newer work. Erasure empties the log (the images hold erased data).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, text

from core.jsonutil import dumps_sorted, tag_bytes, untag_bytes
from core.undo import BulkInsert, Change, RowChange, RowImage, UndoStep, quoted, revert

TABLE = "saved_undo"
KEEP = 20  # newest saved steps kept; older ones are dropped


def _image(img: RowImage | None) -> dict[str, Any] | None:
    return None if img is None else {k: tag_bytes(v) for k, v in img.items()}


def _unimage(img: dict[str, Any] | None) -> RowImage | None:
    return None if img is None else {k: untag_bytes(v) for k, v in img.items()}


def encode_step(step: UndoStep) -> str:
    """The step as JSON (bytes as base64), exactly restorable by `decode_step`."""
    changes: list[dict[str, Any]] = []
    for ch in step.changes:
        if isinstance(ch, BulkInsert):
            changes.append({"bulk": ch.table, "cols": list(ch.cols), "rows": [[tag_bytes(v) for v in r] for r in ch.rows]})
        else:
            changes.append({"table": ch.table, "pk": ch.pk, "before": _image(ch.before), "after": _image(ch.after)})
    return dumps_sorted({"label": step.label, "touched": sorted(step.touched), "changes": changes})


def decode_step(raw: str) -> UndoStep:
    data = json.loads(raw)
    changes: list[Change] = []
    for ch in data["changes"]:
        if "bulk" in ch:
            changes.append(BulkInsert(ch["bulk"], tuple(ch["cols"]), [tuple(untag_bytes(v) for v in r) for r in ch["rows"]]))
        else:
            changes.append(RowChange(ch["table"], int(ch["pk"]), _unimage(ch["before"]), _unimage(ch["after"])))
    return UndoStep(str(data["label"]), changes, set(data["touched"]))


def save(conn: Connection, step: UndoStep) -> None:
    """Keep `step` as the newest saved step (older ones beyond `KEEP` are dropped)."""
    if not step.changes:
        return
    conn.execute(text(f"INSERT INTO {TABLE} (label, saved_at, step) VALUES (:l, :t, :s)"),
                 {"l": step.label, "t": datetime.now(UTC).isoformat(timespec="seconds"), "s": encode_step(step)})
    conn.execute(text(f"DELETE FROM {TABLE} WHERE id NOT IN (SELECT id FROM {TABLE} ORDER BY id DESC LIMIT :k)"),
                 {"k": KEEP})


def newest(conn: Connection) -> tuple[int, UndoStep] | None:
    row = conn.execute(text(f"SELECT id, step FROM {TABLE} ORDER BY id DESC LIMIT 1")).first()
    return None if row is None else (int(row[0]), decode_step(str(row[1])))


def newest_label(conn: Connection) -> str | None:
    row = conn.execute(text(f"SELECT label FROM {TABLE} ORDER BY id DESC LIMIT 1")).first()
    return None if row is None else str(row[0])


def forget(conn: Connection, saved_id: int) -> None:
    """Drop one saved step (undone, or outdated). Erasure empties the table with the rest."""
    conn.execute(text(f"DELETE FROM {TABLE} WHERE id = :i"), {"i": saved_id})


def _final_images(changes: Iterable[Change]) -> dict[tuple[str, int], RowImage | None]:
    """Each row's image as the step left it (the last change to it wins)."""
    out: dict[tuple[str, int], RowImage | None] = {}
    for ch in changes:
        if isinstance(ch, BulkInsert):
            for r in ch.rows:
                out[(ch.table, int(r[0]))] = dict(zip(ch.cols, r, strict=True))
        else:
            out[(ch.table, ch.pk)] = ch.after
    return out


def stale_rows(conn: Connection, step: UndoStep) -> list[str]:
    """Rows the step wrote that have changed since ("table #id"); empty when it can be undone."""
    stale: list[str] = []
    for (table, pk), image in _final_images(step.changes).items():
        row = conn.execute(text(f"SELECT * FROM {quoted(table)} WHERE id = :id"), {"id": pk}).mappings().first()
        now = None if row is None else dict(row)
        if image is None:
            ok = now is None
        else:
            ok = now is not None and all(now.get(k) == v for k, v in image.items())
        if not ok:
            stale.append(f"{table} #{pk}")
    return stale


__all__ = ["KEEP", "TABLE", "decode_step", "encode_step", "forget", "newest", "newest_label", "revert", "save",
           "stale_rows"]
