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


def _floors(folder: Path) -> np.ndarray:
    """Each text's parity floor for the model in `folder`: 0.999 float32; int8 0.99, and 0.95 for the
    texts that fill the model's window (see core.embed.export's MIN_COSINE_INT8_LONG)."""
    from core.embed.export import INT8_SHORT_TOKENS, MIN_COSINE_INT8, MIN_COSINE_INT8_LONG

    if json.loads((folder / MANIFEST).read_text(encoding="utf-8")).get("variant") != "int8-static":
        return np.full(len(TEXTS), 0.999)
    return np.array([MIN_COSINE_INT8_LONG if len(t.split()) > INT8_SHORT_TOKENS else MIN_COSINE_INT8 for t in TEXTS])


def test_matches_sentence_transformers(reference: np.ndarray) -> None:
    got = Embedder().encode(TEXTS, batch_size=4)  # several batches of mixed lengths
    assert got.shape == (len(TEXTS), DIM) and got.dtype == np.float32
    cosines = (got * reference).sum(axis=1)
    assert (cosines >= _floors(default_onnx_dir())).all(), cosines
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


@pytest.mark.slow
def test_the_bundles_int8_variant_is_half_the_size_and_agrees_with_the_export(tmp_path: Path) -> None:
    """`export --int8-to` writes a checked folder half the size whose vectors agree with the
    shipped export at the int8 floor (0.99), and a second run leaves it alone."""
    from core.embed.export import MIN_COSINE_INT8, compact_int8
    from core.embed.runtime import MODEL_FILE, fp32_onnx_dir

    source = fp32_onnx_dir()  # (the app prefers the static int8 export when it is installed)
    if not source.is_dir():
        pytest.skip("the embedding model has not been exported on this machine")
    target = compact_int8(tmp_path / "int8", source)
    verify_onnx_dir(target, MODEL_SHA256)
    manifest = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["weights_stored_as"].startswith("int8")
    assert (target / MODEL_FILE).stat().st_size < 0.6 * (source / MODEL_FILE).stat().st_size
    assert manifest["gate_min_cosine"] >= MIN_COSINE_INT8
    small = Embedder(folder=target).encode(TEXTS)
    full = Embedder(folder=source).encode(TEXTS)
    assert float((small * full).sum(axis=1).min()) >= MIN_COSINE_INT8
    made = (target / MODEL_FILE).stat().st_mtime_ns
    assert compact_int8(tmp_path / "int8", source) == target
    assert (target / MODEL_FILE).stat().st_mtime_ns == made


@pytest.fixture(scope="module")
def models_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A models folder holding the float32 export (a copy) and the int8 one, exported here (needs the dev tools)."""
    pytest.importorskip("torch", reason="the int8 export needs the dev dependencies")
    from core.embed.export import export_int8
    from core.embed.runtime import FOLDER, INT8_FOLDER, fp32_onnx_dir

    root = tmp_path_factory.mktemp("models")
    shutil.copytree(fp32_onnx_dir(), root / FOLDER)
    export_int8(root / INT8_FOLDER)
    return root


def test_int8_export_agrees_with_sentence_transformers_and_ignores_batch_mates(
        models_root: Path, reference: np.ndarray) -> None:
    from core.embed.runtime import INT8_FOLDER, MODEL_FILE

    folder = models_root / INT8_FOLDER
    manifest = verify_onnx_dir(folder, MODEL_SHA256)
    assert json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["variant"] == "int8-static"
    assert (folder / MODEL_FILE).stat().st_size < 30e6  # the bundle's budget: no larger than the float32 export's int8 copy
    emb = Embedder(folder=folder)
    whole = emb.encode(TEXTS, batch_size=64)
    assert ((whole * reference).sum(axis=1) >= _floors(folder)).all()
    one_by_one = np.vstack([emb.encode([t]) for t in TEXTS])  # fixed scales: a batch's mates change nothing
    assert np.allclose(whole, one_by_one, atol=1e-5)
    assert emb.model_id == manifest.files[MODEL_FILE] != Embedder(folder=models_root / "vita-embed-minilm").model_id


def test_the_app_prefers_the_int8_export_and_falls_back_to_float32(
        models_root: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from core.embed import runtime
    from core.embed.runtime import FOLDER, INT8_FOLDER, MODEL_FILE

    monkeypatch.delenv("VITA_EMBED_MODEL_DIR", raising=False)
    monkeypatch.delenv("VITA_EMBED_VARIANT", raising=False)
    monkeypatch.setattr(runtime, "_models_root", lambda: models_root)
    int8_id = Embedder(folder=models_root / INT8_FOLDER).model_id
    fp32_id = Embedder(folder=models_root / FOLDER).model_id
    assert runtime.default_onnx_dir() == models_root / INT8_FOLDER
    assert Embedder().model_id == int8_id
    monkeypatch.setenv("VITA_EMBED_VARIANT", "fp32")
    assert Embedder().model_id == fp32_id
    monkeypatch.delenv("VITA_EMBED_VARIANT")
    damaged = tmp_path / "root"  # an int8 file that fails its checksum: the float32 export loads instead
    shutil.copytree(models_root, damaged)
    (damaged / INT8_FOLDER / MODEL_FILE).write_bytes(b"not a model")
    monkeypatch.setattr(runtime, "_models_root", lambda: damaged)
    emb = Embedder()
    assert emb.model_id == fp32_id
    assert emb.encode(["Kubernetes"]).shape == (1, DIM)


def test_the_int8_stored_copy_refuses_the_int8_export_as_its_source(tmp_path: Path) -> None:
    from core.embed.export import compact_int8
    from core.embed.runtime import int8_onnx_dir

    if not (int8_onnx_dir() / MANIFEST).is_file():
        pytest.skip("the int8 embedding model has not been exported on this machine")
    with pytest.raises(ModelUnavailable, match="float32 export"):
        compact_int8(tmp_path / "copy", int8_onnx_dir())
