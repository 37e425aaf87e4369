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


def fingerprint(fact_type: str, value: str) -> str:
    """SHA-256 of the type and normalised value: equal for exact duplicates."""
    if value.isascii():  # NFKC is the identity on ASCII and casefold is lower
        norm = " ".join(value.lower().translate(_ASCII_NOT_ALNUM).split())
    else:
        norm = unicodedata.normalize("NFKC", value).casefold()
        norm = " ".join(_NOT_ALNUM.sub(" ", norm).split())
    return hashlib.sha256(f"{fact_type}\x1f{norm}".encode()).hexdigest()
