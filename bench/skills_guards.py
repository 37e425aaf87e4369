"""Dev tool: learn per-form precision of the matcher from a SkillSpan TRAIN file.

Writes resources/lexicon/term_precision.tsv (lowercase lexicon form or '@verb base tense',
times matched, times the match overlapped an annotated span). Only lexicon forms and counts
are written, never any text of the training file. Never run it on the dev/test split.

    python bench/skills_guards.py ../shared/bench/skills/skillspan_train.jsonl [--home VITA_HOME]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.skills.extractor import SkillExtractor
from core.skills.lexicon import Lexicon, load_lexicon
from core.skills.phrases import verb_phrases

OUT = Path(__file__).resolve().parents[1] / "resources" / "lexicon" / "term_precision.tsv"


def _overlaps(s: int, e: int, gold: list[tuple[int, int]]) -> bool:
    return any(s < b and a < e for a, b in gold)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("train")
    ap.add_argument("--home", help="VITA_HOME with an imported O*NET (adds its terms)")
    ap.add_argument("--min-seen", type=int, default=2)
    a = ap.parse_args()
    base = load_lexicon()
    lex = Lexicon(base.entries, base.verbs, base.element_names, {})
    store = None
    if a.home:
        from core.skills.ontology_terms import open_store

        store = open_store(a.home)
    ex = SkillExtractor(lex, store, min_confidence=0.0, skill_layer=False, fuzzy=False)
    cases = [json.loads(line) for line in open(a.train, encoding="utf-8") if line.strip()]
    seen: Counter[str] = Counter()
    hit: Counter[str] = Counter()
    for case, doc in zip(cases, ex.nlp.pipe(c["text"] for c in cases), strict=True):
        gold = [tuple(x) for x in case["knowledge"] + case["skill"]]
        skill_gold = [tuple(x) for x in case["skill"]]
        for matcher in (ex._lower, ex._exact):
            for key, s, e in matcher(doc):
                if key in ex._guarded_keys:
                    continue
                span = doc[s:e]
                form = span.text.lower()
                seen[form] += 1
                hit[form] += _overlaps(span.start_char, span.end_char, gold)
        for vp in verb_phrases(doc, lex.verbs):
            span = doc[vp.start : vp.end]
            name = f"@verb {vp.base} {vp.tense}"
            seen[name] += 1
            hit[name] += _overlaps(span.start_char, span.end_char, skill_gold)
    rows = sorted(f for f in seen if seen[f] >= a.min_seen)
    with OUT.open("w", encoding="utf-8") as fh:
        fh.write("# form\tseen\tannotated  (learned from SkillSpan train counts; no text copied)\n")
        for f in rows:
            fh.write(f"{f}\t{seen[f]}\t{hit[f]}\n")
    print(f"wrote {len(rows)} rows to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
