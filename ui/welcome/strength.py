"""A passphrase strength estimate for the meter: rough entropy with penalties for patterns."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_COMMON = {"password", "passw0rd", "123456", "12345678", "qwerty", "letmein", "welcome", "admin",
           "iloveyou", "monkey", "dragon", "abc123", "vita", "secret", "changeme"}
LABELS = ("Very weak", "Weak", "Fair", "Strong", "Very strong")
MIN_LENGTH = 8


@dataclass(frozen=True, slots=True)
class Strength:
    bits: float
    score: int  # 0..4
    label: str
    advice: str


def estimate(passphrase: str) -> Strength:
    """Entropy of the character classes used, discounted for repeats, sequences and common words."""
    if not passphrase:
        return Strength(0.0, 0, LABELS[0], f"Use at least {MIN_LENGTH} characters; several words are best.")
    pool = 0
    pool += 26 if re.search(r"[a-z]", passphrase) else 0
    pool += 26 if re.search(r"[A-Z]", passphrase) else 0
    pool += 10 if re.search(r"\d", passphrase) else 0
    pool += 33 if re.search(r"[^a-zA-Z0-9]", passphrase) else 0
    unique = len(set(passphrase))
    effective = min(len(passphrase), unique * 2)
    bits = effective * math.log2(max(pool, 2))
    lowered = passphrase.lower()
    if any(w in lowered for w in _COMMON):
        bits *= 0.4
    if re.search(r"(abc|bcd|cde|123|234|345|456|567|678|789|qwe|wer|asd)", lowered):
        bits *= 0.8
    score = 0 if bits < 28 else 1 if bits < 40 else 2 if bits < 60 else 3 if bits < 80 else 4
    if len(passphrase) < MIN_LENGTH:
        score = min(score, 1)
    advice = {
        0: f"Too easy to guess. Use at least {MIN_LENGTH} characters; several words are best.",
        1: "Add more words or characters.",
        2: "Acceptable. A few more words make it much stronger.",
        3: "Good.",
        4: "Excellent.",
    }[score]
    return Strength(bits, score, LABELS[score], advice)


def acceptable(passphrase: str) -> bool:
    return len(passphrase) >= MIN_LENGTH and estimate(passphrase).score >= 2
