"""Loading a deployment's history for trace commands, with a progress bar on a terminal."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from charitychain.cli.context import AppContext
    from charitychain.indexer.sync import History

PROGRESS_AFTER = 1.0  # seconds: quick scans stay silent


def load_history(app: AppContext, confirmations: int) -> History:
    from charitychain.indexer.store import LogStore
    from charitychain.indexer.sync import cache_path, sync

    suite = app.suite()
    store = LogStore(cache_path(app.config.state_dir, suite))
    started = time.monotonic()
    interactive = sys.stderr.isatty() and not app.json_output
    shown = {"last": 0.0}

    def progress(done: int, total: int) -> None:
        elapsed = time.monotonic() - started
        if not interactive or elapsed < PROGRESS_AFTER or elapsed - shown["last"] < 0.1:
            return
        shown["last"] = elapsed
        width = 30
        filled = width * done // max(total, 1)
        bar = "#" * filled + "-" * (width - filled)
        click.echo(f"\rscanning blocks [{bar}] {done}/{total}", nl=False, err=True)

    try:
        history = sync(suite, store, confirmations=confirmations, progress=progress)
    finally:
        store.close()
    if interactive and shown["last"]:
        click.echo("", err=True)
    return history
