"""Shared CLI plumbing: context object, option decorators, error boundary, output."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import click

from charitychain.config import ProjectConfig, find_project_root, load_config
from charitychain.errors import CharityChainError

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class AppContext:
    """Per-invocation state shared by every command (`@pass_app`)."""

    project: Path | None = None
    json_output: bool = False
    _config: ProjectConfig | None = field(default=None, repr=False)

    @property
    def config(self) -> ProjectConfig:
        if self._config is None:
            self._config = load_config(self.project or find_project_root())
        return self._config

    @property
    def root(self) -> Path:
        return self.config.root

    def emit(self, record: dict[str, Any], text: str) -> None:
        """Print one JSON object with --json, else the human-readable text."""
        if self.json_output:
            click.echo(json.dumps(record, sort_keys=True, default=str))
        else:
            click.echo(text)


pass_app = click.make_pass_decorator(AppContext, ensure=True)


def json_option(func: F) -> F:
    def callback(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
        if value:
            ctx.ensure_object(AppContext).json_output = True
        return value

    decorated: F = click.option(
        "--json",
        "json_flag",
        is_flag=True,
        expose_value=False,
        callback=callback,
        help="Print one machine-readable JSON object.",
    )(func)
    return decorated


def chain_option(func: F) -> F:
    decorated: F = click.option(
        "--chain",
        type=click.Choice(["anvil", "ganache"]),
        default="anvil",
        show_default=True,
        help="Which local chain.",
    )(func)
    return decorated


def port_option(func: F) -> F:
    decorated: F = click.option(
        "--port", type=click.IntRange(1, 65535), default=None, help="RPC port (default per chain)."
    )(func)
    return decorated


def handle_errors(func: F) -> F:
    """Turn CharityChainError into click.ClickException: non-zero exit, no traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except CharityChainError as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper  # type: ignore[return-value]
