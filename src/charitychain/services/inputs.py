"""Parsing what people type: addresses and decimal amounts, with errors that say what to fix."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from eth_typing import ChecksumAddress
from eth_utils.address import is_checksum_address, is_hex_address, to_checksum_address

from charitychain.errors import CharityChainError

ETH_ADDRESS = "0x" + "00" * 20


class InvalidInput(CharityChainError):
    """A value given by the user cannot be used as it is."""


def parse_address(text: str, what: str = "address") -> ChecksumAddress:
    """A checksummed address; all-lowercase is accepted, a wrong mixed-case checksum is not."""
    value = text.strip()
    if not is_hex_address(value):
        raise InvalidInput(f"{what} {text!r} is not a 20-byte hex address (0x + 40 hex digits)")
    if value != value.lower() and not is_checksum_address(value):
        raise InvalidInput(
            f"{what} {text!r} has a wrong checksum (a typo?); did you mean "
            f"{to_checksum_address(value)}? Check it, then pass it again"
        )
    return to_checksum_address(value)


def parse_amount(text: str, decimals: int = 18, what: str = "amount") -> int:
    """'1.5' with 18 decimals → 1500000000000000000 base units; refuses excess precision."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise InvalidInput(f"{what} {text!r} is not a number") from None
    if not value.is_finite() or value <= 0:
        raise InvalidInput(f"{what} must be a positive number, got {text!r}")
    units = value.scaleb(decimals)
    if units != units.to_integral_value():
        raise InvalidInput(
            f"{what} {text!r} has more than {decimals} decimal places, the token's precision"
        )
    return int(units)


def format_amount(units: int, decimals: int = 18) -> str:
    """Base units → the shortest exact decimal ('1.5', '10', '0.000000000000000001')."""
    return f"{Decimal(units).scaleb(-decimals).normalize():f}"
