"""The optional language model against a real HTTP server on 127.0.0.1 that replays answers."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from core.errors import InvalidInput, LanguageModelUnavailable
from core.llm import LanguageModel, ModelSettings, is_loopback, model_from_settings

QUESTION = "At Northwind (2019–2021), what did you improve, and by how much?"


class Replay:
    """What the server answers next: a chat content, raw bytes, or a delay."""

    def __init__(self) -> None:
        self.content: str | None = None
        self.raw: bytes | None = None
        self.delay = 0.0
        self.requests: list[dict[str, Any]] = []


@pytest.fixture
def server() -> Iterator[tuple[str, Replay]]:
    replay = Replay()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            replay.requests.append({"path": self.path, "body": body})
            time.sleep(replay.delay)
            data = replay.raw if replay.raw is not None else json.dumps(
                {"choices": [{"message": {"role": "assistant", "content": replay.content}}]}).encode()
            try:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except OSError:  # the client gave up (timeout test)
                pass

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/v1", replay
    finally:
        httpd.shutdown()
        httpd.server_close()


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
