"""Fictional resumes written as real files (DOCX with python-docx, TXT) for ingest tests and benches."""

from __future__ import annotations

from pathlib import Path

PEOPLE = [
    ("Morgan Vale", "morgan.vale@example.com", "Product Designer", "Lumen Studio", "Cedar Labs"),
    ("Riley Stone", "riley.stone@example.net", "Backend Engineer", "Orbit Freight", "Pine Systems"),
    ("Casey Linden", "casey.linden@example.org", "Data Analyst", "Harbor Health", "Maple Retail"),
    ("Jamie Fennel", "jamie.fennel@example.com", "Project Manager", "Summit Works", "Delta Builders"),
    ("Avery Brook", "avery.brook@example.net", "DevOps Engineer", "Cloudline", "Granite Bank"),
]


def resume_text(i: int) -> str:
    name, email, title, org1, org2 = PEOPLE[i % len(PEOPLE)]
    return f"""{name}
{email} | +44 20 7946 0{100 + i} | Manchester, United Kingdom

SUMMARY
{title} with eight years of experience shipping reliable products with small teams.

EXPERIENCE
Senior {title}, {org1}
March 2020 - Present
- Increased conversion by {10 + i}% by redesigning the onboarding flow with Python and SQL.
- Led a team of {3 + i % 4} people to deliver a reporting platform used by 200 customers.
- Reduced infrastructure costs by $45,000 per year by moving batch jobs to Docker and Kubernetes.

{title}, {org2}
June 2016 - February 2020
- Built an internal dashboard in React that cut weekly reporting time by 6 hours.
- Automated data quality checks with Airflow, catching 95% of pipeline errors before release.

EDUCATION
BSc Computer Science, University of Leeds, 2012 - 2016

SKILLS
Python, SQL, Docker, Kubernetes, React, Airflow, Git, Agile

LANGUAGES
English (native), French (professional)
"""


def write_txt(folder: Path, i: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / f"resume-{i:02d}.txt"
    p.write_text(resume_text(i), encoding="utf-8")
    return p


def write_docx(folder: Path, i: int) -> Path:
    from docx import Document

    folder.mkdir(parents=True, exist_ok=True)
    doc = Document()
    lines = resume_text(i).splitlines()
    doc.add_heading(lines[0], level=0)
    for line in lines[1:]:
        if not line.strip():
            continue
        if line.isupper():
            doc.add_heading(line.title(), level=1)
        elif line.startswith("- "):
            doc.add_paragraph(line[2:], style="List Bullet")
        else:
            doc.add_paragraph(line)
    p = folder / f"resume-{i:02d}.docx"
    doc.save(str(p))
    return p


def write_pdf(folder: Path, i: int) -> Path:
    from fpdf import FPDF

    folder.mkdir(parents=True, exist_ok=True)
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in resume_text(i).splitlines():
        pdf.cell(0, 6, line.replace("–", "-"), new_x="LMARGIN", new_y="NEXT")
    p = folder / f"resume-{i:02d}.pdf"
    pdf.output(str(p))
    return p
