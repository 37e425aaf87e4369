"""The ONNX Runtime embedder: same vectors as sentence-transformers, checked files, no torch at run time."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from core.embed import DIM, MODEL_SHA256, Embedder, ModelUnavailable, model_dir
from core.embed.process import ProcessEmbedder
from core.embed.runtime import (
    BATCH_TOKENS,
    MANIFEST,
    PAD_SLACK_FRACTION,
    PAD_SLACK_TOKENS,
    TOKENIZER_FILE,
    _batches,
    default_onnx_dir,
    verify_onnx_dir,
)

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("torch", "sentence_transformers", "transformers")

# Fictional, varied: bullets, titles, skills, job-ad sentences, other scripts, empty, over-long.
TEXTS = [
    "Led a team of five engineers building a payments platform.",
    "Cut monthly close from 9 to 4 days by automating reconciliations in Python.",
    "Senior Data Analyst",
    "RN, ICU",
    "Kubernetes",
    "project management; stakeholder communication; Agile/Scrum",
    "We are looking for a warehouse associate able to lift 50 lbs and work weekends.",
    "Must have 5+ years of experience with AWS and Terraform.",
    "Ingeniera de datos con experiencia en Spark y Airflow.",
    "Développeur full-stack (React, Node.js) — Lyon",
    "データサイエンティスト",
    "",
    "   ",
    "C++ / C# / F#",
    "Increased revenue by $1.2M (+18%) in FY2023 across 3 regions.",
    "word " * 600,
    "Taught 120 students per term; designed the first-year statistics curriculum.",
]


@pytest.fixture(scope="module")
def reference() -> np.ndarray:
    st = pytest.importorskip("sentence_transformers", reason="the reference needs the dev dependencies")
    model = st.SentenceTransformer(str(model_dir()), device="cpu", local_files_only=True)
    return np.asarray(model.encode(TEXTS, normalize_embeddings=True, show_progress_bar=False), dtype=np.float32)


def test_matches_sentence_transformers(reference: np.ndarray) -> None:
    got = Embedder().encode(TEXTS, batch_size=4)  # several batches of mixed lengths
    assert got.shape == (len(TEXTS), DIM) and got.dtype == np.float32
    cosines = (got * reference).sum(axis=1)
    assert cosines.min() >= 0.999, cosines
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)


def test_order_and_batching_do_not_change_vectors() -> None:
    emb = Embedder()
    whole = emb.encode(TEXTS, batch_size=64)
    one_by_one = np.vstack([emb.encode([t]) for t in TEXTS])
    assert np.allclose(whole, one_by_one, atol=1e-5)
    assert not np.allclose(whole[0], whole[1], atol=1e-3)  # rows stay in their own places


def test_batches_keep_short_texts_out_of_a_long_texts_padding() -> None:
    lengths = np.array(sorted([256, 240, 212, 60, 58, 57, 40, 12, 12, 11, 9, 9, 9, 5, 3] + [7] * 100, reverse=True))
    parts = _batches(lengths, 64)
    covered = [i for part in parts for i in range(len(lengths))[part]]
    assert covered == list(range(len(lengths)))  # every text once, in order
    for part in parts:
        widths = lengths[part]
        slack = max(PAD_SLACK_TOKENS, int(widths[0] * PAD_SLACK_FRACTION))
        assert widths[0] - widths[-1] <= slack and len(widths) <= 64 and len(widths) * widths[0] <= BATCH_TOKENS
    assert max(len(lengths[p]) for p in parts) == 64  # a hundred equal short texts fill whole batches
    assert lengths[parts[0]].tolist() == [256, 240]  # 212 is too short to ride along with 256


def _copy_model(tmp_path: Path) -> Path:
    folder = tmp_path / "model"
    shutil.copytree(default_onnx_dir(), folder)
    return folder


def test_tampered_file_is_refused(tmp_path: Path) -> None:
    folder = _copy_model(tmp_path)
    tok = folder / TOKENIZER_FILE
    tok.write_bytes(tok.read_bytes().replace(b"[UNK]", b"[UNX]", 1))
    with pytest.raises(ModelUnavailable, match="checksum"):
        Embedder(folder=folder).encode(["a text"])


def test_manifest_from_other_weights_is_refused(tmp_path: Path) -> None:
    folder = _copy_model(tmp_path)
    data = json.loads((folder / MANIFEST).read_text())
    data["source_sha256"] = "0" * 64
    (folder / MANIFEST).write_text(json.dumps(data))
    with pytest.raises(ModelUnavailable, match="different weights"):
        verify_onnx_dir(folder, MODEL_SHA256)


def test_missing_model_says_how_to_prepare_it(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailable) as info:
        Embedder(folder=tmp_path / "absent").warm()
    assert "core.embed.export" in (info.value.hint or "")


def _mapped_files(pid: int) -> str:
    return Path(f"/proc/{pid}/maps").read_text()


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="reads /proc/PID/maps (Linux)")
def test_embedder_child_process_loads_no_torch() -> None:
    proc = ProcessEmbedder(threads=1)
    try:
        proc.encode(["Fluent in Python, SQL and Go."])
        assert proc.pid is not None
        maps = _mapped_files(proc.pid)
        assert "onnxruntime" in maps  # the check can see a loaded library
        assert "libtorch" not in maps and "/torch/" not in maps
    finally:
        proc.shutdown()


def test_cli_and_in_process_embedding_import_no_torch(tmp_path: Path) -> None:
    resume = tmp_path / "resume.txt"
    resume.write_text("Robin Example\nrobin@example.org\n\nEXPERIENCE\nData Analyst, Fictional Co\n"
                      "Jan 2020 - Present\n- Cut report time by 40%.\n")
    script = textwrap.dedent(f"""
        import json, sys
        from app.cli import main
        from core.embed import Embedder
        Embedder.shared().encode(["Data analyst", "SQL"])
        code = main(["parse", "--format", "jsonresume", {str(resume)!r}])
        print(json.dumps({{"code": code, "heavy": [m for m in {HEAVY!r} if m in sys.modules]}}))
    """)
    env = {**os.environ, "PYTHONPATH": str(REPO), "VITA_HOME": str(tmp_path / "home")}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report == {"code": 0, "heavy": []}
