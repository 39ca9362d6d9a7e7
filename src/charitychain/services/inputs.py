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


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_duration(text: str, what: str = "duration") -> int:
    """'3600', '90m', '12h', '3d', '2w' → seconds."""
    value = text.strip().lower()
    scale = _UNITS.get(value[-1:])
    number = value[:-1] if scale else value
    if not number.isdigit():
        raise InvalidInput(f"{what} {text!r} is not a duration like 3600, 90m, 12h, 3d or 2w")
    return int(number) * (scale or 1)


def parse_time(text: str, now: int, what: str = "time") -> int:
    """'+30d' (from the chain's now), a unix timestamp, or an ISO date/time (UTC if no zone)."""
    value = text.strip()
    if value.startswith("+"):
        return now + parse_duration(value[1:], what)
    if value.isdigit():
        return int(value)
    from datetime import UTC, datetime

    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            f"{what} {text!r} is not +DURATION, a unix timestamp or an ISO date (2027-01-31)"
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return int(parsed.timestamp())


def parse_bps(text: str, what: str = "share") -> int:
    """'20%' or '2000' (basis points) → basis points."""
    value = text.strip()
    try:
        bps = round(Decimal(value[:-1]) * 100) if value.endswith("%") else int(value)
    except (InvalidOperation, ValueError):
        raise InvalidInput(f"{what} {text!r} is not a percentage (20%) or basis points") from None
    if not 0 < bps <= 10_000:
        raise InvalidInput(f"{what} must be between 0.01% and 100%, got {text!r}")
    return int(bps)


def parse_hash(text: str, what: str = "hash") -> bytes:
    value = text.strip().removeprefix("0x")
    if len(value) != 64:
        raise InvalidInput(f"{what} {text!r} is not 32 bytes of hex (0x + 64 hex digits)")
    try:
        return bytes.fromhex(value)
    except ValueError:
        raise InvalidInput(f"{what} {text!r} is not hex") from None
