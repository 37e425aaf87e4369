"""Word lists grounded in how resumes name jobs, organisations, schools and degrees (en/fr/es/de)."""

from __future__ import annotations

import re

from core.extract.dates import fold

TITLE_WORDS = set(
    """engineer engineering developer programmer manager director analyst consultant intern internship lead
    leader head officer specialist designer architect scientist researcher teacher lecturer professor tutor
    assistant associate coordinator founder cofounder co-founder owner president vp vice chief cto ceo cfo coo
    cio partner administrator admin technician supervisor executive representative agent advisor adviser
    accountant auditor editor writer author journalist nurse doctor physician attorney lawyer paralegal clerk
    cashier sales salesperson operator mechanic electrician contractor freelancer freelance volunteer fellow
    postdoc trainee apprentice student ambassador member chair chairman secretary treasurer principal staff
    senior junior sr jr mid devops sre qa tester recruiter strategist planner producer artist animator
    photographer instructor coach mentor therapist counselor pharmacist chemist biologist economist
    statistician mathematician physicist geologist surveyor inspector buyer marketer marketing product
    owner maintainer contributor expert generalist entrepreneur investigator trader banker underwriter
    programmeur developpeur ingenieur chef responsable directeur directrice stagiaire charge chargee
    consultante conseiller gerant gestionnaire coordinateur coordinatrice tresorier tresoriere benevole
    fondateur fondatrice commissaire redacteur desarrollador ingeniero gerente jefe coordinador analista
    entwickler ingenieur leiter berater werkstudent praktikant geschaftsfuhrer sabbatical
    arquitecto desarrollador consultor analista asistente coordinadora becario practicante programador
    tecnico especialista lider directora analyste apprenti apprentie ingenieure developpeuse chargee
    softwareentwickler werkstudentin praktikantin specjalista konsultant koordynator dyrektor ekspert
    wykladowca tester czlonek szkoleniowiec kierownik desenvolvedor estagiario
    receptionist bartender waiter server cook barista driver technologist evangelist webmaster
    assistente auxiliar atendente vendedor vendedora coordenador coordenadora diretor diretora gerente
    engenheiro engenheira desenvolvedora programadora consultora estagiaria supervisora professora
    sviluppatore ingegnere responsabile tirocinante stagista impiegato impiegata direttore collaboratore
    ontwikkelaar medewerker stagiair adviseur beheerder projectleider teamleider
    mitarbeiter mitarbeiterin sachbearbeiter sachbearbeiterin referent referentin projektleiter teamleiter
    auszubildender leiterin beraterin entwicklerin
    assistante animateur animatrice vendeur vendeuse educateur educatrice infirmier infirmiere enseignant
    enseignante professeur technicien technicienne alternant alternante employe employee adjoint adjointe
    formateur formatrice auxiliar responsable tecnica asesor asesora dependiente
    stage praktikum berufspraktikum pflichtpraktikum tirocinio estagio pasantia pasante""".split()
)
ORG_WORDS = set(
    """inc inc. ltd ltd. llc llp plc gmbh ag sa sas sarl srl bv nv corp corp. corporation company co co.
    group holdings labs lab technologies partners bank university universite universidad universitat college school institute institut
    academy foundation fondation association agency studio studios hospital
    clinic ministry ministere department council government office industries international global
    enterprises ventures capital collective society club team limited pty gmbh. bureau center centre""".split()
)
INSTITUTION_RE = re.compile(
    r"(\b(?:universit\w*|universida[dt]\w*|college|col[eé]gio|colegio|school|ecole|(?-i:École|ÉCOLE)|escuela|escola|scuola|institut\w*|istitut\w*|"
    r"academ\w*|polytechn\w*|politecnic\w*|conservat[oó]\w*|lycee|(?-i:Lycée|LYCÉE)|liceo|gymnasium|seminary|(?-i:IIT|NIT|MIT|UCLA|ETH|EPFL|INSA|FH|HTL|HTBLA)|"
    r"campus|faculty|facultad|faculdade|facolt[aà]|facult[eé]|fakult\w*)\b|\w*(?:schule|hochschule|akademie|universitat|universiteit|uniwersytet|politechnika)\b)",
    re.I,
)
DEGREE_RE = re.compile(
    r"(?<!\w)(bachelor\w*|master\w*|licen[cs]\w*|doctor\w*|ph\.?\s?d\.?|mba|m\.?b\.?a\.?|b\.?\s?sc?\.?|m\.?\s?sc?\.?|"
    r"b\.?\s?a\.?|m\.?\s?a\.?|b\.?\s?eng\.?|m\.?\s?eng\.?|b\.?\s?tech\.?|m\.?\s?tech\.?|b\.?\s?e\.?|m\.?\s?e\.?|"
    r"b\.?com|m\.?com|bba|bca|mca|llb|ll\.?m|j\.?d\.?|m\.?d\.?|dipl\w*|diploma\w*|degree|associate'?s?|"
    r"certificat\w*|certificate|a\.?a\.?s?\.?|high school|secondary|baccalaur\w*|bac|dut|bts|deug|maitrise|"
    r"mastere|doctorat|grado|titulo|ingenier\w*|ingenieur|engineer'?s|hnd|gcse|a-levels?|abitur|"
    r"postgraduate|undergraduate|graduate|honours|hons|minor|major|bs|ms|ba|ma|be|me|btech|mtech|bsc|msc|"
    r"bachar\w*|tecn[oó]log[oa]|t[eé]cnic[oa]|studium|ausbildung|lehre|matura|[bm]-tech|s\.?s\.?c|h\.?s\.?c|ssl?c|10th|12th|matriculation|intermediate|pg-?d\w+|pgdm)(?!\w)",
    re.I,
)
GRADE_RE = re.compile(
    r"(?:gpa|cgpa|grade|score|percentage|mention|note|average|cumulative)\s*[:\-]?\s*([\w.,/%+ ]{1,20}?)(?=$|[;|)\n]|\s{2})"
    r"|(\d(?:\.\d{1,2})?\s*/\s*(?:4|5|10)(?:\.0)?)\b|\b(\d{2}(?:\.\d+)?\s*%)"
    r"|\b((?:first|second|upper second|lower second|third)[- ]class(?: honours)?|summa cum laude|magna cum laude|cum laude|with (?:high )?honou?rs|distinction)\b",
    re.I,
)


def words_of(text: str) -> list[str]:
    return [w for w in re.split(r"[^\w+#.'-]+", fold(text)) if w]


def title_score(text: str) -> float:
    """How much a phrase reads like a job title."""
    ws = [w.strip(".") for w in words_of(text)]
    if not ws:
        return 0.0
    ws = [w if w in TITLE_WORDS else next((t for t in ("engineer", "developer", "entwickler", "ingenieur", "manager",
          "berater", "leiter") if w.endswith(t) and len(w) > len(t) + 2), w) for w in ws]
    score = sum(1.0 for w in ws if w in TITLE_WORDS or w.rstrip("s") in TITLE_WORDS)
    if ws[-1] in TITLE_WORDS or ws[0] in TITLE_WORDS:
        score += 1.0
    score -= sum(1.5 for w in ws if w in ORG_WORDS)
    if INSTITUTION_RE.search(text):
        score -= 1
    return score


def org_score(text: str) -> float:
    """How much a phrase reads like an organisation name."""
    ws = [w.strip(".") for w in words_of(text)]
    score = sum(1.0 for w in ws if w in ORG_WORDS)
    if re.search(r"\.(com|io|ai|net|org)\b", text, re.I):
        score += 1
    score -= sum(0.7 for w in ws if w in TITLE_WORDS)
    return score


# words naming a part of an organisation ("Payments Team", "Pôle biodiversité", "Abteilung Recht")
UNIT_WORDS = set(
    """department dept division team unit practice desk squad tribe chapter pole service equipe
    abteilung bereich departamento divisao equipo equipa reparto dipartimento afdeling""".split()
)


def unit_score(text: str) -> float:
    """How much a phrase reads like a unit inside an organisation rather than the organisation."""
    return float(sum(1 for w in words_of(text) if w.strip(".") in UNIT_WORDS))
