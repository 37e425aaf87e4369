"""Set-up/build step: export the verified all-MiniLM-L6-v2 weights to the ONNX folder the app loads.

Run once after install (`scripts/bootstrap.sh` does) or before bundling: `python -m core.embed.export`.
This is the only module of the app that imports torch, transformers and sentence-transformers
(development dependencies); the app, the CLI and the worker processes never import it. Steps:
check the safetensors against the pinned SHA-256, trace the encoder with sentence-transformers'
mean pooling and L2 normalisation inside the graph, fuse it with ONNX Runtime's transformer
optimiser, store the weights as float16 (half the size; the maths stays float32), check parity against sentence-transformers, then record every file's SHA-256 in the
manifest and move the folder into place in one rename. Nothing is downloaded.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from core.embed import MODEL_SHA256, ModelUnavailable, model_dir, verify_model
from core.embed.runtime import (
    INT8_FOLDER,
    MANIFEST,
    MAX_TOKENS,
    MODEL_FILE,
    TOKENIZER_FILE,
    OnnxSentenceEncoder,
    file_sha256,
    fp32_onnx_dir,
    int8_onnx_dir,
    verify_onnx_dir,
)

OPSET = 17
MIN_COSINE = 0.999  # the exported graph must agree with sentence-transformers at least this well
MIN_COSINE_INT8 = 0.99  # the int8 variants (the floor for int8)
# The statically quantised graph loses more on texts that fill the model's window (min cosine 0.989 on
# 150-256-token concatenations of real sentences, 0.97 on the 400 x "a" gate text): its gate holds
# those (over INT8_SHORT_TOKENS tokens) to this lower floor, a check that the export is not broken.
MIN_COSINE_INT8_LONG = 0.95
INT8_SHORT_TOKENS = 128
GATE_TEXTS = [
    "Led a team of five engineers building a payments platform.",
    "Python",
    "Senior Data Analyst",
    "Registered nurse, intensive care unit, 2016 - present",
    "Cut monthly reporting time by 40% by automating the SQL pipeline.",
    "Looking for a forklift operator with a valid certificate; night shifts.",
    "machine learning, deep learning, PyTorch, TensorFlow, scikit-learn",
    "Ingeniera de software con experiencia en sistemas distribuidos",
    "",
    "a " * 400,  # longer than the model's window: truncated exactly as sentence-transformers does
    "Managed a budget of $2.5M across three regions and reported quarterly to the CFO on variance.",
]


def _export_graph(weights: Path, target: Path) -> None:
    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(weights), attn_implementation="eager").eval()

    class PooledEncoder(torch.nn.Module):
        """The encoder plus sentence-transformers' Pooling (mean over the mask) and Normalize."""

        def __init__(self, encoder: Any) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            tokens = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(tokens.dtype)
            pooled = (tokens * mask).sum(1) / torch.clamp(mask.sum(1), min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2.0, dim=1)

    sample = torch.ones((2, 8), dtype=torch.long)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    axes = {n: {0: "batch", 1: "tokens"} for n in names}
    axes["sentence_embedding"] = {0: "batch"}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tracer's notes on shape-constant branches (checked by parity)
        torch.onnx.export(
            PooledEncoder(model), (sample, sample, torch.zeros_like(sample)), str(target),
            input_names=names, output_names=["sentence_embedding"], dynamic_axes=axes,
            opset_version=OPSET, dynamo=False,
        )


def _fuse(graph: Path, weights: Path) -> None:
    """Fuse attention, layer norms and GELU for the CPU (ONNX Runtime's own BERT optimiser), in place."""
    from onnxruntime.transformers import optimizer

    config = json.loads((weights / "config.json").read_text(encoding="utf-8"))
    fused = optimizer.optimize_model(
        str(graph), model_type="bert", num_heads=int(config["num_attention_heads"]),
        hidden_size=int(config["hidden_size"]), opt_level=1, use_gpu=False,
    )
    fused.save_model_to_file(str(graph))


def _store_weights_half(graph: Path, *, matrices_only: bool = False) -> None:
    """Keep the large float32 weights as float16 plus a Cast, in place: half the file, float32 maths.

    `matrices_only` leaves 1-D tensors alone (a quantised graph's scales must stay constants).

    ONNX Runtime folds each Cast of a constant when the session is created, so inference runs on
    float32 weights rounded once to float16 (cosine to the float32 graph ~0.999999).
    """
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load(str(graph))
    casts = []
    for init in list(model.graph.initializer):
        if (init.data_type == TensorProto.FLOAT and int(np.prod(init.dims)) >= 1024
                and not (matrices_only and len(init.dims) < 2)):
            half = numpy_helper.from_array(numpy_helper.to_array(init).astype(np.float16), init.name + "__fp16")
            model.graph.initializer.remove(init)
            model.graph.initializer.append(half)
            casts.append(helper.make_node("Cast", [half.name], [init.name], to=TensorProto.FLOAT,
                                          name=init.name + "__cast"))
    for i, node in enumerate(casts):  # first, so every consumer comes after its weight (topological order)
        model.graph.node.insert(i, node)
    onnx.save(model, str(graph))


def _store_weights_int8(graph: Path) -> None:
    """Weight-only int8 in place: each float16-stored matrix becomes int8 codes plus one scale per
    output column (symmetric), rebuilt by Cast, Mul and Cast in front of the existing float16 Cast.

    The rebuild is float32 maths (CPU kernels exist for it), so ONNX Runtime folds it into a constant
    when the session loads; a float16 Mul has no CPU kernel, is not folded, and would run on every
    batch. Inference runs in float32 on weights rounded to 255 levels per column (cosine to the
    float16-stored graph ~0.998; the file is half as large).
    """
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load(str(graph))
    nodes = []
    for init in list(model.graph.initializer):
        if init.data_type != TensorProto.FLOAT16 or len(init.dims) != 2:
            continue
        weight = numpy_helper.to_array(init).astype(np.float32)
        scale = np.abs(weight).max(axis=0, keepdims=True) / 127.0  # MatMul weights are [in, out]
        scale[scale == 0] = 1.0
        scale = scale.astype(np.float16).astype(np.float32)  # float16-exact: the file's scales stay small
        codes = np.clip(np.round(weight / scale), -127, 127).astype(np.int8)
        q8 = numpy_helper.from_array(codes, init.name + "__q8")
        q8_scale = numpy_helper.from_array(scale, init.name + "__scale")
        model.graph.initializer.remove(init)
        model.graph.initializer.extend([q8, q8_scale])
        nodes.append(helper.make_node("Cast", [q8.name], [init.name + "__q8f"], to=TensorProto.FLOAT,
                                      name=init.name + "__q8cast"))
        nodes.append(helper.make_node("Mul", [init.name + "__q8f", q8_scale.name], [init.name + "__f32"],
                                      name=init.name + "__dequant"))
        nodes.append(helper.make_node("Cast", [init.name + "__f32"], [init.name], to=TensorProto.FLOAT16,
                                      name=init.name + "__tohalf"))
    for i, node in enumerate(nodes):  # first: every consumer comes after its weight
        model.graph.node.insert(i, node)
    onnx.save(model, str(graph))


def parity(folder: Path, weights: Path, texts: list[str]) -> np.ndarray:
    """Cosine of each text's vector from the ONNX folder to sentence-transformers' own."""
    from sentence_transformers import SentenceTransformer

    reference = SentenceTransformer(str(weights), device="cpu", local_files_only=True)
    want = reference.encode(texts, normalize_embeddings=True, show_progress_bar=False)
    got = OnnxSentenceEncoder(folder).encode(texts)
    return np.asarray((np.asarray(want, dtype=np.float32) * got).sum(axis=1))


def _verified_weights() -> Path:
    """The pinned safetensors folder, checked, with the libraries told to stay offline."""
    for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_HUB_DISABLE_PROGRESS_BARS"):
        os.environ.setdefault(var, "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    weights = model_dir()
    verify_model(weights)
    return weights


def _valid(target: Path, force: bool) -> bool:
    """`target` already holds a folder that verifies (and no new export is asked for)."""
    if force:
        return False
    try:
        verify_onnx_dir(target, MODEL_SHA256)
        return True
    except ModelUnavailable:
        return False


def _work_dir(target: Path, prefix: str) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=prefix, dir=target.parent))
    work.chmod(0o755)  # mkdtemp's folder is private; the model folder is read by every user of the install
    return work


def _install(work: Path, target: Path, cosines: np.ndarray, **described: str) -> None:
    """Write the manifest (every file's SHA-256), check the folder, and move it into place in one rename."""
    manifest = {
        "model": "sentence-transformers/all-MiniLM-L6-v2",
        "source_sha256": MODEL_SHA256,
        "files": {name: file_sha256(work / name) for name in (MODEL_FILE, TOKENIZER_FILE)},
        "max_tokens": MAX_TOKENS,
        "pooling": "mean over attention mask, then L2 normalise (in the graph)",
        "opset": OPSET,
        **described,
        "gate_min_cosine": round(float(cosines.min()), 7),
    }
    (work / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    verify_onnx_dir(work, MODEL_SHA256)
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    work.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def export(target: Path | None = None, *, force: bool = False) -> Path:
    """Write the verified ONNX model folder to `target` (default: where the app looks); returns it."""
    target = target or fp32_onnx_dir()
    if _valid(target, force):
        return target
    weights = _verified_weights()
    work = _work_dir(target, ".export-")
    try:
        _export_graph(weights, work / MODEL_FILE)
        _fuse(work / MODEL_FILE, weights)
        _store_weights_half(work / MODEL_FILE)
        shutil.copyfile(weights / TOKENIZER_FILE, work / TOKENIZER_FILE)
        cosines = parity(work, weights, GATE_TEXTS)
        if float(cosines.min()) < MIN_COSINE:
            raise ModelUnavailable(f"The exported model disagrees with the reference (cosine {cosines.min():.5f}).")
        _install(work, target, cosines, weights_stored_as="float16, computed in float32")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def compact_int8(target: Path, source: Path | None = None) -> Path:
    """Write the int8-stored variant of the verified export to `target` (the bundle's copy); returns it.

    Gated like the export, against sentence-transformers, at the int8 floor. A no-op when `target`
    already holds a valid int8 variant of the same source graph.
    """
    source = export(source)
    source_manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    if source_manifest.get("variant") == "int8-static":  # quantising twice would fail the gate, late and vaguely
        raise ModelUnavailable("The int8-stored copy is made from the float32 export, not from the int8 one.")
    source_files = source_manifest["files"]
    try:
        verify_onnx_dir(target, MODEL_SHA256)
        made = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
        if made.get("derived_from") == source_files[MODEL_FILE]:
            return target
    except (ModelUnavailable, ValueError, KeyError):
        pass
    weights = model_dir()
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".int8-", dir=target.parent))
    work.chmod(0o755)
    try:
        for name in (MODEL_FILE, TOKENIZER_FILE):
            shutil.copyfile(source / name, work / name)
        _store_weights_int8(work / MODEL_FILE)
        cosines = parity(work, weights, GATE_TEXTS)
        if float(cosines.min()) < MIN_COSINE_INT8:
            raise ModelUnavailable(f"The int8 model disagrees with the reference (cosine {cosines.min():.5f}).")
        manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
        manifest.update({
            "files": {name: file_sha256(work / name) for name in (MODEL_FILE, TOKENIZER_FILE)},
            "weights_stored_as": "int8 per output column with float16 scales, computed in float32",
            "derived_from": source_files[MODEL_FILE],
            "gate_min_cosine": round(float(cosines.min()), 7),
        })
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        verify_onnx_dir(work, MODEL_SHA256)
        shutil.rmtree(target, ignore_errors=True)
        work.rename(target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def export_int8(target: Path | None = None, *, force: bool = False) -> Path:
    """Write the statically quantised folder (`core.embed.quantize`) to `target` (default: next to the
    float32 one, where the app prefers it); returns it. Gated at the int8 floor against sentence-transformers."""
    from core.embed.quantize import SMOOTH_ALPHA, quantise_static

    target = target or int8_onnx_dir()
    if _valid(target, force):
        return target
    weights = _verified_weights()
    work = _work_dir(target, ".int8-static-")
    try:
        _export_graph(weights, work / "float32.onnx")
        shutil.copyfile(weights / TOKENIZER_FILE, work / TOKENIZER_FILE)
        quantise_static(work / "float32.onnx", work / TOKENIZER_FILE, work / MODEL_FILE, max_tokens=MAX_TOKENS)
        (work / "float32.onnx").unlink()
        _store_weights_half(work / MODEL_FILE, matrices_only=True)  # embeddings, FFN outputs ...
        _store_weights_int8(work / MODEL_FILE)  # ... then as int8 codes per column: 23 MB in all
        cosines = parity(work, weights, GATE_TEXTS)
        lengths = np.array([len(t.split()) for t in GATE_TEXTS])  # words: at least one token each
        floors = np.where(lengths > INT8_SHORT_TOKENS, MIN_COSINE_INT8_LONG, MIN_COSINE_INT8)
        if bool((cosines < floors).any()):
            raise ModelUnavailable(f"The int8 model disagrees with the reference (cosines {np.round(cosines, 5)}).")
        _install(work, target, cosines, variant="int8-static",
                 quantisation=(f"static QDQ: SmoothQuant alpha {SMOOTH_ALPHA}, int8 weights per output channel, "
                               "uint8 activations with fixed calibrated ranges; FFN output MatMuls float32"),
                 weights_stored_as=("int8 (quantised MatMuls); embeddings and FFN outputs as int8 codes per column "
                                    "with float16 scales, computed in float32"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m core.embed.export", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="model folder (default: where the app looks)")
    parser.add_argument("--force", action="store_true", help="export again even when a valid folder exists")
    parser.add_argument("--no-int8", dest="int8", action="store_false",
                        help="do not write the statically quantised model the app prefers (next to --out)")
    parser.add_argument("--int8-static-to", type=Path, default=None, metavar="DIR",
                        help="write the statically quantised model (what the bundle ships) to DIR instead")
    parser.add_argument("--int8-to", type=Path, default=None, metavar="DIR",
                        help="also write the float32 model's int8-stored copy (float32 maths) to DIR")
    args = parser.parse_args(argv)
    try:
        folder = export(args.out, force=args.force)
        if args.int8:
            static_to = args.int8_static_to or (folder.with_name(INT8_FOLDER) if args.out else None)
            quantised = export_int8(static_to, force=args.force)
            made = json.loads((quantised / MANIFEST).read_text(encoding="utf-8"))
            print(f"embedding model (ONNX, int8 static) ok: {made['files'][MODEL_FILE][:12]}… at {quantised}")
        if args.int8_to is not None:
            folder = compact_int8(args.int8_to, folder)
    except ModelUnavailable as exc:
        print(f"embedding export failed: {exc}", file=sys.stderr)
        return 1
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    print(f"embedding model (ONNX) ok: {manifest['files'][MODEL_FILE][:12]}… at {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
