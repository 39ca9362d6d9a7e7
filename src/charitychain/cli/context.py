"""Shared CLI plumbing: context object, option decorators, error boundary, output."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from charitychain.config import ProjectConfig, find_project_root, load_config
from charitychain.errors import CharityChainError

if TYPE_CHECKING:
    from charitychain.chain.network import Network
    from charitychain.contracts.suite import Suite
    from charitychain.services.session import Session
    from charitychain.services.transact import Signer

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class AppContext:
    """Per-invocation state shared by every command (`@pass_app`)."""

    project: Path | None = None
    json_output: bool = False
    network_name: str | None = None
    rpc_url: str | None = None
    chain_id: int | None = None
    account: str | None = None
    password_file: Path | None = None
    assume_yes: bool = False
    confirmations: int = 0
    _config: ProjectConfig | None = field(default=None, repr=False)
    _network: Any = field(default=None, repr=False)
    _suite: Any = field(default=None, repr=False)

    def network(self) -> Network:
        """The connected network (started when local), chain id already checked."""
        if self._network is None:
            from charitychain.chain.network import open_network

            self._network = open_network(
                self.config, self.network_name, self.rpc_url, self.chain_id
            )
        network: Network = self._network
        return network

    def suite(self) -> Suite:
        """The suite recorded for the connected chain id."""
        if self._suite is None:
            from charitychain.contracts.suite import bind, load_deployment

            network = self.network()
            self._suite = bind(network.w3, load_deployment(self.root, network.chain_id))
        suite: Suite = self._suite
        return suite

    def signer(self) -> Signer:
        from charitychain.cli.signing import resolve_signer

        return resolve_signer(self, self.network())

    def session(self) -> Session:
        """Suite + signer + confirmation prompt (non-dev chains, unless --yes)."""
        from charitychain.cli.signing import confirm_prompt
        from charitychain.services.journal import Journal
        from charitychain.services.session import Session

        network = self.network()
        confirm = None if (network.is_dev or self.assume_yes) else confirm_prompt
        journal = Journal.for_chain(self.config.state_dir, network.chain_id)
        return Session(self.suite(), self.signer(), self.confirmations, confirm, journal)

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
