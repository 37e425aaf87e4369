"""A fictional job advertisement, as TXT and as a PDF written with fpdf2 (company and addresses invented)."""

from __future__ import annotations

from pathlib import Path

TITLE = "Senior Data Engineer"
AD = """Senior Data Engineer
Brightwater Analytics Ltd. - Lisbon, Portugal (Hybrid)

About the role
Brightwater Analytics is hiring a Senior Data Engineer to build and run our streaming platform.
You will join a team of 8 engineers and report to the Head of Data.

Responsibilities
- Design and maintain batch and streaming pipelines in Python and Apache Spark
- Own our Airflow deployment and improve reliability to 99.9% uptime
- Mentor two junior engineers

Requirements
- 5+ years of experience with Python and SQL
- Experience with Kafka, Spark and AWS
- Bachelor's degree in Computer Science or a related field

Nice to have
- Terraform, Kubernetes

What we offer
- Salary EUR 65,000 - 80,000 per year
- 25 days of paid holiday, health insurance, learning budget
- Benefits details: https://careers.brightwater-analytics.example/benefits

How to apply
Send your CV to careers@brightwater-analytics.example by 30 June 2027.
Brightwater Analytics is an equal opportunity employer and values diversity.
"""
HEADINGS = {"About the role", "Responsibilities", "Requirements", "Nice to have", "What we offer", "How to apply"}


def write_ad_txt(path: Path) -> Path:
    path.write_text(AD, encoding="utf-8")
    return path


def write_ad_pdf(path: Path) -> Path:
    """The same ad laid out as a board would print it: a large title, bold headings."""
    from fpdf import FPDF

    pdf = FPDF(format="a4", unit="pt")
    pdf.add_page()
    pdf.set_margins(56, 56)
    lines = AD.splitlines()
    pdf.set_font("Helvetica", "B", 20)
    pdf.cell(0, 28, lines[0], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    for line in lines[1:]:
        if not line.strip():
            pdf.ln(8)
            continue
        if line in HEADINGS:
            pdf.set_font("Helvetica", "B", 13)
            pdf.cell(0, 20, line, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("Helvetica", "", 11)
            continue
        pdf.multi_cell(0, 15, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path
