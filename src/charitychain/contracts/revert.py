"""Revert data → the contract's named error with its arguments (pure, no RPC)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from eth_abi.abi import decode
from eth_abi.exceptions import DecodingError
from eth_utils.abi import function_signature_to_4byte_selector
from eth_utils.address import to_checksum_address

from charitychain.contracts.abi import type_string

_ERROR_STRING = bytes.fromhex("08c379a0")  # Error(string)
_PANIC = bytes.fromhex("4e487b71")  # Panic(uint256)
_PANIC_REASONS = {
    0x01: "assertion failed",
    0x11: "arithmetic overflow or underflow",
    0x12: "division by zero",
    0x21: "invalid enum value",
    0x32: "array index out of bounds",
    0x41: "out of memory",
}


@dataclass(frozen=True)
class DecodedError:
    """A revert reason: custom error name and arguments, or Error(string)/Panic(uint256)."""

    name: str
    args: tuple[Any, ...]
    arg_names: tuple[str, ...] = ()

    def __str__(self) -> str:
        if self.name == "Error" and self.args:
            return f"reverted: {self.args[0]}"
        if self.name == "Panic" and self.args:
            code = int(self.args[0])
            return f"Panic(0x{code:02x}: {_PANIC_REASONS.get(code, 'unknown panic')})"
        if self.name == "":
            return "reverted without a reason"
        parts = []
        for i, value in enumerate(self.args):
            label = self.arg_names[i] if i < len(self.arg_names) and self.arg_names[i] else ""
            shown = _show(value)
            parts.append(f"{label}={shown}" if label else shown)
        return f"{self.name}({', '.join(parts)})"


def _show(value: Any) -> str:
    if isinstance(value, bytes):
        return "0x" + value.hex()
    return str(value)


@dataclass(frozen=True)
class _ErrorSpec:
    name: str
    types: tuple[str, ...]
    names: tuple[str, ...]


class ErrorDecoder:
    """Knows every custom error of a set of ABIs, keyed by 4-byte selector."""

    def __init__(self, abis: Iterable[Iterable[Mapping[str, Any]]]) -> None:
        self._specs: dict[bytes, _ErrorSpec] = {}
        for abi in abis:
            for item in abi:
                if item.get("type") != "error":
                    continue
                inputs = item.get("inputs", [])
                types = tuple(type_string(p) for p in inputs)
                signature = f"{item['name']}({','.join(types)})"
                selector = function_signature_to_4byte_selector(signature)
                names = tuple(str(p.get("name", "")) for p in inputs)
                self._specs[selector] = _ErrorSpec(str(item["name"]), types, names)

    def decode(self, data: bytes | str | None) -> DecodedError | None:
        """Decode revert data; None when the selector is unknown or the data malformed."""
        raw = _to_bytes(data)
        if not raw:
            return DecodedError("", ())
        selector, body = raw[:4], raw[4:]
        try:
            if selector == _ERROR_STRING:
                return DecodedError("Error", tuple(decode(["string"], body)), ("reason",))
            if selector == _PANIC:
                return DecodedError("Panic", tuple(decode(["uint256"], body)), ("code",))
            spec = self._specs.get(selector)
            if spec is None:
                return None
            values = decode(list(spec.types), body)
            shown = tuple(
                to_checksum_address(v) if t == "address" else v
                for t, v in zip(spec.types, values, strict=True)
            )
            return DecodedError(spec.name, shown, spec.names)
        except (DecodingError, ValueError):
            return None


def _to_bytes(data: bytes | str | None) -> bytes:
    if data is None:
        return b""
    if isinstance(data, bytes):
        return data
    text = data[2:] if data.startswith("0x") else data
    try:
        return bytes.fromhex(text)
    except ValueError:
        return b""
