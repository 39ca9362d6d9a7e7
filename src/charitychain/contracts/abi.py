"""ABI type strings as eth_abi and selectors want them (tuples spelled out)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def type_string(param: Mapping[str, Any]) -> str:
    """'uint256', or '(address,uint16)[]' for a struct array."""
    kind = str(param["type"])
    if kind.startswith("tuple"):
        inner = ",".join(type_string(c) for c in param.get("components", []))
        return f"({inner}){kind[len('tuple') :]}"
    return kind


def signature(item: Mapping[str, Any]) -> str:
    """'Name(type,...)' for an event, error or function ABI entry."""
    return f"{item['name']}({','.join(type_string(p) for p in item.get('inputs', []))})"
