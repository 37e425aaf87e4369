"""CLI command: `vita interview` — a terminal chat with the interview engine, and `--status`
(completeness and open questions, `--json`). See app/cli/__init__.py for the registry."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `vita interview [--status] [--json] [--continue]`."""
    p = sub.add_parser(
        "interview", help="answer a few questions that fill the gaps in your record",
        description="Vita asks the questions whose answers add the most to your record, one at a time "
                    "(at most 8 a session). Each value read from an answer is shown for confirmation "
                    "before it is stored, sourced to your message. Type 'skip', 'later', \"don't ask "
                    "again\" or 'done' at any time; on a confirmation card type 'y' to save, 'n' to "
                    "discard, or 'edit N new text' to correct value N first.")
    p.add_argument("--status", action="store_true", help="show completeness and the open questions, then exit")
    p.add_argument("--limit", type=int, default=10, help="open questions listed by --status")
    p.add_argument("--search", metavar="WORDS", help="find messages in your interview transcripts, then exit")
    p.add_argument("--continue", dest="more", action="store_true", help="ask another round of questions")
    p.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable --status")
    p.add_argument("--model", metavar="URL|off",
                   help="set (and keep) the optional local language model: an OpenAI-compatible address such as "
                        "http://127.0.0.1:8080/v1, or 'off'; it only rewords questions")
    p.add_argument("--model-name", metavar="NAME", help="the model to ask for at that address (with --model)")
    p.add_argument("--allow-remote-model", action="store_true",
                   help="allow a --model address that is not this machine (your answers would leave it)")
    p.set_defaults(func=run_interview)


def _set_model(args: argparse.Namespace) -> int:
    """Store the model settings (checked first: a bad or non-local address is refused)."""
    from app.cli.common import emit, load_settings, paths_for
    from core.llm import LanguageModel

    settings = load_settings(args)
    off = args.model.strip().lower() in ("", "off", "none")
    settings.llm_endpoint = "" if off else args.model.strip()
    settings.llm_model = "" if off else (args.model_name or settings.llm_model)
    settings.llm_allow_remote = bool(args.allow_remote_model) and not off
    if not off:
        LanguageModel(settings.language_model())  # raises InvalidInput for a bad or remote address
    settings.save(paths_for(args).settings_file)
    state = "off" if off else settings.llm_endpoint
    emit(args, {"llm_endpoint": settings.llm_endpoint, "llm_model": settings.llm_model,
                "llm_allow_remote": settings.llm_allow_remote}, f"Interview language model: {state}")
    return 0


def _model(args: argparse.Namespace) -> Any:
    from app.cli.common import load_settings
    from core.llm import model_from_settings

    return model_from_settings(load_settings(args).language_model())


def run_interview(args: argparse.Namespace) -> int:
    from app.cli.common import emit, open_workspace
    from core.interview.engine import Interview

    if args.model is not None:
        return _set_model(args)
    with open_workspace(args) as ws:
        if args.search:
            from core.interview.transcript import search_transcript

            hits = search_transcript(ws, args.search, limit=max(1, args.limit))
            data = [{"id": m.id, "chat": m.chat_id, "role": m.role, "text": m.text, "at": m.created_at} for m in hits]
            emit(args, data, "\n".join(f"{m.created_at[:16]}  {m.role:9s} {m.text}" for m in hits) or "No messages.")
            return 0
        if args.status:
            st = Interview(ws).status(limit=args.limit)
            c = st.completeness
            data = {"completeness": c.overall, "entities": [
                {"entity": k, "label": c.labels.get(k, k), "score": v} for k, v in c.entities.items()],
                "open_slots": c.open_slots, "next_questions": st.open_slots, "session": st.session}
            lines = [f"Completeness: {round(100 * c.overall)} %  ({c.open_slots} open questions)"]
            lines += [f"  {round(100 * v):3d} %  {c.labels.get(k, k)}" for k, v in c.entities.items()]
            lines += ["Next questions:"] + [f"  - {q['question']}" for q in st.open_slots]
            emit(args, data, "\n".join(lines))
            return 0
        iv = Interview(ws, extractor=ws.services.skill_extractor(), model=_model(args))
        turn = iv.continue_session() if args.more else iv.start()
        return _chat(iv, turn)


def _show(turn: Any) -> None:
    if turn.note:
        print(f"  ({turn.note})")
    if turn.kind == "question":
        print(f"\n[{turn.progress}] {turn.text}")
    elif turn.kind == "confirm":
        print(f"\n{turn.text}")
        for n, item in enumerate(turn.proposal.items, 1):
            approx = " (about)" if item.approx else ""
            print(f"  {n}. {item.label}: {item.value}{(' ' + item.unit) if item.unit else ''}{approx}   « {item.text} »")
        print("  Save? [y]es / [n]o / edit N new text / drop N")
    else:
        print(f"\n{turn.text}")


def _chat(iv: Any, turn: Any) -> int:
    from core.errors import InvalidInput

    edits: dict[int, str] = {}
    dropped: set[int] = set()
    while True:
        _show(turn)
        if turn.kind == "finished":
            return 0
        try:
            line = input("> ") if sys.stdin.isatty() else sys.stdin.readline()
        except EOFError:
            line = ""
        if line == "" and not sys.stdin.isatty():
            return 0  # end of piped input: the session stays open and resumes next time
        line = line.rstrip("\n")
        try:
            if turn.kind == "confirm":
                word = line.strip().lower()
                if word.startswith("edit "):
                    _, n, new = line.strip().split(" ", 2)
                    edits[int(n) - 1] = new
                    continue
                if word.startswith("drop "):
                    dropped.add(int(word.split()[1]) - 1)
                    continue
                if word in ("y", "yes", "save", ""):
                    turn, _ = iv.confirm(edits=edits, drop=dropped)
                else:
                    turn = iv.discard()
                edits, dropped = {}, set()
            else:
                turn = iv.answer(line)
        except (InvalidInput, ValueError) as err:
            print(f"  ({getattr(err, 'message', err)})")
