"""The interview, turn by turn: ask the best open slot, read the answer, show what was read for
confirmation, store it as sourced pending facts (one undo step), and respect the person's time
(at most 8 questions a session unless continued, skip / later / don't ask again, stop after two
skips in a row, resume where it stopped). Deterministic; the optional model only rewords."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from core.changes import Changes
from core.errors import InvalidInput
from core.gaps import ProfileGaps, profile_gaps
from core.interview.answers import Intent, read_intent
from core.interview.proposals import ATTRIBUTE_OF, Item, Proposal, apply_edits, propose
from core.interview.questions import names_to_keep, question_for
from core.interview.saving import save_proposal
from core.interview.select import next_slot, priority
from core.interview.slots import Completeness, RequirementGap, Slot, completeness, slots_for
from core.interview.stories import next_part, story_proposal
from core.interview.texts import is_hedge, trimmed_span
from core.interview.transcript import (
    SESSION_BUDGET,
    SessionRow,
    add_message,
    blocked_slots,
    open_session,
    save_session,
    set_slot_state,
    slot_states,
)
from core.interview.values import AnswerKind
from core.profile import CareerProfile, career_profile
from core.undo import RecordingTxn
from core.workspace import Workspace

QUICK_REPLIES = ("skip", "later", "don't ask again", "done")
MAX_SKIPS_IN_ROW = 2
HINTS = {AnswerKind.date_range: "a date or range such as \"March 2019 to June 2021\" or \"since 2020\"",
         AnswerKind.team_size: "a number of people, such as \"a team of 6\"",
         AnswerKind.skills: "a list such as \"Python, SQL and Airflow\"",
         AnswerKind.achievement: "a sentence about what you did and its effect",
         AnswerKind.location: "a city or \"remote\"", AnswerKind.text: "a short answer"}


F = TypeVar("F", bound=Callable[..., Any])


def _in_one_transaction(method: F) -> F:
    """Run an Interview turn method inside `self._turn()`."""
    @functools.wraps(method)
    def wrapper(self: Interview, *args: Any, **kwargs: Any) -> Any:
        with self._turn():
            return method(self, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class Turn:
    """What the interviewer says next: a question, a card to confirm, or the end of the session."""

    kind: str  # question | confirm | finished
    text: str
    asked: int
    budget: int
    slot_key: str = ""
    entity: str = ""
    answer_kind: str = ""
    proposal: Proposal | None = None
    note: str = ""
    reason: str = ""  # why a session finished: budget | two_skips | nothing_left | done
    quick_replies: tuple[str, ...] = QUICK_REPLIES

    @property
    def progress(self) -> str:
        return f"{min(self.asked, self.budget)} of {self.budget}"


@dataclass(frozen=True, slots=True)
class InterviewStatus:
    completeness: Completeness
    open_slots: list[dict[str, Any]] = field(default_factory=list)  # best first
    session: dict[str, Any] = field(default_factory=dict)


class Interview:
    """One person's interview over an open workspace; every method is one turn and returns the next."""

    def __init__(self, ws: Workspace, *, extractor: Any = None, model: Any = None,
                 requirements: Iterable[RequirementGap] = (), relevant_skills: dict[str, float] | None = None,
                 now: datetime | None = None) -> None:
        self.ws = ws
        self.extractor = extractor
        self.model = model
        self.requirements = list(requirements)
        self.relevant_skills = relevant_skills or {}
        self.now = now
        self.session: SessionRow = open_session(ws)
        self._txn: RecordingTxn | None = None
        self._slots: list[Slot] | None = None  # computed once per turn from the career profile
        self._profile: CareerProfile | None = None
        self._gaps: ProfileGaps | None = None

    @contextlib.contextmanager
    def _turn(self) -> Iterator[RecordingTxn]:
        """One transaction for everything a turn writes (messages, slot states, session state),
        read back on the same connection: one commit per turn instead of four."""
        if self._txn is not None:
            yield self._txn
            return
        self._slots = None
        with self.ws.mutation("Interview turn", undoable=False) as txn:
            self._txn = txn
            try:
                yield txn
            finally:
                self._txn = None

    def _conn(self) -> Any:
        return self._txn.conn if self._txn is not None else None

    # -- reading the record -------------------------------------------------------------------
    def slots(self) -> list[Slot]:
        """The askable slots of the record's gaps (`core.gaps`) and of the job requirements given."""
        if self._slots is None or self._txn is None:  # cached only within one turn
            self._profile = career_profile(self.ws)
            self._gaps = profile_gaps(self._profile)
            topic = str(self.session.state.get("topic", ""))
            topic_role = int(topic.split(":")[1]) if topic.startswith("role:") else None
            self._slots = slots_for(self._profile, gaps=self._gaps, requirements=self.requirements,
                                    relevant_skills=self.relevant_skills, topic_role=topic_role)
        return self._slots

    def status(self, *, limit: int = 20) -> InterviewStatus:
        self._slots = None
        slots = self.slots()
        assert self._gaps is not None
        blocked = blocked_slots(slot_states(self.ws, self._conn()), session_id=-1, now=self.now)
        ranked = sorted((s for s in slots if s.open and s.key not in blocked), key=lambda s: (-priority(s), s.key))
        return InterviewStatus(completeness(self._gaps, slots), [
            {"key": s.key, "entity": s.names.get("entity", s.entity), "slot": s.name, "kind": str(s.kind),
             "priority": round(priority(s), 4), "question": question_for(s)} for s in ranked[:limit]],
            {"id": self.session.id, "asked": self.session.asked, "budget": self.session.budget})

    # -- turns --------------------------------------------------------------------------------
    @_in_one_transaction
    def start(self) -> Turn:
        """Resume where the session stopped (the open question or card), else ask the next question."""
        st = self.session.state
        if st.get("proposal"):
            return self._confirm_turn(Proposal.from_json(st["proposal"]), note="")
        if st.get("slot") and st.get("question"):
            return self._question_turn(st["question"], st["slot"], note="")
        return self._ask_next(note="")

    @_in_one_transaction
    def answer(self, answer: str) -> Turn:
        """Read the person's reply to the open question."""
        st = self.session.state
        slot = self._current_slot()
        if slot is None:
            return self._ask_next(note="")
        if st.get("proposal"):
            raise InvalidInput("Please confirm or discard the values shown first.")
        intent = read_intent(answer)
        msg_id = add_message(self.ws, self.session, "person", answer, slot_key=slot.key, meta={"intent": str(intent)}, txn=self._txn)
        if intent is Intent.done:
            return self.finish(reason="done")
        if intent is Intent.unsure:
            return self._unsure(slot, msg_id)
        if intent is not Intent.answer:
            return self._set_aside(slot, {Intent.never: "never", Intent.later: "later"}.get(intent, "skipped"),
                                   message_id=msg_id)
        if slot.kind is AnswerKind.story:
            return self._story_answer(slot, answer, msg_id)
        proposal = propose(slot, answer, msg_id, extractor=self.extractor) or self._model_proposal(slot, answer, msg_id)
        if proposal is None:
            if slot.entity_kind == "requirement" and answer.strip().lower().startswith(("no", "never", "not")):
                return self._set_aside(slot, "answered", message_id=msg_id, note="Noted.")
            if is_hedge(answer):
                return self._unsure(slot, msg_id)
            if not st.get("reasked"):
                st["reasked"] = True
                hint = HINTS.get(slot.kind, "a short answer")
                return self._say(f"I could not read that as {hint}. Could you put it another way? (or \"skip\")",
                                 slot)
            return self._set_aside(slot, "skipped", message_id=msg_id, note="Let's leave that one for now.")
        self.session.skips_in_row = 0
        return self._confirm_turn(proposal, note="")

    def confirm(self, *, edits: dict[int, str] | None = None, drop: set[int] | None = None) -> tuple[Turn, Changes]:
        """Store the card's values (after the person's edits) as one undo step, then ask on."""
        st = self.session.state
        if not st.get("proposal"):
            raise InvalidInput("There is nothing to confirm.")
        proposal = apply_edits(Proposal.from_json(st["proposal"]), edits=edits, drop=drop, extractor=self.extractor)
        slot = self._current_slot()
        if not proposal.items or slot is None:
            return self.discard(), Changes()
        role_id = slot.entity_id if slot.entity_kind in ("role", "stories") else self._role_named_in(proposal)
        label = f"Interview: {slot.name.replace('_', ' ')} for {slot.names.get('entity', slot.entity)}"
        changes = save_proposal(self.ws, proposal, session_id=self.session.id, role_id=role_id, label=label)
        self._slots = None
        st.pop("proposal", None)
        st.pop("story", None)
        st["topic"] = slot.entity
        with self._turn():
            return self._ask_next(note="Saved."), changes

    @_in_one_transaction
    def ask_about(self, gap: RequirementGap) -> Turn:
        """Ask about one gap now (the Jobs page's "ask me about this gap"), even past the budget."""
        if gap.key not in {r.key for r in self.requirements}:
            self.requirements.append(gap)
            self._slots = None
        return self.ask(f"req:{gap.key}:evidence", missing=f"Your record already shows {gap.skill or gap.text}.")

    @_in_one_transaction
    def ask(self, slot_key: str, *, missing: str = "That is already in your record.") -> Turn:
        """Ask this open slot now (a gap picked on the dashboard or in Jobs), even past the budget."""
        slot = next((s for s in self.slots() if s.key == slot_key and s.open), None)
        if slot is None:
            raise InvalidInput(missing)
        if self.session.state.get("slot") and not self.session.state.get("proposal"):
            self.session.asked = max(0, self.session.asked - 1)  # the open question was set aside unanswered
        for k in ("slot", "question", "reasked", "proposal", "story"):
            self.session.state.pop(k, None)
        self.session.status = "open"
        self.session.budget = max(self.session.budget, self.session.asked + 1)
        return self._ask(slot, note="")

    @_in_one_transaction
    def discard(self) -> Turn:
        """Drop the card: nothing is stored, and the slot is not asked again this session."""
        slot = self._current_slot()
        self.session.state.pop("proposal", None)
        self.session.state.pop("story", None)
        if slot is None:
            return self._ask_next(note="Nothing was saved.")
        return self._set_aside(slot, "later", message_id=None, note="Nothing was saved.")

    def skip(self) -> Turn:
        return self.answer("skip")

    def later(self) -> Turn:
        return self.answer("later")

    def never(self) -> Turn:
        return self.answer("don't ask again")

    @_in_one_transaction
    def continue_session(self) -> Turn:
        """The person wants more: another round of questions in the same session."""
        self.session.budget = self.session.asked + SESSION_BUDGET
        self.session.skips_in_row = 0
        self.session.status = "open"
        return self._ask_next(note="")

    @_in_one_transaction
    def finish(self, *, reason: str = "done") -> Turn:
        """End the session (a new one starts next time)."""
        text = {"done": "Thanks — that's all for now.", "budget": "That's enough for one sitting. Continue any time.",
                "two_skips": "Let's stop here for today.",
                "nothing_left": "Your record has no open questions right now."}[reason]
        add_message(self.ws, self.session, "assistant", text, meta={"finished": reason}, txn=self._txn)
        self.session.status = "finished"
        self.session.state = {}
        save_session(self.ws, self.session, self._txn)
        return Turn("finished", text, self.session.asked, self.session.budget, reason=reason)

    # -- inside -------------------------------------------------------------------------------
    def _current_slot(self) -> Slot | None:
        key = self.session.state.get("slot")
        return next((s for s in self.slots() if s.key == key), None) if key else None

    def _ask_next(self, *, note: str) -> Turn:
        st = self.session.state
        for k in ("slot", "question", "reasked", "proposal", "story"):
            st.pop(k, None)
        if self.session.skips_in_row >= MAX_SKIPS_IN_ROW:
            return self.finish(reason="two_skips")
        if self.session.asked >= self.session.budget:
            return self.finish(reason="budget")
        blocked = blocked_slots(slot_states(self.ws, self._conn()), session_id=self.session.id, now=self.now)
        slot = next_slot(self.slots(), blocked=blocked, topic=st.get("topic"))
        if slot is None:
            return self.finish(reason="nothing_left")
        return self._ask(slot, note=note)

    def _ask(self, slot: Slot, *, note: str) -> Turn:
        st = self.session.state
        question = question_for(slot)
        if self.model is not None:
            question = self.model.reword(question, keep=names_to_keep(slot))
        self.session.asked += 1
        st.update({"slot": slot.key, "question": question})
        if slot.kind is AnswerKind.story:
            st["story"] = {"parts": {}}
        add_message(self.ws, self.session, "assistant", question, slot_key=slot.key, meta={"kind": str(slot.kind)}, txn=self._txn)
        save_session(self.ws, self.session, self._txn)
        return self._question_turn(question, slot.key, note=note, slot=slot)

    def _question_turn(self, question: str, key: str, *, note: str, slot: Slot | None = None) -> Turn:
        slot = slot or self._current_slot()
        if slot is None:
            return self._ask_next(note=note)
        return Turn("question", question, self.session.asked, self.session.budget, key,
                    slot.names.get("entity", slot.entity), str(slot.kind), note=note)

    def _say(self, text: str, slot: Slot) -> Turn:
        add_message(self.ws, self.session, "assistant", text, slot_key=slot.key, meta={"reask": True}, txn=self._txn)
        save_session(self.ws, self.session, self._txn)
        return self._question_turn(text, slot.key, note="", slot=slot)

    def _confirm_turn(self, proposal: Proposal, *, note: str) -> Turn:
        self.session.state["proposal"] = proposal.to_json()
        save_session(self.ws, self.session, self._txn)
        slot = self._current_slot()
        entity = slot.names.get("entity", "") if slot else ""
        return Turn("confirm", "Is this right? Edit anything before saving.", self.session.asked, self.session.budget,
                    proposal.slot_key, entity, proposal.kind, proposal=proposal, note=note,
                    quick_replies=("save", "discard"))

    def _set_aside(self, slot: Slot, state: str, *, message_id: int | None, note: str = "") -> Turn:
        assert self._txn is not None
        set_slot_state(self._txn, slot.key, state, session_id=self.session.id, message_id=message_id, now=self.now)
        if state in ("skipped", "later"):
            self.session.skips_in_row += 1
        elif state == "answered":
            self.session.skips_in_row = 0
        self.session.state["topic"] = slot.entity
        return self._ask_next(note=note or {"skipped": "Skipped — I won't ask that for 30 days.",
                                            "later": "OK, later.", "never": "I won't ask that again."}.get(state, ""))

    def _unsure(self, slot: Slot, msg_id: int) -> Turn:
        """'Not sure': offer a rough answer once (an estimate is still the person's words), then skip."""
        if self.session.state.get("reasked"):
            return self._set_aside(slot, "skipped", message_id=msg_id, note="Let's leave that one for now.")
        self.session.state["reasked"] = True
        hint = HINTS.get(slot.kind, "a short answer")
        return self._say(f"A rough answer is fine — {hint}. Or say \"skip\".", slot)

    def _story_answer(self, slot: Slot, answer: str, msg_id: int) -> Turn:
        story = self.session.state.setdefault("story", {"parts": {}})
        part = next_part(story["parts"]) or "result"
        s, e = trimmed_span(answer)
        if e - s < 3:
            return self._say("Could you say a little more? (or \"skip\")", slot)
        story["parts"][part] = {"text": answer[s:e], "start": s, "end": e, "message_id": msg_id, "answer": answer}
        following = next_part(story["parts"])
        if following is not None:
            text = question_for(slot, story_part=following)
            add_message(self.ws, self.session, "assistant", text, slot_key=slot.key, meta={"story_part": following}, txn=self._txn)
            save_session(self.ws, self.session, self._txn)
            return self._question_turn(text, slot.key, note="", slot=slot)
        self.session.skips_in_row = 0
        return self._confirm_turn(story_proposal(slot.key, slot.entity_id, story["parts"], self.extractor), note="")

    def _model_proposal(self, slot: Slot, answer: str, msg_id: int) -> Proposal | None:
        """Only for short text slots the parsers could not read: the model's value, kept only if
        it is the person's words (checked in core.llm), shown on the card like any other."""
        if self.model is None or slot.kind not in (AnswerKind.text, AnswerKind.location):
            return None
        found = self.model.propose(question_for(slot), answer, [slot.name])
        if not found:
            return None
        p = found[0]
        return Proposal(slot.key, msg_id, "update" if slot.entity_kind != "contact" else "contact", slot.entity_id,
                        str(slot.kind), [Item(slot.name.replace("_", " ").capitalize(), ATTRIBUTE_OF.get(slot.name, slot.name), p.text, p.text,
                                              p.start, p.end, extra={"proposed_by": "model"})])

    def _role_named_in(self, proposal: Proposal) -> int | None:
        """For a skill's evidence: the role whose employer the answer names, if exactly one does."""
        ach = next((i for i in proposal.items if i.fills == "achievement"), None)
        if ach is None:
            return None
        self.slots()
        assert self._profile is not None
        text = str(ach.value).lower()
        roles = [r for r in self._profile.roles if r.employer and r.employer.lower() in text]
        return roles[0].fact_id if len(roles) == 1 else None
