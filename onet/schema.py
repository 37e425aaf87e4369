"""SQLite schema of the ontology database (public O*NET data, unencrypted, read-only once built)."""

from __future__ import annotations

SCHEMA_VERSION = 1

ATTRIBUTION = (
    "This includes information from the O*NET Database by the U.S. Department of Labor, "
    "Employment and Training Administration (USDOL/ETA), used under the CC BY 4.0 licence. "
    "O*NET is a trademark of USDOL/ETA."
)
LICENCE = "CC BY 4.0"

# Rating domains stored in `rating` (file name -> domain).
RATING_FILES = {
    "Skills.txt": "skill",
    "Knowledge.txt": "knowledge",
    "Abilities.txt": "ability",
    "Work Activities.txt": "work_activity",
    "Work Styles.txt": "work_style",
    "Interests.txt": "interest",
    "Work Values.txt": "work_value",
}

DDL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE import_file (
    name TEXT PRIMARY KEY, status TEXT NOT NULL, rows INTEGER NOT NULL DEFAULT 0, note TEXT
);
CREATE TABLE occupation (code TEXT PRIMARY KEY, title TEXT NOT NULL, description TEXT NOT NULL);
CREATE TABLE alt_title (
    id INTEGER PRIMARY KEY, code TEXT NOT NULL, title TEXT NOT NULL, short_title TEXT,
    sources TEXT
);
CREATE INDEX alt_title_code ON alt_title(code);
CREATE TABLE commodity (
    code TEXT PRIMARY KEY, title TEXT NOT NULL, class_code TEXT, class_title TEXT,
    family_code TEXT, family_title TEXT, segment_code TEXT, segment_title TEXT
);
CREATE TABLE tech_skill (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, commodity_code TEXT, commodity_title TEXT,
    hot INTEGER NOT NULL DEFAULT 0, in_demand INTEGER NOT NULL DEFAULT 0,
    UNIQUE (name, commodity_code)
);
CREATE TABLE occupation_tech (
    code TEXT NOT NULL, tech_id INTEGER NOT NULL, hot INTEGER NOT NULL DEFAULT 0,
    in_demand INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (code, tech_id)
) WITHOUT ROWID;
CREATE INDEX occupation_tech_tech ON occupation_tech(tech_id);
CREATE TABLE tool (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, commodity_code TEXT, commodity_title TEXT,
    UNIQUE (name, commodity_code)
);
CREATE TABLE occupation_tool (
    code TEXT NOT NULL, tool_id INTEGER NOT NULL, PRIMARY KEY (code, tool_id)
) WITHOUT ROWID;
CREATE INDEX occupation_tool_tool ON occupation_tool(tool_id);
CREATE TABLE task (
    id INTEGER PRIMARY KEY, task_id TEXT, code TEXT NOT NULL, task TEXT NOT NULL,
    task_type TEXT, emerging INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX task_code ON task(code);
CREATE TABLE job_zone (code TEXT PRIMARY KEY, zone INTEGER NOT NULL);
CREATE TABLE job_zone_ref (
    zone INTEGER PRIMARY KEY, name TEXT, experience TEXT, education TEXT, training TEXT,
    examples TEXT, svp_range TEXT
);
CREATE TABLE related_occupation (
    code TEXT NOT NULL, related_code TEXT NOT NULL, tier TEXT, idx INTEGER,
    PRIMARY KEY (code, related_code)
) WITHOUT ROWID;
CREATE TABLE element (
    element_id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT, domain TEXT
);
CREATE TABLE rating (
    code TEXT NOT NULL, domain TEXT NOT NULL, element_id TEXT NOT NULL, scale_id TEXT NOT NULL,
    value REAL, suppress INTEGER NOT NULL DEFAULT 0, not_relevant INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (code, element_id, scale_id)
) WITHOUT ROWID;
CREATE INDEX rating_domain ON rating(domain, element_id);
CREATE TABLE education_category (
    element_id TEXT NOT NULL, scale_id TEXT NOT NULL, category INTEGER NOT NULL,
    description TEXT, PRIMARY KEY (element_id, scale_id, category)
) WITHOUT ROWID;
CREATE TABLE education (
    code TEXT NOT NULL, element_id TEXT NOT NULL, scale_id TEXT NOT NULL, category INTEGER,
    value REAL, PRIMARY KEY (code, element_id, scale_id, category)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE title_fts USING fts5(
    title, code UNINDEXED, source UNINDEXED, tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE skill_fts USING fts5(
    name, kind UNINDEXED, ref UNINDEXED, tokenize='unicode61 remove_diacritics 2'
);
CREATE TABLE title_key (
    key TEXT NOT NULL, code TEXT NOT NULL, conf REAL NOT NULL, text TEXT NOT NULL
);
CREATE TABLE embedding_set (
    kind TEXT PRIMARY KEY, model TEXT, dim INTEGER NOT NULL, count INTEGER NOT NULL,
    data BLOB NOT NULL
);
CREATE TABLE embedding_key (
    kind TEXT NOT NULL, row INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY (kind, row)
) WITHOUT ROWID;
"""
