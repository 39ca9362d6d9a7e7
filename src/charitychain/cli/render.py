"""Turning service records into JSON-ready dicts and human tables."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any


def plain(value: Any) -> Any:
    """JSON-ready form of a record (imported late: `--help` must not load web3)."""
    from charitychain.trace.report import plain as report_plain

    return report_plain(value)


def when(timestamp: int) -> str:
    """A chain timestamp as a local date and time."""
    if timestamp == 0:
        return "-"
    return datetime.fromtimestamp(timestamp).astimezone().strftime("%Y-%m-%d %H:%M %Z")


def units(amount: int, decimals: int, symbol: str) -> str:
    from charitychain.services.inputs import format_amount

    return f"{format_amount(amount, decimals)} {symbol}"


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    cells = [[str(h) for h in headers], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def pairs(items: Sequence[tuple[str, Any]]) -> str:
    width = max(len(k) for k, _ in items)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in items)
