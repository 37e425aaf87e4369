"""Work-section lines as people write them in other languages (fictional entries)."""

from __future__ import annotations

import pytest

from core.extract.dates import best_range
from core.extract.lines import Item
from core.extract.work import parse_roles


def _items(*lines: tuple[str, bool]) -> list[Item]:
    out, pos = [], 0
    for text, bullet in lines:
        out.append(Item(text=text, start=pos, end=pos + len(text), page=1, x0=60.0 if bullet else 50.0, bullet=bullet))
        pos += len(text) + 1
    return out


@pytest.mark.parametrize(
    ("text", "start"),
    [("Agosto de 2022 a Data Atual", "2022-08"), ("Marzo 2021 - la fecha actual", "2021-03"),
     ("03/2020 até a data atual", "2020-03")],
)
def test_present_written_as_the_current_date_in_pt_and_es(text: str, start: str) -> None:
    dr = best_range(text)
    assert dr is not None and dr.start == start and dr.present and dr.end is None


@pytest.mark.parametrize(
    ("org", "title"),
    [("Oficina Bela Vista", "Assistente Administrativa"), ("Bäckerei Lindenhof", "Mitarbeiterin Verkauf"),
     ("Studio Ventoso", "Sviluppatore backend"), ("Fietsenwinkel De Spaak", "Medewerker klantenservice")],
)
def test_company_before_title_in_other_languages(org: str, title: str) -> None:
    roles = parse_roles(_items((f"{org}   {title}   2019 - 2021", False), ("Atendimento e estoque da loja", True)))
    assert [(r.title, r.company) for r in roles] == [(title, org)]


@pytest.mark.parametrize(
    ("line", "title", "org"),
    [("Stage à l’Observatoire de Brest   2016 - 2017", "Stage", "Observatoire de Brest"),
     ("Stagiair bij Hoekstra Bouw   2018 - 2019", "Stagiair", "Hoekstra Bouw"),
     ("Vollzeit: Monteur im Anlagenbau   Kessler Maschinen   2011 - 2013", "Monteur im Anlagenbau", "Kessler Maschinen")],
)
def test_at_words_and_contract_labels_in_role_lines(line: str, title: str, org: str) -> None:
    roles = parse_roles(_items((line, False), ("Montage und Inbetriebnahme beim Kunden", True)))
    assert [(r.title, r.company) for r in roles] == [(title, org)]
