"""core.dates: partial dates, open ends, spans, overlap and months of experience."""

from __future__ import annotations

from core.dates import (
    DateSpan,
    PartialDate,
    dates_agree,
    display_date,
    finer_date,
    gaps_between,
    is_present,
    months_of_experience,
    months_since,
)

NOW = PartialDate(2024, 6)


def span(start: str | None, end: str | None = None, **kw: object) -> DateSpan:
    return DateSpan.from_attributes({"start": start, "end": end, **kw})


def test_partial_dates_parse_at_their_precision() -> None:
    assert PartialDate.parse("2019") == PartialDate(2019)
    assert PartialDate.parse("2019-03") == PartialDate(2019, 3)
    assert PartialDate.parse("2019/3") == PartialDate(2019, 3)
    assert PartialDate.parse("2019-03-07").precision == "day"
    assert PartialDate.parse("2019-13") == PartialDate(2019)  # no month 13: the year stands
    assert PartialDate.parse("Present") is None and PartialDate.parse("") is None and PartialDate.parse(None) is None
    assert PartialDate(2019, 3).iso() == "2019-03" and PartialDate(2019, 3).display() == "Mar 2019"
    assert sorted([PartialDate(2019, 3), PartialDate(2019), PartialDate(2018, 12)]) == [
        PartialDate(2018, 12), PartialDate(2019), PartialDate(2019, 3)]
    assert max(PartialDate(2020), PartialDate(2019, 12)) == PartialDate(2020)
    assert is_present("Present") and is_present(" current ") and not is_present("2019")


def test_open_end_from_the_present_flag_a_present_word_or_a_missing_end() -> None:
    assert span("2020-01", present=True).ongoing
    assert span("2020-01", "Present").ongoing
    assert span("2020-01").ongoing  # JSON Resume: no endDate means current
    assert not span("2020-01", present=False).ongoing  # the parser saw one date, not a range
    assert span("2020-01", present=False).months(NOW) == 1


def test_months_count_end_month_and_bare_years() -> None:
    assert span("2019-03", "2020-03").months(NOW) == 13
    assert span("2018", "2020").months(NOW) == 24
    assert span("2019", "2019").months(NOW) == 12
    assert span("2023-01", present=True).months(NOW) == 18
    assert span(None, "2020").months(NOW) is None


def test_overlapping_roles_are_not_counted_twice() -> None:
    a, b, c = span("2015-01", "2017-12"), span("2017-01", "2019-12"), span("2021-01", "2021-06")
    assert a.overlaps(b, NOW) and not a.overlaps(c, NOW)
    assert months_of_experience([a, b, c], NOW) == 60 + 6
    assert gaps_between([a, b, c], NOW) == [(2020 * 12, 2021 * 12)]
    assert months_of_experience([], NOW) == 0


def test_disjoint_only_when_fully_known() -> None:
    assert span("2015-01", "2016-12").disjoint(span("2018-01", "2019-01"))
    assert not span("2015", "2018").disjoint(span("2018-03", "2019-01"))  # 2018 may include March
    assert not span("2015-01", None, present=False).disjoint(span("2018-01", "2019-01"))


def test_agreement_precision_display_and_recency() -> None:
    assert dates_agree("2019", "2019-03") and not dates_agree("2019-04", "2019-03") and dates_agree(None, "2020")
    assert finer_date("2019", "2019-03") == "2019-03" and finer_date(None, "2019") == "2019"
    assert display_date("2021-04") == "Apr 2021" and display_date("present") == "Present"
    assert span("2016-01", "2019-02").label() == "Jan 2016 – Feb 2019"
    assert span("2020-01", present=True).label() == "Jan 2020 – Present"
    assert months_since(PartialDate(2023, 6), NOW) == 12 and months_since(PartialDate(2023), NOW) == 6
