"""The log cache: background writes are waited for by every later use, errors surface."""

from __future__ import annotations

from pathlib import Path

import pytest

from charitychain.indexer.decode import RawLog
from charitychain.indexer.store import LogStore


def log(block: int, index: int = 0) -> RawLog:
    return RawLog(
        "0x" + "11" * 20, ("0x" + "ab" * 32,), "0x", block, "0x" + "cd" * 32, "0x1", index
    )


def test_a_background_write_is_complete_before_the_store_is_read(tmp_path: Path) -> None:
    store = LogStore(tmp_path / "c.sqlite")
    store.append_later([((log(1), log(1, 1)), 5, "0xfive"), ((log(7),), 9, "0xnine")])
    assert store.cursor() == (9, "0xnine")
    assert [(entry.block_number, entry.log_index) for entry in store.logs()] == [
        (1, 0), (1, 1), (7, 0)
    ]  # fmt: skip
    store.close()
    reopened = LogStore(tmp_path / "c.sqlite")
    assert reopened.cursor() == (9, "0xnine") and len(reopened.logs()) == 3


def test_a_failed_background_write_is_raised_at_the_next_use(tmp_path: Path) -> None:
    store = LogStore(tmp_path / "c.sqlite")
    broken = RawLog("0x", (None,), "0x", 1, "0x", "0x", 0)  # type: ignore[arg-type]
    store.append_later([((broken,), 1, "0xone")])
    with pytest.raises(TypeError):
        store.cursor()
    assert store.cursor() is None  # the failed chunk left nothing behind
