"""Deploy CharityRegistry, CharityEscrow and ProjectLedger; print their addresses.

Two ways to run it:
- `brownie run scripts/deploy.py --network development` (make brownie-test, .venv-brownie):
  brownie calls `main()`, which deploys with `accounts[0]` through brownie's containers.
- `.venv/bin/python scripts/deploy.py [--network local]`: the charitychain library deploys
  with dev account 0 of the node and records the suite in build/deployments/map.json.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from types import ModuleType

brownie: ModuleType | None
try:  # only importable in the brownie virtualenv
    import brownie
except ImportError:
    brownie = None

ROOT = Path(__file__).resolve().parents[1]
ADMIN_DELAY = 2 * 24 * 3600  # seconds; charitychain.services.deploy.DEFAULT_ADMIN_DELAY
GRACE = 14 * 24 * 3600  # seconds; charitychain.services.deploy.DEFAULT_GRACE


def deploy_with_brownie() -> dict[str, str]:
    """Deploy through brownie's project containers with accounts[0] as admin."""
    from brownie import CharityEscrow, CharityRegistry, ProjectLedger, accounts

    if not accounts:
        raise SystemExit("error: brownie has no account on this network; add one first")
    admin = accounts[0]
    registry = CharityRegistry.deploy(admin, ADMIN_DELAY, {"from": admin})
    escrow = CharityEscrow.deploy(registry, GRACE, {"from": admin})
    ledger = ProjectLedger.deploy(registry, escrow, {"from": admin})
    return {
        "CharityRegistry": registry.address,
        "CharityEscrow": escrow.address,
        "ProjectLedger": ledger.address,
    }


def deploy_with_charitychain(network: str) -> dict[str, str]:
    """Deploy through the charitychain library with the node's dev account 0; record it."""
    from web3 import Web3

    from charitychain.chain.connect import connect, is_dev_chain
    from charitychain.config import load_config
    from charitychain.services.deploy import deploy_suite
    from charitychain.services.transact import Signer

    cfg = load_config(ROOT)
    url = cfg.network(network).rpc_url()
    if url is None:
        raise SystemExit(f"error: network {network!r} has no RPC URL; pick an HTTP network")
    w3 = connect(url)
    if not is_dev_chain(w3) or not w3.eth.accounts:
        raise SystemExit(f"error: {url} is not a dev chain with unlocked accounts")
    signer = Signer(Web3.to_checksum_address(w3.eth.accounts[0]))
    deployment = deploy_suite(w3, signer, root=cfg.root)
    print(f"Recorded in {cfg.root / 'build' / 'deployments' / 'map.json'}")
    return dict(deployment.addresses())


def main(argv: list[str] | None = None) -> None:
    """`brownie run` entry point; also the plain-python one (see the module docstring)."""
    if brownie is not None and brownie.network.is_connected():
        addresses = deploy_with_brownie()
    else:
        parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
        parser.add_argument("--network", default="local", help="network in brownie-config.yaml")
        args = parser.parse_args(argv)
        from charitychain.errors import CharityChainError

        try:
            addresses = deploy_with_charitychain(args.network)
        except CharityChainError as exc:
            raise SystemExit(f"error: {exc}") from None
    for name, address in addresses.items():
        print(f"{name}: {address}")


if __name__ == "__main__":
    main(sys.argv[1:])
