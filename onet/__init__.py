"""O*NET ontology layer (lowest layer: never imports core, app, ui or Qt; callers pass callables).

Public API (import from the submodules; this package stays cheap to import):
- `onet.store.OntologyStore.open(path)`: read-only store. Iterate `technology_skills()`,
  `tools()`, `skill_elements(domains)`, `occupations()`, `alternate_titles(code)`,
  `title_entries()`; per occupation `technology_skills_for`, `tools_for`, `ratings(code, domain)`,
  `tasks`, `job_zone`, `education`, `related`; `search_titles_fts` / `search_skills_fts`;
  `embeddings(kind)` -> (texts, float32 matrix) loaded lazily; `info()` for status.
- `onet.importer.import_release(source, db_path, embed=..., progress=..., cancel=...)`: atomic build.
- `onet.download.download_release(url, dest, progress=..., cancel=...)`: fetch and check a zip.
- `onet.titles.normalize_title(store, title, embed=...)` -> [(code, title, confidence)].
- `onet.lookup.search_occupations(store, text, embed=...)`, `occupation_profile(store, code)`.
- Errors: `onet.errors` (OnetError and subclasses; `app`/`core` translate them to VitaError).
"""
