"""Ingest 10 resumes into a fresh vault with embeddings: cold (model load included) then warm.

Uses ../shared/bench/resumes/rendered when present (read in place, never copied; only counts and
formats are printed, no content and no file names), else ten generated fictional resumes.
Both runs go through one parser pool, as the app keeps one; the warm run ingests the same files
into another fresh vault in the same process. Figures are printed, never asserted.

    python bench/ingest.py [--corpus DIR] [--count 10] [--no-embed]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

FORMATS = (".pdf", ".docx", ".txt")


def pick_files(corpus: Path, count: int) -> list[Path]:
    """One file per person, rotating through the formats present (PDF, DOCX, text)."""
    people: dict[str, list[Path]] = defaultdict(list)
    for p in sorted(corpus.iterdir()):
        if p.suffix.lower() in FORMATS and not p.name.startswith("."):
            people[p.name.split(".")[0]].append(p)
    out = []
    for i, person in enumerate(sorted(people)[:count]):
        files = people[person]
        want = FORMATS[i % len(FORMATS)]
        out.append(next((f for f in files if f.suffix.lower() == want), files[0]))
    return out


def fictional_resumes(folder: Path, count: int) -> list[Path]:
    """Generated plain-text resumes (made-up people) when the shared corpus is absent."""
    out = []
    for i in range(count):
        p = folder / f"fictional-{i}.txt"
        p.write_text(
            f"Alex Example{i}\nalex{i}@example.org | +1 555 01{i:02d}\n\nEXPERIENCE\n\n"
            f"Analyst, Example Works {i} — Springfield\nJan 201{i % 10} – Present\n"
            f"- Reduced report turnaround by {10 + i}% by automating exports\n"
            f"- Trained {3 + i} colleagues on the reporting tool\n\n"
            f"EDUCATION\nB.Sc. Mathematics, Example University, 2008 – 2012\n\n"
            "SKILLS\nPython, SQL, Excel\n", encoding="utf-8")
        out.append(p)
    return out


def new_workspace(root: Path, name: str, services):  # type: ignore[no-untyped-def]
    from core.vault import ProfileStore
    from core.vault.keys import Argon2Params
    from core.workspace import Workspace

    store = ProfileStore(root / "profiles")
    profile, _ = store.create(name, passphrase="bench", argon=Argon2Params(1, 1024, 1))
    key = store.unlock(profile, passphrase="bench").key
    return Workspace(store.open_vault(profile, key), profile=profile, services=services)


def children_cpu() -> float:
    """CPU seconds used so far by this process's live child processes (the parser pool), from /proc."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid():  # ppid; then utime, stime are fields 11 and 12 after ")"
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def run_once(root: Path, name: str, files: list[Path], services, embed: bool):  # type: ignore[no-untyped-def]
    from core.ingest import ingest

    ws = new_workspace(root, name, services)
    stage_s: dict[str, float] = defaultdict(float)
    try:
        t0, c0, k0 = time.perf_counter(), time.process_time(), children_cpu()
        last, last_stage = t0, "start"
        run = ingest(ws, files, embed=embed)
        for p in run:
            now = time.perf_counter()
            stage_s[last_stage] += now - last
            last, last_stage = now, p.stage
        total = time.perf_counter() - t0
        stage_s["cpu (this process)"] = time.process_time() - c0
        stage_s["cpu (child processes)"] = children_cpu() - k0
        return total, run.summary, dict(stage_s)
    finally:
        ws.close()


def reference_embedding(threads: int):  # type: ignore[no-untyped-def]
    """sentence-transformers behind the same `Embedding` seam, as the app embedded before ONNX Runtime."""
    import torch
    from sentence_transformers import SentenceTransformer

    from core.embed import model_dir
    from core.services import ENCODE_BATCH, EncoderEmbedding

    if threads:
        torch.set_num_threads(threads)

    class Reference:
        def __init__(self) -> None:
            self.model = SentenceTransformer(str(model_dir()), device="cpu", local_files_only=True)

        def encode(self, texts: list[str], batch_size: int = 64):  # type: ignore[no-untyped-def]
            return self.model.encode(texts, batch_size=batch_size, normalize_embeddings=True,
                                     show_progress_bar=False)

    return EncoderEmbedding(Reference(), batch_size=ENCODE_BATCH)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = REPO.parent / "shared" / "bench" / "resumes" / "rendered"
    ap.add_argument("--corpus", type=Path, default=Path(os.environ.get("VITA_BENCH_RESUMES", default)))
    ap.add_argument("--count", type=int, default=10)
    ap.add_argument("--no-embed", dest="embed", action="store_false")
    ap.add_argument("--reference", action="store_true",
                    help="embed with sentence-transformers (torch), the engine before ONNX Runtime, for a before/after")
    ap.add_argument("--embed-threads", type=int, default=0,
                    help="ONNX Runtime threads for the embedder (0: its default)")
    args = ap.parse_args()
    if args.embed_threads:
        os.environ["VITA_EMBED_THREADS"] = str(args.embed_threads)

    from core.services import Services

    with tempfile.TemporaryDirectory(prefix="vita-bench-ingest-") as tmp:
        root = Path(tmp)
        if args.corpus.is_dir():
            files, source = pick_files(args.corpus, args.count), "shared rendered resumes"
        else:
            (root / "gen").mkdir()
            files, source = fictional_resumes(root / "gen", args.count), "generated fictional resumes"
        kinds = defaultdict(int)
        for f in files:
            kinds[f.suffix.lower().lstrip(".")] += 1
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"corpus: {len(files)} {source} ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}); "
              f"embeddings: {'on' if args.embed else 'off'}; cpus: {os.cpu_count()}; load average: {load:.1f}")
        services = Services(embedder=reference_embedding(args.embed_threads) if args.reference else None)
        print(f"embedding engine: {'sentence-transformers (torch)' if args.reference else 'ONNX Runtime'}")
        try:
            results = []
            for label in ("cold", "warm"):
                total, summary, stages = run_once(root, label, files, services, args.embed)
                results.append((label, total, summary))
                cpu = stages.pop("cpu (this process)")
                kids = stages.pop("cpu (child processes)")
                split = ", ".join(f"{k} {v:.2f}s" for k, v in sorted(stages.items(), key=lambda kv: -kv[1]))
                print(f"{label}: {total:.2f} s wall, {cpu:.2f} s CPU in this process + {kids:.2f} s in the parser processes, for {summary.documents} documents "
                      f"({total / max(1, len(files)):.2f} s/doc); {summary.facts} facts, "
                      f"{summary.duplicates} merged, {summary.quarantined} quarantined, "
                      f"{summary.embedded} vectors; time after each stage (includes waiting for the parser): {split}")
        finally:
            services.shutdown()
        _, warm_total, warm = results[-1]
        per = [o.facts for o in warm.outcomes if o.status == "stored"]
        print("facts per resume (extracted): " + ", ".join(str(n) for n in per))
        if per:
            print(f"facts per resume: min {min(per)}, median {sorted(per)[len(per) // 2]}, max {max(per)}, "
                  f"mean {sum(per) / len(per):.1f}")
        print(f"warm target <= 3 s on 2 cores: {'met' if warm_total <= 3 else 'NOT met'} ({warm_total:.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
