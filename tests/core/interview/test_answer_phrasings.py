"""A table of answer phrasings (written for these tests) and what each parser must read from them."""

from __future__ import annotations

from typing import Any

import pytest

from core.interview.answers import Intent, parse_answer, read_intent
from core.interview.values import in_words


def R(start: str | None, end: str | None = None, present: bool = False) -> dict[str, Any]:
    return {"start": start, "end": end, "present": present}


DATE_RANGES = [
    ("spring 2019", R("2019-03")),
    ("from 3/2018 to now", R("2018-03", None, True)),
    ("From 3/2018 until today", R("2018-03", None, True)),
    ("March of 2017", R("2017-03")),
    ("since 2020", R("2020", None, True)),
    ("Since January 2021", R("2021-01", None, True)),
    ("2016-2019", R("2016", "2019")),
    ("2016 – 2019", R("2016", "2019")),
    ("2016 to 2019", R("2016", "2019")),
    ("May 2015 until June 2017", R("2015-05", "2017-06")),
    ("I left in 2021", R(None, "2021")),
    ("until March 2020", R(None, "2020-03")),
    ("Jan 2018 – present", R("2018-01", None, True)),
    ("Jan 2018 - Present", R("2018-01", None, True)),
    ("the summer of 2012", R("2012-06")),
    ("between 2014 and 2016", R("2014", "2016")),
    ("I started in 2019 and I am still there", R("2019", None, True)),
    ("03/2018", R("2018-03")),
    ("2018-03", R("2018-03")),
    ("Sept 2019 to Dec 2021", R("2019-09", "2021-12")),
    ("September 2019 through December 2021", R("2019-09", "2021-12")),
    ("summer 2019 to fall 2020", R("2019-06", "2020-09")),
    ("autumn 2010 - winter 2011", R("2010-09", "2011-12")),
    ("mar '19", R("2019-03")),
    ("from '15 to '18", R("2015", "2018")),
    ("in 2020", R("2020")),
    ("12th of May 2016", R("2016-05")),
    ("10/2016 - 08/2019", R("2016-10", "2019-08")),
    ("Feb 2014 to Aug 2016, roughly", R("2014-02", "2016-08")),
    ("It was from April 2011 to October 2013.", R("2011-04", "2013-10")),
    ("I joined in June 2022 and I'm still there", R("2022-06", None, True)),
    ("started 2017, still working there", R("2017", None, True)),
    ("2019 to now", R("2019", None, True)),
    ("2019 - current", R("2019", None, True)),
    ("from 2008 till 2012", R("2008", "2012")),
    ("07/2015 to 11/2017", R("2015-07", "2017-11")),
    ("2015/07 - 2017/11", R("2015-07", "2017-11")),
    ("early 2015 to late 2016", R("2015", "2016")),
    ("mid-2018 onwards, currently there", R("2018", None, True)),
    ("Dec. 2012 - Feb. 2014", R("2012-12", "2014-02")),
    ("about three years, 2003 to 2006", R("2003", "2006")),
    ("From August, 2019 to July, 2021", R("2019-08", "2021-07")),
    ("I was there in 2004 and 2005", R("2004", "2005")),
    ("oct 2020 - now", R("2020-10", None, True)), ("'17-'19", R("2017", "2019")),
    ("Sept. '19 – now", R("2019-09", None, True)),
    ("no idea really", None),
    ("a long time ago", None),
    ("last couple of years", None),
]

DATES = [
    ("June 2019", "2019-06"), ("in the spring of 2021", "2021-03"), ("2012", "2012"), ("fall 2009", "2009-09"),
    ("It was May 2014.", "2014-05"), ("3/2018", "2018-03"), ("2018-11", "2018-11"), ("winter 2016", "2016-12"),
    ("January, 2020", "2020-01"), ("sometime in 2011", "2011"), ("14 Feb 2015", "2015-02"), ("Aug '22", "2022-08"),
    ("I graduated in 2010", "2010"), ("end of 2017", "2017"), ("never", None), ("not sure", None),
]

DURATIONS = [
    ("18 months", 18.0), ("two and a half years", 30.0), ("a year and a half", 18.0),
    ("2 years and 3 months", 27.0), ("about 3 years", 36.0), ("half a year", 6.0), ("1.5 years", 18.0),
    ("3+ years", 36.0), ("six months", 6.0), ("a decade", 120.0), ("four yrs", 48.0), ("a year", 12.0),
    ("nine months or so", 9.0), ("roughly two years", 24.0), ("one year, 6 months", 18.0), ("ages", None),
    ("ten years", 120.0), ("about 5 years, give or take", 60.0), ("a couple of days", None),
]

NUMBERS = [
    ("12", 12.0), ("twelve", 12.0), ("about 40", 40.0), ("1,200", 1200.0), ("1.5k", 1500.0), ("a dozen", 12.0),
    ("two hundred and five", 205.0), ("fifty-five", 55.0), ("roughly 300 customers", 300.0), ("3 million", 3e6),
    ("a hundred", 100.0), ("around 2,500 users", 2500.0), ("over 10k", 10000.0), ("forty", 40.0),
    ("a thousand or so", 1000.0), ("0.5", 0.5), ("ninety-nine", 99.0), ("none at all", None), ("lots", None),
]

MONEY = [
    ("$1.2M", (1.2e6, "USD")), ("1.2 million dollars", (1.2e6, "USD")), ("€300k", (3e5, "EUR")),
    ("USD 2m", (2e6, "USD")), ("about $40,000", (4e4, "USD")), ("300k", (3e5, "")),
    ("two million euros", (2e6, "EUR")), ("£45,000", (45000.0, "GBP")), ("$500K a year", (5e5, "USD")),
    ("roughly $3 million in savings", (3e6, "USD")), ("50k EUR", (5e4, "EUR")), ("$12", (12.0, "USD")),
    ("a budget of $750,000", (7.5e5, "USD")), ("about 1.5M", (1.5e6, "")), ("5 million pounds", (5e6, "GBP")),
    ("¥2,000,000", (2e6, "JPY")), ("CHF 90k", (9e4, "CHF")), ("saved us 200 grand", (2e5, "")),
    ("$2.5 billion", (2.5e9, "USD")), ("a lot of money", None), ("not much", None), ("100 dollars", (100.0, "USD")),
]

PERCENTS = [
    ("cut costs by about a third", 33.3), ("30%", 30.0), ("thirty percent", 30.0), ("halved the time", 50.0),
    ("two thirds", 66.7), ("about 15 per cent", 15.0), ("roughly 20 %", 20.0), ("a quarter", 25.0),
    ("reduced churn by half", 50.0), ("three quarters of the backlog", 75.0), ("by 7.5%", 7.5),
    ("increased sales 40 percent", 40.0), ("nearly a fifth", 20.0), ("up 12 pct", 12.0), ("a lot", None),
    ("significantly", None), ("by one third", 33.3), ("about 5%", 5.0),
]

FACTORS = [("doubled", 2.0), ("we tripled revenue", 3.0), ("3x faster", 3.0), ("a 10-fold improvement", 10.0),
           ("five times as many users", 5.0), ("quadrupled sign-ups", 4.0)]

TEAM_SIZES = [
    ("a team of 6", 6.0), ("six engineers", 6.0), ("a 5-person team", 5.0), ("just me", 1.0),
    ("between 8 and 10 people", 8.0), ("I managed 4 direct reports", 4.0), ("about 12", 12.0),
    ("10-15 engineers", 10.0), ("team of twenty", 20.0), ("it was a group of 3", 3.0), ("on my own", 1.0),
    ("I led 7 developers", 7.0), ("a 12-strong team", 12.0), ("9", 9.0), ("around 30 people", 30.0),
    ("solo project", 1.0), ("two designers and me", 2.0), ("a department of 45", 45.0), ("a squad of 5", 5.0),
    ("8 or 9 people", 8.0), ("fifteen nurses", 15.0), ("by myself", 1.0), ("3 interns", 3.0),
    ("a big team", None), ("it varied", None), ("we were 6", 6.0), ("six of us", 6.0),
    ("there were about 12 of us", 12.0),
]

YES_NO = [
    ("yes", True), ("Yes.", True), ("yep", True), ("yeah, twice", True), ("sure", True), ("definitely", True),
    ("absolutely", True), ("of course", True), ("correct", True), ("I did", True), ("yup", True),
    ("no", False), ("No.", False), ("nope", False), ("not really", False), ("never", False), ("I didn't", False),
    ("I did not", False), ("nah", False), ("not at all", False), ("maybe", None), ("kind of", None),
]

SKILLS = [
    ("Python, dbt and a bit of Airflow", ["Python", "dbt", "Airflow"]),
    ("I mostly used SQL and Excel", ["SQL", "Excel"]),
    ("Kubernetes; Terraform / AWS etc.", ["Kubernetes", "Terraform", "AWS"]),
    ("Mostly Java, plus some Go.", ["Java", "Go"]),
    ("React", ["React"]),
    ("Figma, Sketch, user research", ["Figma", "Sketch", "user research"]),
    ("we used Jira & Confluence", ["Jira", "Confluence"]),
    ("C++ and CUDA", ["C++", "CUDA"]),
    ("budgeting, forecasting and negotiation", ["budgeting", "forecasting", "negotiation"]),
    ("Excel, PowerPoint, as well as Tableau", ["Excel", "PowerPoint", "Tableau"]),
    ("SAP\nSalesforce\nHubSpot", ["SAP", "Salesforce", "HubSpot"]),
    ("patient triage, wound care", ["patient triage", "wound care"]),
    ("lots of Scala and Spark", ["Scala", "Spark"]),
    ("Rust", ["Rust"]),
    ("Node.js, TypeScript and PostgreSQL", ["Node.js", "TypeScript", "PostgreSQL"]),
    ("it varied", []), ("hard to say", []), ("mainly python + sql", ["python", "sql"]),
    ("Excel (advanced), Tableau", ["Excel", "Tableau"]),
]

LOCATIONS = [
    ("We were based in Lyon, France.", "Lyon, France"), ("Berlin", "Berlin"), ("remote", "remote"),
    ("in Toronto", "Toronto"), ("It was in Austin, TX", "Austin, TX"), ("out of Singapore", "Singapore"),
    ("I worked in Madrid", "Madrid"), ("Oslo, Norway", "Oslo, Norway"), ("mostly in Leeds", "Leeds"),
    ("the office was in Kraków", "Kraków"), ("Lyon (hybrid)", "Lyon"), ("it was a while ago", None), ("somewhere up north", None),
    ("it varied", None),
]

SHORT_TEXTS = [
    ("I was a Senior Data Engineer.", "Senior Data Engineer"), ("Product Manager", "Product Manager"),
    ("my title was Lead Nurse", "Lead Nurse"), ("It was Northwind Traders", "Northwind Traders"),
    ("I worked for Globex Corporation", "Globex Corporation"), ("Staff Accountant", "Staff Accountant"),
    ("I'm a UX researcher", "UX researcher"), ("Contoso Ltd.", "Contoso Ltd"),
    ("The company was Initech", "Initech"), ("an Operations Analyst", "Operations Analyst"),
    ("I'd have to check", None), ("not sure, something like that", None), ("???", None),
]

ACHIEVEMENTS = [
    ("Cut cloud costs by about a third in 2020 and saved $1.2M.", {"percent", "money"}),
    ("Reduced ticket backlog by 40% in six months", {"percent", "duration"}),
    ("Led a team of 6 to ship the new billing system", {"team_size"}),
    ("Grew the newsletter to 12,000 subscribers", {"count"}),
    ("Rewrote the onboarding flow, doubling activation", set()),
    ("Trained 25 new nurses on the triage protocol", {"team_size"}),
    ("Closed deals worth €2M in my first year", {"money"}),
    ("Brought response times down by half", {"percent"}),
    ("Migrated 300 services to Kubernetes over 18 months", {"count", "duration"}),
    ("Improved the test suite", set()),
    ("Saved us around $200k a year", {"money"}),
    ("ok", None),
    ("not much", None),
]

INTENTS = [
    ("skip", Intent.skip), ("Skip this", Intent.skip), ("pass", Intent.skip), ("next", Intent.skip),
    ("rather not say", Intent.skip), ("", Intent.skip), ("later", Intent.later), ("ask me later", Intent.later),
    ("not now", Intent.later), ("maybe later", Intent.later), ("don't ask again", Intent.never),
    ("Don't ask me this again", Intent.never), ("stop asking about this", Intent.never), ("n/a", Intent.never),
    ("doesn't apply", Intent.never), ("done", Intent.done), ("that's all for now", Intent.done),
    ("enough for today", Intent.done), ("I'm done", Intent.done), ("I don't remember", Intent.unsure),
    ("not sure", Intent.unsure), ("no idea", Intent.unsure), ("dunno", Intent.unsure),
    ("I can't recall the exact number", Intent.unsure), ("2019 to 2021", Intent.answer),
    ("a team of 6", Intent.answer), ("no", Intent.answer), ("Python and SQL", Intent.answer),
]


def _one(kind: str, answer: str) -> Any:
    found = parse_answer(kind, answer)
    for v in found:
        assert in_words(answer, v), (answer, v)
    return found[0] if found else None


@pytest.mark.parametrize(("answer", "expected"), DATE_RANGES)
def test_date_range(answer: str, expected: dict[str, Any] | None) -> None:
    v = _one("date_range", answer)
    assert (v.value if v else None) == expected


@pytest.mark.parametrize(("answer", "expected"), DATES)
def test_date(answer: str, expected: str | None) -> None:
    v = _one("date", answer)
    assert (v.value if v else None) == expected


@pytest.mark.parametrize(("answer", "expected"), DURATIONS)
def test_duration_in_months(answer: str, expected: float | None) -> None:
    v = _one("duration", answer)
    assert (v.value if v else None) == expected


@pytest.mark.parametrize(("answer", "expected"), NUMBERS)
def test_number(answer: str, expected: float | None) -> None:
    v = _one("number", answer)
    assert (v.value if v else None) == expected


@pytest.mark.parametrize(("answer", "expected"), MONEY)
def test_money(answer: str, expected: tuple[float, str] | None) -> None:
    v = _one("money", answer)
    assert ((v.value, v.unit) if v else None) == expected


@pytest.mark.parametrize(("answer", "expected"), PERCENTS)
def test_percent(answer: str, expected: float | None) -> None:
    v = _one("percent", answer)
    assert (v.value if v else None) == expected
    if v is not None:
        assert v.kind == "percent" and v.unit == "%"


@pytest.mark.parametrize(("answer", "expected"), FACTORS)
def test_factor(answer: str, expected: float) -> None:
    v = _one("percent", answer)
    assert v is not None and v.kind == "factor" and v.value == expected


@pytest.mark.parametrize(("answer", "expected"), TEAM_SIZES)
def test_team_size(answer: str, expected: float | None) -> None:
    v = _one("team_size", answer)
    assert (v.value if v else None) == expected


@pytest.mark.parametrize(("answer", "expected"), YES_NO)
def test_yes_no(answer: str, expected: bool | None) -> None:
    v = _one("yes_no", answer)
    assert (v.value if v else None) == expected


@pytest.mark.parametrize(("answer", "expected"), SKILLS)
def test_skill_list(answer: str, expected: list[str]) -> None:
    assert [v.value for v in parse_answer("skills", answer)] == expected


@pytest.mark.parametrize(("answer", "expected"), LOCATIONS)
def test_location(answer: str, expected: str | None) -> None:
    v = _one("location", answer)
    assert (v.value if v else None) == expected


@pytest.mark.parametrize(("answer", "expected"), SHORT_TEXTS)
def test_short_text(answer: str, expected: str | None) -> None:
    v = _one("text", answer)
    assert (v.value if v else None) == expected


@pytest.mark.parametrize(("answer", "kinds"), ACHIEVEMENTS)
def test_achievement_with_metrics(answer: str, kinds: set[str] | None) -> None:
    v = _one("achievement", answer)
    if kinds is None:
        assert v is None
        return
    assert v is not None and v.value == answer.strip().rstrip()
    metrics = v.extra["metrics"]
    assert {m["kind"] for m in metrics} == kinds
    for m in metrics:  # every metric is the person's words at its place
        assert answer[m["start"]:m["end"]] == m["text"]


@pytest.mark.parametrize(("answer", "expected"), INTENTS)
def test_intent(answer: str, expected: Intent) -> None:
    assert read_intent(answer) is expected


def test_the_table_is_large_enough() -> None:
    tables = (DATE_RANGES, DATES, DURATIONS, NUMBERS, MONEY, PERCENTS, FACTORS, TEAM_SIZES, YES_NO, SKILLS,
              LOCATIONS, SHORT_TEXTS, ACHIEVEMENTS, INTENTS)
    assert sum(len(t) for t in tables) >= 200
