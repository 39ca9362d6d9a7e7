"""Test helpers shared by every test package."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from web3.contract import Contract
from web3.exceptions import ContractCustomError, ContractLogicError

from charitychain.contracts.revert import ErrorDecoder

ANY = object()  # placeholder argument in expect_revert: matches any value


def decode_custom_error(
    abi: Sequence[dict[str, Any]], data: str | bytes
) -> tuple[str, tuple[Any, ...]]:
    """(name, args) of the custom error in revert `data` ("0x" + selector + args)."""
    decoded = ErrorDecoder([abi]).decode(data)
    if decoded is None or not decoded.name:
        raise AssertionError(f"revert data {data!r} matches no error in the ABI")
    return decoded.name, decoded.args


@dataclass
class RevertInfo:
    name: str | None = None
    args: tuple[Any, ...] = field(default_factory=tuple)


@contextmanager
def expect_revert(
    error_name: str, *args: Any, abi: Sequence[dict[str, Any]] | Contract | None = None
) -> Iterator[RevertInfo]:
    """Assert the block reverts with custom error `error_name(*args)`.

    web3 8 raises ContractCustomError (its `.data` is the 0x-hex revert data) when a call or
    the gas estimate of a transaction reverts with a custom error; Error(string) reverts raise
    ContractLogicError with the reason in the message (then `error_name` is matched against it).
    Pass `abi=` (an ABI list or a Contract) to decode; args given as ANY match any value.
    """
    info = RevertInfo()
    abi_list: Sequence[dict[str, Any]] = (
        [] if abi is None else list(abi.abi) if isinstance(abi, Contract) else abi  # type: ignore[arg-type]
    )
    try:
        yield info
    except ContractCustomError as exc:
        data = exc.data if isinstance(exc.data, str) else str(exc.message)
        name, decoded = decode_custom_error(abi_list, data)
        info.name, info.args = name, decoded
        assert name == error_name, f"reverted with {name}{decoded}, expected {error_name}{args}"
        if args:
            assert len(decoded) == len(args), f"{name}: got args {decoded}, expected {args}"
            for got, want in zip(decoded, args, strict=True):
                if want is ANY:
                    continue
                if isinstance(want, str) and isinstance(got, str):
                    assert got.lower() == want.lower(), f"{name}: got {decoded}, expected {args}"
                else:
                    assert got == want, f"{name}: got args {decoded}, expected {args}"
    except ContractLogicError as exc:
        info.name = str(exc.message)
        assert error_name in str(exc.message), (
            f"reverted with {exc.message!r}, expected {error_name}"
        )
    else:
        raise AssertionError(f"expected a revert with {error_name}{args}, but nothing reverted")
