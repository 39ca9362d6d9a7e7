"""Command line interface (the only layer that imports click)."""

from charitychain.cli.main import cli, main

__all__ = ["cli", "main"]
