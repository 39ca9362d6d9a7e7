"""Fixtures for library tests: a private keystore directory per test, fast KDF, no chain."""

from __future__ import annotations

from pathlib import Path

import pytest

from charitychain import keys


@pytest.fixture
def keystore(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A keystore directory that does not exist yet; keys use the fast test KDF."""
    directory = tmp_path / "keystores"
    monkeypatch.setenv(keys.KEYSTORE_DIR_ENV, str(directory))
    monkeypatch.setenv(keys.FAST_KDF_ENV, "1")
    monkeypatch.delenv(keys.PASSPHRASE_ENV, raising=False)
    return directory
