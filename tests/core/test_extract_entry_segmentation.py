"""Entry segmentation in arrangements real CVs use (fictional people, places and employers)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from core.intake.reader import parse_path
from tests.core.arrangement_pdfs import PRODUCERS, Placed

NAME = [Placed(50, 40, "Maren Tolvik", 20, True), Placed(50, 66, "maren.tolvik@example.org   +47 555 01 234")]


def _roles(resume: dict[str, Any]) -> list[tuple[str, str, str, int]]:
    return [(w.get("name", ""), w.get("position", ""), w.get("startDate", ""), len(w.get("highlights") or []))
            for w in resume["work"]]


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_labels_repeated_inside_every_role_stay_in_the_work_section(tmp_path: Path, producer: str) -> None:
    """Google Docs and Word CVs put "Key Responsibilities" / "Key Achievements" under each job in
    heading type: they are labels of the role, not sections, and the next job still belongs to work."""
    lines = [Placed(50, 100, "Work Experience", 13, True)]
    y = 125.0
    for title, dates, org in (("Harbour Logistics Planner", "March 2021 - Present", "TideLift, Bergen 5003, Norway"),
                              ("Warehouse Coordinator", "May 2017 - February 2021", "FjordLine Cargo, Ålesund, Norway")):
        lines += [Placed(50, y, title, 11, True), Placed(50, y + 15, dates), Placed(50, y + 30, org)]
        lines += [Placed(50, y + 52, "Key Responsibilities", 13, True),
                  Placed(60, y + 72, "• Scheduled container berths for three ferry lines"),
                  Placed(60, y + 87, "• Kept the customs paperwork of every shipment in order"),
                  Placed(50, y + 109, "Key Achievements", 13, True),
                  Placed(60, y + 129, "• Cut average unloading time by a fifth")]
        y += 160
    lines += [Placed(50, y, "Education", 13, True), Placed(50, y + 22, "BSc Logistics, Example Fjord University, 2017")]
    path = PRODUCERS[producer](tmp_path / f"{producer}.pdf", NAME + lines)
    resume = parse_path(path).resume
    assert _roles(resume) == [("TideLift", "Harbour Logistics Planner", "2021-03", 3),
                              ("FjordLine Cargo", "Warehouse Coordinator", "2017-05", 3)]
    assert not resume.get("awards")
    assert [e["institution"] for e in resume["education"]] == ["Example Fjord University"]
