"""Opening a network by name or URL, and refusing the wrong chain before anything is signed."""

from __future__ import annotations

import os
from dataclasses import dataclass

from web3 import Web3

from charitychain.chain.connect import DEV_CHAIN_IDS, connect
from charitychain.config import ProjectConfig
from charitychain.errors import CharityChainError

RPC_URL_ENV = "CHARITYCHAIN_RPC_URL"


class WrongChain(CharityChainError):
    """The endpoint serves a different chain than the one asked for."""


@dataclass(frozen=True, eq=False)
class Network:
    name: str
    w3: Web3
    chain_id: int

    @property
    def is_dev(self) -> bool:
        return self.chain_id in DEV_CHAIN_IDS


def open_network(
    cfg: ProjectConfig,
    name: str | None = None,
    rpc_url: str | None = None,
    expected_chain_id: int | None = None,
) -> Network:
    """Connect to `rpc_url`, else the named network (`local` by default).

    Local anvil and ganache networks are started in the background when not running; the
    embedded network runs in this process. The chain id is checked against
    `expected_chain_id` (or the network's configured one) before the caller can sign.
    """
    url = rpc_url or (os.environ.get(RPC_URL_ENV) if name is None else None)
    if url:
        w3 = connect(url)
        label = url
        configured = None
    else:
        net = cfg.network(name or "local")
        label, configured = net.name, net.chain_id
        if net.kind == "embedded":
            from charitychain.chain.embedded import embedded_web3

            w3 = embedded_web3(cfg.dev_mnemonic)
        elif net.kind in ("anvil", "ganache"):
            from charitychain.chain.node import LocalNode

            status = LocalNode(cfg.root, net.kind).start(port=net.port)
            w3 = connect(status.url or "")
        else:
            net_url = net.rpc_url()
            if not net_url:
                hint = f"set {net.url_env}" if net.url_env else "give its url"
                raise CharityChainError(
                    f"Network {net.name!r} has no RPC URL: {hint} or pass --rpc-url"
                )
            w3 = connect(net_url)
    chain_id = int(w3.eth.chain_id)
    expected = expected_chain_id if expected_chain_id is not None else configured
    if expected is not None and chain_id != expected:
        raise WrongChain(
            f"{label} serves chain id {chain_id}, not the expected {expected}; check the "
            "network or RPC URL (nothing was signed)"
        )
    return Network(label, w3, chain_id)
