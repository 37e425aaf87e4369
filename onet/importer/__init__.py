"""O*NET text-release importer: `import_release(source, db_path, embed=..., progress=..., cancel=...)`."""

from __future__ import annotations

from onet.importer.build import ImportReport, import_release
from onet.importer.progress import ImportProgress

__all__ = ["ImportProgress", "ImportReport", "import_release"]
