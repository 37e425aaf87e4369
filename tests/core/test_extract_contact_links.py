"""Which links are the person's own (basics) and which belong to an entry, on fictional inputs."""

from __future__ import annotations

from core.extract.contact import extract_contact
from core.extract.lines import Item
from core.extract.links import clean_url, unwrap_urls


def _item(text: str, n: int, links: list[str] | None = None) -> Item:
    return Item(text=text, start=n * 100, end=n * 100 + len(text), page=1, size=11.0, links=list(links or []))


HEADER = [
    _item("Dana Example", 0),
    _item("dana.example@mail.test | +1 555 010 2030 | github.com/dana-example", 1),
]


def _urls(header: list[Item], body: list[Item], doc_links: list[str] | None = None) -> list[str]:
    c = extract_contact(header, [], header + body, doc_links or [])
    return c.urls


def test_links_inside_entries_stay_with_the_entry() -> None:
    body = [
        _item("Projects", 2),
        _item("Ledgerly - budgeting app", 3, ["https://github.com/dana-example/ledgerly"]),
        _item("Volunteer mentor, Hackfield Club", 4, ["https://github.com/hackfield-club"]),
        _item("Demo: https://www.youtube.com/watch?v=abc123", 5),
    ]
    assert _urls(HEADER, body) == ["github.com/dana-example"]


def test_profile_in_body_is_kept_only_when_it_names_the_person() -> None:
    body = [
        _item("Find me", 2, ["https://www.linkedin.com/in/dana-example-42"]),
        _item("Marketing lead at Brightkettle", 3, ["https://twitter.com/brightkettle"]),
    ]
    assert _urls(HEADER, body) == ["github.com/dana-example", "https://www.linkedin.com/in/dana-example-42"]


def test_content_links_are_not_profiles_even_in_the_header() -> None:
    header = [HEADER[0], _item("12 Elm Road, Springfield", 1, ["https://www.google.com/maps/place/12+Elm+Road"]),
              _item("https://www.youtube.com/watch?v=xyz https://danaexample.dev", 2)]
    assert _urls(header, []) == ["https://danaexample.dev"]


def test_a_link_typed_with_two_schemes_is_cleaned() -> None:
    assert clean_url("http://https://danaexample.dev/") == "https://danaexample.dev/"


def test_links_wrapped_onto_the_next_line_are_joined() -> None:
    assert unwrap_urls("https://github.com/ dana-example | x") == "https://github.com/dana-example | x"
    assert unwrap_urls("https://www.linkedin.com/in/dana- example/") == "https://www.linkedin.com/in/dana-example/"
    assert unwrap_urls("https:// danaexample.dev") == "https://danaexample.dev"
    assert unwrap_urls("linkedin.com/in/ dana") == "linkedin.com/in/dana"
    assert unwrap_urls("see https://danaexample.dev/ Python and well- known") == (
        "see https://danaexample.dev/ Python and well- known")
    header = [HEADER[0], _item("dana.example@mail.test https://twitter.com/ _dnx", 1)]
    assert _urls(header, []) == ["https://twitter.com/_dnx"]


def _location(header: list[Item], contact: list[Item] | None = None) -> dict[str, str]:
    return extract_contact(header, contact or [], header + (contact or []), []).location


def test_place_after_an_icon_macro_left_as_text() -> None:
    header = [HEADER[0], _item("\\faAt : dana@mail.test   \\faEnvelope : 41230 Bourg-sur-Lande", 1)]
    assert _location(header) == {"postalCode": "41230", "city": "Bourg-sur-Lande"}


def test_postal_code_in_two_groups_before_the_town() -> None:
    contact = [_item("Ekvägen 12", 2), _item("123 45 Lindholm", 3), _item("+46 70 123 45 67", 4)]
    assert _location([HEADER[0], _item("Data analyst", 1)], contact)["city"] == "Lindholm"


def test_a_line_of_lower_case_fields_is_no_place() -> None:
    header = [HEADER[0], _item("Data Science, Information architecture, Business development", 1),
              _item("dana@mail.test | Brookhaven", 2)]
    assert _location(header) == {"city": "Brookhaven"}


def test_the_part_naming_the_country_wins_over_the_district() -> None:
    header = [HEADER[0], _item("Old Quarter, Riverside – Tallinn, Estonia | dana@mail.test", 1)]
    assert _location(header) == {"city": "Tallinn", "countryCode": "Estonia"}


def test_the_value_under_an_address_label_names_the_town() -> None:
    contact = [_item("Address:", 2), _item("Palm Gardens district, Westmere", 3), _item("Phone:", 4),
               _item("+44 7700 900123", 5)]
    loc = _location([HEADER[0], _item("Web developer", 1)], contact)
    assert loc == {"address": "Palm Gardens district", "city": "Westmere"}


def test_street_line_ending_in_postal_code_and_town() -> None:
    header = [HEADER[0], _item("Rua das Flores N12 3D 2830-101 - Vila do Mar", 1), _item("dana@mail.test", 2)]
    assert _location(header) == {"city": "Vila do Mar"}


def test_a_link_in_the_running_footer_is_the_templates() -> None:
    header = [HEADER[0], _item("https://danaexample.dev", 1),
              _item("May 2, 2024 © Example Union 2002 – 2024 | http://cvtemplate.example.org Page 1 / 2", 2)]
    assert _urls(header, []) == ["https://danaexample.dev"]
