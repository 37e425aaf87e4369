"""Simulated interviews over fictional profiles with facts removed: a scripted answerer replies
from the hidden truth (in varied phrasings, sometimes vaguely, sometimes skipping) and confirms
every card. Prints: share of removed facts recovered within one session of 8 questions (target
>= 80 %), answer-parsing accuracy (>= 95 %), invented values (must be 0), time per turn without
a language model (<= 50 ms; mean and p95, plus the same-run cost of one `career_profile` read as reference).

    python bench/interview_sim.py [--profiles 30] [--seed 7] [--vague 0.15] [--skip 0.08] [--extractor]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from core.interview.engine import Interview, Turn  # noqa: E402
from core.interview.slots import slots_for  # noqa: E402
from core.interview.transcript import get_message  # noqa: E402
from core.kb.editing import NewFact, create_fact  # noqa: E402
from core.model import EdgeKind, FactStatus, FactType, SourceKind  # noqa: E402
from core.profile import career_profile  # noqa: E402
from core.vault import Argon2Params, ProfileStore  # noqa: E402
from core.workspace import Workspace  # noqa: E402

COMPANIES = ["Northwind Traders", "Contoso Labs", "Fabrikam", "Tailspin Toys", "Wingtip Analytics", "Adventure Works",
             "Litware", "Proseware", "Lucerne Publishing", "Coho Winery", "Humongous Insurance", "Trey Research",
             "Woodgrove Bank", "Alpine Ski House", "Fourth Coffee", "Relecloud", "Blue Yonder Airlines"]
TITLES = ["Data Engineer", "Product Manager", "Staff Accountant", "UX Researcher", "Operations Analyst",
          "Lead Nurse", "Software Engineer", "Marketing Manager", "Support Team Lead", "Financial Analyst"]
PLACES = ["Lyon, France", "Leeds", "Austin, TX", "Oslo, Norway", "Porto", "Toronto", "Kraków", "Melbourne",
          "Denver, CO", "remote"]
SKILLS = ["Python", "SQL", "Airflow", "Excel", "Tableau", "Kubernetes", "Terraform", "Java", "Figma", "Salesforce",
          "React", "TypeScript", "Spark", "dbt", "PostgreSQL", "Jira", "SAP", "HubSpot"]
ACHIEVEMENTS = [("Cut cloud costs by {v}%", "percent"), ("Reduced onboarding time by {v}%", "percent"),
                ("Saved ${v}k a year by renegotiating vendor contracts", "money"),
                ("Grew the newsletter to {v} subscribers", "count"), ("Lowered ticket backlog by {v} percent", "percent")]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
VAGUE = ["hmm, it was a while ago", "not sure, I'd have to check", "it varied", "hard to say"]
WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


@dataclass
class TruthRole:
    title: str
    employer: str
    start: str
    end: str | None
    location: str
    team: int
    skills: list[str]
    achievements: list[tuple[str, str, float]]  # text, kind, value
    fact_id: int = 0


@dataclass
class Truth:
    roles: list[TruthRole]
    email: str
    removed: list[tuple[str, int]] = field(default_factory=list)  # (slot name, role index or -1)


def make_truth(rng: random.Random, n: int) -> Truth:
    roles, year = [], 2025
    companies = rng.sample(COMPANIES, 3)
    for i in range(rng.choice([2, 3])):
        length = rng.randint(1, 4)
        start = f"{year - length}-{rng.randint(1, 12):02d}"
        end = None if i == 0 else f"{year}-{rng.randint(1, 12):02d}"
        achs = []
        for tpl, kind in rng.sample(ACHIEVEMENTS, 3):
            v = float(rng.choice([12, 15, 20, 25, 30, 40, 45, 60]) if kind != "count" else rng.choice([1200, 5000, 800]))
            achs.append((tpl.format(v=int(v)), kind, v * 1000 if kind == "money" else v))
        roles.append(TruthRole(rng.choice(TITLES), companies[i], start, end, rng.choice(PLACES), rng.randint(2, 12),
                               rng.sample(SKILLS, 3), achs))
        year -= length + 1
    return Truth(roles, f"person{n}@example.org")


def seed(ws: Workspace, truth: Truth, rng: random.Random, removals: int) -> None:
    """Store the truth minus `removals` randomly chosen slots (each a fact or attributes)."""
    options = [(name, i) for i in range(len(truth.roles)) for name in ("location", "dates", "team_size", "skills",
                                                                       "metric")] + [("email", -1)]
    truth.removed = rng.sample(options, removals)
    gone = set(truth.removed)
    contacts = {"name": "Sam Fictional", "summary": "Works on data and people.", "location": "Bergen",
                "url": "https://example.org/sam"}
    if ("email", -1) not in gone:
        contacts["email"] = truth.email
    for k, v in contacts.items():
        create_fact(ws, NewFact(FactType.contact, v, {"kind": k, "value": v}))
    create_fact(ws, NewFact(FactType.education, "Fictional University", {"institution": "Fictional University",
                                                                          "degree": "BSc", "field": "Statistics",
                                                                          "start": "2005", "end": "2008",
                                                                          "grade": "2:1"}))
    for lang in ("English",):
        create_fact(ws, NewFact(FactType.language, lang, {"language": lang, "fluency": "native"}))
    create_fact(ws, NewFact(FactType.credential, "Fictional Cloud Certificate", {"name": "Fictional Cloud Certificate"}))
    skill_ids: dict[str, int] = {}
    for i, r in enumerate(truth.roles):
        attrs: dict[str, Any] = {"title": r.title, "organisation": r.employer, "reason_for_leaving": "new challenge"}
        if ("dates", i) not in gone:
            attrs.update({"start": r.start, "end": r.end, "present": r.end is None})
        if ("location", i) not in gone:
            attrs["location"] = r.location
        if ("team_size", i) not in gone:
            attrs["team_size"] = r.team
        r.fact_id = next(iter(create_fact(ws, NewFact(FactType.role, r.title, attrs, status=FactStatus.approved)).fact_ids))
        create_fact(ws, NewFact(FactType.story, "a story", {"situation": "s", "task": "t", "action": "a", "result": "r"},
                                tags=["story"]), edges=[(EdgeKind.achieved_in, r.fact_id)])
        for text, kind, value in r.achievements:
            metrics = [] if ("metric", i) in gone else [{"kind": kind, "value": value, "text": text}]
            aid = next(iter(create_fact(ws, NewFact(FactType.achievement, text, {"text": text, "metrics": metrics}),
                                        edges=[(EdgeKind.achieved_in, r.fact_id)]).fact_ids))
            if ("skills", i) in gone:
                continue
            for s in r.skills:
                if s not in skill_ids:
                    skill_ids[s] = next(iter(create_fact(ws, NewFact(FactType.skill, s, {"name": s,
                                                                                         "level": "advanced"})).fact_ids))
                ws_link(ws, aid, skill_ids[s])
    ws.undo_stack.clear()


def ws_link(ws: Workspace, src: int, dst: int) -> None:
    from core.kb.editing import link

    link(ws, EdgeKind.uses_skill, src, dst)


def _month(d: str) -> str:
    return f"{MONTHS[int(d[5:7]) - 1]} {d[:4]}"


def answer_for(turn: Turn, truth: Truth, rng: random.Random) -> tuple[str, Any]:
    """The scripted reply and the value a correct reading must give (None: nothing to read)."""
    parts = turn.slot_key.split(":")
    role = next((r for r in truth.roles if parts[0] == "role" and r.fact_id == int(parts[1])), None)
    name = parts[2] if len(parts) > 2 else parts[-1]
    if parts[0] == "contact" and name == "reach":
        return rng.choice([f"{truth.email}", f"you can use {truth.email}", f"It's {truth.email}."]), truth.email
    if parts[0] == "skill" and name == "level":  # every skill of the truth is held at this level
        return rng.choice(["advanced", "I'd say advanced", "pretty advanced by now"]), "advanced"
    if parts[0] == "record" and name == "skills":
        every = sorted({s for r in truth.roles for s in r.skills})
        return ", ".join(every[:-1]) + " and " + every[-1], every
    if role is None:
        return "skip", None
    if name == "location":
        return rng.choice(["{}", "We were based in {}.", "in {}", "mostly in {}", "I worked in {}",
                           "It was in {}", "out of {}", "based out of {}", "{} (hybrid)",
                           "{}, mostly"]).format(role.location), role.location
    if name == "dates":
        s, e = role.start, role.end
        if e is None:
            text = rng.choice([f"since {_month(s)}", f"{_month(s)} to now", f"from {int(s[5:])}/{s[:4]} until today",
                               f"{_month(s)[:3]} {s[:4]} - present", f"I started in {_month(s)} and I'm still there"])
        else:
            text = rng.choice([f"{_month(s)} to {_month(e)}", f"{int(s[5:])}/{s[:4]} - {int(e[5:])}/{e[:4]}",
                               f"from {_month(s)} until {_month(e)}", f"{s} to {e}",
                               f"{_month(s)[:3]} {s[:4]} – {_month(e)[:3]} {e[:4]}",
                               f"It was from {_month(s)} through {_month(e)}.",
                               f"{_month(s)[:3]}. {s[:4]} → {_month(e)[:3]}. {e[:4]}",
                               f"between {_month(s)} and {_month(e)}"])
        return text, {"start": s, "end": e, "present": e is None}
    if name == "team_size":
        n = role.team
        word = WORDS[n] if n < len(WORDS) else str(n)
        return rng.choice([f"a team of {n}", f"{word} people", f"I worked with {n} engineers", f"{n}",
                           f"I led {word} analysts", f"a {n}-person team", f"team of {word}", f"we were {n}",
                           f"{word} of us", f"there were about {n} of us", f"{n} direct reports"]), float(n)
    if name == "skills":
        a, b, c = role.skills
        return rng.choice([f"{a}, {b} and {c}", f"mostly {a}, {b} and {c}", f"{a}; {b}; {c}",
                           f"I used {a}, {b} as well as {c}", f"{a} / {b} / {c}", f"{a}, {b}, plus some {c}",
                           f"{a} + {b} + {c}", f"{a} (daily), {b} and {c}", f"a lot of {a}, some {b}, a bit of {c}"]), \
            sorted(role.skills)
    if name in ("metric", "achievement"):
        text, kind, value = role.achievements[0]
        return rng.choice(["{}", "We {}", "I {}."]).format(text[0].lower() + text[1:] if rng.random() < 0.5 else text), \
            (kind, value)
    return "skip", None


def parsed_ok(turn: Turn, expected: Any) -> bool:
    items = turn.proposal.items if turn.proposal else []
    if isinstance(expected, dict):
        got = {i.fills: i.value for i in items}
        return got.get("start") == expected["start"] and got.get("end") == expected["end"] and \
            bool(got.get("present")) == expected["present"]
    if isinstance(expected, list):
        return sorted(str(i.value) for i in items) == expected
    if isinstance(expected, tuple):
        kind, value = expected
        return any(i.fills == "metric" and abs(float(i.value) - value) < 1e-6 for i in items)
    return bool(items) and items[0].value == expected


def recovered(ws: Workspace, truth: Truth) -> dict[str, list[int]]:
    """Per kind of removed fact: [removed, back with the true value in the career profile]."""
    p = career_profile(ws)
    out: dict[str, list[int]] = {}
    for name, i in truth.removed:
        out.setdefault(name, [0, 0])[0] += 1
        n = 0
        if name == "email":
            out[name][1] += any(c.kind == "email" and c.value == truth.email for c in p.contacts)
            continue
        t = truth.roles[i]
        r = p.item(t.fact_id)
        if name == "location":
            n += r.location == t.location
        elif name == "dates":
            start = r.span.start.iso() if r.span.start else None
            end = None if r.span.ongoing else (r.span.end.iso() if r.span.end else "?")
            n += start == t.start and end == t.end
        elif name == "team_size":
            n += r.team_size == t.team
        elif name == "skills":
            names = {s.name for s in p.skills if s.fact_id in r.skill_ids}
            n += set(t.skills) <= names
        elif name == "metric":
            n += any(a.has_metric and any(m.value == t.achievements[0][2] for m in a.metrics) for a in r.achievements)
        out[name][1] += n
    return out


def invented(ws: Workspace) -> int:
    """Stored interview values whose words are not in the chat message they cite."""
    bad = 0
    for f in ws.list_facts(limit=100000):
        for src in ws.fact_sources(f.id):
            if src.source_kind is not SourceKind.interview or src.start is None:
                continue
            msg = get_message(ws, src.chat_message_id) if src.chat_message_id is not None else None
            if msg is None or msg.role != "person" or not (0 <= src.start < src.end <= len(msg.text)):
                bad += 1
    return bad


def run_profile(root: Path, n: int, args: argparse.Namespace, extractor: Any) -> dict[str, Any]:
    rng = random.Random(args.seed * 1000 + n)
    store = ProfileStore(root)
    profile, _ = store.create(f"Sim {n}", passphrase="bench", argon=Argon2Params(1, 1024, 1))
    ws = Workspace(store.open_vault(profile, store.unlock(profile, passphrase="bench", use_keychain=False).key),
                   profile=profile)
    truth = make_truth(rng, n)
    seed(ws, truth, rng, args.removals)
    t_ref = time.perf_counter()
    profile = career_profile(ws)
    ref = time.perf_counter() - t_ref
    open_keys = {sl.key for sl in slots_for(profile) if sl.open}
    slot_of = {"team_size": "team_size", "dates": "dates", "location": "location", "skills": "skills", "metric": "metric"}
    visible = [(n, i) for n, i in truth.removed if (f"role:{truth.roles[i].fact_id}:{slot_of[n]}" if i >= 0
                                                     else "contact:reach") in open_keys]
    iv = Interview(ws, extractor=extractor)
    times: list[float] = []
    t0 = time.perf_counter()
    turn = iv.start()
    times.append(time.perf_counter() - t0)
    parses = correct = wrong_from_vague = 0
    expected: Any = None
    vague_pending = False
    while turn.kind != "finished":
        t0 = time.perf_counter()
        if turn.kind == "confirm":
            if vague_pending:
                wrong_from_vague += 1
            elif expected is not None:
                parses += 1
                correct += parsed_ok(turn, expected)
            turn, _ = iv.confirm()
        else:
            r = rng.random()
            if r < args.skip:
                reply, expected, vague_pending = "skip", None, False
            elif r < args.skip + args.vague and not turn.text.startswith(("I could not read", "A rough answer")):
                reply, expected, vague_pending = rng.choice(VAGUE), None, True
            else:
                reply, expected = answer_for(turn, truth, rng)
                vague_pending = False
                if expected is None and reply != "skip":
                    parses += 1
            turn = iv.answer(reply)
            if turn.kind == "question" and expected is not None and turn.text.startswith(("I could not read",
                                                                                          "A rough answer")):
                parses += 1  # a clear answer the parser could not read
                expected = None
        times.append(time.perf_counter() - t0)
    by_kind = recovered(ws, truth)
    hidden = [x for x in truth.removed if x not in visible]
    truth.removed = visible
    visible_back = sum(v[1] for v in recovered(ws, truth).values())
    truth.removed = visible + hidden
    out = {"removed": len(truth.removed), "recovered": sum(v[1] for v in by_kind.values()), "by_kind": by_kind,
           "visible": len(visible), "visible_back": visible_back, "parses": parses, "correct": correct,
           "invented": invented(ws) + wrong_from_vague, "times": times, "ref": ref, "asked": iv.session.asked}
    ws.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--profiles", type=int, default=30)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--removals", type=int, default=5)
    ap.add_argument("--vague", type=float, default=0.15)
    ap.add_argument("--skip", type=float, default=0.08)
    ap.add_argument("--extractor", action="store_true", help="read skills with the skill extractor (spaCy)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    extractor = None
    if args.extractor:
        from core.skills.extractor import SkillExtractor

        extractor = SkillExtractor()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.profiles):
            rows.append(run_profile(Path(tmp) / "profiles", n, args, extractor))
    removed = sum(r["removed"] for r in rows)
    rec = sum(r["recovered"] for r in rows)
    parses = sum(r["parses"] for r in rows)
    correct = sum(r["correct"] for r in rows)
    times = sorted(t for r in rows for t in r["times"])
    ref = statistics.mean(r["ref"] for r in rows)
    kinds: dict[str, list[int]] = {}
    for r in rows:
        for k, (a, b) in r["by_kind"].items():
            kinds.setdefault(k, [0, 0])
            kinds[k][0] += a
            kinds[k][1] += b
    summary = {
        "profiles": len(rows), "removed_facts": removed, "recovered_within_8": round(rec / removed, 3),
        "removed_seen_as_gaps": sum(r["visible"] for r in rows),
        "recovered_of_seen_gaps": round(sum(r["visible_back"] for r in rows) / max(1, sum(r["visible"] for r in rows)), 3),
        "parsing_accuracy": round(correct / parses, 3) if parses else None, "answers_parsed": parses,
        "invented_values": sum(r["invented"] for r in rows), "turns": len(times),
        "ms_per_turn_mean": round(1000 * statistics.mean(times), 2),
        "ms_per_turn_p95": round(1000 * times[int(0.95 * (len(times) - 1))], 2),
        "turn_over_career_profile": round(statistics.mean(times) / ref, 2) if ref else None,
        "questions_per_session": round(statistics.mean(r["asked"] for r in rows), 2),
        "recovered_by_kind": {k: f"{b}/{a}" for k, (a, b) in sorted(kinds.items())},
        "extractor": bool(extractor),
    }
    if args.json:
        print(json.dumps(summary))
        return
    for k, v in summary.items():
        print(f"{k:24s} {v}")


if __name__ == "__main__":
    main()
