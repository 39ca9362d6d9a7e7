"""`charitychain milestone …`: submit evidence, approve, reject, challenge, release."""

from __future__ import annotations

from pathlib import Path

import click

from charitychain.cli.context import AppContext, handle_errors, json_option, pass_app
from charitychain.cli.options import signer_options
from charitychain.cli.render import plain


@click.group("milestone")
def milestone() -> None:
    """Milestones: submit evidence, approve or reject it, challenge, release."""


@milestone.command("submit")
@click.argument("project_id", type=int)
@click.argument("index", type=int)
@click.argument("evidence", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--uri", default="", help="Where the evidence JSON is published.")
@signer_options
@json_option
@pass_app
@handle_errors
def submit(app: AppContext, project_id: int, index: int, evidence: Path, uri: str) -> None:
    """Submit the EVIDENCE file for milestone INDEX (organization admin)."""
    from charitychain.metadata import load_metadata
    from charitychain.services import milestones

    meta = load_metadata(evidence, "evidence")
    result = milestones.submit_evidence(
        app.session(), project_id, index, meta.hash, uri or evidence.name
    )
    app.emit(
        plain(result),
        f"Evidence 0x{result.evidence_hash.hex()} submitted for milestone {index} of project "
        f"{project_id}, review round {result.round} (tx {result.tx})",
    )


def _vote(approve: bool) -> click.Command:
    verb = "approve" if approve else "reject"

    @click.command(verb)
    @click.argument("project_id", type=int)
    @click.argument("index", type=int)
    @click.option("--hash", "evidence_hash", default=None, help="Evidence hash you reviewed.")
    @signer_options
    @json_option
    @pass_app
    @handle_errors
    def command(app: AppContext, project_id: int, index: int, evidence_hash: str | None) -> None:
        from charitychain.services import milestones
        from charitychain.services.inputs import parse_hash

        digest = parse_hash(evidence_hash, "--hash") if evidence_hash else None
        result = milestones.vote(app.session(), project_id, index, approve, digest)
        app.emit(
            plain(result),
            f"{verb.capitalize().removesuffix('e')}ed milestone {index} of project {project_id}: "
            f"{result.approvals} approvals, {result.rejections} rejections, now {result.state} "
            f"(tx {result.tx})",
        )

    command.help = (
        f"{verb.capitalize()} the evidence of milestone INDEX (auditor). With --hash, the vote "
        "counts only if that is the evidence under review."
    )
    return command


milestone.add_command(_vote(True))
milestone.add_command(_vote(False))


@milestone.command("challenge")
@click.argument("project_id", type=int)
@click.argument("index", type=int)
@signer_options
@json_option
@pass_app
@handle_errors
def challenge(app: AppContext, project_id: int, index: int) -> None:
    """Challenge an approved milestone during its window (donors)."""
    from charitychain.services import milestones

    result = milestones.challenge(app.session(), project_id, index)
    outcome = "sent back to review" if result.returned_to_review else "still approved"
    app.emit(plain(result), f"Challenged milestone {index}: {outcome} (tx {result.tx})")


@milestone.command("release")
@click.argument("project_id", type=int)
@click.argument("index", type=int)
@signer_options
@json_option
@pass_app
@handle_errors
def release(app: AppContext, project_id: int, index: int) -> None:
    """Release an approved milestone after its challenge window (anyone)."""
    from charitychain.cli.render import units
    from charitychain.services import milestones
    from charitychain.services.views import asset_info, project_info

    session = app.session()
    asset = asset_info(session.suite, project_info(session.suite, project_id).token)
    result = milestones.release(session, project_id, index)
    done = " — project completed" if result.completed else ""
    app.emit(
        plain(result),
        f"Released {units(result.amount, asset.decimals, asset.symbol)} to "
        f"{result.beneficiary}{done} (tx {result.tx})",
    )
