"""The optional language model against a real HTTP server on 127.0.0.1 that replays answers."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from typing import Any

import pytest

from core.errors import InvalidInput, LanguageModelUnavailable
from core.llm import LanguageModel, ModelSettings, is_loopback, model_from_settings
from tests.core.interview.model_server import Replay, model_server

QUESTION = "At Northwind (2019–2021), what did you improve, and by how much?"


@pytest.fixture
def server() -> Iterator[tuple[str, Replay]]:
    replay = Replay()
    with model_server(replay) as url:
        yield url, replay


def test_good_reword_is_used_and_request_is_openai_shaped(server: tuple[str, Replay]) -> None:
    url, replay = server
    replay.content = "Thinking of your time at Northwind (2019–2021), what did you make better, and by how much?"
    lm = LanguageModel(ModelSettings(endpoint=url, model="tiny"))
    assert lm.reword(QUESTION, keep=["Northwind", "2019–2021"]) == replay.content
    req = replay.requests[0]
    assert req["path"] == "/v1/chat/completions"
    assert req["body"]["model"] == "tiny" and req["body"]["messages"][-1]["content"] == QUESTION


def test_reword_that_drops_the_entity_keeps_the_template(server: tuple[str, Replay]) -> None:
    url, replay = server
    replay.content = "What did you improve at your last job?"
    assert LanguageModel(ModelSettings(endpoint=url)).reword(QUESTION, keep=["Northwind"]) == QUESTION


def test_proposals_are_kept_only_where_the_value_is_in_the_answer(server: tuple[str, Replay]) -> None:
    url, replay = server
    answer = "We cut the release time from two weeks to 3 days for the billing team."
    replay.content = 'Sure! {"metric": "3 days", "team_size": "12", "skill": "Kubernetes", "what": "release time"}'
    found = LanguageModel(ModelSettings(endpoint=url)).propose(QUESTION, answer,
                                                               ["metric", "team_size", "skill", "what"])
    assert {(p.field, p.text) for p in found} == {("metric", "3 days"), ("what", "release time")}
    for p in found:
        assert answer[p.start:p.end] == p.text


@pytest.mark.parametrize("raw", [b"not json at all", b'{"choices": []}', b'{"choices": [{"message": {"content": ""}}]}'])
def test_garbage_replies(server: tuple[str, Replay], raw: bytes) -> None:
    url, replay = server
    replay.raw = raw
    lm = LanguageModel(ModelSettings(endpoint=url))
    with pytest.raises(LanguageModelUnavailable):
        lm.chat([{"role": "user", "content": "hi"}])
    assert lm.reword(QUESTION, keep=["Northwind"]) == QUESTION
    assert lm.propose(QUESTION, "a team of 6", ["team_size"]) == []


def test_garbage_json_inside_content_proposes_nothing(server: tuple[str, Replay]) -> None:
    url, replay = server
    replay.content = '{"team_size": 6'
    assert LanguageModel(ModelSettings(endpoint=url)).propose(QUESTION, "a team of 6", ["team_size"]) == []


def test_timeout(server: tuple[str, Replay]) -> None:
    url, replay = server
    replay.delay = 1.5
    replay.content = "too late?"
    lm = LanguageModel(ModelSettings(endpoint=url, timeout_s=0.3))
    t0 = time.monotonic()
    with pytest.raises(LanguageModelUnavailable, match="timed out"):
        lm.chat([{"role": "user", "content": "hi"}])
    assert time.monotonic() - t0 < 1.4
    assert lm.reword(QUESTION, keep=[]) == QUESTION


def test_refused_connection() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    lm = LanguageModel(ModelSettings(endpoint=f"http://127.0.0.1:{port}/v1", timeout_s=2))
    with pytest.raises(LanguageModelUnavailable, match="refused"):
        lm.chat([{"role": "user", "content": "hi"}])
    assert lm.reword(QUESTION, keep=["Northwind"]) == QUESTION
    assert lm.propose(QUESTION, "a team of 6", ["team_size"]) == []


def test_loopback_only_unless_allowed() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("[::1]") and is_loopback("127.8.0.1")
    assert not is_loopback("192.168.1.10") and not is_loopback("llm.example.org")
    with pytest.raises(InvalidInput):
        LanguageModel(ModelSettings(endpoint="http://192.168.1.10:8080/v1"))
    with pytest.raises(InvalidInput):
        LanguageModel(ModelSettings(endpoint="ftp://127.0.0.1/v1"))
    assert LanguageModel(ModelSettings(endpoint="http://192.168.1.10:8080/v1", allow_remote=True)).url.endswith(
        "/v1/chat/completions")


def test_off_by_default() -> None:
    assert model_from_settings(ModelSettings()) is None


def test_interview_uses_a_good_rewording_and_survives_garbage(server: tuple[str, Replay], ws: Any) -> None:
    from core.interview.engine import Interview
    from core.interview.transcript import messages
    from tests.core.interview.fixtures import seed_record

    url, replay = server
    ids = seed_record(ws)
    lm = LanguageModel(ModelSettings(endpoint=url, timeout_s=2))
    replay.content = "Which city were you working from at Northwind Traders (2019–2021)?"
    iv = Interview(ws, model=lm)
    q = iv.ask(f"role:{ids['northwind']}:location")
    assert q.text == replay.content and messages(ws)[-1].text == replay.content
    replay.raw = b"<html>502 Bad Gateway</html>"
    iv.answer("Lyon")
    nxt, _ = iv.confirm()
    assert nxt.kind == "question" and "Northwind Traders (2019–2021)" in nxt.text  # the template, unchanged
    assert ws.get_fact(ids["northwind"]).attributes["location"] == "Lyon"  # the parser's value, not the model's


def test_check_connection_reports_the_reply_or_a_typed_error(server: tuple[str, Replay]) -> None:
    from core.llm import check_connection, checked

    url, replay = server
    replay.content = "OK"
    assert check_connection(ModelSettings(endpoint=f"  {url} ", model=" tiny ")) == "OK"
    assert replay.requests[-1]["body"]["model"] == "tiny" and replay.requests[-1]["body"]["max_tokens"] == 8
    replay.raw = b"not json"
    with pytest.raises(LanguageModelUnavailable, match="not an OpenAI-style"):
        check_connection(ModelSettings(endpoint=url))
    with pytest.raises(InvalidInput, match="this machine"):
        check_connection(ModelSettings(endpoint="http://192.0.2.10:8080/v1"))
    with pytest.raises(InvalidInput, match="address first"):
        check_connection(ModelSettings(endpoint="   "))
    assert checked(ModelSettings(endpoint=" ", model="x", allow_remote=True)) == ModelSettings(model="x")


def test_the_model_rewords_with_no_vault_transaction_open(server: tuple[str, Replay], ws: Any) -> None:
    """A slow model must not hold the vault's write lock: while it is still answering, another
    thread's write completes; the rewording is then stored in a short transaction of its own."""
    import threading

    from core.interview.engine import Interview, Turn
    from core.interview.transcript import messages, search_transcript
    from core.kb.editing import NewFact, create_fact
    from core.model import FactType
    from tests.core.interview.fixtures import seed_record

    url, replay = server
    ids = seed_record(ws)
    replay.delay = 1.5
    replay.content = "Which city were you working from at Northwind Traders (2019–2021)?"
    iv = Interview(ws, model=LanguageModel(ModelSettings(endpoint=url, timeout_s=5)))
    out: list[Turn] = []
    asking = threading.Thread(target=lambda: out.append(iv.ask(f"role:{ids['northwind']}:location")))
    t0 = time.monotonic()
    asking.start()
    assert replay.asked.wait(5), "the model was never asked"
    written = create_fact(ws, NewFact(FactType.skill, "Harbour scheduling", {}))  # another thread's write
    wrote_after = time.monotonic() - t0
    assert asking.is_alive() and not out, "the write waited for the model"
    assert wrote_after < replay.delay and written.fact_ids
    asking.join(10)
    assert out and out[0].text == replay.content and time.monotonic() - t0 >= replay.delay
    # stored: the transcript, its search index and the open question (a resume shows the rewording)
    assert messages(ws)[-1].text == replay.content
    assert [m.text for m in search_transcript(ws, "working from")] == [replay.content]
    replay.content = "something else entirely?"
    assert Interview(ws, model=None).start().text == out[0].text


def test_the_model_reads_an_answer_with_no_vault_transaction_open(server: tuple[str, Replay], ws: Any) -> None:
    """An answer the parsers cannot read goes to the model after the turn's transaction has
    committed; the card it yields is stored in a transaction of its own."""
    import threading

    from core.interview.engine import Interview, Turn
    from core.kb.editing import NewFact, create_fact
    from core.model import FactType
    from tests.core.interview.fixtures import seed_record

    url, replay = server
    ids = seed_record(ws)
    replay.content = '{"location": "Lyon"}'  # not a question: the rewording is refused, the template stays
    iv = Interview(ws, model=LanguageModel(ModelSettings(endpoint=url, timeout_s=5)))
    assert "Northwind Traders (2019–2021)" in iv.ask(f"role:{ids['northwind']}:location").text
    replay.delay, asked_before = 1.5, len(replay.requests)
    replay.asked.clear()
    answer = "Mostly the Lyon office by the river, though I travelled to clients a lot"  # too long to parse
    out: list[Turn] = []
    reading = threading.Thread(target=lambda: out.append(iv.answer(answer)))
    t0 = time.monotonic()
    reading.start()
    assert replay.asked.wait(5), "the model was never asked"
    create_fact(ws, NewFact(FactType.skill, "River logistics", {}))  # another thread's write
    assert reading.is_alive() and not out and time.monotonic() - t0 < replay.delay, "the write waited for the model"
    reading.join(10)
    card = out[0]
    assert card.kind == "confirm" and len(replay.requests) == asked_before + 1
    assert card.proposal is not None and [(i.value, i.extra.get("proposed_by")) for i in card.proposal.items] == [
        ("Lyon", "model")]
    assert Interview(ws, model=None).start().kind == "confirm"  # the card was stored: a resume shows it
    iv.confirm()
    assert ws.get_fact(ids["northwind"]).attributes["location"] == "Lyon"
