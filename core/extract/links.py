"""Links in a resume: which are the person's own site and profiles, and links the page wrapped or mistyped."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from core.extract.dates import fold

URL_RE = re.compile(
    r"(?:https?://|www\.)[^\s,;|()<>\"]+|(?<![@\w.])(?:[\w-]+\.)*(?:linkedin\.com|github\.com|gitlab\.com|twitter\.com|x\.com|"
    r"behance\.net|dribbble\.com|medium\.com|stackoverflow\.com|kaggle\.com|bitbucket\.org|instagram\.com|"
    r"facebook\.com|youtube\.com|researchgate\.net|scholar\.google\.com|orcid\.org)/[^\s,;|()<>\"]*",
    re.I,
)
DOMAIN_URL_RE = re.compile(r"(?<![@\w.-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|dev|me|co|fr|de|uk|ca|app|xyz|info|ai|tech|site|page|blog)(?:/[^\s,;|()<>\"]*)?(?![\w@])", re.I)
NETWORKS = {
    "linkedin.com": "LinkedIn", "github.com": "GitHub", "gitlab.com": "GitLab", "twitter.com": "Twitter",
    "x.com": "X", "behance.net": "Behance", "dribbble.com": "Dribbble", "medium.com": "Medium",
    "stackoverflow.com": "StackOverflow", "kaggle.com": "Kaggle", "bitbucket.org": "Bitbucket",
    "instagram.com": "Instagram", "facebook.com": "Facebook", "youtube.com": "YouTube",
    "researchgate.net": "ResearchGate", "scholar.google.com": "Google Scholar", "orcid.org": "ORCID",
    "mastodon.social": "Mastodon", "hashnode.dev": "Hashnode", "dev.to": "DEV",
}


def network_of(url: str) -> str:
    """The social or code network a link points to ("GitHub"), or "" for a personal site."""
    host = urlparse(url if "://" in url else "https://" + url).netloc.lower().removeprefix("www.")
    for dom, net in NETWORKS.items():
        if host == dom or host.endswith("." + dom):
            return net
    return ""


# the first path word of a link to a page's content rather than to a person: a video, a post, a map
_CONTENT_PATHS = {"watch", "playlist", "shorts", "embed", "live", "maps", "place", "dir", "status", "posts",
                  "pulse", "feed", "p", "reel", "events", "search", "share", "sharing", "raw", "blob", "tree"}


def content_link(url: str) -> bool:
    """A link to one video, post, map place or file, which names no person's site or profile."""
    parsed = urlparse(url if "://" in url else "https://" + url)
    first = parsed.path.strip("/").split("/")[0].lower()
    return first in _CONTENT_PATHS or parsed.netloc.lower().startswith("maps.")


def profile_path(url: str) -> bool:
    """A personal profile address (linkedin.com/in/x, github.com/x), not a link to a project or post."""
    parsed = urlparse(url if "://" in url else "https://" + url)
    path = parsed.path.strip("/")
    if not path or content_link(url):
        return False
    segments = path.count("/") + 1
    code_hosts = ("github.com", "gitlab.com", "bitbucket.org")
    return segments == 1 if parsed.netloc.lower().removeprefix("www.") in code_hosts else segments <= 3


_URL_START = re.compile(r"(?:https?://|www\.|(?:^|\W)(?:" + "|".join(re.escape(d) for d in NETWORKS) + r")/)", re.I)
_HANDLE = re.compile(r"[\w~.-]+/?|[\w.-]*\.[a-z]{2,}\S*", re.I)


def _cut_short(url: str) -> bool:
    """A link the line ended before it was whole: "https://", "…/in/dana-", a bare network host."""
    if url.endswith(("://", "-")):
        return True
    if not network_of(url) or not url.endswith("/"):
        return False
    return not profile_path(url) or url.rstrip("/").rsplit("/", 1)[-1].lower() in {"in", "u", "user", "users", "profile"}


def unwrap_urls(text: str) -> str:
    """Links the page broke across two lines ("https://github.com/ dana") joined again."""
    words = text.split(" ")
    out: list[str] = []
    for w in words:
        if out and w and _HANDLE.fullmatch(w) and _URL_START.search(out[-1]) and _cut_short(out[-1]):
            out[-1] += w
        else:
            out.append(w)
    return " ".join(out)


def clean_url(url: str) -> str:
    url = url.strip().rstrip(".,;:)")
    url = re.sub(r"^(?:[a-z]+://)+(?=[a-z]+://)", "", url, flags=re.I)  # "http://https://x.dev" typed twice
    if url.lower().startswith("mailto:") or url.lower().startswith("tel:"):
        return ""
    return url


def _handle(url: str) -> str:
    """The last path word of a profile link, lower case and letters/digits only ("in/Dana-Example" → danaexample)."""
    path = urlparse(url if "://" in url else "https://" + url).path.strip("/")
    return re.sub(r"[^a-z0-9]", "", fold(path.split("/")[-1]).lower())


def own_profiles_in_body(name: str, email: str, region_urls: list[str], body_urls: list[str]) -> list[str]:
    """Profile links found below the header: the person's only on a network the header gave none of and
    when the handle carries their name or e-mail name (a company's or a project's account belongs to that entry)."""
    given = {network_of(clean_url(u)) for u in region_urls} - {""}
    own = {re.sub(r"[^a-z0-9]", "", w) for w in fold(name).lower().split()}
    own |= {re.sub(r"[^a-z0-9]", "", w) for w in re.split(r"[._+-]", email.split("@")[0].lower())}
    own = {w for w in own if len(w) >= 3}
    return [u for u in body_urls if network_of(u) and network_of(u) not in given and profile_path(u)
            and any(w in _handle(u) for w in own)]
