"""`vita onet ...` commands, including `download` against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import build_parser
from app.paths import app_paths
from core.errors import InvalidInput, NotFound, OntologyError, OntologyMissing
from onet.download import download_release
from onet.errors import DownloadFailed, ImportCancelled, ReleaseInvalid
from onet.importer import ImportProgress


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def http_root(tmp_path_factory: pytest.TempPathFactory, any_release: Path) -> Path:
    """A folder served over HTTP: the release zip (top folder kept), a non-zip and a bad-layout zip."""
    root = tmp_path_factory.mktemp("http-root")
    with zipfile.ZipFile(root / "release.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        for p in sorted(any_release.iterdir()):
            zf.write(p, f"{any_release.name}/{p.name}")
    (root / "notzip.zip").write_text("<html>maintenance page</html>")
    with zipfile.ZipFile(root / "wrong.zip", "w") as zf:
        zf.writestr("db_1_0_text/Something Else.txt", "a\tb\n")
    return root


@pytest.fixture(scope="module")
def server(http_root: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(http_root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def run(home: Path, *argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    args: argparse.Namespace = build_parser().parse_args(["--home", str(home), *argv])
    code = args.func(args)
    return code, capsys.readouterr().out


def test_download_release_reports_progress(tmp_path: Path, server: str, http_root: Path) -> None:
    seen: list[ImportProgress] = []
    out = download_release(f"{server}/release.zip", tmp_path / "r.zip", progress=seen.append)
    assert out.read_bytes() == (http_root / "release.zip").read_bytes()
    assert seen[-1].stage == "download" and seen[-1].done == seen[-1].total == out.stat().st_size
    assert [p.done for p in seen] == sorted(p.done for p in seen)


@pytest.mark.parametrize(("name", "error"), [
    ("missing.zip", DownloadFailed),  # HTTP 404
    ("notzip.zip", ReleaseInvalid),
    ("wrong.zip", ReleaseInvalid),
])
def test_download_rejects_bad_answers(tmp_path: Path, server: str, name: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        download_release(f"{server}/{name}", tmp_path / "r.zip")
    assert list(tmp_path.iterdir()) == []  # no partial file left


def test_download_refuses_other_schemes(tmp_path: Path) -> None:
    with pytest.raises(DownloadFailed):
        download_release("file:///etc/passwd", tmp_path / "r.zip")


def test_cli_download_then_status_search_occupation(tmp_path: Path, server: str, any_release: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    code, out = run(home, "--json", "onet", "status", capsys=capsys)
    assert code == 0 and json.loads(out)["imported"] is False

    code, out = run(home, "--json", "onet", "download", "--url", f"{server}/release.zip", "--no-embed",
                    capsys=capsys)
    report = json.loads(out)
    assert code == 0 and "Occupation Data.txt" in report["loaded"] and report["embeddings"] == {}
    assert report["version"] in ("30.0", "99.1")  # from the zip's top folder
    db = app_paths(home).ontology_db
    assert db.is_file()
    assert [p.name for p in db.parent.iterdir()] == ["onet.sqlite"]  # zip and temp files gone

    code, out = run(home, "--json", "onet", "status", capsys=capsys)
    status = json.loads(out)
    assert status["imported"] is True and "CC BY 4.0" in status["attribution"]
    assert status["counts"]["occupation"] >= 5

    code, out = run(home, "onet", "status", capsys=capsys)
    assert "USDOL/ETA" in out and "Embeddings: none" in out

    first = "Software Developers" if any_release.name == "db_30_0_text" else "Spell Software Developers"
    code, out = run(home, "--json", "onet", "search", "software", "developer", capsys=capsys)
    hits = json.loads(out)
    assert hits and hits[0]["title"] == first and hits[0]["semantic"] is None

    code, out = run(home, "--json", "onet", "occupation", hits[0]["code"], capsys=capsys)
    occ = json.loads(out)
    assert occ["code"] == hits[0]["code"] and occ["technology_skills"]

    code, out = run(home, "onet", "occupation", hits[0]["code"], capsys=capsys)
    assert first in out and "Technology skills" in out and "[hot]" in out

    code, out = run(home, "--json", "onet", "title", "Sr.", "Software", "Developer", "II", capsys=capsys)
    assert json.loads(out)[0]["code"] == hits[0]["code"]

    with pytest.raises(NotFound):
        run(home, "onet", "occupation", "00-0000.00", capsys=capsys)


def test_cli_errors_are_vita_errors(tmp_path: Path, server: str, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    with pytest.raises(OntologyMissing) as missing:
        run(home, "onet", "search", "nurse", capsys=capsys)
    assert missing.value.hint and "vita onet download" in missing.value.hint
    with pytest.raises(InvalidInput):
        run(home, "onet", "import", str(tmp_path), "--no-embed", capsys=capsys)
    with pytest.raises(OntologyError):
        run(home, "onet", "download", "--url", f"{server}/missing.zip", capsys=capsys)


def test_cli_import_folder_with_embeddings(tmp_path: Path, fictional_dir: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    code, out = run(home, "--json", "onet", "import", str(fictional_dir), capsys=capsys)
    assert code == 0 and json.loads(out)["embeddings"]["alt_title"] == 9
    code, out = run(home, "--json", "onet", "search", "spaceship", "route", "planner", capsys=capsys)
    hits = json.loads(out)
    assert hits[0]["code"] == "99-1001.00" and hits[0]["semantic"] > 0.45


def test_download_can_be_cancelled(tmp_path: Path, server: str) -> None:
    seen: list[ImportProgress] = []
    with pytest.raises(ImportCancelled):
        download_release(f"{server}/release.zip", tmp_path / "r.zip", progress=seen.append,
                         cancel=lambda: len(seen) >= 1)
    assert len(seen) == 1 and seen[0].done == 0
    assert list(tmp_path.iterdir()) == []
