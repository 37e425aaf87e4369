"""Embedding parity and speed: sentence-transformers (torch, the reference) against the ONNX Runtime embedder.

Texts (at least 1,000, varied): job-ad sentences (SkillSpan dev), resume bullets (rendered set's
truth files), O*NET alternate titles, technology-skill names and task statements, all read in
place from ../shared and never printed; a generated fictional set when ../shared is absent.
Each engine runs in its own fresh process (so its peak memory is its own), alternating
reference / fp32 / int8 for `--rounds` rounds in the same run, each with the same thread count.
Printed: cosine of every vector to the reference (min, 0.1 % quantile, mean), texts per second
(median over rounds; the ratio to the reference per round), model load time and peak RSS of the
process. onnx is the float32 export; int8 is the statically quantised export the app prefers
(`core.embed.quantize`): the installed one, or `--int8-dir`, else exported here into a temp folder
(needs the dev packages). Figures are printed, never asserted.

    python bench/embed_speed.py [--count 1200] [--threads 2] [--rounds 3] [--no-int8] [--int8-dir DIR]
    python bench/embed_speed.py --child onnx|st|int8 --texts FILE   (one engine, for outside timers)
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = Path(os.environ.get("VITA_SHARED", REPO.parent / "shared"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")


def _sample(items: list[str], n: int, rng: random.Random) -> list[str]:
    items = sorted({t.strip() for t in items if t and t.strip()})
    return rng.sample(items, min(n, len(items)))


def shared_texts(count: int) -> tuple[list[str], dict[str, int]]:
    """A deterministic, varied sample from ../shared (empty when it is absent)."""
    rng = random.Random(16)
    per = max(1, count // 5)
    groups: dict[str, list[str]] = {}
    spans = SHARED / "bench" / "skills" / "skillspan_dev.jsonl"
    if spans.exists():
        lines = [json.loads(x)["text"] for x in spans.read_text(encoding="utf-8").splitlines() if x.strip()]
        groups["job-ad sentences"] = _sample([t for t in lines if len(t) > 20], per, rng)
    rendered = SHARED / "bench" / "resumes" / "rendered"
    if rendered.exists():
        bullets: list[str] = []
        for truth in sorted(rendered.glob("*.truth.json")):
            for job in json.loads(truth.read_text(encoding="utf-8")).get("work", []):
                bullets += [str(h) for h in job.get("highlights", [])] + [str(job.get("summary") or "")]
        groups["resume bullets"] = _sample(bullets, per, rng)
    onet = SHARED / "onet" / "db_30_0_text"
    for name, column, label in (("Alternate Titles.txt", "Alternate Title", "job titles"),
                                ("Technology Skills.txt", "Example", "skills"),
                                ("Task Statements.txt", "Task", "task statements")):
        path = onet / name
        if path.exists():
            with path.open(encoding="utf-8", newline="") as fh:
                rows = [r[column] for r in csv.DictReader(fh, delimiter="\t")]
            groups[label] = _sample(rows, per, rng)
    texts = [t for g in groups.values() for t in g]
    rng.shuffle(texts)
    return texts, {k: len(v) for k, v in groups.items()}


def fictional_texts(count: int) -> list[str]:
    """Made-up titles, skills and bullets of varied length, when ../shared is absent."""
    rng = random.Random(16)
    roles = ["data analyst", "nurse", "welder", "teacher", "software engineer", "accountant", "chef"]
    skills = ["Python", "SQL", "patient care", "TIG welding", "lesson planning", "IFRS", "menu costing"]
    verbs = ["Led", "Cut", "Built", "Trained", "Reduced", "Managed", "Designed"]
    out = []
    for i in range(count):
        kind = i % 3
        if kind == 0:
            out.append(f"{rng.choice(['Senior', 'Junior', 'Lead', ''])} {rng.choice(roles)}".strip())
        elif kind == 1:
            out.append(", ".join(rng.sample(skills, rng.randint(1, 5))))
        else:
            out.append(f"{rng.choice(verbs)} {rng.randint(2, 90)}% of {rng.choice(skills)} work for "
                       f"{rng.randint(2, 40)} {rng.choice(roles)}s " * rng.randint(1, 4))
    return out


def run_child(engine: str, texts_file: Path, threads: int, out_file: Path | None, folder: Path | None) -> dict[str, float]:
    """Load one engine, encode every text once to warm up, then once timed; peak RSS of this process."""
    texts = json.loads(texts_file.read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    if engine == "st":
        import torch
        from sentence_transformers import SentenceTransformer

        from core.embed import model_dir

        torch.set_num_threads(threads)
        model = SentenceTransformer(str(model_dir()), device="cpu", local_files_only=True)

        def encode(batch: list[str]) -> object:
            return model.encode(batch, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
    else:
        from core.embed import Embedder

        emb = Embedder(threads=threads, folder=folder)
        emb.warm()

        def encode(batch: list[str]) -> object:
            return emb.encode(batch, batch_size=64)
    encode(texts[:64])
    load_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    vecs = encode(texts)
    encode_s = time.perf_counter() - t1
    if out_file is not None:
        import numpy as np

        np.save(out_file, np.asarray(vecs, dtype=np.float32))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    heavy = [m for m in ("torch", "sentence_transformers", "transformers") if m in sys.modules]
    return {"load_s": load_s, "encode_s": encode_s, "texts_per_s": len(texts) / encode_s,
            "peak_mb": peak_mb, "torch_loaded": bool(heavy)}


def int8_folder(given: Path | None, work: Path) -> Path:
    """The statically quantised export: `given`, else the installed one, else exported into `work`."""
    from core.embed import MODEL_SHA256, ModelUnavailable
    from core.embed.runtime import int8_onnx_dir, verify_onnx_dir

    if given is not None:
        return given
    try:
        verify_onnx_dir(int8_onnx_dir(), MODEL_SHA256)
        return int8_onnx_dir()
    except ModelUnavailable:
        from core.embed.export import export_int8

        return export_int8(work / "int8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=1200)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--no-int8", action="store_true")
    ap.add_argument("--child", choices=["st", "onnx", "int8"])
    ap.add_argument("--texts", type=Path)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--folder", type=Path)
    ap.add_argument("--int8-dir", type=Path, help="the int8 export to measure (default: the installed one)")
    ap.add_argument("--bundle-model", type=Path, metavar="DIR",
                    help="also measure this model folder (the bundle's int8-stored variant: "
                         "python -m core.embed.export --int8-to DIR)")
    args = ap.parse_args()
    if args.child:
        texts_file = args.texts
        if texts_file is None:  # standalone (an outside timer): the same sample, written here
            texts_file = Path(tempfile.mkstemp(suffix=".json")[1])
            texts_file.write_text(json.dumps(shared_texts(args.count)[0] or fictional_texts(args.count)))
        print(json.dumps(run_child(args.child, texts_file, args.threads, args.out, args.folder)))
        return 0

    import numpy as np

    from core.embed.runtime import fp32_onnx_dir

    texts, groups = shared_texts(args.count)
    if len(texts) < 1000:
        print(f"(../shared incomplete: {len(texts)} texts from it; adding fictional ones)")
        texts += fictional_texts(args.count - len(texts))
        groups["fictional"] = args.count - sum(groups.values())
    lengths = sorted(len(t) for t in texts)
    print(f"texts: {len(texts)} ({', '.join(f'{k} {v}' for k, v in groups.items())}); "
          f"characters median {lengths[len(lengths) // 2]}, max {lengths[-1]}")
    print(f"threads per engine: {args.threads}; load average at start: {os.getloadavg()[0]:.1f}")
    work = Path(tempfile.mkdtemp(prefix="vita-embed-bench-"))
    try:
        tfile = work / "texts.json"
        tfile.write_text(json.dumps(texts), encoding="utf-8")
        engines = {"st": None, "onnx": fp32_onnx_dir()}
        if not args.no_int8:
            engines["int8"] = int8_folder(args.int8_dir, work)
        if args.bundle_model is not None:
            engines["bundle"] = args.bundle_model
        runs: dict[str, list[dict[str, float]]] = {e: [] for e in engines}
        for rnd in range(args.rounds):
            for engine, folder in engines.items():
                out = work / f"{engine}.npy"
                cmd = [sys.executable, __file__, "--child", "st" if engine == "st" else "onnx",
                       "--texts", str(tfile), "--threads", str(args.threads), "--out", str(out)]
                if folder is not None:
                    cmd += ["--folder", str(folder)]
                res = subprocess.run(cmd, capture_output=True, text=True, check=True)
                runs[engine].append(json.loads(res.stdout.strip().splitlines()[-1]))
            print(f"round {rnd + 1}: " + ", ".join(f"{e} {r[-1]['texts_per_s']:.0f}/s" for e, r in runs.items()))
        ref = np.load(work / "st.npy")
        print(f"\n{'engine':8} {'cos min':>9} {'cos p0.1%':>9} {'cos mean':>9} {'texts/s':>8} {'x ref':>6} "
              f"{'load s':>7} {'peak MB':>8} torch")
        for engine, rs in runs.items():
            cos = (np.load(work / f"{engine}.npy") * ref).sum(axis=1)
            ratio = statistics.median(r["texts_per_s"] / b["texts_per_s"] for r, b in zip(rs, runs["st"], strict=True))
            print(f"{engine:8} {cos.min():9.6f} {np.quantile(cos, 0.001):9.6f} {cos.mean():9.6f} "
                  f"{statistics.median(r['texts_per_s'] for r in rs):8.0f} {ratio:6.2f} "
                  f"{statistics.median(r['load_s'] for r in rs):7.2f} "
                  f"{statistics.median(r['peak_mb'] for r in rs):8.0f} {'yes' if rs[0]['torch_loaded'] else 'no'}")
        print(f"\nload average at end: {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
