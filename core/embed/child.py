"""The embedding child process: verifies and loads the model, then encodes texts sent over a pipe.

Runs in a fresh interpreter (spawn), so the model load and the inference never hold the GUI
process's GIL. Messages are plain tuples. Parent to child: ("encode", id, texts, batch_size), or
None to stop. Child to parent: ("ready", pid) once the model is loaded, ("failed", type, message)
when it cannot load, then per request (id, "ok", rows, float32 bytes) or (id, "error", type, message).
"""

from __future__ import annotations

import os
import signal
from typing import Any


def limit_threads(threads: int) -> None:
    """Cap the math libraries' thread pools before they load (ONNX Runtime gets `threads` directly)."""
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "TOKENIZERS_PARALLELISM"):
        os.environ[var] = "false" if var == "TOKENIZERS_PARALLELISM" else str(threads)


def serve(conn: Any, threads: int) -> None:
    """Entry point of the child: load the model, answer encode requests until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when the child stops
    from core.intake.worker import exit_with_parent

    exit_with_parent()
    from core.embed import Embedder

    try:
        limit_threads(threads)
        embedder = Embedder(threads=threads)
        embedder.warm()  # verifies the model files' SHA-256s, offline load
    except Exception as exc:
        conn.send(("failed", type(exc).__name__, str(exc)))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        _kind, req_id, texts, batch_size = request
        try:
            vecs = embedder.encode(texts, batch_size=batch_size)
            reply: tuple[Any, ...] = (req_id, "ok", int(vecs.shape[0]), vecs.tobytes())
        except Exception as exc:
            reply = (req_id, "error", type(exc).__name__, str(exc))
        try:
            conn.send(reply)
        except (EOFError, OSError):
            return
