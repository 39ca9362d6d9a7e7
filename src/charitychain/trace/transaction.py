"""One transaction: its decoded events and, in words, what each changed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from eth_utils.address import to_checksum_address
from hexbytes import HexBytes
from web3.types import RPCEndpoint

from charitychain.contracts.suite import Suite
from charitychain.indexer.decode import Event, EventDecoder, RawLog
from charitychain.services.inputs import InvalidInput
from charitychain.trace.build import CANCEL_REASONS
from charitychain.trace.model import TxEvent, TxTrace


def describe(event: Event) -> str:
    """A sentence saying what the event recorded."""
    a = event.args
    pid = a.get("projectId")
    idx = a.get("milestoneIndex")
    sentences = {
        "DonationReceived": lambda: f"{a['donor']} gave {a['amount']} to project {pid}",
        "ProjectCreated": lambda: f"organization {a['orgId']} created project {pid}",
        "FundingClosed": lambda: (
            f"project {pid} closed funding at {a['raised']} raised: "
            + ("active" if int(a["state"]) == 2 else "failed, refunds open")
        ),
        "EvidenceSubmitted": lambda: (
            f"evidence for milestone {idx} of project {pid} (review round {a['round']})"
        ),
        "MilestoneVoteCast": lambda: (
            f"auditor {a['auditor']} "
            + ("approved" if a["approved"] else "rejected")
            + f" milestone {idx} of project {pid}"
        ),
        "MilestoneApproved": lambda: (
            f"milestone {idx} of project {pid} approved; challenges open until {a['windowEndsAt']}"
        ),
        "MilestoneRejected": lambda: f"milestone {idx} of project {pid} rejected",
        "MilestoneChallenged": lambda: (
            f"{a['donor']} challenged milestone {idx} of project {pid} (weight {a['weight']})"
        ),
        "MilestoneReturnedToReview": lambda: f"milestone {idx} of project {pid} back in review",
        "MilestoneReleased": lambda: (
            f"{a['amount']} released from project {pid} milestone {idx} to {a['beneficiary']}"
        ),
        "ProjectCompleted": lambda: f"project {pid} completed",
        "ProjectCancelled": lambda: f"project {pid} cancelled ({CANCEL_REASONS[int(a['reason'])]})",
        "RefundClaimed": lambda: f"{a['donor']} took back {a['amount']} from project {pid}",
        "ExpenseRecorded": lambda: (
            f"expense of {a['amount']} to {a['payee']} recorded against "
            f"milestone {idx} of project {pid}"
        ),
        "AuditReportPublished": lambda: (
            f"auditor {a['auditor']} published a report on project {pid}"
        ),
        "OrganizationApplied": lambda: f"{a['name']!r} applied as organization {a['orgId']}",
        "OrganizationApproved": lambda: f"organization {a['orgId']} approved",
    }
    make = sentences.get(event.name)
    return make() if make else event.name


def tx_trace(suite: Suite, tx_hash: str) -> TxTrace:
    """Fetch the receipt (one raw request) and describe what the transaction did."""
    receipt = raw_receipt(suite, tx_hash)
    from charitychain.indexer.sync import decoder_for

    return trace_from_receipt(receipt, decoder_for(suite))


def raw_receipt(suite: Suite, tx_hash: str) -> dict[str, Any]:
    """The node's receipt as JSON (hex strings), or a clear error when it has none."""
    try:
        reply = suite.w3.provider.make_request(
            RPCEndpoint("eth_getTransactionReceipt"), [HexBytes(tx_hash).to_0x_hex()]
        )
    except ValueError:
        reply = {}
    receipt = reply.get("result") if isinstance(reply, dict) else None
    if not receipt:
        raise InvalidInput(
            f"no transaction {tx_hash} on chain {suite.deployment.chain_id}: check the hash "
            "and the network"
        )
    return dict(receipt)


def trace_from_receipt(receipt: Mapping[str, Any], decoder: EventDecoder) -> TxTrace:
    """Pure: a JSON-RPC receipt (hex strings) → its decoded, described events."""
    events = []
    for log in receipt["logs"]:
        event = decoder.decode(RawLog.from_rpc(log))
        if event is not None:
            events.append(TxEvent(event.name, event.address, dict(event.args), describe(event)))
    return TxTrace(
        str(receipt["transactionHash"]),
        int(receipt["blockNumber"], 16),
        int(receipt["status"], 16) == 1,
        to_checksum_address(receipt["from"]),
        tuple(events),
    )
