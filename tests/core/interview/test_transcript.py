"""The transcript is in the vault, searchable, and erased with everything else; behavioural
dimensions come with their evidence."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text

from core.interview.engine import Interview
from core.interview.stories import behaviour_profile
from core.interview.transcript import messages, search_transcript
from core.kb import erase_everything
from core.kb.editing import NewFact, create_fact
from core.model import FactType
from core.workspace import Workspace
from tests.core.interview.fixtures import seed_record

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_transcript_is_searchable_and_erased_with_everything(ws: Workspace) -> None:
    seed_record(ws)
    iv = Interview(ws, now=NOW)
    iv.start()
    iv.answer("We were based in Tromsø, mostly at the harbour office")
    hits = search_transcript(ws, "harbour office")
    assert [m.role for m in hits] == ["person"] and "Tromsø" in hits[0].text
    assert len(messages(ws)) >= 2
    erase_everything(ws, backups=False)
    assert messages(ws) == [] and search_transcript(ws, "harbour") == []
    with ws.reading() as conn:
        for table in ("interview_sessions", "interview_slots", "chats"):
            assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() == 0
    raw = ws.vault.path.read_bytes()
    assert b"harbour" not in raw and b"Troms" not in raw  # encrypted, and gone after the scrub


def test_behaviour_dimensions_list_their_evidence(ws: Workspace) -> None:
    create_fact(ws, NewFact(FactType.achievement, "Led a team of 4 and mentored two juniors", {}))
    create_fact(ws, NewFact(FactType.story, "Fixed the nightly import", {
        "situation": "The nightly import failed often.", "task": "Find why.",
        "action": "I diagnosed the root cause and presented the fix to the ops team.",
        "result": "No failures in six months."}))
    prof = {d.dimension: d for d in behaviour_profile(ws)}
    assert prof["leadership"].score > 0 and {e.text for e in prof["leadership"].evidence} >= {"Led", "mentored"}
    assert prof["problem_solving"].score > prof["learning"].score == 0.0
    assert prof["learning"].evidence == ()
    assert all(e.fact_type in ("story", "achievement") for d in prof.values() for e in d.evidence)


def test_transcript_travels_in_a_vita_export_and_stays_searchable(ws: Workspace, ws2: Workspace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from core.exchange.vita_format import import_vita, write_vita

    seed_record(ws)
    iv = Interview(ws, now=NOW)
    iv.start()
    iv.answer("I looked after the harbour office rota")
    path = write_vita(ws, tmp_path / "all.vita.json")
    counts = import_vita(ws2, json.loads(path.read_text("utf-8")))
    assert counts["chat_messages"] == len(messages(ws)) and "chat_messages_fts_data" not in counts
    assert [m.text for m in search_transcript(ws2, "harbour rota")] == ["I looked after the harbour office rota"]
