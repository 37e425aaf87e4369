"""Imports (JSON Resume, LinkedIn export, Vita export) and exports (JSON Resume, CSV, DOCX, PDF,
Markdown, full Vita export), with tailoring and saved variants."""
