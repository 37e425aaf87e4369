"""A fictional four-page resume rendered as PDF by a plain writer (not Vita's), for export checks."""

from __future__ import annotations

from pathlib import Path

NAME = "Ottoline Brask-Varga"
EMAIL = "ottoline.bv@example.net"
PHONE = "+1 555 0199 734"
# how the person grouped their skills, as written in their skills section
STATED_SKILLS = {
    "Programming": ["Python", "Go", "C", "C++", "Rust", "TypeScript", "Kotlin", "Scala", "SQL", "Bash",
                    "Haskell", "OCaml", "Erlang", "Elixir", "Julia", "Node.js (Express, Fastify)"],
    "Infrastructure": ["Kubernetes", "Terraform", "Ansible", "Prometheus", "Grafana", "PostgreSQL",
                       "Redis", "Kafka", "RabbitMQ", "Nginx", "Linux"],
    "Practices": ["Code review", "Incident response", "Technical writing", "Mentoring"],
}
COMPANIES = ["Vantorel Systems", "Quillmere Labs", "Harrowgate Freight", "Sableford Health", "Orin Metrics",
             "Tamsin Robotics", "Lowwater Energy"]
TITLES = ["Principal Engineer", "Staff Engineer", "Senior Software Engineer", "Software Engineer",
          "Backend Developer", "Junior Developer", "Engineering Intern"]
VERBS = ["Designed", "Rebuilt", "Migrated", "Automated", "Led", "Introduced", "Reduced"]
OBJECTS = ["the billing pipeline", "the telemetry ingestion service", "a fleet scheduling engine",
           "the patient records synchroniser", "a metrics query layer", "the robot arm controller firmware",
           "a grid load forecaster"]


def role_bullets(i: int) -> list[str]:
    """Six long, distinct bullets per role (they wrap over two or three lines)."""
    out = []
    for k in range(6):
        out.append(f"{VERBS[(i + k) % 7]} {OBJECTS[(i + 2 * k) % 7]} for team {i}.{k}, cutting p95 latency by "
                   f"{10 + 7 * k + i}% and saving about {3 + k + i} engineer-hours a week across the "
                   f"{['platform', 'data', 'product', 'operations', 'research', 'support'][k]} group, with "
                   f"version control (Subversion) history kept intact for audits")
    return out


def write_long_pdf(path: Path) -> Path:
    """Four pages: header, summary, seven roles (a company blurb and six bullets each), education, skills."""
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    from core.exchange.writers import _font_paths

    regular, bold = _font_paths()
    pdf = FPDF(format="Letter", unit="pt")
    pdf.set_margins(60, 50, 60)
    pdf.set_auto_page_break(True, margin=50)
    pdf.add_font("Sans", "", str(regular))
    pdf.add_font("Sans", "B", str(bold))
    pdf.add_page()
    w = pdf.w - 120

    def line(text: str, size: float = 10.5, style: str = "", gap: float = 2) -> None:
        pdf.set_font("Sans", style, size)
        pdf.multi_cell(w, size * 1.35, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(gap)

    line(NAME, 22, "B", 4)
    line(f"{EMAIL} | {PHONE} | Tallinn, Estonia")
    line("SUMMARY", 13, "B")
    line("Backend engineer with fifteen years of building dependable services for logistics, health and energy.")
    line("EXPERIENCE", 13, "B")
    for i, (title, company) in enumerate(zip(TITLES, COMPANIES, strict=True)):
        start, end = 2023 - 2 * (i + 1), 2023 - 2 * i
        line(f"{title} | {company}", 11.5, "B", 0)
        line(f"{start} – {end}" if i else f"{start} – Present", 10, "", 1)
        line(f"{company} builds software for {['payments', 'analytics', 'freight', 'clinics', 'metrics', 'robots', 'power grids'][i]}.")
        for b in role_bullets(i):
            line("• " + b, gap=1)
        pdf.ln(4)
    line("EDUCATION", 13, "B")
    line("Tartu Polytechnic University", 11.5, "B", 0)
    line("Master of Science, Computer Engineering", gap=0)
    line("2006 – 2008")
    line("SKILLS", 13, "B")
    for group, skills in STATED_SKILLS.items():
        line(f"{group}: {', '.join(skills)}")
    pdf.output(str(path))
    return path
