"""`charitychain project …`: create from a metadata file, show, list, close, cancel."""

from __future__ import annotations

from pathlib import Path

import click

from charitychain.cli.context import AppContext, handle_errors, json_option, pass_app
from charitychain.cli.options import network_options, signer_options
from charitychain.cli.render import pairs, plain, table, units, when


@click.group("project")
def project() -> None:
    """Projects: create, show, list, close funding, cancel."""


@project.command("create")
@click.argument("metadata", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--beneficiary", required=True, help="Address that receives released funds.")
@click.option("--token", default="eth", show_default=True, help="eth or an allowed ERC-20.")
@click.option("--goal", required=True, help="Minimum goal in token units (below → Failed).")
@click.option("--cap", required=True, help="Maximum raised, in token units.")
@click.option("--deadline", default="+30d", show_default=True, help="Funding deadline.")
@click.option("--quorum", default=2, show_default=True, help="Auditor approvals needed.")
@click.option("--window", default="3d", show_default=True, help="Challenge window.")
@click.option("--threshold", default="20%", show_default=True, help="Challenge threshold.")
@click.option("--uri", default="", help="Where the project metadata is published.")
@signer_options
@json_option
@pass_app
@handle_errors
def create(
    app: AppContext,
    metadata: Path,
    beneficiary: str,
    token: str,
    goal: str,
    cap: str,
    deadline: str,
    quorum: int,
    window: str,
    threshold: str,
    uri: str,
) -> None:
    """Create a project described by METADATA (its milestones set shares and due dates)."""
    from charitychain.chain.clock import now
    from charitychain.metadata import load_metadata
    from charitychain.services import funding
    from charitychain.services.inputs import (
        ETH_ADDRESS,
        parse_address,
        parse_amount,
        parse_bps,
        parse_duration,
        parse_time,
    )
    from charitychain.services.views import asset_info

    meta = load_metadata(metadata, "project")
    session = app.session()
    token_address = ETH_ADDRESS if token.lower() == "eth" else parse_address(token, "--token")
    asset = asset_info(session.suite, token_address)
    chain_now = now(session.w3)
    milestones = tuple(
        funding.MilestonePlan(int(m["bps"]), parse_time(str(m["due"]), chain_now, "due"))
        for m in meta.data["milestones"]
    )
    plan = funding.ProjectPlan(
        beneficiary=parse_address(beneficiary, "--beneficiary"),
        token=token_address,
        min_goal=parse_amount(goal, asset.decimals, "--goal"),
        cap=parse_amount(cap, asset.decimals, "--cap"),
        deadline=parse_time(deadline, chain_now, "--deadline"),
        quorum=quorum,
        challenge_window=parse_duration(window, "--window"),
        challenge_threshold_bps=parse_bps(threshold, "--threshold"),
        category=str(meta.data.get("category", "")).encode()[:32],
        metadata_hash=meta.hash,
        metadata_uri=uri or metadata.name,
        milestones=milestones,
    )
    result = funding.create_project(session, plan)
    app.emit(plain(result), f"Project {result.project_id} created (tx {result.tx})")


@project.command("show")
@click.argument("project_id", type=int)
@network_options
@json_option
@pass_app
@handle_errors
def show(app: AppContext, project_id: int) -> None:
    """Show a project, its totals and milestones."""
    from charitychain.services.views import asset_info, milestone_info, project_info

    suite = app.suite()
    info = project_info(suite, project_id)
    asset = asset_info(suite, info.token)
    stones = [milestone_info(suite, project_id, i) for i in range(info.milestone_count)]

    def money(amount: int) -> str:
        return units(amount, asset.decimals, asset.symbol)

    summary = pairs(
        [
            ("project", f"{info.project_id} (organization {info.org_id})"),
            ("state", info.state),
            ("beneficiary", info.beneficiary),
            (
                "raised",
                f"{money(info.raised)} of goal {money(info.min_goal)}, cap {money(info.cap)}",
            ),
            ("released", money(info.released)),
            ("refunded", money(info.refunded)),
            ("held", money(info.held)),
            ("deadline", when(info.deadline)),
            (
                "review",
                f"quorum {info.quorum}, challenge window {info.challenge_window} s, "
                f"threshold {info.challenge_threshold_bps / 100:g}%",
            ),
        ]
    )
    rows = [
        (
            m.index,
            f"{m.bps / 100:g}%",
            when(m.due_date),
            m.state,
            m.round,
            f"{m.approvals}/{info.quorum}",
            money(m.released),
        )
        for m in stones
    ]
    milestones_table = table(("#", "share", "due", "state", "round", "approvals", "released"), rows)
    app.emit(
        {**plain(info), "asset": plain(asset), "held": info.held, "milestones": plain(stones)},
        f"{summary}\n\n{milestones_table}",
    )


@project.command("list")
@network_options
@json_option
@pass_app
@handle_errors
def list_(app: AppContext) -> None:
    """List every project."""
    from charitychain.services.views import asset_info, project_info

    suite = app.suite()
    count = int(suite.escrow.functions.projectCount().call())
    infos = [project_info(suite, i) for i in range(1, count + 1)]
    rows = []
    for i in infos:
        asset = asset_info(suite, i.token)
        rows.append(
            (
                i.project_id,
                i.org_id,
                i.state,
                units(i.raised, asset.decimals, asset.symbol),
                units(i.min_goal, asset.decimals, asset.symbol),
                when(i.deadline),
            )
        )
    app.emit(
        {"projects": plain(infos)},
        table(("id", "org", "state", "raised", "goal", "deadline"), rows)
        if rows
        else "No projects yet.",
    )


@project.command("close")
@click.argument("project_id", type=int)
@signer_options
@json_option
@pass_app
@handle_errors
def close(app: AppContext, project_id: int) -> None:
    """Close funding once the deadline passed or the cap is reached (anyone)."""
    from charitychain.services import funding

    result = funding.close_funding(app.session(), project_id)
    outcome = "Active" if result.active else "Failed (refunds open)"
    app.emit(plain(result), f"Project {project_id} funding closed: {outcome} (tx {result.tx})")


@project.command("cancel")
@click.argument("project_id", type=int)
@signer_options
@json_option
@pass_app
@handle_errors
def cancel(app: AppContext, project_id: int) -> None:
    """Cancel: the organization, a reviewer (suspended org) or anyone (overdue milestone)."""
    from charitychain.services import exits

    result = exits.cancel_project(app.session(), project_id)
    app.emit(plain(result), f"Project {project_id} cancelled ({result.reason}) (tx {result.tx})")
