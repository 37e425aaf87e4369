"""One desktop window per data folder: a second launch hands its files to the first and quits.

A QLocalServer named after the data folder listens in the first instance; a later `vita FILE...`
connects, sends the file paths as one JSON line, and the first window comes to the front and
ingests them. Two windows on one profile could otherwise swap the vault under each other.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

CONNECT_MS = 1000


def server_name(data_root: Path) -> str:
    """A per-user, per-folder name (a local socket under the runtime dir on Linux)."""
    digest = hashlib.sha256(str(data_root.resolve()).encode("utf-8")).hexdigest()[:16]
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return f"vita-{uid}-{digest}"


def forward_to_running(name: str, files: list[Path]) -> bool:
    """Send `files` to a running instance; False when none answers (this one becomes the first)."""
    sock = QLocalSocket()
    sock.connectToServer(name)
    if not sock.waitForConnected(CONNECT_MS):
        return False
    sock.write((json.dumps({"files": [str(f.resolve()) for f in files]}) + "\n").encode("utf-8"))
    sock.waitForBytesWritten(CONNECT_MS)
    sock.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """The first instance's end: emits `files_received` (possibly empty: just come forward)."""

    files_received = Signal(list)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self.server.listen(name):
            QLocalServer.removeServer(name)  # a socket left by a crashed instance
            self.server.listen(name)
        self.server.newConnection.connect(self._accept)

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(sock.deleteLater)

    def _read(self, sock: QLocalSocket) -> None:
        if not sock.canReadLine():
            return
        try:
            data = json.loads(bytes(sock.readLine().data()).decode("utf-8"))
            files = [Path(f) for f in data.get("files", []) if isinstance(f, str)]
        except (ValueError, AttributeError):
            files = []
        self.files_received.emit(files)

    def close(self) -> None:
        self.server.close()
