"""Deploying the suite and recording where it lives."""

from __future__ import annotations

from pathlib import Path

from web3 import Web3

from charitychain.contracts.artifacts import load_artifact
from charitychain.contracts.suite import Deployment, record_deployment
from charitychain.services.transact import Signer, deploy_contract

DEFAULT_ADMIN_DELAY = 2 * 24 * 3600  # seconds before an admin transfer can be accepted
DEFAULT_GRACE = 14 * 24 * 3600  # seconds after a due date before anyone may cancel


def deploy_suite(
    w3: Web3,
    signer: Signer,
    *,
    root: Path | None = None,
    admin_delay: int = DEFAULT_ADMIN_DELAY,
    grace: int = DEFAULT_GRACE,
) -> Deployment:
    """Deploy registry, escrow and ledger with `signer` as admin; record them under `root`."""
    registry = deploy_contract(
        w3, load_artifact("CharityRegistry"), (signer.address, admin_delay), signer
    )
    escrow = deploy_contract(w3, load_artifact("CharityEscrow"), (registry, grace), signer)
    ledger = deploy_contract(w3, load_artifact("ProjectLedger"), (registry, escrow), signer)
    deployment = Deployment(w3.eth.chain_id, registry, escrow, ledger)
    if root is not None:
        record_deployment(root, deployment)
    return deployment
