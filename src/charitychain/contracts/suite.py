"""The deployed contract suite: deploying it, recording where, and binding it to a chain."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eth_typing import ChecksumAddress
from web3 import Web3
from web3.contract import Contract

from charitychain.contracts.artifacts import Artifact, load_artifact
from charitychain.contracts.revert import ErrorDecoder
from charitychain.errors import CharityChainError

SUITE = ("CharityRegistry", "CharityEscrow", "ProjectLedger")
MAP_FILE = Path("build") / "deployments" / "map.json"  # brownie's layout


class DeploymentNotFound(CharityChainError):
    """No suite is recorded for the connected chain id."""


@dataclass(frozen=True)
class Deployment:
    chain_id: int
    registry: ChecksumAddress
    escrow: ChecksumAddress
    ledger: ChecksumAddress

    def addresses(self) -> dict[str, ChecksumAddress]:
        return dict(zip(SUITE, (self.registry, self.escrow, self.ledger), strict=True))


@dataclass(frozen=True, eq=False)
class Suite:
    """Web3 contract objects for one deployment, plus a decoder for all their errors."""

    w3: Web3
    deployment: Deployment
    registry: Contract
    escrow: Contract
    ledger: Contract
    decoder: ErrorDecoder

    def by_name(self, name: str) -> Contract:
        return {"CharityRegistry": self.registry, "CharityEscrow": self.escrow}.get(
            name, self.ledger
        )


def suite_decoder(*extra_abis: list[dict[str, Any]]) -> ErrorDecoder:
    return ErrorDecoder([*(load_artifact(n).abi for n in SUITE), *extra_abis])


def bind(w3: Web3, deployment: Deployment) -> Suite:
    """Contract objects for a recorded deployment on the connected chain."""
    abis = {name: load_artifact(name).abi for name in SUITE}
    return Suite(
        w3=w3,
        deployment=deployment,
        registry=w3.eth.contract(address=deployment.registry, abi=abis["CharityRegistry"]),
        escrow=w3.eth.contract(address=deployment.escrow, abi=abis["CharityEscrow"]),
        ledger=w3.eth.contract(address=deployment.ledger, abi=abis["ProjectLedger"]),
        decoder=suite_decoder(),
    )


def artifact_factory(w3: Web3, artifact: Artifact) -> Any:
    return w3.eth.contract(abi=artifact.abi, bytecode=artifact.bytecode)


def record_deployment(root: Path, deployment: Deployment) -> Path:
    """Add the deployment to build/deployments/map.json (newest address first, as brownie)."""
    path = root / MAP_FILE
    data: dict[str, dict[str, list[str]]] = {}
    if path.is_file():
        data = json.loads(path.read_text(encoding="utf-8"))
    chain = data.setdefault(str(deployment.chain_id), {})
    for name, address in deployment.addresses().items():
        history = [a for a in chain.get(name, []) if a != address]
        chain[name] = [address, *history]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(path)  # atomic: a crash never leaves a half-written record
    return path


def load_deployment(root: Path, chain_id: int) -> Deployment:
    """The newest suite recorded for `chain_id`."""
    path = root / MAP_FILE
    data: dict[str, dict[str, list[str]]] = {}
    if path.is_file():
        data = json.loads(path.read_text(encoding="utf-8"))
    chain = data.get(str(chain_id), {})
    if not all(chain.get(name) for name in SUITE):
        raise DeploymentNotFound(
            f"No charitychain deployment is recorded for chain id {chain_id} in {path}; "
            "run `charitychain deploy` on this network first"
        )
    registry, escrow, ledger = (Web3.to_checksum_address(chain[name][0]) for name in SUITE)
    return Deployment(chain_id, registry, escrow, ledger)
