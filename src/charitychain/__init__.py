"""charitychain: transparent charity giving on Ethereum."""

from charitychain.errors import CharityChainError

__all__ = ["CharityChainError", "__version__"]
__version__ = "0.1.0"
