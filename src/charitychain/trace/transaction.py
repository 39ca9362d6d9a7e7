"""One transaction: its decoded events and, in words, what each changed."""

from __future__ import annotations

from typing import Any

from hexbytes import HexBytes
from web3.exceptions import TransactionNotFound

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
    try:
        receipt = suite.w3.eth.get_transaction_receipt(HexBytes(tx_hash))
        tx = suite.w3.eth.get_transaction(HexBytes(tx_hash))
    except (TransactionNotFound, ValueError):
        raise InvalidInput(
            f"no transaction {tx_hash} on chain {suite.deployment.chain_id}: check the hash "
            "and the network"
        ) from None
    from charitychain.indexer.sync import decoder_for

    decoder: EventDecoder = decoder_for(suite)
    events = []
    for log in receipt["logs"]:
        decoded = decoder.decode(_raw(log))
        if decoded is not None:
            events.append(
                TxEvent(decoded.name, decoded.address, dict(decoded.args), describe(decoded))
            )
    return TxTrace(
        receipt["transactionHash"].to_0x_hex(),
        int(receipt["blockNumber"]),
        receipt["status"] == 1,
        str(tx["from"]),
        tuple(events),
    )


def _raw(log: Any) -> RawLog:
    return RawLog(
        str(log["address"]),
        tuple(HexBytes(t).to_0x_hex() for t in log["topics"]),
        HexBytes(log["data"]).to_0x_hex(),
        int(log["blockNumber"]),
        HexBytes(log["blockHash"]).to_0x_hex(),
        HexBytes(log["transactionHash"]).to_0x_hex(),
        int(log["logIndex"]),
    )
