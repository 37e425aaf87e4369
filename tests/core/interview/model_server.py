"""A real OpenAI-compatible chat server on 127.0.0.1 for tests: it replays what the test sets
(a content, raw bytes, a delay) and records every request."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class Replay:
    """What the server answers next: a chat content, raw bytes, or a delay."""

    def __init__(self) -> None:
        self.content: str | None = None
        self.raw: bytes | None = None
        self.delay = 0.0
        self.requests: list[dict[str, Any]] = []
        self.asked = threading.Event()  # set when a request arrives (before the delay)


@contextmanager
def model_server(replay: Replay) -> Iterator[str]:
    """Serve `replay` on a free loopback port; yields the endpoint address (…/v1)."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            replay.requests.append({"path": self.path, "body": body})
            replay.asked.set()
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
        yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    finally:
        httpd.shutdown()
        httpd.server_close()
