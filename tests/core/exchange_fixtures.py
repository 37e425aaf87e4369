"""Fictional career data for the exchange tests (no real person)."""

from __future__ import annotations

import copy
from typing import Any

RESUME: dict[str, Any] = {
    "basics": {
        "name": "Marisol Quenneville",
        "label": "Platform Engineering Lead",
        "image": "https://example.org/marisol.png",
        "email": "marisol.q@example.org",
        "phone": "+1 555 014 2297",
        "url": "https://marisol.example.org",
        "summary": "Engineer who builds calm, reliable delivery platforms.",
        "location": {"address": "12 Larch Row", "postalCode": "A1B 2C3", "city": "Port Verity",
                     "countryCode": "CA", "region": "Nova Terra"},
        "profiles": [{"network": "GitHub", "username": "mquenne", "url": "https://github.com/mquenne"},
                     {"network": "Mastodon", "username": "mq", "url": "https://toot.example.org/@mq"}],
    },
    "work": [
        {"name": "Halcyon Freight Systems", "location": "Port Verity", "description": "Logistics software",
         "position": "Platform Engineering Lead", "url": "https://halcyon.example.com",
         "startDate": "2021-04", "summary": "Leads the platform group.",
         "highlights": ["Cut deployment time from 45 minutes to 6 minutes",
                        "Grew the platform team from 3 to 9 engineers"]},
        {"name": "Halcyon Freight Systems", "location": "Port Verity", "description": "Logistics software",
         "position": "Senior Site Reliability Engineer", "url": "https://halcyon.example.com",
         "startDate": "2018-09", "endDate": "2021-03",
         "highlights": ["Reduced paging incidents by 60% with SLO-based alerting"]},
        {"name": "Brightwater Analytics", "position": "Software Engineer", "startDate": "2015-06-01",
         "endDate": "2018-08-31", "summary": "Data pipelines in Python and Go.",
         "highlights": ["Built a Kafka ingestion service handling 2M events per hour"]},
    ],
    "volunteer": [{"organization": "Code Harbour", "position": "Mentor", "url": "https://codeharbour.example.org",
                   "startDate": "2019-01", "summary": "Mentors new programmers.",
                   "highlights": ["Mentored 14 students through their first open source patch"]}],
    "education": [{"institution": "University of Port Verity", "url": "https://upv.example.edu",
                   "area": "Computer Science", "studyType": "Bachelor of Science", "startDate": "2011-09",
                   "endDate": "2015-05", "score": "3.7", "courses": ["Distributed Systems", "Compilers"]}],
    "awards": [{"title": "Reliability Champion", "date": "2020-11", "awarder": "Halcyon Freight Systems",
                "summary": "For the SLO programme."}],
    "certificates": [{"name": "Certified Kubernetes Administrator", "date": "2019-06-15",
                      "issuer": "Cloud Native Computing Foundation", "url": "https://cert.example.org/123"}],
    "publications": [{"name": "Quiet Pagers", "publisher": "Ops Review", "releaseDate": "2022-02",
                      "url": "https://opsreview.example.org/quiet", "summary": "On alert fatigue."}],
    "skills": [{"name": "Infrastructure", "level": "Expert", "keywords": ["Kubernetes", "Terraform", "Linux"]},
               {"name": "Programming", "level": "Advanced", "keywords": ["Python", "Go"]},
               {"name": "Incident command", "level": "Advanced"}],
    "languages": [{"language": "English", "fluency": "Native speaker"}, {"language": "French", "fluency": "Fluent"}],
    "interests": [{"name": "Sailing", "keywords": ["dinghies", "navigation"]}],
    "references": [{"name": "Tobiah Renwick", "reference": "Marisol made our on-call humane."}],
    "projects": [{"name": "Tidewatch", "description": "Open source SLO dashboard",
                  "highlights": ["Adopted by 40 teams"], "keywords": ["Go", "Prometheus"],
                  "startDate": "2020-02", "endDate": "2021-01", "url": "https://github.com/mquenne/tidewatch",
                  "roles": ["Maintainer"], "entity": "Personal", "type": "application"}],
    "meta": {"canonical": "https://marisol.example.org/resume.json", "version": "v1.0.0",
             "lastModified": "2024-05-01T10:00:00"},
}


def resume() -> dict[str, Any]:
    return copy.deepcopy(RESUME)


def legacy_resume() -> dict[str, Any]:
    """The same person in the 0.x dialect: company/website, basics.website/picture, gpa."""
    r = resume()
    for w in r["work"]:
        w["company"] = w.pop("name")
        if "url" in w:
            w["website"] = w.pop("url")
    r["basics"]["website"] = r["basics"].pop("url")
    r["basics"]["picture"] = r["basics"].pop("image")
    r["education"][0]["gpa"] = r["education"][0].pop("score")
    r["publications"][0]["website"] = r["publications"][0].pop("url")
    r["work"][0]["endDate"] = "Present"
    return r


def drop_empty(x: Any) -> Any:
    """Compare resumes on content: empty strings/lists/objects and $schema are not content."""
    if isinstance(x, dict):
        out = {k: drop_empty(v) for k, v in x.items() if k != "$schema"}
        return {k: v for k, v in out.items() if v not in (None, "", [], {})}
    if isinstance(x, list):
        return [drop_empty(v) for v in x]
    return x
