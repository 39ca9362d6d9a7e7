"""Who signs (dev account or keystore) and the confirmation prompt on real networks."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click
from web3 import Web3

from charitychain.errors import CharityChainError
from charitychain.services.inputs import format_amount
from charitychain.services.transact import Preview, Signer

if TYPE_CHECKING:
    from charitychain.chain.network import Network
    from charitychain.cli.context import AppContext

DEV_PREFIX = "dev:"


def resolve_signer(app: AppContext, network: Network) -> Signer:
    """`--account dev:N` (dev chains only) or a keystore name; default dev:0 on dev chains."""
    spec = app.account or (f"{DEV_PREFIX}0" if network.is_dev else None)
    if spec is None:
        raise CharityChainError(
            f"{network.name} (chain id {network.chain_id}) is not a dev chain: choose a "
            "keystore with --account NAME (see `charitychain accounts list`)"
        )
    if spec.startswith(DEV_PREFIX):
        if not network.is_dev:
            raise CharityChainError(
                f"dev accounts exist only on dev chains; chain id {network.chain_id} is not one. "
                "Use a keystore: --account NAME"
            )
        index_text = spec[len(DEV_PREFIX) :]
        accounts = network.w3.eth.accounts
        if not index_text.isdigit() or int(index_text) >= len(accounts):
            raise CharityChainError(
                f"--account {spec}: the node has dev accounts dev:0 to dev:{len(accounts) - 1}"
            )
        return Signer(Web3.to_checksum_address(accounts[int(index_text)]))
    from charitychain import keys

    passphrase = _passphrase(app, spec)
    account = keys.unlock(spec, passphrase)
    return Signer(Web3.to_checksum_address(account.address), account)


def _passphrase(app: AppContext, name: str) -> str:
    from charitychain import keys

    if app.password_file is not None:
        return keys.read_passphrase_file(app.password_file)
    from_env = keys.passphrase_from_env()
    if from_env is not None:
        return from_env
    return str(click.prompt(f"Passphrase for keystore {name!r}", hide_input=True))


def confirm_prompt(preview: Preview) -> bool:
    """Show what will be sent and ask; used on non-dev chains unless --yes."""
    from charitychain.cli.render import plain

    args = ", ".join(repr(a) if isinstance(a, str) else str(a) for a in plain(preview.args))
    click.echo(
        f"About to call {preview.function}({args}) on {preview.contract}\n"
        f"  value {format_amount(preview.value)} ETH, gas limit {preview.gas:,}, "
        f"max fee {format_amount(preview.max_fee)} ETH",
        err=True,
    )
    return bool(click.confirm("Send this transaction?", default=False, err=True))
