"""Test helpers shared by every test package."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from eth_abi import decode
from eth_utils import keccak
from web3.contract import Contract
from web3.exceptions import ContractCustomError, ContractLogicError

ANY = object()  # placeholder argument in expect_revert: matches any value


def _type_of(param: dict[str, Any]) -> str:
    kind = str(param["type"])
    if kind.startswith("tuple"):
        inner = ",".join(_type_of(c) for c in param["components"])
        return f"({inner}){kind[5:]}"
    return kind


def error_signatures(abi: Sequence[dict[str, Any]]) -> dict[bytes, tuple[str, list[str]]]:
    """4-byte selector -> (error name, argument types) for every custom error in `abi`."""
    table: dict[bytes, tuple[str, list[str]]] = {}
    for item in abi:
        if item.get("type") == "error":
            types = [_type_of(p) for p in item.get("inputs", [])]
            selector = keccak(text=f"{item['name']}({','.join(types)})")[:4]
            table[selector] = (str(item["name"]), types)
    return table


def decode_custom_error(
    abi: Sequence[dict[str, Any]], data: str | bytes
) -> tuple[str, tuple[Any, ...]]:
    """(name, args) of the custom error in revert `data` ("0x" + selector + args)."""
    raw = (
        bytes.fromhex(data[2:] if data.startswith("0x") else data)
        if isinstance(data, str)
        else data
    )
    table = error_signatures(abi)
    selector = raw[:4]
    if selector not in table:
        raise AssertionError(f"revert data {raw.hex()} matches no error in the ABI")
    name, types = table[selector]
    return name, tuple(decode(types, raw[4:]))


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
