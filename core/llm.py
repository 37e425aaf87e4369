"""The optional local language model: an OpenAI-compatible chat endpoint on the person's own machine.

Off by default and never required. It may only reword a question (the wording must keep every
name the template used) and propose extractions that are kept only where each value appears in
the person's answer; the rule-based parsers win every disagreement. Loopback only unless the
person explicitly allows another host. Proxies from the environment are ignored.
"""

from __future__ import annotations

import ipaddress
import json
import re
import socket
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from core.errors import InvalidInput, LanguageModelUnavailable

MAX_REPLY_BYTES = 64 * 1024
REWORD_PROMPT = ("Reword this interview question so it reads naturally and warmly. Keep it one question, keep "
                 "every name, date and number exactly as written, add nothing new. Reply with the question only.")
EXTRACT_PROMPT = ("From the person's answer, fill these fields with words copied exactly from the answer; leave a "
                  "field out when the answer does not say it. Reply with one JSON object only. Fields: {fields}")


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 or 'localhost' (names are not resolved: a name could point anywhere)."""
    h = host.strip("[]").lower()
    if h == "localhost":
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class ModelSettings:
    """What Settings holds for the optional model (device preferences, no personal data)."""

    endpoint: str = ""  # e.g. http://127.0.0.1:8080/v1 ; empty = off
    model: str = ""
    allow_remote: bool = False
    timeout_s: float = 8.0


@dataclass(frozen=True, slots=True)
class Proposal:
    """A field the model proposed, kept because its value is in the answer at [start, end)."""

    field: str
    text: str
    start: int
    end: int


class LanguageModel:
    """A small client for POST {endpoint}/chat/completions; every failure is LanguageModelUnavailable."""

    def __init__(self, settings: ModelSettings) -> None:
        parts = urlsplit(settings.endpoint)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InvalidInput("The language model address must look like http://127.0.0.1:8080/v1.")
        if not settings.allow_remote and not is_loopback(parts.hostname):
            raise InvalidInput("The language model must run on this machine (127.0.0.1 or localhost).",
                               hint="Allow another host in Settings only if you trust it with your answers.")
        import urllib.request  # loaded only when a model is configured

        self.settings = settings
        self.url = settings.endpoint.rstrip("/") + "/chat/completions"
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def chat(self, messages: list[dict[str, str]], *, max_tokens: int = 200) -> str:
        """The assistant message's text for `messages`."""
        import urllib.error
        import urllib.request

        body: dict[str, Any] = {"messages": messages, "temperature": 0, "max_tokens": max_tokens, "stream": False}
        if self.settings.model:
            body["model"] = self.settings.model
        req = urllib.request.Request(self.url, data=json.dumps(body).encode("utf-8"), method="POST",
                                     headers={"Content-Type": "application/json", "Authorization": "Bearer local"})
        try:
            with self._opener.open(req, timeout=self.settings.timeout_s) as resp:
                raw = resp.read(MAX_REPLY_BYTES + 1)
        except (TimeoutError, urllib.error.URLError, OSError, ValueError) as exc:
            raise LanguageModelUnavailable(f"The language model did not answer ({_reason(exc)}).") from exc
        if len(raw) > MAX_REPLY_BYTES:
            raise LanguageModelUnavailable("The language model's reply was too long.")
        try:
            content = json.loads(raw)["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise LanguageModelUnavailable("The language model's reply was not an OpenAI-style chat answer.") from exc
        if not isinstance(content, str) or not content.strip():
            raise LanguageModelUnavailable("The language model's reply was empty.")
        return content.strip()

    def reword(self, question: str, *, keep: list[str]) -> str:
        """A rewording of `question` that keeps every string in `keep`; the template on any doubt."""
        try:
            text = self.chat([{"role": "system", "content": REWORD_PROMPT}, {"role": "user", "content": question}])
        except LanguageModelUnavailable:
            return question
        text = text.strip().strip('"').strip()
        ok = (text.endswith("?") and text.count("?") == 1 and "\n" not in text and 0.5 * len(question) <= len(text)
              <= 2 * len(question) + 40 and all(k in text for k in keep if k))
        return text if ok else question

    def propose(self, question: str, answer: str, fields: list[str]) -> list[Proposal]:
        """Fields the model read from the answer, kept only where the value is in the answer."""
        prompt = EXTRACT_PROMPT.format(fields=", ".join(fields))
        try:
            reply = self.chat([{"role": "system", "content": prompt},
                               {"role": "user", "content": f"Question: {question}\nAnswer: {answer}"}])
        except LanguageModelUnavailable:
            return []
        m = re.search(r"\{.*\}", reply, re.S)
        try:
            data = json.loads(m.group(0)) if m else None
        except ValueError:
            return []
        if not isinstance(data, dict):
            return []
        out = []
        for name in fields:
            value = data.get(name)
            if isinstance(value, bool) or not isinstance(value, (str, int, float)):
                continue
            text = str(value).strip()
            pos = answer.lower().find(text.lower()) if text else -1
            if pos < 0:
                continue  # not the person's words: dropped
            out.append(Proposal(name, answer[pos:pos + len(text)], pos, pos + len(text)))
        return out


def _reason(exc: BaseException) -> str:
    import urllib.error

    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code}"
    inner = getattr(exc, "reason", exc)
    if isinstance(inner, (TimeoutError, socket.timeout)):
        return "timed out"
    if isinstance(inner, ConnectionRefusedError):
        return "connection refused"
    return type(inner).__name__


def model_from_settings(settings: ModelSettings) -> LanguageModel | None:
    """The client when an endpoint is set, else None (the interview works without it)."""
    return LanguageModel(settings) if settings.endpoint.strip() else None
