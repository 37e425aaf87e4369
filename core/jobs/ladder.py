"""The evidence ladder: exact or alias -> same or related O*NET entry -> meaning -> none, per requirement."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from core.jobs.model import (
    MatchProfile,
    Requirement,
    RequirementKind,
    RequirementResult,
    SkillEvidence,
    Status,
)

if TYPE_CHECKING:
    import numpy as np

EmbedFn = Callable[[list[str]], "np.ndarray"]

# Tuned on the tuning half of our labelled dev set (bench/jobs_devset.py --split: even postings tune,
# odd postings report): the cosine above which a passage of the person's own text counts as evidence
# for a requirement worded differently.
SEMANTIC_THRESHOLD = 0.40
# Between the two: partial (close in meaning, not clearly the same). Duties, soft skills and concepts
# ("statistical modeling") get this band; a named product ("Google Analytics") is used or not, and
# wording merely close to it in a passage is no evidence of it.
SEMANTIC_PARTIAL = 0.30
# An ability (soft skill) close in meaning to a passage is only implied by it: partial at best, and only
# from this cosine up (tuned on the tuning half like the two above).
ABILITY_MEANING = 0.40
# The score's credit of an ability a role or achievement shows without naming it (status partial: to be
# confirmed in the interview, yet backed by what the person did, unlike a name with nothing behind it).
IMPLIED_CREDIT = 1.0
STALE_YEARS = 6  # evidence last used longer ago than this is partial
CREDIT = {Status.met: 1.0, Status.partial: 0.5, Status.missing: 0.0, Status.unknown: 0.0}
# a certification is held or not: wording close to it in a passage is no evidence
MEANING_KINDS = (RequirementKind.skill, RequirementKind.ability, RequirementKind.task)
_WORD = re.compile(r"[a-z0-9+#]+")


@dataclass(frozen=True, slots=True)
class LadderContext:
    """What the ladder may use besides the profile: related skills, an embedder, today's date."""

    related: Callable[[str], set[str]] | None = None  # ontology id -> ids of related skills
    embed: EmbedFn | None = None
    today: date | None = None
    kind: Callable[[str], str] | None = None  # a named product -> its kind ("database", "cloud") or ""


def _named_product(req: Requirement) -> bool:
    """A skill named like a product or technology (capitalised: "Google Analytics", "SQL"), not a concept."""
    return req.kind is RequirementKind.skill and req.label != req.label.lower()


def _is_list(text: str) -> bool:
    """A skills list line (many short comma-separated items), not a sentence about work done."""
    items = [t for t in text.split(",") if t.strip()]
    return len(items) >= 4 and sum(len(t.split()) for t in items) <= 3 * len(items)


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _result(req: Requirement, status: Status, step: str, reason: str, facts: Sequence[int | None] = (),
            evidence: Sequence[str] = (), credit: float | None = None) -> RequirementResult:
    ids = tuple(sorted({f for f in facts if f is not None}))
    return RequirementResult(req, status, step, reason, ids, tuple(evidence), CREDIT[status] if credit is None else credit)


def _mentions(name: str, text: str) -> bool:
    """Whether `text` names `name` as a word (case-sensitive for short names such as "R" or "Go")."""
    flags = 0 if len(name) <= 3 else re.IGNORECASE
    return re.search(rf"(?<![\w+#.]){re.escape(name)}(?![\w+#])", text, flags) is not None


def _skill_status(req: Requirement, hits: list[SkillEvidence], today: date,
                  work_text: str = "") -> tuple[Status, str]:
    """Met, or partial when the evidence is old, too short for the years asked, or only listed."""
    last = max((h.last_year for h in hits if h.last_year is not None), default=None)
    months = max((h.months for h in hits), default=0)
    if req.years is not None:
        if months == 0:
            return Status.partial, f"no dated use to show the {req.years:g} years asked"
        if months < req.years * 12:
            return Status.partial, f"about {months / 12:.1f} years of use, {req.years:g} asked"
    if last is not None and today.year - last > STALE_YEARS:
        return Status.partial, f"last used in {last}"
    if req.kind is RequirementKind.skill and not any(h.achieved or h.last_year is not None for h in hits) \
            and not any(_mentions(n, work_text) for n in {req.label, *(h.name for h in hits)}):
        return Status.partial, "listed, but no role or achievement shows it"
    return Status.met, "named in your record"


def _ability_status(req: Requirement, hits: list[SkillEvidence], work_text: str) -> tuple[Status, str]:
    """Met when named and shown in a role or achievement; partial when only one of the two."""
    named = [h for h in hits if not h.implied]
    shown = any(h.achieved or h.last_year is not None for h in hits) \
        or any(_mentions(n, work_text) for n in {req.label, *(h.name for h in named)})
    if named and shown:
        return Status.met, "named in your record and shown in a role"
    if named:
        return Status.partial, "named, but no role or achievement shows it"
    return Status.partial, "implied by what you did, not named; confirm it in the interview"


class EvidenceLadder:
    """Checks requirements against one MatchProfile; passages are embedded once per profile."""

    def __init__(self, profile: MatchProfile, ctx: LadderContext | None = None) -> None:
        self.profile = profile
        self.ctx = ctx or LadderContext()
        self.today = self.ctx.today or date.today()
        self._by_id: dict[str, list[SkillEvidence]] = {}
        self._by_name: dict[str, list[SkillEvidence]] = {}
        for s in profile.skills:
            if s.ontology_id:
                self._by_id.setdefault(s.ontology_id, []).append(s)
            self._by_name.setdefault(_norm(s.name), []).append(s)
        self._passage_vecs: Any = None
        # the text of roles and achievements (not skill lists): where a listed skill may be shown in use
        self._work_text = "\n".join(p.text for p in profile.passages if not _is_list(p.text))

    def check_all(self, reqs: Sequence[Requirement]) -> list[RequirementResult]:
        """Results in requirement order; one embedding batch for every requirement that needs it."""
        out: list[RequirementResult | None] = [self._check_rules(r) for r in reqs]
        for i, r in enumerate(out):
            if r is None and reqs[i].kind not in MEANING_KINDS:
                out[i] = self._none(reqs[i])  # meaning is no evidence for it: nothing to embed
        pending = [i for i, r in enumerate(out) if r is None]
        if pending:
            sims = self._similarities([reqs[i].phrase or reqs[i].label for i in pending])
            for n, i in enumerate(pending):
                out[i] = self._by_meaning(reqs[i], sims[n] if sims is not None else None)
        return [r for r in out if r is not None]

    # -- rungs 1 and 2 -----------------------------------------------------------------------

    def _check_rules(self, req: Requirement) -> RequirementResult | None:
        k = req.kind
        if k in (RequirementKind.skill, RequirementKind.ability):
            return self._skill(req)
        if k is RequirementKind.experience:
            return self._experience(req)
        if k is RequirementKind.education:
            return self._education(req)
        if k is RequirementKind.certification:
            return self._named(req, self.profile.certifications, "certification")
        if k is RequirementKind.language:
            return self._language(req)
        if k is RequirementKind.task:
            return None  # only meaning can show a duty done under other words
        return _result(req, Status.unknown, "none", "your record does not say; answer it in the interview")

    def _skill(self, req: Requirement) -> RequirementResult | None:
        hits = list(self._by_id.get(req.ontology_id or "", [])) or list(self._by_name.get(_norm(req.label), []))
        if hits and req.kind is RequirementKind.ability:
            status, why = _ability_status(req, hits, self._work_text)
            shown = all(h.implied for h in hits)  # a duty or achievement shows it: unconfirmed, not unsupported
            return _result(req, status, "exact", why, [h.fact_id for h in hits], [h.passage for h in hits[:3]],
                           IMPLIED_CREDIT if shown else None)
        if hits:
            status, why = _skill_status(req, hits, self.today, self._work_text)
            return _result(req, status, "exact", why, [h.fact_id for h in hits], [h.passage for h in hits[:3]])
        if self.ctx.related is not None and req.ontology_id:
            near = self.ctx.related(req.ontology_id)
            rel = [s for oid in sorted(near) for s in self._by_id.get(oid, [])]
            if rel:
                names = ", ".join(sorted({s.name for s in rel})[:3])
                return _result(req, Status.partial, "related", f"related skill: {names}",
                               [s.fact_id for s in rel], [s.passage for s in rel[:3]])
        kind_of = self.ctx.kind
        kind = kind_of(req.label) if kind_of is not None and _named_product(req) else ""
        if kind_of is not None and kind:  # another product of the same kind: a database for a database
            same = [s for s in self.profile.skills if s.name != s.name.lower() and kind_of(s.name) == kind]
            if same:
                names = ", ".join(sorted({s.name for s in same})[:3])
                return _result(req, Status.partial, "related", f"another {kind} product: {names}",
                               [s.fact_id for s in same], [s.passage for s in same[:3]])
        return None  # try meaning next

    def _experience(self, req: Requirement) -> RequirementResult:
        need = (req.years or 0) * 12
        have = self.profile.total_months
        ids = [r.fact_id for r in self.profile.roles if r.months]
        if not have:
            return _result(req, Status.unknown, "rule", "no dated roles in your record")
        years = f"{have / 12:.1f} years of dated roles"
        if have >= need:
            return _result(req, Status.met, "rule", years, ids)
        if have >= 0.7 * need:
            return _result(req, Status.partial, "rule", years + f", {req.years:g} asked", ids)
        return _result(req, Status.missing, "rule", years + f", {req.years:g} asked", ids)

    def _education(self, req: Requirement) -> RequirementResult:
        studies = self.profile.studies
        if not studies:
            return _result(req, Status.unknown, "rule", "no education in your record")
        need = req.level or 2
        best = max(studies, key=lambda s: (s.level or 0, s.fact_id or 0))
        level = best.level or 0
        fields = [_norm(f) for f in req.fields]

        def field_ok(s: Any) -> bool:
            have = _norm(f"{s.field} {s.degree}")
            return not fields or any(f and (f in have or any(w in have.split() for w in f.split() if len(w) > 4))
                                     for f in fields)
        ok = [s for s in studies if (s.level or 0) >= need]
        if ok and any(field_ok(s) for s in ok):
            s = next(s for s in ok if field_ok(s))
            what = s.degree if s.field in s.degree else f"{s.degree} in {s.field}"
            return _result(req, Status.met, "rule", what, [s.fact_id], [what])
        if ok:
            return _result(req, Status.partial, "rule", "the degree level, in another field", [s.fact_id for s in ok])
        if level == 0:
            return _result(req, Status.unknown, "rule", "degree level not clear in your record",
                           [s.fact_id for s in studies])
        if level == need - 1:
            return _result(req, Status.partial, "rule", "one degree level below", [best.fact_id])
        return _result(req, Status.missing, "rule", "a lower degree than asked", [best.fact_id])

    def _named(self, req: Requirement, items: list[tuple[str, int | None]], what: str) -> RequirementResult | None:
        want = _norm(req.label.replace("certification", "").replace("certificate", ""))
        for name, fid in items:
            have = _norm(name)
            if want and (want in have or have in want):
                return _result(req, Status.met, "exact", f"{what}: {name}", [fid], [name])
        if not items:
            return None  # a passage may still mention it; else unknown
        return None

    def _language(self, req: Requirement) -> RequirementResult:
        want = req.value.lower()
        for name, fid in self.profile.languages:
            if want and want in name.lower():
                return _result(req, Status.met, "exact", f"language: {name}", [fid], [name])
        if want == "english" and self.profile.passages:
            return _result(req, Status.met, "rule", "your record is written in English")
        if self.profile.languages:
            return _result(req, Status.missing, "rule", "not among the languages you list")
        return _result(req, Status.unknown, "none", "your record names no languages")

    # -- rung 3 and 4 ------------------------------------------------------------------------

    def _similarities(self, labels: list[str]) -> Any:
        """Cosine of each label with each passage (rows: labels), or None without an embedder."""
        if self.ctx.embed is None or not self.profile.passages:
            return None
        import numpy as np

        if self._passage_vecs is None:
            self._passage_vecs = np.asarray(self.ctx.embed([p.text for p in self.profile.passages]), dtype=np.float32)
        q = np.asarray(self.ctx.embed(labels), dtype=np.float32)
        return q @ self._passage_vecs.T

    def _by_meaning(self, req: Requirement, sims: Any) -> RequirementResult:
        if sims is not None and len(sims) and req.kind in MEANING_KINDS:
            j = int(sims.argmax())
            best = float(sims[j])
            p = self.profile.passages[j]
            if req.kind is RequirementKind.ability:
                if best >= ABILITY_MEANING:
                    return _result(req, Status.partial, "semantic", f"implied in meaning ({best:.2f}), not named",
                                   [p.fact_id], [p.text])
                return self._none(req)
            if best >= SEMANTIC_THRESHOLD:
                return _result(req, Status.met, "semantic", f"similar in meaning ({best:.2f})", [p.fact_id], [p.text])
            if best >= SEMANTIC_PARTIAL and not _named_product(req):
                return _result(req, Status.partial, "semantic", f"close in meaning ({best:.2f})", [p.fact_id], [p.text])
        return self._none(req)

    def _none(self, req: Requirement) -> RequirementResult:
        """Missing when the record covers this kind of thing and lacks it; unknown when it is silent."""
        p = self.profile
        if req.kind is RequirementKind.skill and len(p.skills) >= 3:
            return _result(req, Status.missing, "none", "not found in your skills, roles or achievements")
        if req.kind is RequirementKind.certification and p.certifications:
            return _result(req, Status.missing, "none", "not among your certifications")
        return _result(req, Status.unknown, "none", "your record does not say; answer it in the interview")
