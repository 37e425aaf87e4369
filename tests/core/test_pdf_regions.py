"""Page regions of PDFs on fictional pages, each written by two PDF producers: three columns, a
sidebar set flush right under a band, runs drawn out of order, and form rows that are not columns."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from core.documents.pdf_reader import read_pdf
from core.intake.reader import parse_path
from tests.core.arrangement_pdfs import PRODUCERS, Placed


def _three_columns() -> list[Placed]:
    """A sidebar on the left, then two columns under a name set across the second gutter."""
    side = [Placed(18, 163, "CONTACT", 14, True), Placed(20, 187.5, "Tindra Solberg-Haug", 8),
            Placed(20, 203, "tindra.sh@example.org", 8), Placed(20, 218.5, "+47 955 01 234", 8),
            Placed(18, 243, "TOOLS", 14, True)]
    side += [Placed(20, 267.5 + 15.5 * n, t, 8) for n, t in enumerate(("Fortran", "Julia", "Gnuplot", "Vim", "Make"))]
    band = [Placed(300, 50, "TINDRA SOLBERG-HAUG", 22, True)]
    middle = [Placed(214, 190, "ESTUDIOS", 13), Placed(214, 212, "2016-2021  Licenciatura en Física", 8),
              Placed(270, 224, "Universidad de Valdeluna", 8), Placed(214, 246, "2012-2016  Bachillerato", 8),
              Placed(270, 258, "Instituto Costa Verde", 8),
              Placed(214, 300, "EXPERIENCIA", 13), Placed(214, 322, "2021-2024  Analista de datos", 8),
              Placed(270, 334, "Cooperativa Brisamar", 8), Placed(270, 346, "Modelos de demanda eléctrica.", 8),
              Placed(214, 368, "2019-2021  Becaria de laboratorio", 8), Placed(270, 380, "Observatorio Sierra Alta", 8),
              Placed(270, 392, "Calibración de espectrómetros.", 8)]
    right = [Placed(412, 190, "PUBLICACIONES", 13), Placed(416, 212, "2022  Ruido térmico en", 8),
             Placed(446, 224, "sensores de bajo coste.", 8), Placed(416, 236, "2020  Un método para", 8),
             Placed(446, 248, "series irregulares.", 8), Placed(412, 300, "INTERESES", 13),
             Placed(416, 322, "Ajedrez", 8), Placed(416, 334, "Vela", 8), Placed(416, 346, "Fotografía", 8)]
    # drawn row by row across the page, as some drivers do
    return band + [p for row in sorted(side + middle + right, key=lambda p: (p.y, p.x)) for p in [row]]


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_three_columns_are_read_one_after_another(tmp_path: Path, producer: str) -> None:
    path = PRODUCERS[producer](tmp_path / f"{producer}.pdf", _three_columns())
    texts = [ln.text for ln in read_pdf(path).lines]
    middle = [i for i, t in enumerate(texts) if "Universidad" in t or "Brisamar" in t or "Sierra Alta" in t]
    right = [i for i, t in enumerate(texts) if "PUBLICACIONES" in t or "Ajedrez" in t]
    side = [i for i, t in enumerate(texts) if t in ("Julia", "Make")]
    assert max(side) < min(middle) and max(middle) < min(right), texts
    resume = parse_path(path).resume
    assert [w["name"] for w in resume["work"]][0] == "Cooperativa Brisamar"
    assert not any(k in str(resume["work"]) for k in ("sensores", "Ajedrez", "Julia"))
    assert "Instituto Costa Verde" in [e["institution"] for e in resume["education"]]
    assert not any(k in str(resume["education"]) for k in ("sensores", "PUBLICACIONES", "Fortran"))


def _width(producer: str, text: str, size: float, bold: bool) -> float:
    """How wide a producer sets this text (fpdf2 embeds DejaVu when present, the raw writer uses Helvetica)."""
    from fpdf import FPDF

    from tests.core.arrangement_pdfs import DEJAVU, DEJAVU_BOLD

    pdf = FPDF(unit="pt")
    if producer == "fpdf2" and DEJAVU.exists() and DEJAVU_BOLD.exists():
        pdf.add_font("DejaVu", "", str(DEJAVU))
        pdf.add_font("DejaVu", "B", str(DEJAVU_BOLD))
        pdf.set_font("DejaVu", "B" if bold else "", size)
    else:
        pdf.set_font("Helvetica", "B" if bold else "", size)
    return float(pdf.get_string_width(text))


def _flush_right_sidebar(producer: str) -> list[Placed]:
    """A summary band across the page, then a sidebar whose lines end at one right edge."""
    band = [Placed(170, 30, "Vesna Kallio", 30), Placed(95, 80, "Logistics, procurement and supplier quality", 12),
            Placed(90, 100, "Eight years of planning freight for food producers across the Nordic countries", 9)]
    side_text = ("contact", "Hamnvägen 4", "Kotka", "+358 40 111 2233", "skills", "forecasting", "SAP MM",
                 "Incoterms", "Power Query", "negotiation", "languages", "Finnish", "Swedish")
    heads = ("contact", "skills", "languages")
    side = [Placed(140 - _width(producer, t, 10, t in heads), 180 + 14 * n, t, 10, t in heads)
            for n, t in enumerate(side_text)]
    main = [Placed(170, 150, "experience", 16, True)]
    y = 180.0
    for company, title, note in (
        ("Kvarnby Foods Oy", "Logistics Planner", "Planned the weekly freight plan for four plants."),
        ("Saaristo Dairy", "Purchasing Assistant", "Kept the supplier scorecards and audit calendar."),
    ):
        main += [Placed(170, y, "2019 - 2024", 10, True), Placed(245, y, company, 10, True),
                 Placed(245, y + 12, title, 10), Placed(245, y + 24, note, 10)]
        y += 50
    main += [Placed(170, y + 10, "education", 16, True), Placed(170, y + 40, "2015", 10, True),
             Placed(245, y + 40, "BBA in Supply Chain Management, Kymenlaakso University", 10)]
    return band + side + main


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_sidebar_set_flush_right_under_a_band_is_its_own_region(tmp_path: Path, producer: str) -> None:
    path = PRODUCERS[producer](tmp_path / f"{producer}.pdf", _flush_right_sidebar(producer))
    lines = read_pdf(path).lines
    assert {ln.region for ln in lines if ln.text in ("SAP MM", "Incoterms", "Kotka")} == {"sidebar"}
    assert not any("SAP MM" in ln.text and "Supplier" in ln.text for ln in lines)
    resume = parse_path(path).resume
    assert [(w["name"], w["position"]) for w in resume["work"]] == [
        ("Kvarnby Foods Oy", "Logistics Planner"), ("Saaristo Dairy", "Purchasing Assistant")]
    assert resume["work"][1]["highlights"] == ["Kept the supplier scorecards and audit calendar."]


def _one_column() -> list[Placed]:
    lines = [Placed(50, 40, "Halvard Mjøsund", 22, True), Placed(50, 70, "halvard.m@example.net   +47 912 00 111"),
             Placed(50, 110, "Experience", 13, True)]
    y = 135.0
    for title, org, dates, bullet in (
        ("Site Engineer", "Brattli Construction", "Mar 2020 - Present", "Led the concrete pours for the ferry terminal."),
        ("Junior Surveyor", "Vassdal Kart AS", "Jun 2017 - Feb 2020", "Surveyed the coastal road in Sogn."),
    ):
        lines += [Placed(50, y, f"{title}, {org}", 10, True), Placed(450, y, dates, 10),
                  Placed(60, y + 14, f"\u2022 {bullet}", 10)]
        y += 40
    lines += [Placed(50, y + 10, "Education", 13, True), Placed(50, y + 35, "NTNU, MSc Civil Engineering, 2017"),
              Placed(50, y + 70, "Skills", 13, True), Placed(50, y + 95, "AutoCAD, Revit, Python")]
    return lines


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_runs_drawn_out_of_order_are_read_top_to_bottom(tmp_path: Path, producer: str) -> None:
    lines = _one_column()
    random.Random(7).shuffle(lines)  # design tools write their text boxes in any order
    path = PRODUCERS[producer](tmp_path / f"{producer}.pdf", lines)
    resume = parse_path(path).resume
    assert resume["basics"]["name"] == "Halvard Mjøsund"
    assert [(w["name"], w["position"], w["startDate"]) for w in resume["work"]] == [
        ("Brattli Construction", "Site Engineer", "2020-03"), ("Vassdal Kart AS", "Junior Surveyor", "2017-06")]
    assert resume["work"][1]["highlights"] == ["Surveyed the coastal road in Sogn."]
    assert [k for s in resume["skills"] for k in s.get("keywords", [])] == ["AutoCAD", "Revit", "Python"]


def _form_rows() -> list[Placed]:
    """Labels and dates in a left column, each beside the first line of its value."""
    rows = [Placed(57, 146, "Persönliche Daten", 12, True)]
    for n, (label, value) in enumerate((("Name, Vorname:", "Tannhäuser, Wiebke"), ("Geburtsort:", "Lüneburg"),
                                        ("Familienstand:", "ledig"), ("Staatsangehörigkeit:", "deutsch"))):
        rows += [Placed(57, 178 + 12 * n, label, 9), Placed(234, 178 + 12 * n, value, 9)]
    rows.append(Placed(57, 265, "Berufserfahrung", 12, True))
    y = 297.0
    for dates, title, org, lines in (
        ("02/2021 – heute", "Bauzeichnerin", "Holmberg Ingenieure GmbH",
         ("Tätigkeiten: Ausführungspläne für Brücken", "Abstimmung mit der Statik", "Mengenermittlung")),
        ("09/2017 – 01/2021", "Technische Zeichnerin", "Elbtal Planung KG",
         ("Tätigkeiten: Bestandspläne", "Aufmaß vor Ort", "Pflege der Planablage")),
    ):
        rows += [Placed(57, y, dates, 9), Placed(199, y, title, 9, True), Placed(199, y + 12, org, 9)]
        rows += [Placed(199 if i == 0 else 270, y + 24 + 12 * i, t, 9) for i, t in enumerate(lines)]
        y += 80
    return rows


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_form_labels_beside_their_values_are_read_row_by_row(tmp_path: Path, producer: str) -> None:
    path = PRODUCERS[producer](tmp_path / f"{producer}.pdf", _form_rows())
    texts = [ln.text for ln in read_pdf(path).lines]
    assert "Geburtsort:   Lüneburg" in texts
    assert any(t.startswith("02/2021 – heute") and "Bauzeichnerin" in t for t in texts), texts
    resume = parse_path(path).resume
    assert [(w["startDate"], w.get("endDate")) for w in resume["work"]] == [("2021-02", None), ("2017-09", "2021-01")]


def _wrapped(producer: str, text: str, width: float) -> tuple[str, str]:
    """The text set in `width` points: the words that fit, and the rest on the next line."""
    words = text.split()
    n = len(words)
    while n > 1 and _width(producer, " ".join(words[:n]).replace("\u2022", "-"), 9, False) > width:
        n -= 1
    return " ".join(words[:n]), " ".join(words[n:])


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_a_wide_contact_row_does_not_set_the_wrap_width(tmp_path: Path, producer: str) -> None:
    """Wrapped bullets stay one highlight when a name and a contact row run wider than the text column."""
    lines = [Placed(28, 35, "ELIN MARSTRAND KOPPANG", 22, True),
             Placed(28, 70, "elin.koppang@example.org   +47 400 12 345   Hamar", 11, True),
             Placed(28, 102, "EXPERIENCE", 15, True)]
    side = [Placed(374, 102, "PROJECTS", 15, True)]
    side += [Placed(374 if n % 4 == 0 else 399, 130 + 12 * n, t, 9) for n, t in enumerate(
        ("Tide logger", "Logs harbour tide", "levels to a small", "web page", "Ferry tracker",
         "Shows ferry delays", "on a wall display", "at home", "Bird counter", "Counts feeder", "visits with a", "camera"))]
    bullets = ("Sampled the intake water every week and kept the chain of custody records for the lab in the",
               "Calibrated the turbidity meters every month and wrote the drift report for the plant and the")
    y = 130.0
    for title, org in (("Field Technician", "Mjøsa Water Works"), ("Lab Assistant", "Innlandet Soil Lab"),
                       ("Summer Intern", "Hedmark Forestry"), ("Trainee", "Gjøvik Pumps")):
        lines += [Placed(28, y, title, 10), Placed(28, y + 15, org, 9, True), Placed(28, y + 29, "Jan 2020 – Dec 2021", 8)]
        y += 44
        for bullet in bullets:
            first, rest = _wrapped(producer, "• " + bullet, 300)
            lines += [Placed(28, y, first, 9), Placed(38.5, y + 12, rest + " city", 9)]
            y += 26
        y += 14
    path = PRODUCERS[producer](tmp_path / f"{producer}.pdf", lines + side)
    work = parse_path(path).resume["work"]
    assert len(work) == 4
    assert [h.split()[-1] for h in work[0]["highlights"]] == ["city", "city"], work[0]["highlights"]


def _main_then_contact_column() -> list[Placed]:
    """A main column read first, then a column on the right opening with contact lines, no heading."""
    main = [Placed(40, 40, "Sølve Ingebrigtsen", 24, True), Placed(40, 110, "Experience", 14, True)]
    y = 135.0
    for title, org, bullet in (("Ferry Dispatcher", "Hardanger Sealink", "Planned crew rotations for six ferries."),
                               ("Deckhand", "Nordfjord Shipping", "Kept the deck log and the safety drills.")):
        main += [Placed(40, y, f"{title}, {org}", 10, True), Placed(40, y + 13, "2019 - 2023", 9),
                 Placed(50, y + 26, f"\u2022 {bullet}", 9)]
        y += 48
    side = [Placed(380, 112, "solve.ing@example.com", 9), Placed(380, 126, "+47 913 45 678", 9),
            Placed(380, 140, "Odda, Norway", 9), Placed(380, 175, "Skills", 14, True)]
    side += [Placed(380, 200 + 13 * n, t, 9) for n, t in enumerate(("Radar plotting", "First aid", "Knots"))]
    return main + side


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_a_column_without_heading_is_not_glued_to_the_last_entry(tmp_path: Path, producer: str) -> None:
    path = PRODUCERS[producer](tmp_path / f"{producer}.pdf", _main_then_contact_column())
    resume = parse_path(path).resume
    work = resume["work"]
    assert [w["name"] for w in work] == ["Hardanger Sealink", "Nordfjord Shipping"]
    assert work[1]["highlights"] == ["Kept the deck log and the safety drills."]
    assert "Odda" not in str(work)
    assert resume["basics"]["phone"].replace(" ", "") == "+4791345678"
    assert [k for s in resume["skills"] for k in s.get("keywords", [])] == ["Radar plotting", "First aid", "Knots"]


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_a_label_in_body_type_inside_an_entry_is_not_a_heading(tmp_path: Path, producer: str) -> None:
    lines = [Placed(50, 40, "Iker Zubiaurre", 22, True), Placed(50, 70, "iker.z@example.es"),
             Placed(50, 110, "HISTORIAL LABORAL", 14), Placed(50, 280, "ESTUDIOS", 14),
             Placed(50, 300, "2010-2014  Grado en Ingeniería Mecánica, Universidad de Arrasate", 9),
             Placed(50, 340, "IDIOMAS", 14), Placed(50, 360, "Euskera, Castellano, Inglés", 9)]
    y = 135.0
    for dates, title, org in (("2018-2023", "Jefe de taller", "Talleres Deba S.L."),
                              ("2014-2018", "Técnico de mantenimiento", "Forjas Urola S.A.")):
        lines += [Placed(50, y, f"{dates}  {title}, {org}", 9, True), Placed(60, y + 12, "Coordiné a cinco técnicos.", 9),
                  Placed(60, y + 24, "Referencias:", 9, True), Placed(60, y + 36, "Ane Etxeberria +34 600 000 111", 9)]
        y += 70
    path = PRODUCERS[producer](tmp_path / f"{producer}.pdf", sorted(lines, key=lambda p: p.y))
    work = parse_path(path).resume["work"]
    assert [(w["name"], w["startDate"]) for w in work] == [("Talleres Deba S.L.", "2018"), ("Forjas Urola S.A.", "2014")]


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_years_set_over_months_in_a_date_column(tmp_path: Path, producer: str) -> None:
    lines = [Placed(60, 40, "Maiken Solhaug", 24, True), Placed(60, 75, "maiken.s@example.no"),
             Placed(60, 110, "experience", 16, True)]
    y = 140.0
    for years, months, org, title in (("2021 -", "mar -", "Lysaker Analytics   Oslo, Norway", "Data Engineer"),
                                      ("2018 - 2021", "sep - feb", "Tromsø Kommune   Tromsø, Norway", "IT Consultant"),
                                      ("2017", "jun - aug", "Fjordkraft Energi   Bergen, Norway", "Summer Intern")):
        lines += [Placed(70, y, years, 10, True), Placed(72, y + 12, months, 10), Placed(150, y, org, 10, True),
                  Placed(150, y + 11, title, 10), Placed(150, y + 23, "Built and ran the nightly load of meter data.", 10)]
        y += 50
    path = PRODUCERS[producer](tmp_path / f"{producer}.pdf", lines)
    work = parse_path(path).resume["work"]
    assert [(w["position"], w["startDate"]) for w in work] == [
        ("Data Engineer", "2021-03"), ("IT Consultant", "2018-09"), ("Summer Intern", "2017-06")]
    assert [w.get("endDate") for w in work][1:] == ["2021-02", "2017-08"]


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_skill_tag_boxes_on_a_row_are_separate_skills(tmp_path: Path, producer: str) -> None:
    lines = [Placed(50, 40, "Runa Tveit", 22, True), Placed(50, 70, "runa.tveit@example.no"),
             Placed(50, 85, "Backend developer who has kept payment services for ferry companies running for a decade."),
             Placed(50, 110, "SKILLS", 14, True)]
    x = 52.0
    for tag in ("Kotlin", "Ktor", "Gradle", "Team leadership"):
        lines.append(Placed(x, 135, tag, 9))
        x += _width(producer, tag, 9, False) + 12  # a tag box's padding: a gap wider than a space
    x = 52.0
    for tag in ("Docker", "SQL Server"):
        lines.append(Placed(x, 150, tag, 9))
        x += _width(producer, tag, 9, False) + 12
    lines += [Placed(52, 165, "Databases", 9), Placed(52 + _width(producer, "Databases", 9, False) + 12, 165, "MySQL, MongoDB", 9)]
    path = PRODUCERS[producer](tmp_path / f"{producer}.pdf", lines)
    skills = parse_path(path).resume["skills"]
    assert [k for s in skills for k in s["keywords"]] == [
        "Kotlin", "Ktor", "Gradle", "Team leadership", "Docker", "SQL Server", "MySQL", "MongoDB"]
    assert skills[-1]["name"] == "Databases"
