"""The indexer's fast decoder agrees with web3's ABI decoding for every event in the story."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hexbytes import HexBytes
from web3.logs import DISCARD

from charitychain.indexer.decode import EventDecoder, RawLog
from charitychain.indexer.store import LogStore
from charitychain.indexer.sync import decoder_for, sync
from charitychain.trace.build import project_trace
from tracing.storyline import Story


def _web3_args(value: Any) -> Any:
    if isinstance(value, dict) or hasattr(value, "items"):
        return {k: _web3_args(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_web3_args(v) for v in value]
    return value


def test_every_log_of_the_story_decodes_like_web3_does(story: Story) -> None:
    w3 = story.suite.w3
    contracts = (story.suite.registry, story.suite.escrow, story.suite.ledger)
    decoder = decoder_for(story.suite)
    seen = set()
    raw_logs = w3.provider.make_request(  # type: ignore[arg-type]
        "eth_getLogs",
        [{"fromBlock": "0x0", "toBlock": "latest", "address": [c.address for c in contracts]}],
    )["result"]
    for raw in raw_logs:
        ours = decoder.decode(RawLog.from_rpc(raw))
        assert ours is not None
        receipt = w3.eth.get_transaction_receipt(HexBytes(raw["transactionHash"]))
        contract = next(c for c in contracts if c.address == ours.address)
        theirs = [
            e
            for e in contract.events[ours.name]().process_receipt(receipt, DISCARD)
            if e["logIndex"] == ours.log_index
        ]
        assert len(theirs) == 1
        expected = _web3_args(theirs[0]["args"])
        assert _web3_args(ours.args) == expected, ours.name
        seen.add(ours.name)
    assert {"ProjectCreated", "DonationReceived", "MilestoneReleased", "RefundClaimed",
            "ExpenseRecorded", "ProjectCancelled"} <= seen  # fmt: skip


def test_unknown_logs_are_skipped_not_misread() -> None:
    decoder = EventDecoder([])
    log = RawLog("0x" + "11" * 20, ("0x" + "ab" * 32,), "0x", 1, "0x" + "00" * 32, "0x", 0)
    assert decoder.decode(log) is None


def test_a_projects_own_events_are_exactly_its_share_of_the_whole_history(
    story: Story, tmp_path: Path
) -> None:
    history = sync(story.suite, LogStore(tmp_path / "c.sqlite"))
    for pid in (1, 2, story.cancelled):
        picked = history.project_events(pid)
        expected = [e for e in history.events if e.args.get("projectId") == pid]
        assert [e for e in picked if "projectId" in e.args] == expected
        assert project_trace(picked, pid) == project_trace(history.events, pid)
