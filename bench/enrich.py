"""Enrichment cost: `core.enrich.enrich_facts` over a fictional vault as a ratio to bare skill extraction of
the same texts (the reference, same run), the idempotent re-run, and ingest with vs without enrichment.

    python bench/enrich.py [--roles 40] [--bullets 8] [--onet PATH_TO_onet.sqlite]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from core.enrich import enrich_facts  # noqa: E402
from core.ingest import ingest_parsed  # noqa: E402
from core.services import Services  # noqa: E402
from core.vault import Argon2Params, ProfileStore  # noqa: E402
from core.workspace import Workspace  # noqa: E402
from tests.core.ingest_docs import RoleSpec, resume  # noqa: E402

TOOLS = ["Python", "Kubernetes", "Terraform", "PostgreSQL", "React", "Excel", "Tableau", "Docker", "Java", "SQL"]


def open_ws(root: Path, name: str) -> Workspace:
    store = ProfileStore(root)
    profile, _ = store.create(name, passphrase="bench", argon=Argon2Params(1, 1024, 1))
    key = store.unlock(profile, passphrase="bench", use_keychain=False).key
    return Workspace(store.open_vault(profile, key), profile=profile)


def document(roles: int, bullets: int, tag: str) -> object:
    specs = [RoleSpec(f"Software Engineer {r}", f"Fictional Works {tag}{r}", f"{2000 + r % 20}-01",
                      f"{2001 + r % 20}-06", bullets=[
                          f"Built service {tag}{r}.{b} with {TOOLS[b % 10]} and {TOOLS[(b + r) % 10]}, cutting cost {b}%"
                          for b in range(bullets)]) for r in range(roles)]
    return resume(f"bench-{tag}.txt", "Bench Person", specs, variant=tag)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--roles", type=int, default=40)
    ap.add_argument("--bullets", type=int, default=8)
    ap.add_argument("--onet", type=Path, default=None)
    a = ap.parse_args()
    services = Services(ontology_db=a.onet)
    store = services.ontology()
    t = time.perf_counter()
    ex = services.skill_extractor()
    print(f"extractor build (once per process): {time.perf_counter() - t:.2f} s (O*NET: {store is not None})")
    if store is not None:
        from onet.titles import normalize_title

        t = time.perf_counter()
        normalize_title(store, "Software Engineer")
        print(f"title index build (once per store): {time.perf_counter() - t:.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        ws = open_ws(Path(tmp) / "p", "bench")
        doc = document(a.roles, a.bullets, "a")
        ingest_parsed(ws, [("a", doc)], embed=False, enrich=False).run()
        texts = [f.value for f in doc.facts if f.type.value == "achievement"]  # type: ignore[attr-defined]
        t = time.perf_counter()
        list(ex.extract_many(texts))
        ref = time.perf_counter() - t
        t = time.perf_counter()
        s = enrich_facts(ws, ontology=store, extractor=ex)
        first = time.perf_counter() - t
        t = time.perf_counter()
        again = enrich_facts(ws, ontology=store, extractor=ex)
        second = time.perf_counter() - t
        n = ws.count_facts()
        print(f"vault: {n} facts ({len(texts)} achievements); extraction only: {ref * 1000:.0f} ms")
        print(f"enrich_facts: {first * 1000:.0f} ms ({first / ref:.1f}x extraction; {s.edges_added} edges, "
              f"{s.skills_created} skills); re-run: {second * 1000:.0f} ms ({again.edges_added} edges)")
        ws2 = open_ws(Path(tmp) / "q", "bench2")
        ws2.services = services
        times = {}
        for flag in (False, True):
            d = document(a.roles, a.bullets, f"x{flag}")
            t = time.perf_counter()
            ingest_parsed(ws2, [(f"x{flag}", d)], embed=False, enrich=flag).run()
            times[flag] = time.perf_counter() - t
        print(f"ingest one document: {times[False] * 1000:.0f} ms without, {times[True] * 1000:.0f} ms with "
              f"enrichment ({times[True] / times[False]:.2f}x)")
        ws.close()
        ws2.close()


if __name__ == "__main__":
    main()
