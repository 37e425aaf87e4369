"""Contact details: name, email, phone, location and links (including link-annotation-only ones)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.extract.dates import fold
from core.extract.lines import Item
from core.extract.links import (
    DOMAIN_URL_RE,
    URL_RE,
    clean_url,
    content_link,
    network_of,
    own_profiles_in_body,
    profile_path,
    unwrap_urls,
)
from core.extract.vocab import org_score, title_score

EMAIL_RE = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.I)
PHONE_RE = re.compile(r"(?<![\w/.-])(?:\+\s?\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d(?:[\s.-]?\d){6,13}(?![\w/])")
SEP_RE = re.compile(r"\s*(?:\||·|•|▪|◦|\s/\s|—|–|\s-\s|;|\s{2,}|✉|☎|📞|📧|🌐|📍)\s*")
US_STATES = set(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND "
    "OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC ON QC BC AB MB NS NB NL PE SK".split()
)
COUNTRIES = {
    "usa", "united states", "uk", "united kingdom", "canada", "france", "germany", "spain", "italy", "india",
    "australia", "netherlands", "belgium", "switzerland", "austria", "sweden", "norway", "denmark", "finland",
    "poland", "portugal", "ireland", "brazil", "mexico", "argentina", "chile", "colombia", "japan", "china",
    "singapore", "israel", "new zealand", "south africa", "nigeria", "kenya", "egypt", "turkey", "greece",
    "czech republic", "czechia", "romania", "hungary", "ukraine", "russia", "pakistan", "bangladesh",
    "indonesia", "philippines", "vietnam", "thailand", "malaysia", "korea", "south korea", "taiwan", "uae",
    "united arab emirates", "saudi arabia", "qatar", "luxembourg", "estonia", "latvia", "lithuania",
    "slovenia", "croatia", "serbia", "bulgaria", "peru", "uruguay", "deutschland", "espana", "remote",
    "polska", "italia", "brasil", "nederland", "schweiz", "suisse", "svizzera", "osterreich", "belgique",
    "belgie", "sverige", "norge", "danmark", "suomi", "cesko", "turkiye", "россия", "hong kong",
}
NAME_STOP = {"resume", "curriculum", "vitae", "cv", "page", "contact", "profile", "summary",
             # form fields beside the name in Europass and German CVs: "Sex Male", "Geschlecht männlich"
             "sex", "gender", "geschlecht", "sexe", "sexo", "nationality", "nationalite", "nacionalidad"}
# the form label a Europass or German CV sets before the name on the same line
_LABEL_WORDS = (r"(?:personal information|personal details|angaben zur person|personliche daten|"
                r"informations personnelles|informacion personal|informacao pessoal|dados pessoais|"
                r"informazioni personali|(?:full )?name|nom|nombre|nome|name,\s*vorname)\s*:?")
_NAME_LABEL = re.compile(_LABEL_WORDS + r"\s+(?=\S)", re.I)  # "Name: Ana Lima" (matched at the start)
_LABEL_ONLY = re.compile(_LABEL_WORDS, re.I)  # "PERSONAL INFORMATION" alone in its field


@dataclass(slots=True)
class Contact:
    name: str = ""
    name_item: Item | None = None
    label: str = ""
    email: str = ""
    phone: str = ""
    location: dict[str, str] = field(default_factory=dict)
    location_text: str = ""
    urls: list[str] = field(default_factory=list)


def _is_name(text: str, *, any_case: bool = False) -> bool:
    """Two to five words of letters, each capitalised (or in any case with `any_case`, which
    the caller allows only for the document's first line), not a heading, title or organisation."""
    from core.extract.sections import heading_kind

    t = re.sub(r"\s*\([^)]{1,20}\)\s*$", "", text.strip())
    if heading_kind(t):
        return False
    if not t or len(t) > 40 or re.search(r"[\d@/|:]", t):
        return False
    words = t.replace(",", " ").split()
    if not 2 <= len(words) <= 5:
        return False
    if any(fold(w).strip(".") in NAME_STOP for w in words):
        return False
    letters = [w for w in words if re.match(r"^[^\W\d_][\w'’.-]*$", w)]
    if len(letters) != len(words):
        return False
    if title_score(t) > 0 or org_score(t) > 0:
        return False
    if any_case:
        return True
    return all(w[0].isupper() for w in words if len(w) > 3 or w[0].isalpha() and w.lower() not in ("de", "van", "von", "da", "del", "la", "le", "di", "bin"))


def parse_location(text: str) -> dict[str, str] | None:
    """'City, Region' / 'City, Country' / 'City ST 12345' -> JSON Resume location parts."""
    t = text.strip().strip(",.")
    if not t or len(t) > 60 or "@" in t or re.search(r"https?:|www\.|\d{5,}.*\d{3}", t):
        return None
    t = re.sub(r"^(?:location|address|based in|lives in|residence)\s*:?\s*", "", t, flags=re.I)
    t = re.sub(r"\s*\([^)]{1,30}\)\s*$", "", t)  # "Montréal, QC (Hybrid)"
    parts = [p.strip() for p in t.split(",") if p.strip()]
    if not parts or len(parts) > 4:
        return None
    if any(len(p.split()) > 4 for p in parts):
        return None
    out: dict[str, str] = {}
    postal = re.search(r"\b(\d{4,6}(?:-\d{4})?|[A-Z]\d[A-Z] ?\d[A-Z]\d)\b", t)
    if postal:
        out["postalCode"] = postal.group(1)
        parts = [re.sub(re.escape(postal.group(1)), "", p).strip() for p in parts]
        parts = [p for p in parts if p]
    if not parts or any(re.search(r"\d", p) for p in parts):
        if len(parts) >= 1 and re.search(r"\d", parts[0]):
            out["address"] = parts[0]
            parts = parts[1:]
        if not parts:
            return None
    if any(not re.match(r"^[^\W\d_][\w .'’-]*$", p) for p in parts):
        return None
    last = parts[-1]
    if len(parts) == 1:
        if fold(last) in COUNTRIES:
            out["countryCode"] = last
            return out
        if "postalCode" not in out or STREET_WORDS & set(fold(last).split()):
            return None  # "Calle Mayor 12" is a street and its house number, not a town
        return {**out, "city": last}
    out["city"] = parts[0] if len(parts) == 2 else parts[-3] if len(parts) >= 3 else parts[0]
    if len(parts) >= 3:
        out["city"] = parts[-3] if len(parts) == 3 else parts[1]
        out["region"] = parts[-2]
        out["countryCode"] = last
    else:
        code = last.strip()
        if code.upper() in US_STATES or len(code) <= 3 and code.isupper():
            out["region"] = code
        elif fold(code) in COUNTRIES:
            out["countryCode"] = code
        else:
            out["region"] = code
    if not all(w[0].isupper() for w in out["city"].split() if w[0].isalpha() and len(w) > 3):
        return None
    if org_score(out["city"]) > 0 or title_score(out["city"]) > 0 or org_score(parts[-1]) > 0:
        return None
    if any(_camel_brand(w) for p in parts for w in p.split()):
        return None  # "BrightLeaf, Austin, TX": a camel-case brand names no place
    return out


STREET_WORDS = set(
    """street st road rd avenue ave av avenida calle pasaje rua rue strasse str weg gasse platz via viale
    piazza boulevard blvd lane ln drive way camino carrera jiron travessa alameda chaussee laan straat""".split()
)
CASE_TURN = re.compile(r"[a-z][A-Z]")  # a lower-case letter then a capital inside one word


def _camel_brand(word: str) -> bool:
    """"BrightLeaf", "iCloudly": capitals inside a word, beyond the prefixes of town names (McAllen, LaSalle)."""
    return len(CASE_TURN.findall(word)) >= 2 or bool(re.search(r"[^\W\d_]{3}[a-z][A-Z]", word))


CITY_REGION_RE = re.compile(
    r"(?<![\w@/.])([A-ZÀ-Þ][\w'’.-]+(?:\s(?:[A-ZÀ-Þ][\w'’.-]+|de|del|la|le|am|an|sur|upon|on))*)\s*,\s*"
    r"([A-ZÀ-Þ][\w'’.-]+(?:\s[A-ZÀ-Þ][\w'’.-]+){0,2})(?![\w@/])"
)


def _contact_place(part: str) -> dict[str, str] | None:
    """A place among the contact fields, after its field label or icon macro ("\\faHome : 603 80 Växjö")."""
    part = re.sub(r"^\\?[^\W\d_]+\s*:\s*(?=\S)", "", part)
    part = re.sub(r"^(\d{3}) (\d{2})(?= [^\W\d_])", r"\1\2", part)  # Swedish and Czech postal codes: "603 80"
    loc = parse_location(part)
    if loc and any(len(p.split()) > 1 and any(w[0].islower() for w in p.split() if len(w) > 3) for p in part.split(",")):
        return None  # "Data Science, Information architecture": two-word fields in lower case name no place
    return loc


RUNNING_FOOTER = re.compile(r"©|\(c\)\s*\d{4}|\bpage \d+\s*(?:/|of)\s*\d+", re.I)
ADDRESS_LABEL = re.compile(
    r"^\W*(?:address|home address|location|adresse|anschrift|wohnort|direcci[oó]n|domicilio|endere[cç]o|morada|"
    r"indirizzo|residence|r[ée]sidence|domicile)\s*:\s*", re.I)
POSTAL_TOWN = re.compile(
    r"\b\d{4,5}(?:-\d{3,4})?\s+(?:[-–]\s+)?([^\W\d_][\w'’.-]+(?:\s(?:[^\W\d_][\w'’.-]+))*)\s*$")


def _labelled_location(c: Contact, texts: list[str]) -> None:
    """The value of an "Address:" field (on its line or the next): its last named part is the town."""
    for n, t in enumerate(texts):
        m = ADDRESS_LABEL.match(t)
        if not m:
            continue
        value = t[m.end():].strip() or (texts[n + 1].strip() if n + 1 < len(texts) else "")
        parts = [p.strip() for p in re.split(r"[,\n]", value) if p.strip()]
        country = parts.pop() if len(parts) > 1 and fold(parts[-1]) in COUNTRIES else ""
        towns = [re.sub(r"^\d[\d -]*\s+", "", p) for p in parts]
        if towns and towns[-1][:1].isupper() and not re.search(r"\d|@", towns[-1]) and len(towns[-1].split()) <= 4:
            c.location = {"address": ", ".join(parts[:-1]), "city": towns[-1], "countryCode": country}
            c.location = {k: v for k, v in c.location.items() if v}
            c.location_text = value
            return


def _street_line_location(c: Contact, texts: list[str]) -> None:
    """A street address line ending in its postal code and town ("Rua Nova 12 2830-101 - Vila Alta")."""
    for t in texts:
        if not STREET_WORDS & set(fold(t).replace(",", " ").split()):
            continue
        m = POSTAL_TOWN.search(t)
        if m and m.group(1)[:1].isupper() and len(m.group(1).split()) <= 4:
            c.location, c.location_text = {"city": m.group(1)}, m.group(0)
            return


def _embedded_location(c: Contact, texts: list[str]) -> None:
    """'City, Region' inside a contact line whose fields are separated by plain spaces only."""
    for t in texts:
        if not (EMAIL_RE.search(t) or (c.phone and c.phone in t) or URL_RE.search(t)):
            continue
        rest = URL_RE.sub("  ", EMAIL_RE.sub("  ", t))
        rest = DOMAIN_URL_RE.sub("  ", rest)
        if c.phone:
            rest = rest.replace(c.phone, "  ")
        for m in CITY_REGION_RE.finditer(rest):
            loc = parse_location(m.group(0))
            if loc:
                c.location, c.location_text = loc, m.group(0)
                return


def _single_word_location(c: Contact, texts: list[str]) -> None:
    """On the contact line (the one with the email or phone), a lone capitalised place name."""
    for t in texts:
        if not (EMAIL_RE.search(t) or (c.phone and c.phone in t)):
            continue
        for part in SEP_RE.split(t):
            part = part.strip(" ,.")
            if (
                part
                and not EMAIL_RE.search(part)
                and not URL_RE.search(part)
                and not DOMAIN_URL_RE.search(part)
                and not re.search(r"\d|@|:", part)
                and 1 <= len(part.split()) <= 3
                and all(w[:1].isupper() for w in part.split())
                and part != c.name
            ):
                c.location, c.location_text = {"city": part}, part
                return


_NAME_FIELD_END = re.compile(r"\s{2,}|\s+[|/·•–—]\s+|\s+-\s+")


def _name_candidate(text: str) -> str:
    """The first field of a line ("Ana Lima / ana@example.org / ..."), without markup marks ("# ")."""
    first = _NAME_FIELD_END.split(text.strip(), maxsplit=1)
    label = _NAME_LABEL.match(fold(first[0]))
    if label and len(first) == 1 and len(fold(first[0])) == len(first[0]):
        first = [first[0][label.end():]]
    elif len(first) > 1 and _LABEL_ONLY.fullmatch(fold(first[0]).strip()):
        first = _NAME_FIELD_END.split(first[1].strip(), maxsplit=1)  # "PERSONAL INFORMATION   Ana Lima"
    cand = first[0].strip().lstrip("#*=>~ ").strip()
    if re.fullmatch(r"(?:[A-ZÀ-Þ][a-zß-ÿ]{2,}){2,3}", cand):
        cand = re.sub(r"(?<=[a-zß-ÿ])(?=[A-ZÀ-Þ])", " ", cand)  # "AnaLima": TeX set the name without a space
    return cand


def _name_continued(name: str, item: Item, header: list[Item]) -> str:
    """A display name set over two lines ("Ana Sofía" / "Lima Prado"): the next line in the same
    large type with only capitalised words completes it."""
    at = next((n for n, it in enumerate(header) if it is item), -1)
    nxt = header[at + 1] if 0 <= at < len(header) - 1 else None
    if nxt is None or nxt.size != item.size or nxt.style != item.style or nxt.bold != item.bold:
        return name
    if not all(it.size < item.size for it in header if it is not item and it is not nxt):
        return name  # "the same large type" means larger than the rest of the header
    words = nxt.text.split()
    if (1 <= len(words) <= 3 and len(name.split()) + len(words) <= 5 and all(w[:1].isupper() for w in words)
            and _is_name(nxt.text.strip()) and not parse_location(nxt.text) and not nxt.text.isupper()
            and title_score(nxt.text) <= 0 and org_score(nxt.text) <= 0):
        return f"{name} {nxt.text.strip()}"
    return name


def extract_contact(header: list[Item], contact_items: list[Item], all_items: list[Item], doc_links: list[str]) -> Contact:
    """Contact details from the top of the document and any contact/sidebar section."""
    c = Contact()
    region = header + contact_items
    cands = []
    for n, it in enumerate(header[:8]):
        cand = _name_candidate(it.text)
        if _is_name(cand) and not parse_location(cand):
            cands.append((it.size, -n, cand, it))
    if cands:
        _, _, c.name, c.name_item = max(cands, key=lambda x: (x[0], x[1]))
        c.name = _name_continued(c.name, c.name_item, header)
    first = header[0] if header else all_items[0] if all_items else None
    if not c.name and first is not None:  # "dana example" on the first line: a name typed in lower case
        cand = _name_candidate(first.text)
        if not first.bullet and _is_name(cand, any_case=True) and not parse_location(cand):
            c.name, c.name_item = cand, first
    if not c.name:
        for n, it in enumerate(all_items[:40]):
            cand = it.text.split("|")[0].split("   ")[0].strip()
            if _is_name(cand) and not it.bullet and not parse_location(cand):
                cands.append((it.size, -n, cand, it))
        if cands:
            _, _, c.name, c.name_item = max(cands, key=lambda x: (x[0], x[1]))
    texts = [it.text for it in region] or [it.text for it in all_items[:10]]
    joined = "\n".join(texts)
    m = EMAIL_RE.search(joined) or EMAIL_RE.search("\n".join(it.text for it in all_items))
    if m:
        c.email = m.group(0)
    else:
        for u in doc_links:
            if u.lower().startswith("mailto:"):
                c.email = u[7:].split("?")[0]
                break
    for t in texts + [it.text for it in all_items[:25]]:
        t2 = EMAIL_RE.sub(" ", t)
        t2 = URL_RE.sub(" ", t2)
        for pm in PHONE_RE.finditer(t2):
            digits = re.sub(r"\D", "", pm.group(0))
            if 7 <= len(digits) <= 15 and not re.fullmatch(r"(19|20)\d\d(19|20)\d\d", digits):
                c.phone = pm.group(0).strip()
                break
        if c.phone:
            break
    if not c.phone:
        for u in doc_links:
            if u.lower().startswith("tel:"):
                c.phone = u[4:]
                break
    for t in texts:
        for part in SEP_RE.split(EMAIL_RE.sub(" ", t)):
            if c.phone and c.phone in part:
                part = part.replace(c.phone, " ")
            part = re.sub(r"^\W+|\W+$", "", part)
            loc = _contact_place(part)
            if loc and (not c.location or "countryCode" in loc and "city" in loc and "countryCode" not in c.location):
                c.location, c.location_text = loc, part  # "Kreuzberg, Mitte – Berlin, Germany": the part naming the country
        if c.location:
            break
    if not c.location:
        _labelled_location(c, texts)
    if not c.location:
        _embedded_location(c, texts)
    if not c.location:
        _street_line_location(c, texts)
    if not c.location:
        _single_word_location(c, texts)
    urls: list[str] = []
    for t in map(unwrap_urls, texts):
        if RUNNING_FOOTER.search(t):
            continue  # "© Example Union 2021 | https://template.example Page 1 / 3": the template's, not the person's
        for um in URL_RE.finditer(t):
            urls.append(um.group(0))
        for um in DOMAIN_URL_RE.finditer(EMAIL_RE.sub(" ", t)):
            if not any(um.group(0) in u for u in urls):
                urls.append(um.group(0))
    for it in region:
        urls.extend(it.links if not RUNNING_FOOTER.search(it.text) else [])
    in_region = {id(it) for it in region}
    body = [u for it in all_items if id(it) not in in_region for u in it.links]
    body += [m.group(0) for it in all_items if id(it) not in in_region for m in URL_RE.finditer(unwrap_urls(it.text))]
    urls.extend(own_profiles_in_body(c.name, c.email, urls, body + doc_links))
    seen: set[str] = set()
    for u in urls:
        u = clean_url(u)
        key = re.sub(r"^[a-z]+://|^www\.", "", u.lower()).rstrip("/")
        key = key.removeprefix("www.")
        if (u and key not in seen and "." in key and not EMAIL_RE.fullmatch(u) and not content_link(u)
                and (not network_of(u) or profile_path(u))):
            seen.add(key)
            c.urls.append(u)
    return c
