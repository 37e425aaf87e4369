"""A small, entirely fictional O*NET text release in the official layout (used for the full path)."""

from __future__ import annotations

from pathlib import Path

CODE = "O*NET-SOC Code"

OCCUPATIONS = [
    ("99-1001.00", "Starship Navigators", "Plot courses for interstellar vessels and keep crews on schedule."),
    ("99-1002.00", "Dragon Keepers", "Feed, train and care for dragons kept in sanctuaries."),
    ("99-1003.00", "Spell Software Developers", "Design and build software that casts and audits spells."),
    ("99-1004.00", "Potion Quality Inspectors", "Test brewed potions against safety and potency standards."),
    ("99-1005.00", "Cloud Castle Architects", "Design floating castles and plan their structural supports."),
]

ALT_TITLES = [  # code, alternate title, short title, the title sources reporting it
    ("99-1001.00", "Star Pilot", "n/a", "08"),
    ("99-1001.00", "Interstellar Course Plotter", "n/a", "08"),
    ("99-1001.00", "Sky Castle Designer", "n/a", "08"),  # reported once here, by four sources below
    ("99-1002.00", "Dragon Handler", "n/a", "08"),
    ("99-1002.00", "Wyrm Caretaker", "n/a", "08"),
    ("99-1003.00", "Spell Software Engineer", "n/a", "08"),
    ("99-1003.00", "Incantation Programmer (Incantation Computer Programmer)", "Incantation Programmer", "08"),
    ("99-1004.00", "Potion Tester", "n/a", "08"),
    ("99-1005.00", "Sky Castle Designer", "n/a", "02,04,06,10"),
    ("99-1005.00", "Spell Software Engineer", "n/a", "08"),  # one alt title naming two occupations
]

TECH = [  # code, example, commodity code, commodity title, hot, in demand
    ("99-1001.00", "StarChart Pro", "43232001", "Navigation software", "Y", "N"),
    ("99-1001.00", "Python", "43232405", "Object or component oriented development software", "Y", "Y"),
    ("99-1003.00", "Python", "43232405", "Object or component oriented development software", "Y", "Y"),
    ("99-1003.00", "Grimoire Studio", "43232402", "Development environment software", "N", "N"),
    ("99-1003.00", "Kubernetes", "43233004", "Operating system software", "Y", "N"),
    ("99-1004.00", "Microsoft Excel", "43232110", "Spreadsheet software", "Y", "N"),
    ("99-1005.00", "Autodesk AutoCAD", "43232604", "Computer aided design CAD software", "Y", "N"),
]

TOOLS = [
    ("99-1001.00", "Astrolabes", "41111601", "Sextants"),
    ("99-1002.00", "Fireproof gloves", "46181504", "Protective gloves"),
    ("99-1004.00", "Glass beakers", "41121803", "Beakers"),
]

TASKS = [
    ("99-1001.00", "1001", "Plot hyperspace routes around asteroid fields.", "Core"),
    ("99-1001.00", "1002", "Brief the crew on the day's course.", "Supplemental"),
    ("99-1002.00", "2001", "Feed dragons a balanced diet of roasted grain.", "Core"),
    ("99-1003.00", "3001", "Write and review spell code in a team.", "Core"),
    ("99-1004.00", "4001", "Measure potion potency with calibrated beakers.", "Core"),
]

ELEMENTS = [
    ("2.A.1.a", "Reading Comprehension", "Understanding written sentences and paragraphs."),
    ("2.A.2.a", "Critical Thinking", "Using logic and reasoning to weigh options."),
    ("2.B.3.e", "Programming", "Writing computer programs for various purposes."),
]


def _write(folder: Path, name: str, header: list[str], rows: list[tuple[object, ...]]) -> None:
    lines = ["\t".join(header)] + ["\t".join(str(v) for v in row) for row in rows]
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_fictional_release(root: Path, name: str = "db_99_1_text") -> Path:
    """Write the release into `root/name` and return that folder."""
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    titles = {c: t for c, t, _ in OCCUPATIONS}
    _write(folder, "Occupation Data.txt", [CODE, "Title", "Description"], OCCUPATIONS)
    _write(folder, "Alternate Titles.txt", [CODE, "Title", "Alternate Title", "Short Title", "Source(s)"],
           [(c, titles[c], a, s, src) for c, a, s, src in ALT_TITLES])
    _write(folder, "Technology Skills.txt",
           [CODE, "Title", "Example", "Commodity Code", "Commodity Title", "Hot Technology", "In Demand"],
           [(c, titles[c], *rest) for c, *rest in TECH])
    _write(folder, "Tools Used.txt", [CODE, "Title", "Example", "Commodity Code", "Commodity Title"],
           [(c, titles[c], *rest) for c, *rest in TOOLS])
    _write(folder, "Task Statements.txt",
           [CODE, "Title", "Task ID", "Task", "Task Type", "Incumbents Responding", "Date", "Domain Source"],
           [(c, titles[c], tid, t, tt, "", "01/2024", "Analyst") for c, tid, t, tt in TASKS])
    _write(folder, "Job Zones.txt", [CODE, "Title", "Job Zone", "Date", "Domain Source"],
           [(c, titles[c], z, "01/2024", "Analyst") for c, z in
            zip(titles, (4, 2, 4, 3, 5), strict=True)])
    _write(folder, "Job Zone Reference.txt", ["Job Zone", "Name", "Experience", "Education", "Job Training",
                                              "Examples", "SVP Range"],
           [(z, f"Job Zone {z}", "Some experience.", "Some schooling.", "Some training.", "Examples.", "(n)")
            for z in range(1, 6)])
    _write(folder, "Related Occupations.txt",
           [CODE, "Title", "Related O*NET-SOC Code", "Related Title", "Relatedness Tier", "Index"],
           [("99-1003.00", titles["99-1003.00"], "99-1005.00", titles["99-1005.00"], "Primary-Short", 1),
            ("99-1003.00", titles["99-1003.00"], "99-1004.00", titles["99-1004.00"], "Supplemental", 2)])
    _write(folder, "Content Model Reference.txt", ["Element ID", "Element Name", "Description"], ELEMENTS)
    # Skills: columns shuffled and no "Scale Name" -- the importer must read by name.
    skills = []
    for i, code in enumerate(titles):
        for j, (eid, ename, _) in enumerate(ELEMENTS):
            skills.append((eid, "IM", f"{1.5 + (i + j) % 4:.2f}", code, ename, "N", ""))
            skills.append((eid, "LV", f"{2.0 + (i * j) % 5:.2f}", code, ename, "N", ""))
    _write(folder, "Skills.txt", ["Element ID", "Scale ID", "Data Value", CODE, "Element Name",
                                  "Recommend Suppress", "Not Relevant"], skills)
    _write(folder, "Education, Training, and Experience Categories.txt",
           ["Element ID", "Element Name", "Scale ID", "Category", "Category Description"],
           [("2.D.1", "Required Level of Education", "RL", 2, "High School Diploma"),
            ("2.D.1", "Required Level of Education", "RL", 6, "Bachelor's Degree")])
    _write(folder, "Education, Training, and Experience.txt",
           [CODE, "Title", "Element ID", "Element Name", "Scale ID", "Category", "Data Value"],
           [(c, titles[c], "2.D.1", "Required Level of Education", "RL", cat, val)
            for c in titles for cat, val in ((2, 30.0), (6, 70.0))])
    _write(folder, "Interests.txt", [CODE, "Title", "Element ID", "Element Name", "Scale ID", "Data Value"],
           [(c, titles[c], "1.B.1.b", "Investigative", "OI", 5.5) for c in titles])
    _write(folder, "Work Styles.txt", [CODE, "Title", "Element ID", "Element Name", "Scale ID", "Data Value"],
           [(c, titles[c], "1.C.5.b", "Attention to Detail", "IM", 4.2) for c in titles])
    _write(folder, "UNSPSC Reference.txt", ["Commodity Code", "Commodity Title", "Class Code", "Class Title"],
           [("43232405", "Object or component oriented development software", "43232400", "Development software")])
    return folder
