"""Undo in the core: every mutation records row images, so any step can be undone and redone."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, text

RowImage = dict[str, Any]


def quoted(name: str) -> str:
    """A table or column name quoted for SQL."""
    return '"' + name.replace('"', '""') + '"'


@dataclass(slots=True)
class RowChange:
    table: str
    pk: int
    before: RowImage | None
    after: RowImage | None


@dataclass(slots=True)
class BulkInsert:
    """Rows that one executemany inserted: a compact undo record for imports of thousands of
    facts (one tuple per row, `cols[0]` is "id"), undone by id and redone by one executemany."""

    table: str
    cols: tuple[str, ...]
    rows: list[tuple[Any, ...]]


Change = RowChange | BulkInsert


@dataclass(slots=True)
class UndoStep:
    label: str
    changes: list[Change] = field(default_factory=list)
    touched: set[str] = field(default_factory=set)  # table names, for the change descriptor

    def pks(self, table: str) -> Iterator[int]:
        """Ids of the rows of `table` this step wrote."""
        for ch in self.changes:
            if ch.table != table:
                continue
            if isinstance(ch, BulkInsert):
                yield from (int(r[0]) for r in ch.rows)
            else:
                yield ch.pk


class RecordingTxn:
    """Row-level writes inside one transaction, each recorded for undo."""

    def __init__(self, conn: Connection, step: UndoStep) -> None:
        self.conn = conn
        self.step = step

    def _row(self, table: str, pk: int) -> RowImage | None:
        row = self.conn.execute(text(f"SELECT * FROM {quoted(table)} WHERE id = :id"), {"id": pk}).mappings().first()
        return dict(row) if row else None

    def insert(self, table: str, values: RowImage) -> int:
        cols = ", ".join(quoted(c) for c in values)
        params = ", ".join(f":{c}" for c in values)
        res = self.conn.execute(text(f"INSERT INTO {quoted(table)} ({cols}) VALUES ({params})"), values)
        pk = int(res.lastrowid or values.get("id") or 0)
        self.step.changes.append(RowChange(table, pk, None, self._row(table, pk)))
        self.step.touched.add(table)
        return pk

    def insert_written(self, table: str, values: RowImage) -> int:
        """Insert one row and record the image as written, without reading it back (columns not
        named take their fixed defaults on redo too). The DBAPI cursor of the same transaction
        is used: ingest and enrichment write thousands of rows this way."""
        cols = ", ".join(quoted(c) for c in values)
        dbapi: Any = self.conn.connection.driver_connection
        cur = dbapi.execute(f"INSERT INTO {quoted(table)} ({cols}) VALUES ({', '.join(':' + c for c in values)})", values)
        pk = int(cur.lastrowid)
        self.step.changes.append(RowChange(table, pk, None, {"id": pk, **values}))
        self.step.touched.add(table)
        return pk

    def insert_many(self, table: str, cols: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """Insert rows with explicit ids (`cols[0]` must be "id") in one executemany.

        The DBAPI cursor of the same connection and transaction is used directly: SQLAlchemy's
        per-row parameter processing costs more than SQLite's insert itself at this volume.
        """
        if not rows:
            return
        if cols[0] != "id":
            raise ValueError("insert_many needs the id as the first column")
        names = ", ".join(quoted(c) for c in cols)
        marks = ", ".join("?" for _ in cols)
        dbapi: Any = self.conn.connection.driver_connection
        dbapi.executemany(f"INSERT INTO {quoted(table)} ({names}) VALUES ({marks})", rows)
        self.step.changes.append(BulkInsert(table, tuple(cols), rows))
        self.step.touched.add(table)

    def update(self, table: str, pk: int, values: RowImage) -> RowImage | None:
        before = self._row(table, pk)
        if before is None:
            return None
        sets = ", ".join(f"{quoted(c)} = :{c}" for c in values)
        self.conn.execute(text(f"UPDATE {quoted(table)} SET {sets} WHERE id = :__pk"), {**values, "__pk": pk})
        self.step.changes.append(RowChange(table, pk, before, self._row(table, pk)))
        self.step.touched.add(table)
        return before

    def delete(self, table: str, pk: int) -> RowImage | None:
        before = self._row(table, pk)
        if before is None:
            return None
        self.conn.execute(text(f"DELETE FROM {quoted(table)} WHERE id = :id"), {"id": pk})
        self.step.changes.append(RowChange(table, pk, before, None))
        self.step.touched.add(table)
        return before

    def delete_where(self, table: str, where: str, params: RowImage) -> list[RowImage]:
        ids = [r[0] for r in self.conn.execute(text(f"SELECT id FROM {quoted(table)} WHERE {where}"), params)]
        return [row for pk in ids if (row := self.delete(table, pk)) is not None]


def _apply(conn: Connection, changes: Iterable[Change], *, reverse: bool) -> None:
    """Put each row into its `before` image (undo) or its `after` image (redo)."""
    for ch in changes:
        if isinstance(ch, BulkInsert):
            t = quoted(ch.table)
            if reverse:
                conn.exec_driver_sql(f"DELETE FROM {t} WHERE id = ?", [(r[0],) for r in ch.rows])
            else:
                names = ", ".join(quoted(c) for c in ch.cols)
                conn.exec_driver_sql(f"INSERT INTO {t} ({names}) VALUES ({', '.join('?' for _ in ch.cols)})",
                                     ch.rows)
            continue
        target = ch.before if reverse else ch.after
        t = quoted(ch.table)
        if target is None:
            conn.execute(text(f"DELETE FROM {t} WHERE id = :id"), {"id": ch.pk})
            continue
        exists = conn.execute(text(f"SELECT 1 FROM {t} WHERE id = :id"), {"id": ch.pk}).first()
        if exists:  # UPDATE, not delete+insert: a delete would cascade to dependent rows
            sets = ", ".join(f"{quoted(c)} = :{c}" for c in target if c != "id")
            conn.execute(text(f"UPDATE {t} SET {sets} WHERE id = :id"), target)
        else:
            cols = ", ".join(quoted(c) for c in target)
            params = ", ".join(f":{c}" for c in target)
            conn.execute(text(f"INSERT INTO {t} ({cols}) VALUES ({params})"), target)


class UndoStack:
    """Named undo/redo steps (most recent last); the Edit menu reads `status()`."""

    def __init__(self, limit: int = 200) -> None:
        self.limit = limit
        self._undo: list[UndoStep] = []
        self._redo: list[UndoStep] = []

    def push(self, step: UndoStep) -> None:
        if not step.changes:
            return
        self._undo.append(step)
        del self._undo[: -self.limit]
        self._redo.clear()

    def fold_last(self, *, top_label: str, into_label: str) -> bool:
        """Join the newest step into the one before it when their labels are as expected, so a
        follow-up write (linking the facts an import stored) is undone together with the import."""
        if len(self._undo) < 2 or self._undo[-1].label != top_label or self._undo[-2].label != into_label:
            return False
        top = self._undo.pop()
        self._undo[-1].changes.extend(top.changes)
        self._undo[-1].touched |= top.touched
        return True

    def depth(self) -> int:
        return len(self._undo)

    def newest(self, count: int) -> list[UndoStep]:
        """The newest `count` undo steps, oldest first."""
        return self._undo[-count:] if count > 0 else []

    def undo_label(self) -> str | None:
        return self._undo[-1].label if self._undo else None

    def redo_label(self) -> str | None:
        return self._redo[-1].label if self._redo else None

    def undo(self, conn: Connection) -> UndoStep | None:
        if not self._undo:
            return None
        step = self._undo[-1]
        revert(conn, step)
        return step

    def commit_undo(self) -> None:
        self._redo.append(self._undo.pop())

    def redo(self, conn: Connection) -> UndoStep | None:
        if not self._redo:
            return None
        step = self._redo[-1]
        _apply(conn, step.changes, reverse=False)
        return step

    def commit_redo(self) -> None:
        self._undo.append(self._redo.pop())

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()


def revert(conn: Connection, step: UndoStep) -> None:
    """Put every row a step wrote back as it was before it."""
    _apply(conn, reversed(step.changes), reverse=True)
