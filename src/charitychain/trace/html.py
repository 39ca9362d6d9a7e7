"""Self-contained HTML reports: one file, inline CSS and SVG, nothing fetched, no script.

Every figure the text report (trace/report.py) prints is on the page, formatted in token
units, with a stable `id` and `data-units` (base units) for machines. Every string that came
from the chain (names, URIs, symbols, event arguments) is escaped. The fund-flow picture is a
Sankey-style SVG whose band widths are proportional to the amounts they carry.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from charitychain.services.inputs import ETH_ADDRESS, format_amount
from charitychain.trace.model import (
    DonorProject,
    DonorTrace,
    Expense,
    MilestoneTrace,
    ProjectTrace,
    Ref,
    TxTrace,
    refund_amount,
)

TOP_DONORS = 8  # donors drawn one by one in the picture; the rest share one band
TOP_EXPENSES = 8  # expense groups (category and payee) drawn one by one


# --- small helpers -----------------------------------------------------------------------


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def short(address: str) -> str:
    """0x1234…abcd: for the picture; tables always show the whole address."""
    return address if len(address) <= 13 else f"{address[:6]}…{address[-4:]}"


def _hex(value: bytes) -> str:
    return "0x" + value.hex()


def bytes32_text(value: bytes) -> str:
    """A bytes32 label (b'water\\0\\0…') as text, or hex when it is not printable UTF-8."""
    stripped = value.rstrip(b"\0")
    try:
        text = stripped.decode("utf-8")
    except UnicodeDecodeError:
        return _hex(value)
    return text if text.isprintable() else _hex(value)


def _when(timestamp: int) -> str:
    try:
        moment = datetime.fromtimestamp(timestamp, UTC)
    except (OverflowError, OSError, ValueError):
        return f"<span>{_e(timestamp)}</span>"
    iso = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return f'<time datetime="{iso}">{moment.strftime("%Y-%m-%d %H:%M")} UTC</time>'


def _code(value: str, cls: str = "mono") -> str:
    return f'<code class="{cls}">{_e(value)}</code>'


def _addr(address: str) -> str:
    return _code(address, "mono addr")


def _ref(ref: Ref) -> str:
    return f"block {_e(ref.block)}, tx {_code(ref.tx, 'mono hash')}"


def _at(ref: Ref) -> str:
    """Where a timeline step was recorded, on a line of its own."""
    return f'<br><span class="at">{_ref(ref)}</span>'


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


@dataclass(frozen=True)
class Money:
    """Amounts of one asset: exact token units for people, base units in data-units."""

    decimals: int
    symbol: str

    def text(self, units: int) -> str:
        return f"{format_amount(units, self.decimals)} {self.symbol}"

    def fig(self, units: int, ident: str | None = None) -> str:
        attr = f' id="{_e(ident)}"' if ident else ""
        return f'<span{attr} class="amount" data-units="{units}">{_e(self.text(units))}</span>'


def _badge(state: str) -> str:
    return f'<span class="badge state-{_e(state.lower())}">{_e(state)}</span>'


def _table(
    caption: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    ident: str,
    numeric: Iterable[int] = (),
    empty: str = "None recorded.",
) -> str:
    """A captioned table in a scrollable region; cells are HTML (already escaped)."""
    if not rows:
        return f'<h3 id="{ident}-heading">{_e(caption)}</h3><p class="empty">{_e(empty)}</p>'
    right = set(numeric)

    def cls(i: int) -> str:
        return ' class="num"' if i in right else ""

    head = "".join(f'<th scope="col"{cls(i)}>{_e(h)}</th>' for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(f"<td{cls(i)}>{c}</td>" for i, c in enumerate(row)) + "</tr>"
        for row in rows
    )
    return (
        f'<div class="scroll" role="region" aria-labelledby="{ident}-caption" tabindex="0">'
        f'<table id="{ident}"><caption id="{ident}-caption">{_e(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _dl(items: Sequence[tuple[str, str]], cls: str = "facts") -> str:
    return (
        f'<dl class="{cls}">'
        + "".join(f"<div><dt>{_e(k)}</dt><dd>{v}</dd></div>" for k, v in items)
        + "</dl>"
    )


# --- the fund-flow picture ---------------------------------------------------------------

WIDTH = 1000
LEFT = 160  # room for the first column's labels (drawn left of its nodes)
RIGHT = 250  # room for the last column's labels
TOP = 24
BOTTOM = 24
NODE_W = 14
BAND_SPAN = 300  # the fullest column's amount is this tall
MIN_SLOT = 36  # a node's label needs this much room even when its amount is tiny
GAP = 14
COLORS = {
    "donor": "#2b6cb0",
    "project": "#1a365d",
    "milestone": "#2f855a",
    "refund": "#c05621",
    "refundable": "#b7791f",
    "held": "#4a5568",
    "dust": "#718096",
    "expense": "#2c7a7b",
    "unexplained": "#c53030",
}


@dataclass
class FlowNode:
    key: str
    label: str
    column: int
    kind: str
    value: int = 0
    y: float = 0.0  # top of the node's bar
    height: float = 0.0


@dataclass(frozen=True)
class Flow:
    source: str
    target: str
    units: int


def _num(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _clip(label: str, limit: int = 26) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def sankey_svg(
    ident: str,
    title: str,
    nodes: Sequence[FlowNode],
    flows: Sequence[Flow],
    money: Money,
) -> str:
    """Columns of nodes joined by bands as wide as the amounts they carry (zero-safe)."""
    flows = [f for f in flows if f.units > 0]
    inflow: dict[str, int] = {}
    outflow: dict[str, int] = {}
    for f in flows:
        outflow[f.source] = outflow.get(f.source, 0) + f.units
        inflow[f.target] = inflow.get(f.target, 0) + f.units
    placed: dict[str, FlowNode] = {}
    for node in nodes:
        node.value = max(inflow.get(node.key, 0), outflow.get(node.key, 0))
        if node.value > 0:
            placed[node.key] = node
    flows = [f for f in flows if f.source in placed and f.target in placed]
    label = f"{title}. " + "; ".join(
        f"{placed[f.source].label} to {placed[f.target].label}: {money.text(f.units)}"
        for f in flows
    )
    if not flows:
        return (
            f'<svg id="{_e(ident)}" class="flow empty" role="img" aria-label="{_e(title)}: '
            f'nothing has moved yet" viewBox="0 0 {WIDTH} 60" xmlns="http://www.w3.org/2000/svg">'
            f"<title>{_e(title)}</title>"
            f'<text x="{WIDTH // 2}" y="36" text-anchor="middle" font-size="16" fill="#1a202c">'
            "Nothing has moved yet.</text></svg>"
        )

    columns = sorted({n.column for n in placed.values()})
    span = WIDTH - LEFT - RIGHT - NODE_W
    step = span / max(1, len(columns) - 1)
    x_of = {c: LEFT + i * step for i, c in enumerate(columns)}
    by_column = {c: [n for n in placed.values() if n.column == c] for c in columns}
    scale = BAND_SPAN / max(sum(n.value for n in col) for col in by_column.values())

    def slot(n: FlowNode) -> float:
        return max(n.value * scale, MIN_SLOT)

    heights = {c: sum(map(slot, col)) + GAP * (len(col) - 1) for c, col in by_column.items()}
    content = max(heights.values())
    for c, col in by_column.items():
        top = TOP + (content - heights[c]) / 2
        for n in col:
            n.height = n.value * scale
            n.y = top + (slot(n) - n.height) / 2
            top += slot(n) + GAP
    total_height = TOP + content + BOTTOM

    ends: list[list[float]] = [[0.0, 0.0] for _ in flows]  # band centre at source, target
    for n in placed.values():
        out = sorted(
            (i for i, f in enumerate(flows) if f.source == n.key),
            key=lambda i: placed[flows[i].target].y,
        )
        inc = sorted(
            (i for i, f in enumerate(flows) if f.target == n.key),
            key=lambda i: placed[flows[i].source].y,
        )
        for side, indices in ((0, out), (1, inc)):
            edge = n.y
            for i in indices:
                width = flows[i].units * scale
                ends[i][side] = edge + width / 2
                edge += width

    bands = []
    for f, (y0, y1) in zip(flows, ends, strict=True):
        src, dst = placed[f.source], placed[f.target]
        x0, x1 = x_of[src.column] + NODE_W, x_of[dst.column]
        xm = (x0 + x1) / 2
        color = COLORS.get(src.kind if dst.kind == "project" else dst.kind, "#4a5568")
        width = f.units * scale
        bands.append(
            f'<path class="band" data-from="{_e(f.source)}" data-to="{_e(f.target)}" '
            f'data-units="{f.units}" data-width="{_num(width)}" fill="none" '
            f'stroke="{color}" stroke-opacity="0.42" stroke-width="{_num(max(width, 1.0))}" '
            f'd="M{_num(x0)},{_num(y0)}C{_num(xm)},{_num(y0)} {_num(xm)},{_num(y1)} '
            f'{_num(x1)},{_num(y1)}"><title>{_e(src.label)} → {_e(dst.label)}: '
            f"{_e(money.text(f.units))}</title></path>"
        )
    boxes = []
    first = columns[0]
    for n in placed.values():
        x = x_of[n.column]
        mid = n.y + n.height / 2
        shown = max(n.height, 2.0)
        if n.column == first:
            tx, anchor = x - 6, "end"
        else:
            tx, anchor = x + NODE_W + 6, "start"
        boxes.append(
            f'<g class="node node-{_e(n.kind)}" data-node="{_e(n.key)}" data-units="{n.value}">'
            f"<title>{_e(n.label)}: {_e(money.text(n.value))}</title>"
            f'<rect x="{_num(x)}" y="{_num(mid - shown / 2)}" width="{NODE_W}" '
            f'height="{_num(shown)}" data-height="{_num(n.height)}" '
            f'fill="{COLORS.get(n.kind, "#4a5568")}"/>'
            f'<text x="{_num(tx)}" y="{_num(mid - 3)}" text-anchor="{anchor}" font-size="15" '
            f'fill="#1a202c" stroke="#fff" stroke-width="4" stroke-linejoin="round" '
            f'paint-order="stroke"><tspan font-weight="600">{_e(_clip(n.label))}</tspan>'
            f'<tspan x="{_num(tx)}" dy="17">{_e(money.text(n.value))}</tspan></text></g>'
        )
    return (
        f'<svg id="{_e(ident)}" class="flow" role="img" aria-label="{_e(label)}" '
        f'viewBox="0 0 {WIDTH} {_num(total_height)}" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif">'
        f"<title>{_e(title)}</title><desc>{_e(label)}</desc>"
        f'<g class="bands">{"".join(bands)}</g><g class="nodes">{"".join(boxes)}</g></svg>'
    )


def flows_table(ident: str, nodes: Sequence[FlowNode], flows: Sequence[Flow], money: Money) -> str:
    names = {n.key: n.label for n in nodes}
    rows = [
        [_e(names.get(f.source, f.source)), _e(names.get(f.target, f.target)), money.fig(f.units)]
        for f in flows
        if f.units > 0
    ]
    return (
        '<details class="flows"><summary>The picture as a table</summary>'
        + _table("Fund flows", ("from", "to", "amount"), rows, ident, numeric=(2,))
        + "</details>"
    )


def _expense_label(e: Expense) -> str:
    category = bytes32_text(e.category)
    return f"{category} · {short(e.payee)}" if category else short(e.payee)


def project_flows(trace: ProjectTrace) -> tuple[list[FlowNode], list[Flow]]:
    """donors → project → milestones / refunded / still held → expenses / unexplained."""
    project = f"project:{trace.project_id}"
    nodes = [FlowNode(project, f"Project {trace.project_id}", 1, "project")]
    flows: list[Flow] = []
    order = list(trace.contributions)
    ranked = sorted(trace.contributions.items(), key=lambda kv: (-kv[1], order.index(kv[0])))
    for donor, amount in ranked[:TOP_DONORS]:
        nodes.append(FlowNode(f"donor:{donor}", short(donor), 0, "donor"))
        flows.append(Flow(f"donor:{donor}", project, amount))
    rest = ranked[TOP_DONORS:]
    if rest:
        nodes.append(FlowNode("donor:others", f"{_plural(len(rest), 'other donor')}", 0, "donor"))
        flows.append(Flow("donor:others", project, sum(a for _, a in rest)))

    for m in trace.milestones:
        key = f"milestone:{m.index}"
        nodes.append(FlowNode(key, f"Milestone {m.index} ({m.bps / 100:g}%)", 2, "milestone"))
        flows.append(Flow(project, key, m.released))
    nodes.append(FlowNode("refunded", "Refunded", 2, "refund"))
    flows.append(Flow(project, "refunded", trace.refunded))
    if trace.refunds_open:
        nodes.append(FlowNode("outstanding", "Refunds not yet claimed", 2, "refundable"))
        flows.append(Flow(project, "outstanding", trace.refunds_outstanding))
        nodes.append(FlowNode("dust", "Rounding dust", 2, "dust"))
        flows.append(Flow(project, "dust", trace.dust))
    else:
        nodes.append(FlowNode("held", "Still held in escrow", 2, "held"))
        flows.append(Flow(project, "held", trace.held))

    groups: dict[str, int] = {}
    labels: dict[str, str] = {}
    per_milestone: list[tuple[int, str, int]] = []
    for m in trace.milestones:
        for e in m.expenses:
            group = f"expense:{bytes32_text(e.category)}:{e.payee}"
            groups[group] = groups.get(group, 0) + e.amount
            labels[group] = _expense_label(e)
            per_milestone.append((m.index, group, e.amount))
    kept = sorted(groups, key=lambda g: -groups[g])[:TOP_EXPENSES]
    other = len(groups) - len(kept)
    for group in kept:
        nodes.append(FlowNode(group, labels[group], 3, "expense"))
    if other:
        nodes.append(
            FlowNode("expense:others", _plural(other, "other expense group"), 3, "expense")
        )
    merged: dict[tuple[int, str], int] = {}
    for index, group, amount in per_milestone:
        target = group if group in kept else "expense:others"
        merged[(index, target)] = merged.get((index, target), 0) + amount
    for (index, target), amount in merged.items():
        flows.append(Flow(f"milestone:{index}", target, amount))
    nodes.append(FlowNode("unexplained", "Unexplained", 3, "unexplained"))
    for m in trace.milestones:
        flows.append(Flow(f"milestone:{m.index}", "unexplained", max(0, m.unexplained)))
    return nodes, flows


def donor_flows(trace: DonorTrace, p: DonorProject) -> tuple[list[FlowNode], list[Flow]]:
    """you → project → your share of each release / refunded / refundable / in escrow."""
    you, project = "donor", f"project:{p.project_id}"
    nodes = [
        FlowNode(you, short(trace.donor), 0, "donor"),
        FlowNode(project, f"Project {p.project_id}", 1, "project"),
    ]
    flows = [Flow(you, project, p.given)]
    for s in p.shares:
        key = f"milestone:{s.milestone}"
        nodes.append(FlowNode(key, f"Milestone {s.milestone} share", 2, "milestone"))
        flows.append(Flow(project, key, s.share))
    for key, label, kind, amount in (
        ("refunded", "Refunded", "refund", p.refunded),
        ("refundable", "Refundable now", "refundable", p.refundable),
        ("in-escrow", "Still in escrow", "held", p.in_escrow),
        ("rounding", "Rounding", "dust", p.rounding),
    ):
        nodes.append(FlowNode(key, label, 2, kind))
        flows.append(Flow(project, key, amount))
    return nodes, flows


# --- the page ----------------------------------------------------------------------------

CSS = """
:root{--fg:#1a202c;--muted:#4a5568;--line:#cbd5e0;--bg:#fff;--soft:#f4f6f8;--accent:#1a365d}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);line-height:1.5;
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header,main,footer{max-width:72rem;margin:0 auto;padding:0 1rem}
header{padding-top:1.25rem}
h1{font-size:1.6rem;line-height:1.25;margin:.25rem 0 .5rem;overflow-wrap:anywhere}
h2{font-size:1.3rem;margin:2rem 0 .75rem;padding-bottom:.25rem;border-bottom:2px solid var(--line)}
h3{font-size:1.05rem;margin:1.25rem 0 .5rem}
p{margin:.5rem 0}
.lede{color:var(--muted);margin:0}
.mono,code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;
font-size:.88em}
.addr,.hash{overflow-wrap:anywhere;word-break:break-all}
.amount{font-variant-numeric:tabular-nums;white-space:nowrap}
.badge{display:inline-block;padding:.05rem .55rem;border-radius:1rem;font-size:.85rem;
font-weight:600;border:1px solid currentColor;vertical-align:middle;background:#fff}
.state-completed,.state-released,.state-active,.state-approved,.state-succeeded{color:#22543d}
.state-failed,.state-cancelled,.state-rejected,.state-reverted{color:#9b2c2c}
.state-funding,.state-inreview{color:#744210}
.state-pending{color:#4a5568}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(10.5rem,1fr));gap:.75rem;
margin:1rem 0;padding:0}
.cards>div{background:var(--soft);border:1px solid var(--line);border-radius:.5rem;
padding:.6rem .8rem}
.cards dt{color:var(--muted);font-size:.85rem}
.cards dd{margin:0;font-size:1.2rem;font-weight:600;overflow-wrap:anywhere}
.cards dd .amount{white-space:normal}
.facts{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.25rem 1rem;margin:0}
.facts>div{display:contents}
.facts dt{color:var(--muted)}
.facts dd{margin:0;overflow-wrap:anywhere}
.figure-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:.5rem;padding:.5rem}
svg.flow{display:block;width:100%;min-width:50rem;height:auto}
svg.flow.empty{min-width:0}
.scroll{overflow-x:auto;margin:.5rem 0 1rem}
.scroll:focus{outline:2px solid var(--accent);outline-offset:2px}
table{border-collapse:collapse;width:100%;font-size:.92rem}
caption{text-align:left;font-weight:600;padding:.25rem 0 .5rem;font-size:1.05rem}
th,td{text-align:left;vertical-align:top;padding:.4rem .6rem;border-bottom:1px solid var(--line)}
thead th{background:var(--soft);border-bottom:2px solid var(--line);white-space:nowrap}
td.num,th.num{text-align:right}
td code{font-size:.85em}
.timeline{list-style:none;margin:0;padding:0 0 0 1.25rem;border-left:3px solid var(--line)}
.timeline>li{position:relative;margin:0 0 1.25rem;padding:.75rem 1rem;background:var(--soft);
border:1px solid var(--line);border-radius:.5rem}
.timeline>li::before{content:"";position:absolute;left:-1.95rem;top:1.1rem;width:1rem;
height:1rem;border-radius:50%;background:#fff;border:3px solid var(--muted)}
.timeline>li.state-released::before{border-color:#2f855a;background:#2f855a}
.timeline>li.state-rejected::before{border-color:#c53030}
.timeline>li h3{margin-top:0;color:var(--fg)}
.timeline li{color:var(--fg)}
.steps{margin:.5rem 0 0;padding-left:1.25rem}
.steps li{margin:.35rem 0;overflow-wrap:anywhere}
.at{color:var(--muted);font-size:.85rem}
.note{color:var(--muted);font-size:.9rem}
.hint{display:none}
.empty{color:var(--muted);font-style:italic}
details.flows{margin:.75rem 0}
details.flows summary{cursor:pointer;color:var(--accent);font-weight:600}
footer{color:var(--muted);font-size:.85rem;padding-top:1rem;padding-bottom:2rem}
@media (max-width:52rem){.hint{display:block}}
@media (max-width:40rem){body{font-size:15px}h1{font-size:1.35rem}
.facts{grid-template-columns:minmax(5.5rem,max-content) 1fr;gap:.2rem .75rem}
th,td{padding:.35rem .45rem}}
@media print{.figure-wrap,.scroll{overflow:visible}svg.flow{min-width:0}}
"""

# Nothing may be fetched: no network, no scripts; inline styles and data: images only.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


AMOUNTS_NOTE = (
    "Amounts are in token units; the base units are in each figure's data-units attribute."
)


def page(title: str, header: str, body: str, note: str = AMOUNTS_NOTE) -> str:
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="color-scheme" content="light">'
        f"<title>{_e(title)}</title><style>{CSS}</style></head>\n<body>"
        f"<header>{header}</header>\n<main>{body}</main>\n"
        "<footer><p>Generated by charitychain from the deployment's event history. "
        f"{_e(note)}</p></footer></body></html>\n"
    )


# --- project -----------------------------------------------------------------------------


def _milestone_item(m: MilestoneTrace, money: Money) -> str:
    steps: list[tuple[Ref, str]] = []
    for ev in m.evidence:
        hashed = _code(_hex(ev.evidence_hash), "mono hash")
        steps.append((ev.at, f"Evidence round {_e(ev.round)}: {_code(ev.uri)}, hash {hashed}"))
    for v in m.votes:
        verdict = "approved" if v.approved else "rejected"
        steps.append((v.at, f"Auditor {_addr(v.auditor)} {verdict}"))
    for c in m.challenges:
        steps.append(
            (
                c.at,
                f"Challenged by {_addr(c.donor)} (weight {money.fig(c.weight)}; "
                f"{money.fig(c.total_weight)} challenging in all)",
            )
        )
    if m.release:
        r = m.release
        steps.append((r.at, f"Released {money.fig(r.amount)} to {_addr(r.beneficiary)}"))
    for e in m.expenses:
        category = bytes32_text(e.category)
        kind = f" ({_e(category)})" if category else ""
        steps.append(
            (
                e.at,
                f"Expense {_e(e.expense_id)}{kind}: {money.fig(e.amount)} to "
                f"{_addr(e.payee)}, invoice {_code(e.uri)}",
            )
        )
    steps.sort(key=lambda s: s[0].block)  # stable: one block keeps the order above
    approvals = sum(v.approved for v in m.votes)
    facts: list[tuple[str, str]] = [("Due", _when(m.due_date))]
    if m.votes:
        facts.append(
            (
                "Votes",
                f'<span id="m{m.index}-votes" data-approve="{approvals}" '
                f'data-reject="{len(m.votes) - approvals}">{approvals} approve, '
                f"{len(m.votes) - approvals} reject</span>",
            )
        )
    if m.release:
        facts += [
            ("Released", money.fig(m.released, f"m{m.index}-released")),
            ("Expenses recorded", money.fig(m.explained, f"m{m.index}-explained")),
            ("Unexplained", money.fig(m.unexplained, f"m{m.index}-unexplained")),
        ]
    else:
        facts.append(("Released", "nothing yet"))
    listed = (
        '<ol class="steps">' + "".join(f"<li>{s}{_at(at)}</li>" for at, s in steps) + "</ol>"
        if steps
        else '<p class="empty">No evidence submitted.</p>'
    )
    return (
        f'<li id="milestone-{m.index}" class="state-{_e(m.state.lower())}" '
        f'data-state="{_e(m.state)}"><h3>Milestone {m.index} · {m.bps / 100:g}% '
        f"{_badge(m.state)}</h3>{_dl(facts)}{listed}</li>"
    )


def project_html(trace: ProjectTrace, decimals: int, symbol: str) -> str:
    money = Money(decimals, symbol)
    pid = trace.project_id
    title = f"Project {pid} of {trace.organization}: {trace.state}"
    header = (
        f'<p class="lede">charitychain trace · project report</p>'
        f'<h1>Project {pid} of <span id="organization">{_e(trace.organization)}</span> '
        f'<span id="state" data-state="{_e(trace.state)}">{_badge(trace.state)}</span></h1>'
        + (
            f'<p id="cancel-reason">Cancelled {_e(trace.cancel_reason)}.</p>'
            if trace.cancel_reason
            else ""
        )
    )
    cards: list[tuple[str, str]] = [
        ("Raised", money.fig(trace.raised, "raised")),
        ("Goal", money.fig(trace.min_goal, "goal")),
        ("Released", money.fig(trace.released, "released")),
        ("Refunded", money.fig(trace.refunded, "refunded")),
        ("Held", money.fig(trace.held, "held")),
        ("Donors", f'<span id="donor-count">{len(trace.contributions)}</span>'),
        ("Donations", f'<span id="donation-count">{len(trace.donations)}</span>'),
    ]
    if trace.refunds_open:
        cards += [
            ("Refunds outstanding", money.fig(trace.refunds_outstanding, "refunds-outstanding")),
            (
                "Rounding dust",
                f'<span id="dust" class="amount" data-units="{trace.dust}">'
                f"{trace.dust} base units</span>",
            ),
        ]
    summary = (
        f"<p>Raised {money.fig(trace.raised)} from {_plural(len(trace.contributions), 'donor')} "
        f"({_plural(len(trace.donations), 'donation')}); goal {money.fig(trace.min_goal)}. "
        f"Released {money.fig(trace.released)}, refunded {money.fig(trace.refunded)}, "
        f"held {money.fig(trace.held)}.</p>"
    )
    body = [
        '<section aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>',
        _dl(cards, "cards"),
        summary,
        "</section>",
    ]
    nodes, flows = project_flows(trace)
    body += [
        '<section aria-labelledby="flow-h"><h2 id="flow-h">Where the money went</h2>',
        '<p class="note">Donors on the left, the project escrow, then each milestone release, '
        "refunds and what is still held; releases end in recorded expenses or "
        "<em>unexplained</em>. Band widths are proportional to the amounts.</p>",
        '<p class="note hint">Scroll sideways to see the whole picture.</p>',
        '<div class="figure-wrap">',
        sankey_svg("flow", f"Fund flow of project {pid} ({symbol})", nodes, flows, money),
        "</div>",
        flows_table("flows", nodes, flows, money),
        "</section>",
    ]
    body += [
        '<section aria-labelledby="timeline-h"><h2 id="timeline-h">Milestones</h2>',
        '<ol class="timeline">'
        + "".join(_milestone_item(m, money) for m in trace.milestones)
        + "</ol>",
        "</section>",
    ]
    refunded = {r.donor: r.amount for r in trace.refunds}
    donor_rows = []
    for donor, given in trace.contributions.items():
        gifts = sum(1 for d in trace.donations if d.donor == donor)
        if donor in refunded:
            refund = money.fig(refunded[donor])
        elif trace.refunds_open:
            claimable = refund_amount(given, trace.raised, trace.released)
            refund = f"claimable {money.fig(claimable)}"
        else:
            refund = "—"
        donor_rows.append([_addr(donor), str(gifts), money.fig(given), refund])
    donation_rows = [
        [
            str(i),
            _addr(d.donor),
            money.fig(d.amount),
            _code(_hex(d.memo), "mono hash"),
            str(d.at.block),
            _code(d.at.tx, "mono hash"),
        ]
        for i, d in enumerate(trace.donations, 1)
    ]
    release_rows = [
        [
            str(m.index),
            money.fig(m.released),
            _addr(m.release.beneficiary),
            str(m.release.at.block),
            _code(m.release.at.tx, "mono hash"),
        ]
        for m in trace.milestones
        if m.release
    ]
    expense_rows = [
        [
            str(e.expense_id),
            str(m.index),
            _addr(e.payee),
            _e(bytes32_text(e.category)),
            money.fig(e.amount),
            _code(e.uri),
            _code(_hex(e.invoice_hash), "mono hash"),
            str(e.at.block),
            _code(e.at.tx, "mono hash"),
        ]
        for m in trace.milestones
        for e in m.expenses
    ]
    refund_rows = [
        [_addr(r.donor), money.fig(r.amount), str(r.at.block), _code(r.at.tx, "mono hash")]
        for r in trace.refunds
    ]
    audit_rows = [
        [
            str(a.report_id),
            _addr(a.auditor),
            _code(_hex(a.report_hash), "mono hash"),
            _code(a.uri),
            str(a.at.block),
            _code(a.at.tx, "mono hash"),
        ]
        for a in trace.audits
    ]
    body += [
        '<section aria-labelledby="tables-h"><h2 id="tables-h">Records</h2>',
        _table(
            "Donors",
            ("donor", "donations", "given", "refund"),
            donor_rows,
            "donors",
            numeric=(1, 2, 3),
            empty="No donations yet.",
        ),
        _table(
            "Donations",
            ("#", "donor", "amount", "memo", "block", "tx"),
            donation_rows,
            "donations",
            numeric=(0, 2, 4),
            empty="No donations yet.",
        ),
        _table(
            "Releases",
            ("milestone", "amount", "beneficiary", "block", "tx"),
            release_rows,
            "releases",
            numeric=(0, 1, 3),
            empty="Nothing released.",
        ),
        _table(
            "Expenses",
            (
                "id",
                "milestone",
                "payee",
                "category",
                "amount",
                "invoice",
                "invoice hash",
                "block",
                "tx",
            ),
            expense_rows,
            "expenses",
            numeric=(0, 1, 4, 7),
            empty="No expenses recorded.",
        ),
        _table(
            "Refunds",
            ("donor", "amount", "block", "tx"),
            refund_rows,
            "refunds",
            numeric=(1, 2),
            empty="No refunds claimed.",
        ),
        _table(
            "Audit reports",
            ("report id", "auditor", "report hash", "report URI", "block", "tx"),
            audit_rows,
            "audits",
            numeric=(0, 4),
            empty="No audit reports published.",
        ),
        "</section>",
    ]
    token = "native ETH" if trace.token == ETH_ADDRESS else trace.token
    details: list[tuple[str, str]] = [
        ("Organization", f"{_e(trace.organization)} (id {_e(trace.org_id)})"),
        ("Asset", f"{_e(symbol)} ({_e(decimals)} decimals), {_code(token, 'mono addr')}"),
        ("Beneficiary", _addr(trace.beneficiary)),
        ("Funding goal", money.fig(trace.min_goal)),
        ("Cap", money.fig(trace.cap, "cap")),
        ("Funding deadline", _when(trace.deadline)),
        ("Category", _e(bytes32_text(trace.category))),
        (
            "Metadata",
            f"{_code(trace.metadata_uri)}, hash {_code(_hex(trace.metadata_hash), 'mono hash')}",
        ),
        ("Created", _ref(trace.created)),
    ]
    if trace.cancel_reason:
        details.append(("Cancelled", _e(trace.cancel_reason)))
    body += [
        '<section aria-labelledby="details-h"><h2 id="details-h">Project details</h2>',
        _dl(details),
        "</section>",
    ]
    return page(title, header, "\n".join(body))


# --- donor -------------------------------------------------------------------------------


def _donor_project(trace: DonorTrace, p: DonorProject, money: Money) -> str:
    pid = p.project_id
    facts = [("Given", money.fig(p.given, f"p{pid}-given"))]
    for s in p.shares:
        spent = sum(e.amount for e in s.expenses)
        note = f"; expenses recorded {money.fig(spent)}" if s.expenses else ""
        facts.append(
            (
                f"Milestone {s.milestone}",
                f"your share {money.fig(s.share, f'p{pid}-m{s.milestone}-share')}"
                f" of {money.fig(s.released)} released{note}",
            )
        )
    for label, key, amount in (
        ("Refunded", "refunded", p.refunded),
        ("Refundable now", "refundable", p.refundable),
        ("Still in escrow", "in-escrow", p.in_escrow),
        ("Rounding", "rounding", p.rounding),
    ):
        if amount:
            facts.append((label, money.fig(amount, f"p{pid}-{key}")))
    facts.append(
        ("Adds up to", f"{money.fig(p.accounted, f'p{pid}-accounted')} of {money.fig(p.given)}")
    )
    nodes, flows = donor_flows(trace, p)
    donation_rows = [
        [
            money.fig(d.amount),
            _code(_hex(d.memo), "mono hash"),
            str(d.at.block),
            _code(d.at.tx, "mono hash"),
        ]
        for d in p.donations
    ]
    share_rows = [
        [
            str(s.milestone),
            money.fig(s.released),
            money.fig(s.share),
            _code(_hex(s.evidence_hash), "mono hash") if s.evidence_hash else "—",
            money.fig(sum(e.amount for e in s.expenses)) if s.expenses else "—",
            str(s.at.block),
            _code(s.at.tx, "mono hash"),
        ]
        for s in p.shares
    ]
    return "\n".join(
        [
            f'<section id="project-{pid}" aria-labelledby="p{pid}-h" data-state="{_e(p.state)}">',
            f'<h2 id="p{pid}-h">Project {pid} {_badge(p.state)}</h2>',
            _dl(facts),
            '<p class="note hint">Scroll sideways to see the whole picture.</p>',
            '<div class="figure-wrap">',
            sankey_svg(
                f"p{pid}-flow",
                f"Where your gift to project {pid} went ({money.symbol})",
                nodes,
                flows,
                money,
            ),
            "</div>",
            flows_table(f"p{pid}-flows", nodes, flows, money),
            _table(
                "Your donations",
                ("amount", "memo", "block", "tx"),
                donation_rows,
                f"p{pid}-donations",
                numeric=(0, 2),
            ),
            _table(
                "Your share of each release",
                (
                    "milestone",
                    "released",
                    "your share",
                    "evidence hash",
                    "expenses recorded",
                    "block",
                    "tx",
                ),
                share_rows,
                f"p{pid}-shares",
                numeric=(0, 1, 2, 4, 5),
                empty="Nothing released yet.",
            ),
            "</section>",
        ]
    )


def donor_html(trace: DonorTrace, assets: dict[str, tuple[int, str]]) -> str:
    header = (
        '<p class="lede">charitychain trace · donor report</p>'
        f'<h1>Donor <code id="donor" class="mono addr">{_e(trace.donor)}</code></h1>'
    )
    title = f"Donor {trace.donor}"
    if not trace.projects:
        nothing = f"{trace.donor} has no donations on this deployment."
        return page(title, header, f'<p id="no-donations">{_e(nothing)}</p>')

    def money_for(token: str) -> Money:
        decimals, symbol = assets.get(token, (18 if token == ETH_ADDRESS else 0, short(token)))
        return Money(decimals, symbol)

    totals = [
        (
            f"Given in {money_for(token).symbol}",
            money_for(token).fig(amount, f"given-{token.lower()}"),
        )
        for token, amount in trace.given_by_token().items()
    ]
    totals.append(("Projects", f'<span id="project-count">{len(trace.projects)}</span>'))
    body = [
        '<section aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>',
        _dl(totals, "cards"),
        '<p class="note">Each release takes the same fraction of every donor\'s gift '
        "(rounded down); what is left is refunded, refundable, still in escrow or rounding, "
        "so every unit adds up.</p></section>",
    ]
    body += [_donor_project(trace, p, money_for(p.token)) for p in trace.projects]
    return page(title, header, "\n".join(body))


# --- transaction -------------------------------------------------------------------------


def _arg(value: object) -> str:
    if isinstance(value, bytes):
        return _code(_hex(value), "mono hash")
    if isinstance(value, dict):
        return _dl([(str(k), _arg(v)) for k, v in value.items()])
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_arg(v) for v in value) + "]"
    if isinstance(value, str) and value.startswith("0x"):
        return _code(value, "mono addr")
    return _e(value)


def tx_html(trace: TxTrace) -> str:
    status = "succeeded" if trace.status else "REVERTED"
    title = f"Transaction {trace.tx}: {status}"
    header = (
        '<p class="lede">charitychain trace · transaction report</p>'
        f'<h1>Transaction <code id="tx" class="mono hash">{_e(trace.tx)}</code></h1>'
    )
    facts = [
        (
            "Status",
            f'<span id="status" data-ok="{str(trace.status).lower()}">{_badge(status)}</span>',
        ),
        ("Block", f'<span id="block">{trace.block}</span>'),
        ("From", f'<code id="sender" class="mono addr">{_e(trace.sender)}</code>'),
        ("Events", f'<span id="event-count">{len(trace.events)}</span>'),
    ]
    rows = [
        [str(i), _e(e.name), _addr(e.contract), _e(e.summary)]
        for i, e in enumerate(trace.events, 1)
    ]
    detail = "".join(
        f'<section id="event-{i}" aria-labelledby="event-{i}-h">'
        f'<h3 id="event-{i}-h">{i}. {_e(e.name)}</h3><p>{_e(e.summary)}</p>'
        f"{_dl([(k, _arg(v)) for k, v in e.args.items()])}</section>"
        for i, e in enumerate(trace.events, 1)
    )
    body = [
        '<section aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>',
        _dl(facts, "cards"),
        f"<p>Transaction from {_addr(trace.sender)}, block {trace.block}: {status}.</p>",
        "</section>",
        '<section aria-labelledby="events-h"><h2 id="events-h">Events</h2>',
        _table(
            "Decoded events",
            ("#", "event", "contract", "what it recorded"),
            rows,
            "events",
            numeric=(0,),
            empty="No events from this deployment's contracts.",
        ),
        "</section>",
    ]
    if trace.events:
        body += [
            '<section aria-labelledby="args-h"><h2 id="args-h">Event arguments</h2>',
            '<p class="note">Raw values as emitted: amounts are in base units.</p>',
            detail,
            "</section>",
        ]
    return page(
        title, header, "\n".join(body), "Event arguments are shown as emitted, in base units."
    )
