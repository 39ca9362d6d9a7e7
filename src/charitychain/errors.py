"""One exception root for the package; every message says what happened and what to do."""

from __future__ import annotations

SETUP_HINT = "run `make setup` in the project root"


class CharityChainError(Exception):
    """Root of every error charitychain raises on purpose."""


class ConfigError(CharityChainError):
    """The project or its brownie-config.yaml could not be found or read."""


class ToolchainError(CharityChainError):
    """A tool the project needs (node, solc, node_modules) is missing or broken."""


class CompilerError(CharityChainError):
    """Solidity sources failed to compile; the message names file:line:column."""


class ArtifactError(CharityChainError):
    """A compiled contract artifact is missing or unreadable."""


class NodeError(CharityChainError):
    """A local chain process could not be started, reached or stopped."""


class ChainConnectionError(CharityChainError):
    """An RPC endpoint did not answer."""


class TransactionFailed(CharityChainError):
    """A transaction was mined but reverted (receipt status 0)."""


class OutcomeUnknown(CharityChainError):
    """A transaction was sent but its outcome could not be seen (timeout, node gone).

    It may still be mined: this is not a failure. `tx_hash` says which transaction to check.
    """

    def __init__(self, message: str, tx_hash: str) -> None:
        super().__init__(message)
        self.tx_hash = tx_hash
