"""An in-process chain (eth-tester + py-evm): no node process needed."""

from __future__ import annotations

from typing import Any

from web3 import Web3
from web3.providers.eth_tester import EthereumTesterProvider

from charitychain.chain.connect import tune_provider
from charitychain.config import DEFAULT_MNEMONIC

EMBEDDED_CHAIN_ID = 131277322940537  # eth-tester's default
DEV_HD_PATH = "m/44'/60'/0'/0"  # same accounts as anvil and ganache for the same mnemonic


def embedded_web3(mnemonic: str = DEFAULT_MNEMONIC, accounts: int = 10) -> Web3:
    """Web3 over py-evm (latest fork it supports: prague, so shanghai code runs) with
    `accounts` prefunded, unlocked dev accounts derived from `mnemonic`."""
    from eth_tester import EthereumTester, PyEVMBackend

    backend: Any = PyEVMBackend.from_mnemonic(mnemonic, num_accounts=accounts, hd_path=DEV_HD_PATH)
    provider = EthereumTesterProvider(EthereumTester(backend))
    tune_provider(provider)
    return Web3(provider)
