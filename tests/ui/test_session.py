"""The session asks the core profile store for profiles and keychain use (it never reads their files)."""

from __future__ import annotations

from core.session import Session
from tests.core.vault_kit import DictKeyring, keyring_backend
from tests.ui.conftest import PASSPHRASE, TINY_ARGON


def test_profiles_and_keychain_use_come_from_the_store(session: Session) -> None:
    assert not session.has_profiles() and session.profile_entries() == []
    zed, _ = session.store.create("zed Fictional", passphrase=PASSPHRASE, argon=TINY_ARGON)
    amy, _ = session.store.create("Amy Fictional", passphrase=PASSPHRASE, argon=TINY_ARGON)
    assert session.has_profiles()
    assert session.profile_entries() == [(amy.id, "Amy Fictional"), (zed.id, "zed Fictional")]
    assert not session.uses_keychain(amy.id) and not session.uses_keychain("no-such-profile")

    key = session.store.unlock(amy, passphrase=PASSPHRASE, use_keychain=False).key
    with keyring_backend(DictKeyring()):
        session.store.set_keychain(amy, key, True)
    assert session.uses_keychain(amy.id) and not session.uses_keychain(zed.id)
    amy.keys_path.unlink()  # the copy kept with the backups still says so
    assert session.uses_keychain(amy.id)
    amy.keys_copy_path.unlink()
    assert not session.uses_keychain(amy.id)  # no key file at all: ask for the passphrase
