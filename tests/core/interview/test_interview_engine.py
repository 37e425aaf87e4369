"""The interview on a real vault: selection order, confirmation and undo, skip and the 30-day
rule, resume, the budget of 8, stories, and nothing stored that is not in the person's words."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from core.interview.engine import Interview
from core.interview.select import next_slot, priority
from core.interview.transcript import messages
from core.kb.passages import provenance
from core.model import FactType, SourceKind
from core.profile import career_profile
from core.workspace import Workspace
from tests.core.interview.fixtures import seed_record

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_first_question_is_the_best_value_per_effort_and_names_the_entity(ws: Workspace) -> None:
    seed_record(ws)
    iv = Interview(ws, now=NOW)
    slots = iv.slots()
    best = next_slot(slots, blocked=set())
    assert best is not None
    assert all(priority(best) >= priority(s) for s in slots if s.open)
    turn = iv.start()
    assert turn.kind == "question" and turn.slot_key == best.key
    # the most recent role, its cheapest valuable gap: where it was (dates are known, location not)
    assert turn.slot_key.startswith("role:") and "Northwind Traders (2019–2021)" in turn.text
    assert turn.progress == "1 of 8"


def test_selection_order_is_deterministic_and_stays_on_topic(ws: Workspace) -> None:
    seed_record(ws)
    a = [s.key for s in sorted(Interview(ws, now=NOW).slots(), key=lambda s: (-priority(s), s.key))]
    b = [s.key for s in sorted(Interview(ws, now=NOW).slots(), key=lambda s: (-priority(s), s.key))]
    assert a == b
    iv = Interview(ws, now=NOW)
    first = iv.start()
    second = iv.skip()  # follow-ups stay on the role being discussed
    assert second.entity == first.entity


def test_answer_is_confirmed_then_stored_with_provenance_and_undone_in_one_step(ws: Workspace) -> None:
    ids = seed_record(ws)
    iv = Interview(ws, now=NOW)
    turn = iv.ask(f"role:{ids['northwind']}:location")
    assert "Northwind Traders (2019–2021)" in turn.text
    before = ws.get_fact(ids["northwind"]).attributes
    card = iv.answer("We were based in Lyon, France.")
    assert card.kind == "confirm" and card.proposal is not None
    assert [(i.fills, i.value) for i in card.proposal.items] == [("location", "Lyon, France")]
    assert ws.get_fact(ids["northwind"]).attributes == before  # nothing stored before confirmation
    nxt, changes = iv.confirm()
    assert ids["northwind"] in changes.fact_ids and nxt.note == "Saved."
    assert ws.get_fact(ids["northwind"]).attributes["location"] == "Lyon, France"
    src = [s for s in ws.fact_sources(ids["northwind"]) if s.source_kind is SourceKind.interview][-1]
    msg = next(m for m in messages(ws) if src.chat_message_id == m.id)
    assert msg.role == "person" and msg.text[src.start:src.end] == "Lyon, France"
    shown = [p for p in provenance(ws, fact_id=ids["northwind"]) if p.kind == "interview"][-1]
    assert (shown.before, shown.span, shown.after) == ("We were based in ", "Lyon, France", ".")
    assert shown.document.startswith("Interview ")
    ws.undo()  # one step: the value and the slot state go back
    assert "location" not in ws.get_fact(ids["northwind"]).attributes
    assert any(s.key == f"role:{ids['northwind']}:location" and s.open for s in iv.slots())


def test_edit_before_save_rereads_the_edit(ws: Workspace) -> None:
    ids = seed_record(ws)
    iv = Interview(ws, now=NOW)
    iv.ask(f"role:{ids['northwind']}:team_size")
    card = iv.answer("a team of 6")
    assert card.kind == "confirm" and card.proposal is not None and card.proposal.items[0].value == 6.0
    iv.confirm(edits={0: "a team of 8"})
    assert ws.get_fact(ids["northwind"]).attributes["team_size"] == 8.0
    src = [s for s in ws.fact_sources(ids["northwind"]) if s.source_kind is SourceKind.interview][-1]
    assert "edited" in src.note  # the value is the person's words typed on the card


def test_skip_rests_30_days_and_never_is_never(ws: Workspace) -> None:
    seed_record(ws)
    iv = Interview(ws, now=NOW)
    first = iv.start()
    second = iv.skip()
    assert second.slot_key != first.slot_key and "30 days" in second.note
    third = iv.never()
    assert third.slot_key not in (first.slot_key, second.slot_key)
    iv.finish()
    soon = Interview(ws, now=NOW + timedelta(days=29))
    keys = {s["key"] for s in soon.status(limit=500).open_slots}
    assert first.slot_key not in keys and second.slot_key not in keys
    later = Interview(ws, now=NOW + timedelta(days=31))
    keys = {s["key"] for s in later.status(limit=500).open_slots}
    assert first.slot_key in keys and second.slot_key not in keys  # never stays never


def test_two_skips_in_a_row_end_the_session_and_it_resumes(ws: Workspace) -> None:
    seed_record(ws)
    iv = Interview(ws, now=NOW)
    iv.start()
    iv.answer("later")
    assert iv.skip().kind == "finished"
    again = Interview(ws, now=NOW)  # a new session: 'later' slots may be asked again
    assert again.start().kind == "question"
    resumed = Interview(ws, now=NOW)  # short session left open: same question, not a new one
    assert resumed.start().slot_key == Interview(ws, now=NOW).start().slot_key
    assert resumed.session.asked == 1


def test_at_most_eight_questions_unless_continued(ws: Workspace) -> None:
    seed_record(ws)
    iv = Interview(ws, now=NOW)
    turn = iv.start()
    answered = 0
    while turn.kind != "finished":
        if turn.kind == "confirm":
            turn, _ = iv.confirm()
            continue
        answered += 1
        turn = iv.answer({"date_range": "2019 to 2021", "team_size": "a team of 5", "location": "remote",
                          "skills": "SQL, Airflow and dbt", "text": "Senior Analyst"}.get(
            turn.answer_kind, "Reduced the monthly close from 10 days to 4 days using SQL"))
    assert turn.reason == "budget" and iv.session.asked == 8
    more = iv.continue_session()
    assert more.kind == "question" and more.progress == "9 of 16"


def test_unreadable_answers_store_nothing(ws: Workspace) -> None:
    ids = seed_record(ws)
    n = ws.count_facts()
    iv = Interview(ws, now=NOW)
    q = iv.ask(f"role:{ids['northwind']}:location")
    reask = iv.answer("hmm, it's complicated, we moved around a lot and I'm honestly not able to pin it down")
    assert reask.kind == "question" and "could not read" in reask.text
    nxt = iv.answer("???")
    assert nxt.kind == "question" and nxt.slot_key != q.slot_key
    assert ws.count_facts() == n and "location" not in ws.get_fact(ids["northwind"]).attributes


def test_story_slot_by_slot_becomes_one_story_fact(ws: Workspace) -> None:
    ids = seed_record(ws)
    iv = Interview(ws, now=NOW)
    q = iv.ask("stories:story1")
    assert "Northwind Traders (2019–2021)" in q.text and "situation" in q.text
    iv.answer("Our monthly report took three days to build by hand.")
    iv.answer("I had to automate it before the quarter closed.")
    iv.answer("I wrote a Python pipeline and worked with the finance team to check the numbers.")
    card = iv.answer("The report now takes 2 hours, and errors dropped by about a third.")
    assert card.kind == "confirm" and card.proposal is not None
    fills = [i.fills for i in card.proposal.items]
    assert fills[:4] == ["situation", "task", "action", "result"] and "metric" in fills
    _, changes = iv.confirm()
    story = next(f for f in (ws.get_fact(i) for i in changes.fact_ids) if f.type is FactType.story)
    assert story.attributes["task"] == "I had to automate it before the quarter closed."
    assert {m["text"] for m in story.attributes["metrics"]} >= {"about a third"}
    assert len([s for s in ws.fact_sources(story.id) if s.source_kind is SourceKind.interview]) == 4
    assert "story" in story.tags and len(career_profile(ws).stories) == 1  # the profile counts it
    assert "stories:story1" not in {s.key for s in Interview(ws, now=NOW).slots()}
    with ws.reading() as conn:
        linked = conn.execute(text("SELECT dst_id FROM edges WHERE src_id = :s AND kind = 'achieved_in'"),
                              {"s": story.id}).scalars().all()
    assert linked == [ids["northwind"]]


def test_a_job_gap_is_asked_now_and_its_answer_links_role_and_skill(ws: Workspace) -> None:
    from core.interview.slots import RequirementGap

    ids = seed_record(ws)
    iv = Interview(ws, now=NOW)
    gap = RequirementGap("posting-3-req-2", "Experience running Kubernetes in production", skill="Kubernetes")
    q = iv.ask_about(gap)
    assert q.slot_key == "req:posting-3-req-2:evidence" and "Kubernetes" in q.text
    card = iv.answer("At Northwind Traders I ran our kubernetes clusters for 2 years")
    assert card.proposal is not None
    assert ("skill", "kubernetes") in {(i.fills, i.value) for i in card.proposal.items}
    _, changes = iv.confirm()
    facts = {ws.get_fact(i).type: ws.get_fact(i) for i in changes.fact_ids}
    assert facts[FactType.skill].value == "kubernetes"  # as the person wrote it
    assert facts[FactType.achievement].attributes["requirement"] == gap.text
    assert facts[FactType.achievement].attributes["metrics"][0]["text"] == "2 years"
    northwind = career_profile(ws).item(ids["northwind"])
    assert facts[FactType.achievement].id in {a.fact_id for a in northwind.achievements}
    assert "req:posting-3-req-2:evidence" not in {s["key"] for s in iv.status(limit=500).open_slots}


def test_unknown_requirements_of_saved_jobs_join_the_queue(ws: Workspace) -> None:
    from core.interview.slots import unknown_requirements
    from core.jobs.model import MatchResult, Requirement, RequirementKind, RequirementResult, Status

    seed_record(ws)

    def result(label: str, status: Status, *, must: bool = True) -> RequirementResult:
        req = Requirement(RequirementKind.skill, label, 0, len(label), must=must, phrase=f"experience with {label}")
        return RequirementResult(req, status, "none", "")

    jobs = [MatchResult((result("Terraform", Status.unknown), result("Python", Status.met)), 1, 2, (), 50.0),
            MatchResult((result("Terraform", Status.unknown, must=False), result("Kafka", Status.missing)), 0, 1, (),
                        20.0)]
    gaps, relevance = unknown_requirements(jobs)
    assert [(g.skill, g.jobs, g.must) for g in gaps] == [("Terraform", 2, True)]  # missing is not a question
    assert relevance == {"terraform": 1.0, "python": 0.5, "kafka": 0.5}
    iv = Interview(ws, now=NOW, requirements=gaps, relevant_skills=relevance)
    first = iv.start()
    assert first.slot_key == "req:skill:terraform:evidence" and "Terraform" in first.text
