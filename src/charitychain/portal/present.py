"""Formatting for the pages: the Jinja environment and its filters (amounts, dates, links).

Amounts are exact token units with the symbol (never fiat); the base units ride along in
`data-units`. Dates are written in UTC inside <time datetime=…>; static/portal.js rewrites
them in the reader's local time zone (without script they stay UTC, labelled so).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from charitychain.services.inputs import format_amount
from charitychain.services.views import Asset
from charitychain.trace.html import bytes32_text, short


def money(units: int, asset: Asset, ident: str | None = None) -> Markup:
    attr = Markup(' id="{}"').format(ident) if ident else ""
    return Markup('<span{} class="amount" data-units="{}">{} {}</span>').format(
        attr, units, format_amount(units, asset.decimals), asset.symbol
    )


def units_text(units: int, asset: Asset) -> str:
    return f"{format_amount(units, asset.decimals)} {asset.symbol}"


def when(timestamp: int | None) -> Markup:
    if not timestamp:
        return Markup("—")
    try:
        moment = datetime.fromtimestamp(timestamp, UTC)
    except (OverflowError, OSError, ValueError):
        return Markup("<span>{}</span>").format(timestamp)
    return Markup('<time datetime="{}" data-local>{} UTC</time>').format(
        moment.strftime("%Y-%m-%dT%H:%M:%SZ"), moment.strftime("%Y-%m-%d %H:%M")
    )


def hexb(value: bytes | None) -> str:
    return "" if value is None else "0x" + value.hex()


def arg(value: object) -> str:
    """An event argument as emitted: bytes as 0x hex, structs and lists as JSON."""
    from charitychain.trace.report import plain

    shown = plain(value)
    return shown if isinstance(shown, str) else json.dumps(shown)


def tx_link(tx: str) -> Markup:
    return Markup('<a class="mono hash" href="/tx/{}" title="{}">{}</a>').format(
        tx, tx, short_hash(tx)
    )


def short_hash(value: str) -> str:
    return value if len(value) <= 18 else f"{value[:10]}…{value[-6:]}"


def addr(address: str, donors: object = None) -> Markup:
    """An address in full; linked to its donor page when it has donated."""
    code = Markup('<code class="mono addr">{}</code>').format(address)
    if donors is not None and address in donors:  # type: ignore[operator]
        return Markup('<a href="/donors/{}">{}</a>').format(address, code)
    return code


def badge(state: str, label: str | None = None) -> Markup:
    return Markup('<span class="badge state-{}">{}</span>').format(
        state.lower().replace(" ", "-"), label or state
    )


def percent(bps: int) -> str:
    return f"{bps / 100:g}%"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("charitychain.portal", "templates"),
        autoescape=select_autoescape(("html",), default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        money=money,
        arg=arg,
        units_text=units_text,
        when=when,
        hexb=hexb,
        tx_link=tx_link,
        short_hash=short_hash,
        addr=addr,
        badge=badge,
        percent=percent,
        label=bytes32_text,
        short=short,
    )
    env.globals.update(plural=plural, escape=escape)
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)
