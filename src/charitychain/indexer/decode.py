"""Pure decoding of raw logs into event records: `(abi, log) -> record`.

Static fields are decoded straight from the 32-byte words of the hex data (the hot path:
a history is mostly DonationReceived logs); events with dynamic fields (strings, structs)
go through eth_abi.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from eth_abi.abi import decode as abi_decode
from eth_utils.address import to_checksum_address
from eth_utils.crypto import keccak

from charitychain.contracts.abi import signature, type_string


@dataclass(frozen=True)
class RawLog:
    """A log as eth_getLogs returns it (hex strings), independent of web3's formatting."""

    address: str
    topics: tuple[str, ...]
    data: str
    block_number: int
    block_hash: str
    tx_hash: str
    log_index: int

    @classmethod
    def from_rpc(cls, log: Mapping[str, Any]) -> RawLog:
        return cls(
            address=str(log["address"]),
            topics=tuple(str(t) for t in log["topics"]),
            data=str(log["data"]),
            block_number=int(log["blockNumber"], 16),
            block_hash=str(log["blockHash"]),
            tx_hash=str(log["transactionHash"]),
            log_index=int(log["logIndex"], 16),
        )


@dataclass(frozen=True)
class Event:
    """One decoded event; `args` maps ABI names to Python values (structs become dicts)."""

    name: str
    address: str
    block_number: int
    block_hash: str
    tx_hash: str
    log_index: int
    args: Mapping[str, Any]

    @property
    def position(self) -> tuple[int, int]:
        return (self.block_number, self.log_index)


_STATIC_PREFIXES = ("uint", "int", "address", "bool", "bytes")


@lru_cache(maxsize=65_536)
def _checksum(address: str) -> str:
    """Checksumming costs a keccak; a history repeats the same few thousand addresses."""
    return str(to_checksum_address(address))


def _is_static(kind: str) -> bool:
    return kind.startswith(_STATIC_PREFIXES) and kind not in ("bytes",) and "[" not in kind


def _word(kind: str, word: str) -> Any:
    """One 32-byte word (64 hex digits) as the Python value of a static ABI type."""
    if kind == "address":
        return _checksum("0x" + word[24:])
    if kind == "bool":
        return word[-1] == "1"
    if kind.startswith("uint"):
        return int(word, 16)
    if kind.startswith("int"):
        value = int(word, 16)
        return value - (1 << 256) if value >= 1 << 255 else value
    size = int(kind[5:])  # bytesN: left-aligned
    return bytes.fromhex(word[: 2 * size])


def _named(param: Mapping[str, Any], value: Any) -> Any:
    """eth_abi tuples → dicts keyed by component name, recursively."""
    kind = str(param["type"])
    if kind == "tuple":
        return {
            str(c["name"]): _named(c, v) for c, v in zip(param["components"], value, strict=True)
        }
    if kind.startswith("tuple["):
        element = {**param, "type": "tuple"}
        return [_named(element, v) for v in value]
    if kind == "address":
        return to_checksum_address(value)
    return value


@dataclass(frozen=True)
class _Spec:
    name: str
    indexed: tuple[Mapping[str, Any], ...]
    body: tuple[Mapping[str, Any], ...]
    static: bool


class EventDecoder:
    """Decodes the logs of a set of ABIs, keyed by topic 0 (the event signature hash)."""

    def __init__(self, abis: Iterable[Iterable[Mapping[str, Any]]]) -> None:
        self._specs: dict[str, _Spec] = {}
        for abi in abis:
            for item in abi:
                if item.get("type") != "event" or item.get("anonymous"):
                    continue
                topic = "0x" + keccak(text=signature(item)).hex()
                inputs = item.get("inputs", [])
                indexed = tuple(p for p in inputs if p.get("indexed"))
                body = tuple(p for p in inputs if not p.get("indexed"))
                static = all(_is_static(type_string(p)) for p in body)
                self._specs[topic] = _Spec(str(item["name"]), indexed, body, static)

    def topics(self) -> list[str]:
        return list(self._specs)

    def decode(self, log: RawLog) -> Event | None:
        """The decoded event, or None for a log no known ABI describes."""
        if not log.topics:
            return None
        spec = self._specs.get(log.topics[0].lower())
        if spec is None:
            return None
        args: dict[str, Any] = {}
        for param, topic in zip(spec.indexed, log.topics[1:], strict=True):
            kind = type_string(param)
            word = topic[2:].rjust(64, "0")
            # An indexed dynamic value is stored as its hash: keep the 32 bytes.
            args[str(param["name"])] = (
                _word(kind, word) if _is_static(kind) else bytes.fromhex(word)
            )
        data = log.data[2:]
        if spec.static:
            for i, param in enumerate(spec.body):
                args[str(param["name"])] = _word(str(param["type"]), data[64 * i : 64 * i + 64])
        else:
            values = abi_decode([type_string(p) for p in spec.body], bytes.fromhex(data))
            for param, value in zip(spec.body, values, strict=True):
                args[str(param["name"])] = _named(param, value)
        return Event(
            spec.name,
            _checksum(log.address.lower()),
            log.block_number,
            log.block_hash,
            log.tx_hash,
            log.log_index,
            args,
        )
