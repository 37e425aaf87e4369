"""The run-time encoder: all-MiniLM-L6-v2 as an ONNX graph on ONNX Runtime, tokenised by `tokenizers`.

The graph (written once by `core.embed.export` at set-up or build time) already mean-pools the
token vectors over the attention mask and L2-normalises them, exactly like sentence-transformers'
Pooling + Normalize modules, so this module only tokenises, batches and runs it. The model folder
holds `model.onnx`, `tokenizer.json` and `manifest.json`; the manifest records each file's
SHA-256 and the SHA-256 of the safetensors weights it was exported from, and nothing loads unless
all of them match. No torch, no transformers, no network.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from core.embed import ModelUnavailable

MANIFEST = "manifest.json"
MODEL_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model (sentence_bert_config.json)
FOLDER = "vita-embed-minilm"  # the float32 graph (weights stored as float16)
INT8_FOLDER = "vita-embed-minilm-int8"  # the statically quantised graph (core.embed.quantize), preferred when present
BATCH_TOKENS = 4096  # rows x padded width per run: long texts go in smaller batches (bounded memory)
# Padding is paid for in full by every layer, so a batch only takes texts within this many tokens
# (or this fraction of its width) of its longest one. Measured on 895 resume facts embedded per
# document as ingest does: 8.6 s of CPU with one 256-token bullet padding 15 short ones, 4.6 s with this.
PAD_SLACK_TOKENS = 4
PAD_SLACK_FRACTION = 0.1


def _models_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) if bundle else Path(sys.prefix) / "share" / "vita"


def fp32_onnx_dir() -> Path:
    """Where the float32 export lives: inside the frozen bundle, else the environment's share/."""
    return _models_root() / FOLDER


def int8_onnx_dir() -> Path:
    """Where the statically quantised export lives (next to the float32 one)."""
    return _models_root() / INT8_FOLDER


def candidate_dirs() -> list[Path]:
    """The model folders to try, in order: $VITA_EMBED_MODEL_DIR alone when set; else the int8 export
    (unless $VITA_EMBED_VARIANT=fp32) then the float32 one, which is the fallback."""
    override = os.environ.get("VITA_EMBED_MODEL_DIR")
    if override:
        return [Path(override)]
    if os.environ.get("VITA_EMBED_VARIANT", "").lower() == "fp32":
        return [fp32_onnx_dir()]
    return [int8_onnx_dir(), fp32_onnx_dir()]


def default_onnx_dir() -> Path:
    """The folder the app loads: the first candidate that has a manifest (else the last one)."""
    dirs = candidate_dirs()
    return next((d for d in dirs if (d / MANIFEST).is_file()), dirs[-1])


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@dataclass(frozen=True)
class Manifest:
    """What `manifest.json` promises about the model folder."""

    source_sha256: str
    files: dict[str, str]  # file name -> SHA-256
    max_tokens: int

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        try:
            data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            return cls(str(data["source_sha256"]), {str(k): str(v) for k, v in data["files"].items()},
                       int(data.get("max_tokens", MAX_TOKENS)))
        except FileNotFoundError as exc:
            raise ModelUnavailable(
                "The embedding model has not been prepared on this machine.",
                hint="Run `python -m core.embed.export` (set-up does this).",
            ) from exc
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ModelUnavailable("The embedding model's manifest is damaged.") from exc


def verify_onnx_dir(folder: Path, source_sha256: str) -> Manifest:
    """Check the manifest against the pinned weights and every file against its recorded SHA-256."""
    manifest = Manifest.read(folder)
    if manifest.source_sha256 != source_sha256:
        raise ModelUnavailable("The embedding model was exported from different weights than the pinned ones.")
    for name in (MODEL_FILE, TOKENIZER_FILE):
        want = manifest.files.get(name)
        path = folder / name
        if want is None or not path.is_file() or file_sha256(path) != want:
            raise ModelUnavailable(f"The embedding model file {name} is missing or does not match its checksum.")
    return manifest


class OnnxSentenceEncoder:
    """Tokenise, batch by length, run the pooled-and-normalised graph: float32 (n, 384) rows."""

    def __init__(self, folder: Path, *, threads: int = 0, max_tokens: int = MAX_TOKENS) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        tok = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
        tok.no_padding()  # the file pads to 128: we pad each batch to its own longest text instead
        tok.enable_truncation(max_tokens)
        self._tokenizer = tok
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = max(0, threads)
        opts.inter_op_num_threads = 1
        opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        opts.log_severity_level = 3
        # idle worker threads sleep instead of spinning: parser processes and the GUI share the cores
        # (measured in ingest: the same wall time for ~10 % less CPU)
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session: Any = ort.InferenceSession(
            str(folder / MODEL_FILE), sess_options=opts, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        self.dim = int(self._session.get_outputs()[0].shape[-1])

    def encode(self, texts: list[str], *, batch_size: int = 64) -> np.ndarray:
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        encodings = self._tokenizer.encode_batch(list(texts), add_special_tokens=True)
        lengths = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64, count=len(encodings))
        order = np.argsort(-lengths, kind="stable")  # similar lengths share a batch: little padding
        for part in _batches(lengths[order], max(1, batch_size)):
            rows = order[part]
            width = int(lengths[rows[0]])  # the longest text of the batch sets its width
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for i, row in enumerate(rows):
                n = int(lengths[row])
                ids[i, :n] = encodings[row].ids
                mask[i, :n] = 1
            feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            out[rows] = self._session.run(None, {k: v for k, v in feed.items() if k in self._inputs})[0]
        return out


def _batches(lengths: np.ndarray, max_rows: int) -> list[slice]:
    """Slices of `lengths` (sorted longest first) that make little padding: each batch takes the
    following texts while they stay within the padding slack of its first (longest) one, and
    while it holds at most `max_rows` texts and BATCH_TOKENS padded tokens."""
    out: list[slice] = []
    start, n = 0, len(lengths)
    while start < n:
        width = int(lengths[start])
        floor = width - max(PAD_SLACK_TOKENS, int(width * PAD_SLACK_FRACTION))
        limit = min(n, start + max(1, min(max_rows, BATCH_TOKENS // max(1, width))))
        end = start + 1
        while end < limit and int(lengths[end]) >= floor:
            end += 1
        out.append(slice(start, end))
        start = end
    return out
