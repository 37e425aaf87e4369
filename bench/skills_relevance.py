"""Dev tool: learn the sentence-relevance model from a SkillSpan TRAIN file.

Writes resources/lexicon/relevance.json (hashed-feature weights and bias: no text). Prints a
2-fold cross-validated table of (threshold, kept-gold share, dropped-empty share) on train.
Never run it on the dev/test split.

    python bench/skills_relevance.py ../shared/bench/skills/skillspan_train.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.skills.relevance import features
from core.skills.tokens import blank_nlp

OUT = Path(__file__).resolve().parents[1] / "resources" / "lexicon" / "relevance.json"
BUCKETS = 1 << 14


def _matrix(docs: list[list[str]]):  # type: ignore[no-untyped-def]
    from scipy.sparse import lil_matrix

    m = lil_matrix((len(docs), BUCKETS), dtype="float32")
    for r, words in enumerate(docs):
        for i in features(words, BUCKETS):
            m[r, i] += 1.0
    return m.tocsr()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("train")
    ap.add_argument("--c", type=float, default=0.3)
    a = ap.parse_args()
    from sklearn.linear_model import LogisticRegression

    cases = [json.loads(line) for line in open(a.train, encoding="utf-8") if line.strip()]
    nlp = blank_nlp()
    docs = [[t.text for t in nlp.make_doc(c["text"])] for c in cases]
    y = [1 if c["knowledge"] or c["skill"] else 0 for c in cases]
    x = _matrix(docs)
    half = len(cases) // 2
    folds = [(slice(0, half), slice(half, None)), (slice(half, None), slice(0, half))]
    scores: list[tuple[float, int]] = []
    for tr, te in folds:
        clf = LogisticRegression(C=a.c, max_iter=2000).fit(x[tr], y[tr])
        p = clf.predict_proba(x[te])[:, 1]
        scores.extend(zip(p.tolist(), y[te], strict=True))
    pos = sum(t for _, t in scores)
    neg = len(scores) - pos
    for th in (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5):
        kept = sum(1 for p, t in scores if t and p >= th) / pos
        dropped = sum(1 for p, t in scores if not t and p < th) / neg
        print(f"threshold {th:.2f}: keeps {kept:.3f} of sentences with spans, drops {dropped:.3f} of empty ones")
    clf = LogisticRegression(C=a.c, max_iter=2000).fit(x, y)
    weights = [round(float(w), 4) for w in clf.coef_[0]]
    OUT.write_text(json.dumps({"buckets": BUCKETS, "bias": round(float(clf.intercept_[0]), 4),
                               "weights": weights}, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
