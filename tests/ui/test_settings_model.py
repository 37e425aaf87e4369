"""Settings ▸ Interview language model: fields, Test connection against a real server on 127.0.0.1,
the loopback rule, and Save writing the same settings file `vita interview --model` writes."""

from __future__ import annotations

import os
import socket
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt

from app.paths import app_paths
from app.settings import Settings, store_model_settings
from tests.core.interview.model_server import Replay, model_server
from tests.ui.conftest import settle


def test_language_model_fields_test_connection_and_save(qtbot, open_window, session) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    settings_file = app_paths(Path(os.environ["VITA_HOME"])).ensure().settings_file
    session.model_settings_saver = partial(store_model_settings, settings_file)  # as app.session wires it
    page = w.show_view("Settings")
    settle(qtbot, w)
    card = page.language_model
    assert (card.endpoint.text(), card.model_name.text(), card.allow_remote.isChecked()) == ("", "", False)
    assert card.status.text() == "Off." and card.endpoint.accessibleName() and card.test_button.accessibleName()

    def says(start: str) -> None:  # the card's own operation finished (other pages may still be busy)
        qtbot.waitUntil(lambda: card.test_button.isEnabled() and card.status.text().startswith(start), timeout=10_000)

    replay = Replay()
    replay.content = "OK"
    with model_server(replay) as url:
        card.endpoint.setText(url)
        card.model_name.setText("tiny")
        qtbot.mouseClick(card.test_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: card.status.text().startswith("Connected"), timeout=10_000)
        assert card.status.text() == "Connected: the model answered “OK”."
        assert replay.requests[-1]["body"]["model"] == "tiny"
        assert not settings_file.exists() or Settings.load(settings_file).llm_endpoint == ""  # a test saves nothing

        # another computer's address is refused unless allowed, and nothing is asked
        card.endpoint.setText("http://192.0.2.10:8080/v1")
        asked = len(replay.requests)
        card.test_button.click()
        says("Connection failed: The language model must run on this machine")
        card.save_button.click()
        says("Not saved:")
        assert session.model_settings.endpoint == ""
        assert len(replay.requests) == asked

        # save the local one: the settings file and the session hold it, the running interview uses it
        w.show_interview()
        qtbot.waitUntil(lambda: w.interview_panel.engine is not None, timeout=15_000)
        assert w.interview_panel.engine.model is None
        card.endpoint.setText(url)
        card.save_button.click()
        says("Saved.")
        assert card.status.text() == f"Saved. The interview uses {url}."
        stored = Settings.load(settings_file)
        assert (stored.llm_endpoint, stored.llm_model, stored.llm_allow_remote) == (url, "tiny", False)
        assert session.model_settings == stored.language_model()
        assert w.interview_panel.engine.model is not None and w.interview_panel.engine.model.url.startswith(url)
        if os.environ.get("VITA_SHOTS"):
            w.resize(1100, 1300)
            qtbot.wait(100)
            card.grab().save(str(Path(os.environ["VITA_SHOTS"]) / "settings_language_model.png"))
            w.grab().save(str(Path(os.environ["VITA_SHOTS"]) / "settings_page.png"))

    # nothing listens there any more: the typed error says so
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    card.endpoint.setText(f"http://127.0.0.1:{closed}/v1")
    card.test_button.click()
    says("Connection failed:")
    assert card.status.text() == "Connection failed: The language model did not answer (connection refused)."
    if os.environ.get("VITA_SHOTS"):
        card.grab().save(str(Path(os.environ["VITA_SHOTS"]) / "settings_language_model_refused.png"))

    # an empty address turns it off
    card.endpoint.clear()
    card.save_button.click()
    says("Saved.")
    assert card.status.text() == "Saved. The interview uses no language model."
    assert Settings.load(settings_file).llm_endpoint == "" and w.interview_panel.engine.model is None
