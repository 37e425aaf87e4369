"""The fingerprint the vault indexes facts by (facts.fingerprint): a hash of the type and the
normalised value, equal for exact duplicates. Here, on the storage floor, so a migration can
recompute stored fingerprints; core.facts re-exports it for every writer."""

from __future__ import annotations

import hashlib
import re
import unicodedata

# "+" and "#" are kept: "C", "C++" and "C#" are three skills, not duplicates of one another.
_NOT_ALNUM = re.compile(r"[^\w+#]+|_+")
# The same normalisation for ASCII text (most values), by one C-level translate: twice as fast.
_ASCII_NOT_ALNUM = str.maketrans({chr(i): (chr(i) if chr(i).isalnum() or chr(i) in "+#" else " ")
                                  for i in range(128)})


# one or more schemes ("https://https://" happens when a prefix is added twice) and "www."
_SCHEMES = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)+(?:www\.)?", re.I)
_BARE_URL = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?::\d+)?(?:/\S*)?$", re.I)


def url_key(value: str) -> str | None:
    """The identity of a web address: "github.com/x", "https://github.com/x/" and
    "https://https://www.github.com/x" are one; None when the value is not an address."""
    v = value.strip()
    if not v or " " in v or "@" in v.split("/", 1)[0]:
        return None
    stripped = _SCHEMES.sub("", v)
    if stripped == v and not _BARE_URL.match(v):
        return None
    host, _sep, path = stripped.partition("/")
    if "." not in host:
        return None
    return (host.lower().removeprefix("www.") + ("/" + path.rstrip("/") if path.rstrip("/") else ""))


def display_url(value: str) -> str:
    """A web address as printed: one scheme (a doubled "https://https://" collapses), none added."""
    v = value.strip()
    m = re.match(r"^(?:[a-z][a-z0-9+.-]*://){2,}", v, re.I)
    if m is None:
        return v
    schemes = re.findall(r"([a-z][a-z0-9+.-]*)://", m.group(0), re.I)
    return f"{schemes[-1]}://{v[m.end():]}"


def fingerprint(fact_type: str, value: str) -> str:
    """SHA-256 of the type and normalised value: equal for exact duplicates (a contact's web
    address compares by host and path, with or without its scheme)."""
    if fact_type == "contact":
        key = url_key(value)
        if key is not None:
            return hashlib.sha256(f"{fact_type}\x1furl\x1f{key}".encode()).hexdigest()
    if value.isascii():  # NFKC is the identity on ASCII and casefold is lower
        norm = " ".join(value.lower().translate(_ASCII_NOT_ALNUM).split())
    else:
        norm = unicodedata.normalize("NFKC", value).casefold()
        norm = " ".join(_NOT_ALNUM.sub(" ", norm).split())
    return hashlib.sha256(f"{fact_type}\x1f{norm}".encode()).hexdigest()
