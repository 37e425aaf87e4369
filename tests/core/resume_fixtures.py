"""Fictional resumes written for these tests, rendered into PDF (fpdf2), DOCX (python-docx), TXT, MD, HTML."""

from __future__ import annotations

from pathlib import Path

NAME = "Marguerite Okonkwo-Lind"
EMAIL = "m.okonkwo-lind@example.org"
PHONE = "+1 415 555 0142"
LOCATION = "Portland, OR"
LINKEDIN = "https://www.linkedin.com/in/mokonkwolind-example"

ROLES = [
    ("Staff Data Engineer", "Brightwater Analytics Inc.", "Jan 2021", "Present", [
        "Cut nightly pipeline runtime by 42% by moving batch jobs to incremental models",
        "Led a team of 6 engineers to deliver a streaming platform serving 3 million users",
        "Saved $250k per year in cloud spend through storage tiering",
    ]),
    ("Senior Data Engineer", "Brightwater Analytics Inc.", "March 2018", "December 2020", [
        "Built the company's first data warehouse in 9 months",
        "Mentored 4 junior developers through a structured onboarding plan",
    ]),
    ("Software Developer", "Harbor & Pine Logistics", "06/2015", "02/2018", [
        "Reduced shipment tracking errors by 17% with automated address validation",
        "Migrated 120 legacy reports to a self-service dashboard",
    ]),
]
EDUCATION = [
    ("Cascadia State University", "Master of Science, Computer Science", "2013", "2015", "GPA: 3.8/4.0"),
    ("Lakeshore College", "Bachelor of Arts, Mathematics", "2009", "2013", ""),
]
SKILLS = [("Languages", "Python, SQL, Scala, Go"), ("Data", "Spark, Kafka, dbt, Airflow, Snowflake")]
CERTS = ["AWS Certified Data Analytics - Specialty, 2022", "Certified Kubernetes Administrator, 2020"]
LANGS = "English (Native), Spanish (Professional working), German (Basic)"
SUMMARY = "Data engineer with ten years of experience building reliable analytics platforms for logistics and retail."


def resume_text(*, bullets: str = "• ") -> str:
    lines = [NAME, "Data Engineer", f"{EMAIL} | {PHONE} | {LOCATION} | {LINKEDIN}", "", "SUMMARY", SUMMARY, "",
             "PROFESSIONAL EXPERIENCE", ""]
    for title, org, start, end, highs in ROLES:
        lines += [f"{title}, {org}", f"{start} - {end}"]
        lines += [f"{bullets}{h}" for h in highs]
        lines.append("")
    lines += ["EDUCATION", ""]
    for inst, deg, s, e, gpa in EDUCATION:
        lines += [inst, deg, f"{s} - {e}"] + ([gpa] if gpa else []) + [""]
    lines += ["SKILLS"] + [f"{k}: {v}" for k, v in SKILLS] + ["", "CERTIFICATIONS"] + CERTS
    lines += ["", "LANGUAGES", LANGS, ""]
    return "\n".join(lines)


def write_txt(path: Path) -> Path:
    path.write_text(resume_text(), encoding="utf-8")
    return path


def write_md(path: Path) -> Path:
    md = [f"# {NAME}", "", f"{EMAIL} · {PHONE} · {LOCATION} · [LinkedIn]({LINKEDIN})", "", "## Summary", "", SUMMARY, "",
          "## Work History", ""]
    for title, org, start, end, highs in ROLES:
        md += [f"**{title} at {org}**  ", f"{start} – {end}", ""] + [f"- {h}" for h in highs] + [""]
    md += ["## Education", ""]
    for inst, deg, s, e, _ in EDUCATION:
        md += [f"**{inst}**  ", deg, f"{s} – {e}", ""]
    md += ["## Technical Skills", ""] + [f"- {k}: {v}" for k, v in SKILLS]
    path.write_text("\n".join(md), encoding="utf-8")
    return path


def write_html(path: Path) -> Path:
    parts = [f"<html><head><title>CV</title><style>h2{{color:red}}</style></head><body><h1>{NAME}</h1>",
             f"<p><a href='mailto:{EMAIL}'>Email me</a> | {PHONE} | {LOCATION} | <a href='{LINKEDIN}'>LinkedIn</a></p>",
             "<h2>Employment History</h2>"]
    for title, org, start, end, highs in ROLES:
        parts.append(f"<h3>{org} — {title}</h3><p>{start} to {end}</p><ul>")
        parts += [f"<li>{h}</li>" for h in highs]
        parts.append("</ul>")
    parts.append("<h2>Education</h2>")
    for inst, deg, s, e, _ in EDUCATION:
        parts.append(f"<p><b>{inst}</b></p><p>{deg}</p><p>{s} – {e}</p>")
    parts.append("<h2>Skills</h2><p>" + ", ".join(v for _, v in SKILLS) + "</p></body></html>")
    path.write_text("".join(parts), encoding="utf-8")
    return path


def write_docx_table(path: Path) -> Path:
    """A table-layout DOCX: dates in the left cell, role and bullets in the right cell."""
    import docx

    d = docx.Document()
    d.add_paragraph(NAME, style="Title")
    p = d.add_paragraph(f"{EMAIL} | {PHONE} | {LOCATION} | ")
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rid = d.part.relate_to(LINKEDIN, RT.HYPERLINK, is_external=True)
    h = OxmlElement("w:hyperlink")
    h.set(qn("r:id"), rid)
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "LinkedIn"
    r.append(t)
    h.append(r)
    p._p.append(h)
    d.add_heading("Experience", level=1)
    table = d.add_table(rows=0, cols=2)
    for title, org, start, end, highs in ROLES:
        row = table.add_row().cells
        row[0].text = f"{start} – {end}"
        right = row[1]
        para = right.paragraphs[0]
        para.add_run(f"{title} | {org}").bold = True
        for hl in highs:
            right.add_paragraph(hl, style="List Bullet")
    d.add_heading("Education", level=1)
    for inst, deg, s, e, _ in EDUCATION:
        d.add_paragraph().add_run(inst).bold = True
        d.add_paragraph(deg)
        d.add_paragraph(f"{s} – {e}")
    d.add_heading("Skills", level=1)
    for k, v in SKILLS:
        d.add_paragraph(f"{k}: {v}")
    d.save(str(path))
    return path


def write_pdf(path: Path, *, two_column: bool = False, pages: int = 1, encrypt: bool = False) -> Path:
    """A PDF resume; two_column puts contact, skills and languages in a left sidebar."""
    from fpdf import FPDF

    pdf = FPDF(format="letter", unit="pt")
    pdf.set_auto_page_break(True, margin=50)
    if encrypt:
        pdf.set_encryption(owner_password="owner-secret", user_password="user-secret")
    pdf.add_page()
    body_x = 230 if two_column else 50
    width = 612 - body_x - 50
    if two_column:
        pdf.set_font("Helvetica", "B", 11)
        pdf.set_xy(40, 120)
        pdf.cell(160, 14, "Contact", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 9)
        for t in (EMAIL, PHONE, LOCATION):
            pdf.set_x(40)
            pdf.cell(160, 12, t, new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(40)
        pdf.cell(160, 12, "LinkedIn", link=LINKEDIN, new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(40)
        pdf.set_font("Helvetica", "B", 11)
        pdf.cell(160, 20, "Skills", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 9)
        for k, v in SKILLS:
            pdf.set_x(40)
            pdf.multi_cell(160, 12, f"{k}: {v}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 20)
    pdf.set_xy(body_x if two_column else 50, 50)
    pdf.cell(width, 24, NAME, new_x="LMARGIN", new_y="NEXT")
    if not two_column:
        pdf.set_font("Helvetica", "", 10)
        pdf.set_x(50)
        pdf.cell(width, 14, f"{EMAIL} | {PHONE} | {LOCATION} | ", new_x="END")
        pdf.cell(60, 14, "LinkedIn", link=LINKEDIN, new_x="LMARGIN", new_y="NEXT")
    y = 120 if two_column else pdf.get_y() + 10

    def heading(text: str) -> None:
        pdf.set_font("Helvetica", "B", 13)
        pdf.set_x(body_x)
        pdf.cell(width, 22, text, new_x="LMARGIN", new_y="NEXT")

    pdf.set_y(y)
    heading("Summary")
    pdf.set_font("Helvetica", "", 10)
    pdf.set_x(body_x)
    pdf.multi_cell(width, 13, SUMMARY, new_x="LMARGIN", new_y="NEXT")
    heading("Career History")
    roles = ROLES * pages
    for n, (title, org, start, end, highs) in enumerate(roles):
        org_name = org if n < len(ROLES) else f"{org.split()[0]} Labs {n}"
        pdf.set_font("Helvetica", "B", 10.5)
        pdf.set_x(body_x)
        pdf.cell(width - 120, 15, f"{org_name} - {title}", new_x="END")
        pdf.set_font("Helvetica", "", 10)
        pdf.cell(120, 15, f"{start} - {end}", align="R", new_x="LMARGIN", new_y="NEXT")
        for hl in highs:
            pdf.set_x(body_x + 12)
            pdf.multi_cell(width - 12, 13, f"- {hl}", new_x="LMARGIN", new_y="NEXT")
    heading("Education")
    for inst, deg, s, e, gpa in EDUCATION:
        pdf.set_font("Helvetica", "B", 10)
        pdf.set_x(body_x)
        pdf.cell(width, 14, inst, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10)
        for t in [deg, f"{s} - {e}"] + ([gpa] if gpa else []):
            pdf.set_x(body_x)
            pdf.cell(width, 13, t, new_x="LMARGIN", new_y="NEXT")
    if not two_column:
        heading("Skills")
        pdf.set_font("Helvetica", "", 10)
        for k, v in SKILLS:
            pdf.set_x(body_x)
            pdf.cell(width, 13, f"{k}: {v}", new_x="LMARGIN", new_y="NEXT")
    heading("Certifications")
    pdf.set_font("Helvetica", "", 10)
    for c in CERTS:
        pdf.set_x(body_x)
        pdf.cell(width, 13, c, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


COVER_LETTER = """Dear Hiring Manager,

I am writing to apply for the Data Engineer position at Northwind Freight. Over the past ten years I have
built analytics platforms, and I am excited by your team's work on route optimisation.

In my current role I cut pipeline runtime by 42% and led a team of six engineers. I would welcome the chance
to bring that experience to your company.

Thank you for your time and consideration. I look forward to hearing from you.

Sincerely,
Marguerite Okonkwo-Lind
"""

JOB_DESCRIPTION = """Senior Data Engineer - Northwind Freight

About the role
We are looking for a Senior Data Engineer to join our platform team. You will design and run our data pipelines.

Responsibilities
- Build and maintain batch and streaming pipelines
- Work with analysts to model data

Requirements
- 5+ years of experience with Python and SQL
- Experience with Spark or Flink

Nice to have
- Experience with dbt

What we offer
Competitive salary, remote-friendly team and learning budget. Benefits include health cover.
Northwind Freight is an equal opportunity employer. Apply now!
"""


def write_pdf_right_sidebar(path: Path) -> Path:
    """Main column on the left; contact, skills and languages in a right sidebar drawn after it."""
    from fpdf import FPDF

    pdf = FPDF(format="letter", unit="pt")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 22)
    pdf.set_xy(40, 40)
    pdf.cell(300, 26, NAME)
    pdf.set_font("Helvetica", "", 10)
    pdf.set_xy(40, 66)
    pdf.cell(300, 14, "Data Engineer")

    def head(text: str, x: float, y: float) -> float:
        pdf.set_font("Helvetica", "B", 12)
        pdf.set_xy(x, y)
        pdf.cell(160, 16, text.upper())
        return y + 20

    y = head("Work Experience", 40, 100)
    for title, org, start, end, highs in ROLES:
        pdf.set_font("Helvetica", "B", 10.5)
        pdf.set_xy(40, y)
        pdf.cell(340, 14, title)
        pdf.set_font("Helvetica", "I", 10)
        pdf.set_xy(40, y + 14)
        pdf.cell(340, 13, f"{org}  |  {start} - {end}")
        y += 29
        pdf.set_font("Helvetica", "", 10)
        for hl in highs:
            pdf.set_xy(52, y)
            pdf.multi_cell(328, 13, "- " + hl)
            y = pdf.get_y()
        y += 6
    y = head("Education", 40, y)
    for inst, deg, _, end, _ in EDUCATION:
        pdf.set_font("Helvetica", "B", 10)
        pdf.set_xy(40, y)
        pdf.cell(340, 13, inst)
        pdf.set_font("Helvetica", "", 10)
        pdf.set_xy(40, y + 13)
        pdf.cell(340, 13, f"{deg}, {end}")
        y += 30
    sy = head("Contact", 410, 100)
    pdf.set_font("Helvetica", "", 9)
    for t in (EMAIL, PHONE, LOCATION):
        pdf.set_xy(410, sy)
        pdf.cell(160, 12, t)
        sy += 12
    sy = head("Skills", 410, sy + 8)
    pdf.set_font("Helvetica", "", 9)
    for _, v in SKILLS:
        for kw in v.split(", "):
            pdf.set_xy(410, sy)
            pdf.cell(160, 12, kw)
            sy += 12
    sy = head("Languages", 410, sy + 8)
    pdf.set_font("Helvetica", "", 9)
    for lang in ("English - Native", "Spanish - Fluent"):
        pdf.set_xy(410, sy)
        pdf.cell(160, 12, lang)
        sy += 12
    pdf.output(str(path))
    return path


def write_docx_sidebar(path: Path) -> Path:
    """A two-column DOCX built from one table row: sidebar cell left, main cell right."""
    import docx

    d = docx.Document()
    left, right = d.add_table(rows=1, cols=2).rows[0].cells
    left.paragraphs[0].add_run("CONTACT").bold = True
    for t in (EMAIL, PHONE, LOCATION):
        left.add_paragraph(t)
    left.add_paragraph().add_run("SKILLS").bold = True
    for _, v in SKILLS:
        left.add_paragraph(v)
    right.paragraphs[0].add_run(NAME).bold = True
    right.add_paragraph().add_run("EXPERIENCE").bold = True
    for title, org, start, end, highs in ROLES:
        right.add_paragraph().add_run(f"{title} – {org}").bold = True
        right.add_paragraph(f"{start} – {end}")
        for hl in highs:
            right.add_paragraph(hl, style="List Bullet")
    right.add_paragraph().add_run("EDUCATION").bold = True
    for inst, deg, start, end, _ in EDUCATION:
        right.add_paragraph(inst)
        right.add_paragraph(f"{deg} ({start} – {end})")
    d.save(str(path))
    return path


OTHER_DOCUMENTS = {
    'performance_review': 'Annual Performance Review 2024\nEmployee: Theo Brandvold          Reviewer: Ines Kowalczyk (Engineering Manager)\nReview period: January 2024 - December 2024\n\nOverall rating: Exceeds expectations\n\nStrengths\nTheo consistently delivered the billing migration ahead of schedule and mentored two new hires.\n\nAreas for improvement\nWritten design documents could be shared earlier with stakeholders.\n\nGoals for next year\nLead the reliability working group. Self-assessment attached.\n\nManager comments\nA strong year; recommended for promotion review.\n',
    'reference_letter': 'To whom it may concern,\n\nIt is my pleasure to recommend Theo Brandvold, who worked under me at Fjordline Systems from 2019 to 2023.\nI have known Theo for five years. He was always reliable, and I recommend him without reservation for any\nsenior engineering role.\n\nKind regards,\nInes Kowalczyk\nEngineering Manager, Fjordline Systems\n',
    'certificate': 'CERTIFICATE OF COMPLETION\n\nThis is to certify that\nTheo Brandvold\nhas successfully completed the course\nAdvanced Distributed Systems (40 hours)\n\nAwarded on 12 March 2023 by the Northbridge Institute of Technology\nCredential ID: NB-2023-5581\n',
    'transcript': 'Official Academic Transcript\nNorthbridge Institute of Technology - Office of the Registrar\nStudent: Theo Brandvold     Program: BSc Computer Science\n\nTerm: Fall 2016\nCourse Code   Course Title                 Credits   Grade\nCS101         Introduction to Programming  4         A\nMA110         Calculus I                   4         B+\n\nTerm: Spring 2017\nCS102         Data Structures              4         A-\nCumulative GPA: 3.71   Total credits: 12\n',
}
