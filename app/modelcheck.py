"""Set-up check: the packaged embedding model is present and its weights match the pinned hash."""

from __future__ import annotations

from core.embed import model_dir, verify_model

if __name__ == "__main__":
    path = model_dir()
    print(f"embedding model ok: {verify_model(path)[:12]}… at {path.name}")
