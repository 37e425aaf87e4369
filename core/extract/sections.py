"""Section headings in any wording, case and order: keyword vocabulary plus layout cues."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from core.extract.dates import best_range, fold
from core.extract.lines import Item
from core.extract.vocab import INSTITUTION_RE

# words that name a section type (folded, singular stems matched by prefix)
SECTION_WORDS: dict[str, tuple[str, ...]] = {  # en, fr, de, es, pt, it, nl
    "summary": ("summary", "profile", "objective", "about", "overview", "statement", "introduction",
                "profil", "resume", "perfil", "zusammenfassung", "bio", "highlights", "resumo", "objetivo",
                "profilo", "profiel", "kurzprofil", "sintesi", "samenvatting"),
    "work": ("experience", "employment", "work", "career", "position", "professional", "history",
             "experiencia", "berufserfahrung", "emplois", "parcours", "internship", "jobs", "werdegang",
             "erfahrung", "berufspraxis", "praxiserfahrung", "anstellung", "beschaftigung", "taetigkeit",
             "tatigkeit", "esperienz", "werkervaring", "ervaring", "loopbaan", "trayectoria", "carrera",
             "carriere", "carreira", "stage", "praktika", "praktikum", "empleo", "lavoro", "historial"),
    "education": ("education", "academic", "qualification", "studies", "formation", "educacion",
                  "ausbildung", "training", "schooling", "degrees", "academics", "etudes", "coursework",
                  "bildung", "bildungsweg", "studium", "schulbildung", "hochschulbildung", "estudios",
                  "formacion", "formacao", "educacao", "escolaridade", "academica", "istruzione",
                  "formazione", "opleiding", "onderwijs", "scolarite", "diplome", "titulacion"),
    "skills": ("skill", "competenc", "expertise", "technolog", "tools", "stack", "strengths", "abilities",
               "competences", "kenntnisse", "habilidades", "proficienc", "toolbox", "tech", "fahigkeiten",
               "kompetenz", "conocimientos", "aptitudes", "conhecimentos", "competencias", "competenze",
               "abilita", "vaardigheden", "competenties", "kennis", "informatique", "outils", "herramientas",
               "ferramentas", "faehigkeiten", "technische", "tecnologias", "savoir", "hard", "soft"),
    "certificates": ("certific", "licens", "credential", "accreditation", "zertifi", "zertifikat",
                     "certificaciones", "certificacoes", "certificati", "certificaten", "weiterbildung",
                     "fortbildung", "cursos", "corsi", "cursussen"),
    "languages": ("language", "langues", "idiomas", "sprachen", "sprachkenntnisse", "linguas", "lingue",
                  "talen", "lenguas", "linguistiques"),
    "projects": ("project", "portfolio", "projets", "proyectos", "projekte", "projetos", "progetti",
                 "projecten"),
    "awards": ("award", "honor", "honour", "prize", "distinction", "recognition", "achievement",
               "accomplishment", "scholarship", "auszeichnung", "premios", "premi", "prix", "premios",
               "premiacoes", "prijzen", "preise", "reconocimientos"),
    "volunteer": ("volunteer", "community", "benevol", "voluntariado", "leadership", "activities",
                  "extracurricular", "ehrenamt", "engagement", "volontariato", "vrijwilligerswerk",
                  "voluntario"),
    "publications": ("publication", "paper", "talk", "presentation", "research", "patent", "conference",
                     "publikation", "veroffentlichung", "publicaciones", "publicacoes", "pubblicazioni",
                     "publicaties"),
    "interests": ("interest", "hobbies", "hobby", "loisirs", "passion", "d'interet", "interet", "intereses",
                  "hobbys", "interessen", "interesses", "interessi", "freizeit", "aficiones"),
    "references": ("reference", "referee", "referenz", "referencias", "referenties"),
    "contact": ("contact", "personal", "details", "information", "info", "links", "social", "coordonnees",
                "kontakt", "contacto", "contato", "contatti", "persoenliche", "personliche", "daten",
                "datos", "dados", "personnelles", "personales", "pessoais", "personali", "persoonlijke",
                "gegevens"),
}
FILLER = {"and", "of", "&", "my", "key", "core", "relevant", "selected", "other", "additional", "main",
          "technical", "professional", "personal", "side", "recent", "previous", "notable", "areas", "area",
          "de", "et", "y", "und", "la", "le", "les", "du", "des", "profesional", "summary", "work",
          "history", "background", "skills", "list", "soft", "hard", "general", "computer", "it",
          "software", "programming", "academic", "educational", "career", "experience", "awards",
          "certifications", "volunteer", "employment", "honors", "projects", "interests", "languages",
          "professionnelle", "professionnelles", "cles", "laboral", "laborales", "centres", "centros",
          "professionnel", "beruflicher", "berufliche", "en", "con", "mit", "and/or", "/", "-", "+",
          "profesionales", "profissional", "profissionais", "profissionale", "professionale", "professionali",
          "lavorativa", "lavorative", "beroeps", "werk", "e", "i", "o", "do", "da", "em", "di", "del", "van",
          "het", "een", "nach", "zur", "zum", "im", "a", "ac", "academica", "academico", "akademische",
          "complementaria", "complementar", "adicional", "weitere", "sonstige", "autres", "altre",
          "outras", "otros", "andere", "tecnicas", "tecnicos", "informaticos", "technique", "techniques",
          "tecniche", "informatiques",
          "linguistiques", "principales", "principais", "chiave", "clave", "meine", "mes", "mis", "meus"}
HEAD_NOUNS = ("experience", "skill", "project", "education", "certific", "language", "award", "publication",
              "interest", "summary", "profile", "competenc", "kenntnisse", "erfahrung", "werdegang", "bildung",
              "sprachen", "fahigkeiten", "kompetenz", "projekte", "experiencia", "formacion", "formacao",
              "habilidades", "conocimientos", "conhecimentos", "idiomas", "esperienz", "competenze", "ervaring",
              "vaardigheden", "opleiding", "formation", "langues", "projets")
PRIORITY = ("certificates", "education", "skills", "languages", "projects", "awards", "publications",
            "volunteer", "interests", "references", "work", "summary", "contact")


@dataclass(slots=True)
class Section:
    """A run of items under one heading (kind 'header' for what precedes the first heading)."""

    kind: str
    title: str
    heading: Item | None
    items: list[Item] = field(default_factory=list)


def collapse_spaced(text: str) -> str:
    """Letter-spaced headings ("E X P E R I E N C E") as plain words."""
    t = text.strip()
    if re.fullmatch(r"(?:\w\s){2,}\w(?:\s{2,}(?:\w\s)+\w)*", t):
        return " ".join(w.replace(" ", "") for w in re.split(r"\s{2,}", t))
    return text


# What may follow a section stem: "certific" + "ations", "skill" + "set"; not "info" + "sys"
# (a company called Infosys) or "work" + "day".
_STEM_ENDINGS = frozenset({"", "s", "es", "e", "y", "ies", "al", "als", "ation", "ations", "ion", "ions", "ing",
                           "ings", "ic", "ics", "ical", "ment", "ments", "ed", "set", "sets", "graphy", "at",
                           "ate", "ates", "ence", "ences", "ship", "ships", "en", "n"})


def _stem_form(word: str, stem: str) -> bool:
    return word.startswith(stem) and word[len(stem):] in _STEM_ENDINGS


def heading_kind(text: str) -> str | None:
    """The section type a heading text names, or None when it is not a heading wording."""
    text = collapse_spaced(text)
    kind = _heading_kind(text)
    if kind and kind != "education" and INSTITUTION_RE.search(text):
        return None  # "Faculty of Information Technology" is a school, not a skills heading
    return kind


def _heading_kind(text: str) -> str | None:
    t = fold(text).strip().strip(":").strip()
    if not t or len(t) > 48 or re.search(r"\d{3,}|@|https?:|www\.", t):
        return None
    words = [w for w in re.split(r"[\s/&,+|·•–—-]+", t) if w]
    if not 1 <= len(words) <= 5:
        return None
    found: list[str] = []
    unknown = 0
    for w in words:
        w = w.strip(".()")
        hit = [k for k, stems in SECTION_WORDS.items() if any(_stem_form(w, s) for s in stems)]
        if hit:
            found.extend(hit)
        elif w not in FILLER and len(w) > 2:
            unknown += 1
    last = words[-1].strip(".()")
    head_noun = last.startswith(HEAD_NOUNS)
    if not found or unknown > 1 or (unknown and len(words) <= 2 and not head_noun):
        return None
    if words[0] in ("profiles", "links", "online", "social", "websites", "web"):
        return "contact"  # "Profiles", "Links", "Online presence" list URLs
    if "programming" in words or "coding" in words:
        return "skills"  # "Programming Languages" lists skills, not spoken languages
    experience = any(w.startswith(("experience", "employment", "experiencia", "berufserfahrung", "esperienz",
                                   "werkervaring", "erfahrung")) for w in words)
    if experience:
        volunteer_words = ("volunteer", "benevol", "voluntar", "community")
        return "volunteer" if any(w.startswith(volunteer_words) for w in words) else "work"
    if "volunteer" in found and "work" in found:
        return "volunteer"
    for kind in PRIORITY:
        if kind in found:
            # "Professional Summary" -> summary, "Work History" -> work
            if kind == "work" and "summary" in found and not any(
                fold(w).startswith(("experience", "employment", "work", "career", "position", "job"))
                for w in words
            ):
                return "summary"
            return kind
    return None


def _looks_heading(item: Item, body_size: float) -> bool:
    """Layout cues: styled heading, bold, all caps or larger than body; short and unpunctuated."""
    t = collapse_spaced(item.text).strip()
    if item.bullet or len(t) > 48 or t.endswith((".", ",", ";")) or len(t.split()) > 5:
        return False
    styled = item.style.lower().startswith(HEADING_STYLE_PREFIXES)
    caps = t.upper() == t and any(c.isalpha() for c in t)
    big = body_size > 0 and item.size > body_size * 1.12
    return styled or item.bold or caps or big or t.endswith(":")


HEADING_STYLE_PREFIXES = ("heading", "h1", "h2", "h3", "h4")
BODY_STYLES = ("normal", "list", "body", "no spacing", "default", "plain", "header:", "footer:")


def _own_style(it: Item) -> str:
    """A paragraph style the writer made or chose for some lines (not body or list text), else ""."""
    style = it.style.strip().lower()
    return "" if not style or style.startswith(BODY_STYLES) else style


class _RegionFlow:
    """Which section a line belongs to when it starts a new page region (PDF columns, bands):
    a column going on from an earlier page goes on with its own section, a heading-less start of
    a region on the first page is header and contact, and a sidebar beside the main column never
    runs on inside the main column's last section (or the other way round)."""

    def __init__(self, sections: list[Section]) -> None:
        self.sections = sections
        self.current = sections[0]
        self.block: tuple[int, int] = (0, 0)
        self.last: dict[str, tuple[int, Section]] = {}  # region kind -> (page, section it last fed)
        self.routed_to_header = False

    def home(self, it: Item) -> Section:
        """The section this (non-heading) item goes on in."""
        if not it.block:  # no page regions (Word, text): the last section, as always
            return self.sections[-1]
        block = (it.page, it.block)
        if self.block == (0, 0):
            self.current = self.sections[-1]
        elif block != self.block:
            earlier = self.last.get(it.region)
            if earlier is not None and earlier[0] < it.page:
                self.current = earlier[1]  # the column goes on from the page before
            elif it.page == 1:
                self.current = self.sections[0]  # a name band or a contact column: header
                self.routed_to_header = True
            elif it.page == self.block[0]:
                self.sections.append(Section("other", "", None))  # another column of this page
                self.current = self.sections[-1]
        self.block = block
        return self.current

    def opened(self, it: Item, section: Section) -> None:
        """`it` went into `section` (a heading opens it)."""
        self.current = section
        self.block = (it.page, it.block)
        if it.block:
            self.last[it.region] = (it.page, section)


def _label_size(items: list[Item], kinds: list[str | None], body: float) -> float:
    """When headings are set larger than body text, the size up to which a "Word:" line is a label."""
    known = [it for it, kind in zip(items, kinds, strict=True) if kind and _looks_heading(it, body)]
    big = [it for it in known if it.size > body * 1.12]
    return body * 1.05 if len(big) >= 3 and len(big) >= 0.6 * len(known) else 0.0


def split_sections(items: list[Item]) -> list[Section]:
    """Cut the items into sections at heading lines."""
    sizes = [it.size for it in items if it.size]
    body = statistics.median(sizes) if sizes else 0.0
    sections = [Section("header", "", None)]
    heading_sizes: list[float] = []
    heading_styles: set[str] = set()  # the document's own paragraph styles for headings (DOCX)
    regions = _RegionFlow(sections)
    kinds = [heading_kind(it.text) for it in items]
    label_size = _label_size(items, kinds, body)
    for it, kind in zip(items, kinds, strict=True):
        if kind and it.size <= label_size and it.text.rstrip().endswith(":"):
            kind = None  # "References:" in body type where headings are set large: a label in an entry
        if kind and _looks_heading(it, body):
            sections.append(Section(kind, collapse_spaced(it.text).strip().rstrip(":"), it))
            heading_sizes.append(it.size)
            heading_styles.add(_own_style(it))
            regions.opened(it, sections[-1])
            continue
        current = regions.home(it)
        if kind and it.words <= 3 and not it.bullet and not it.text.endswith((".", ",")):
            # plain-text heading without cues ("Experience" on its own line)
            alone = (it.words <= 2 and it.text[:1].isupper() and not re.search(r"[,.;:!?()]", it.text)
                     and current.kind not in (kind, "skills", "education"))  # not a sub-label
            styled = _own_style(it) in heading_styles - {""}  # the style the other headings are set in
            if it.gap_before or len(sections) == 1 or it.text.isupper() or alone or styled:
                sections.append(Section(kind, it.text.strip().rstrip(":"), it))
                heading_styles.add(_own_style(it))
                regions.opened(it, sections[-1])
                continue
        # inline "Skills: a, b, c" heading
        m = re.match(r"^([^:]{3,30}):\s+(.+)$", it.text)
        if m and not it.bullet and current.kind in ("header", "summary", "other", "contact"):
            k = heading_kind(m.group(1))
            if k and k in ("skills", "languages", "interests", "certificates") and it.bold is False:
                if current.kind != k:
                    sections.append(Section(k, m.group(1), None))
                    current = sections[-1]
        current.items.append(it)
        regions.opened(it, current)
    # unknown headings with the same cues as known ones start an "other" section
    if heading_sizes:
        hs = statistics.median(heading_sizes)
        out: list[Section] = []
        for sec in sections:
            cur = sec
            out.append(cur)
            if sec is sections[0] and regions.routed_to_header:
                continue  # header lines gathered from several regions are not in reading order
            keep: list[Item] = []
            scanned = sec.items  # `cur.items` is reassigned below, and `cur` starts as `sec`
            for n, it in enumerate(scanned):
                nxt = scanned[n + 1] if n + 1 < len(scanned) else None
                if (
                    nxt is not None
                    and not (abs(nxt.size - it.size) < 0.3 and nxt.bold == it.bold)
                    and hs > body * 1.12
                    and abs(it.size - hs) < 0.3
                    and _looks_heading(it, body)
                    and not re.search(r"\d", it.text)
                ):
                    cur.items = keep
                    cur = Section("other", it.text, it)
                    out.append(cur)
                    keep = []
                    continue
                keep.append(it)
            cur.items = keep
        sections = out
    return _fold_entry_labels(sections)


def _fold_entry_labels(sections: list[Section]) -> list[Section]:
    """Labels written inside every role ("Key Achievements", "Projects" under each job) look like
    headings but recur: a heading wording that comes right after a work section and again after a
    dated line is part of that section, as is every heading up to its last occurrence."""
    keys = [fold(s.title).strip() if s.heading is not None else "" for s in sections]
    out: list[Section] = []
    i = 0
    while i < len(sections):
        sec = sections[i]
        out.append(sec)
        last = i
        if sec.kind in ("work", "volunteer"):
            n = i + 1
            while n < len(sections) and n <= last + (1 if last == i else 0):
                later = [m for m in range(n + 1, len(sections)) if keys[m] and keys[m] == keys[n]]
                if later and any(_role_line(it) for s in sections[n:later[-1]] for it in s.items):
                    last = max(last, later[-1])
                n += 1
        for s in sections[i + 1 : last + 1]:
            sec.items.extend(s.items)  # the label line itself names nothing and is dropped
        i = last + 1
    return out


def _role_line(it: Item) -> bool:
    """A short line with a closed or open date range: the header of the next entry."""
    if it.words > 22:
        return False
    dr = best_range(it.text)
    return dr is not None and bool(dr.end or dr.present)
