"""Mutation fuzz of `vita parse`: real-format files, damaged at random, in batches of 50.

    python bench/parse_fuzz.py                   # 1,200 mutants, batches of 50
    python bench/parse_fuzz.py --count 200       # a quick look

Seeds: fictional resumes rendered by Vita's own writers (DOCX, PDF, Markdown, JSON Resume, text,
HTML) and every file of ../shared/bench/hostile/ (read only; mutants go to a temp folder).
Mutations: flipped bytes, truncation, inserted or repeated chunks, zeroed ranges, and for ZIP
containers (DOCX) a damaged member re-zipped. Each batch runs as one `vita parse` process; it
must print one JSON line per input, in order, and end with status 0 or 1 (some inputs failed)
within the time budget: anything else is a crash or a hang. Prints counts by result.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("VITA_SHARED", REPO.parent / "shared"))
sys.path.insert(0, str(REPO))

RESUME = {
    "basics": {"name": "Tamsin Oduya-Kerr", "label": "Marine Surveyor", "email": "tamsin.ok@example.org",
               "phone": "+44 20 7946 0000", "summary": "Surveys hulls, rigs and moorings for small harbours.",
               "location": {"city": "Portlow", "countryCode": "GB"}},
    "work": [{"name": "Greywater Marine Surveys", "position": "Senior Surveyor", "startDate": "2017-03",
              "highlights": ["Surveyed 340 vessels with no missed defects", "Cut report turnaround by 40%"]},
             {"name": "Saltmarsh Boatyard", "position": "Shipwright", "startDate": "2011-06",
              "endDate": "2017-02", "highlights": ["Rebuilt 12 wooden hulls", "Trained 4 apprentices"]}],
    "education": [{"institution": "Tidewater College", "area": "Naval Architecture", "studyType": "BSc",
                   "startDate": "2007", "endDate": "2011"}],
    "skills": [{"name": "Hull survey", "keywords": ["Ultrasonic thickness", "Rigging", "Moorings"]}],
}


OWN_SEEDS = 6  # docx, pdf, md, txt, json, html rendered from RESUME


def seeds(folder: Path) -> list[Path]:
    """Fictional resumes in every format Vita reads, plus the shared hostile corpus."""
    from core.exchange.writers import render_markdown, write_docx, write_pdf

    folder.mkdir(parents=True)
    made = [write_docx(RESUME, folder / "resume.docx"), write_pdf(RESUME, folder / "resume.pdf")]
    md = render_markdown(RESUME)
    (folder / "resume.md").write_text(md, "utf-8")
    (folder / "resume.txt").write_text(md.replace("#", "").replace("**", ""), "utf-8")
    (folder / "resume.json").write_text(json.dumps(RESUME), "utf-8")
    body = "".join(f"<p>{line}</p>" for line in md.splitlines() if line.strip())
    (folder / "resume.html").write_text(f"<html><body><h1>{RESUME['basics']['name']}</h1>{body}</body></html>",
                                        "utf-8")
    made += [folder / n for n in ("resume.md", "resume.txt", "resume.json", "resume.html")]
    hostile = SHARED / "bench" / "hostile"
    if hostile.is_dir():
        made += sorted(p for p in hostile.rglob("*") if p.is_file() and p.name != "SOURCE.md")
    else:
        print(f"(no {hostile}: fuzzing Vita's own fictional files only)")
    return made


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 64)))
    buf = bytearray(data)
    kind = rng.choice(("flip", "flip", "truncate", "insert", "repeat", "zero"))
    if kind == "flip":
        for _ in range(rng.randint(1, 24)):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
    elif kind == "truncate":
        del buf[rng.randrange(1, len(buf) + 1):]
    elif kind == "insert":
        at = rng.randrange(len(buf) + 1)
        buf[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 512)))
    elif kind == "repeat":
        a = rng.randrange(len(buf))
        chunk = buf[a:a + rng.randint(1, 4096)]
        at = rng.randrange(len(buf) + 1)
        buf[at:at] = chunk * rng.randint(1, 50)
    else:
        a = rng.randrange(len(buf))
        end = min(len(buf), a + rng.randint(1, 2048))
        buf[a:end] = bytes(end - a)
    return bytes(buf)


def mutate_zip(data: bytes, rng: random.Random) -> bytes | None:
    """Damage one member of a ZIP container and zip it again (a well-formed ZIP, bad content)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = [(i, zf.read(i)) for i in zf.infolist()]
    except Exception:
        return None
    if not members:
        return None
    out = io.BytesIO()
    victim = rng.randrange(len(members))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, (info, content) in enumerate(members):
            zf.writestr(info.filename, mutate_bytes(content, rng) if n == victim else content)
    return out.getvalue()


def make_mutants(sources: list[Path], folder: Path, count: int, rng: random.Random, *, own: int) -> list[Path]:
    """Half the mutants from Vita's own fictional files (the first `own` sources), half from the rest."""
    folder.mkdir(parents=True)
    out = []
    mine, theirs = sources[:own], sources[own:] or sources[:own]
    for i in range(count):
        pool = mine if i % 2 == 0 else theirs
        src = pool[(i // 2) % len(pool)]
        data = src.read_bytes()
        mutated = mutate_zip(data, rng) if data[:4] == b"PK\x03\x04" and rng.random() < 0.5 else None
        if mutated is None:
            mutated = mutate_bytes(data, rng)
        path = folder / f"m{i:05d}{src.suffix}"
        path.write_bytes(mutated)
        out.append(path)
    return out


def run_batch(files: list[Path], timeout: float, env: dict[str, str]) -> tuple[list[dict], str, int | None]:
    cmd = [sys.executable, "-m", "app", "parse", *map(str, files)]
    try:
        done = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        return [json.loads(ln) for ln in out.splitlines() if ln.strip()], "hang", None
    lines = []
    for ln in done.stdout.splitlines():
        try:
            lines.append(json.loads(ln))
        except ValueError:
            lines.append({"unparsable": ln[:80]})
    return lines, done.stderr, done.returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=1200)
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--batch-timeout", type=float, default=900.0)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    results: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    crashes, hangs, missing = [], [], 0
    with tempfile.TemporaryDirectory(prefix="vita-fuzz-") as tmp:
        root = Path(tmp)
        sources = seeds(root / "seeds")
        mutants = make_mutants(sources, root / "mutants", args.count, rng, own=OWN_SEEDS)
        env = dict(os.environ, PYTHONPATH=str(REPO), VITA_HOME=str(root / "home"))
        start = time.monotonic()
        for b in range(0, len(mutants), args.batch):
            batch = mutants[b:b + args.batch]
            lines, err, code = run_batch(batch, args.batch_timeout, env)
            sources_seen = [ln.get("source") for ln in lines]
            if code is None:
                hangs.append(b // args.batch)
            elif code not in (0, 1) or "Traceback" in err:
                crashes.append((b // args.batch, code, err.strip().splitlines()[-1:] if err else []))
            if sources_seen != [str(p) for p in batch]:
                missing += len(batch) - sum(1 for s in sources_seen if s)
            for ln in lines:
                result = "text" if "error" not in ln else ln["error"].get("code", "?")
                results[result] += 1
                by_kind[f"{Path(str(ln.get('source', ''))).suffix or '(none)'} {result}"] += 1
            print(f"  batch {b // args.batch + 1}: {len(lines)}/{len(batch)} lines, exit {code}", flush=True)
        took = time.monotonic() - start
        crash_logs = list((root / "home").rglob("crash-*.log"))
    print(f"parse fuzz: {len(mutants)} mutants of {len(sources)} seeds in {len(mutants) // args.batch} batches, "
          f"{took:.0f} s ({took / max(len(mutants), 1) * 1000:.0f} ms per file)")
    print(f"  crashes {len(crashes)}, hangs {len(hangs)}, inputs without a result line {missing}, "
          f"crash logs {len(crash_logs)}")
    for name, n in results.most_common():
        print(f"  {name}: {n}")
    print("  by seed format: " + ", ".join(f"{k} {n}" for k, n in sorted(by_kind.items())))
    for c in crashes[:5]:
        print(f"  crash in batch {c[0]}: exit {c[1]} {c[2]}")


if __name__ == "__main__":
    main()
