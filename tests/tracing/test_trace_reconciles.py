"""Every traced figure agrees with the chain's own views, for ETH and a token, every state."""

from __future__ import annotations

from pathlib import Path

from charitychain.indexer.store import LogStore
from charitychain.indexer.sync import sync
from charitychain.trace.build import donor_trace, project_ids, project_trace
from charitychain.trace.reconcile import reconcile_project
from tracing.storyline import Story


def history(story: Story, cache: Path):  # type: ignore[no-untyped-def]
    return sync(story.suite, LogStore(cache)).events


def test_every_project_reconciles_with_on_chain_views(story: Story, cache: Path) -> None:
    events = history(story, cache)
    ids = project_ids(events)
    assert ids == [1, 2, story.cancelled]
    states = []
    for pid in ids:
        trace = project_trace(events, pid)
        assert reconcile_project(story.suite, trace) == []
        states.append(trace.state)
    assert states == ["Completed", "Failed", "Cancelled"]


def test_cancelled_project_shows_release_refunds_claimed_and_outstanding(
    story: Story, cache: Path
) -> None:
    trace = project_trace(history(story, cache), story.cancelled)
    raised = 5 * 10**18 + 8
    released = raised * 3333 // 10_000
    assert (trace.raised, trace.released) == (raised, released)
    claimed = (3 * 10**18 + 1) * (raised - released) // raised
    assert trace.refunded == claimed
    outstanding = sum(a * (raised - released) // raised for a in (2 * 10**18, 7))
    assert trace.refunds_outstanding == outstanding
    assert trace.held == outstanding + trace.dust and 0 <= trace.dust <= 3
    assert trace.cancel_reason == "by organization"
    assert trace.milestones[0].unexplained == released


def test_each_donor_trace_adds_up_to_exactly_what_was_given(story: Story, cache: Path) -> None:
    events = history(story, cache)
    donors = {d.donor for pid in project_ids(events) for d in project_trace(events, pid).donations}
    assert len(donors) == 5
    for donor in donors:
        for project in donor_trace(events, donor).projects:
            assert project.accounted == project.given
            assert 0 <= project.rounding <= len(project.shares) + 1


def test_donor_share_of_each_release_uses_the_contract_rounding(story: Story, cache: Path) -> None:
    events = history(story, cache)
    donor = story.donors[2]  # gave 7 wei
    (project,) = donor_trace(events, donor, story.cancelled).projects
    raised = 5 * 10**18 + 8
    released = raised * 3333 // 10_000
    assert [s.share for s in project.shares] == [7 * released // raised]
    assert project.refundable == 7 * (raised - released) // raised
    assert project.given == 7 and project.accounted == 7


def test_demo_donor_trace_names_evidence_and_expenses_behind_each_release(
    story: Story, cache: Path
) -> None:
    trace = donor_trace(history(story, cache), story.demo.trace.donor, 1)
    (project,) = trace.projects
    assert [s.share for s in project.shares] == [s.share for s in story.demo.trace.shares]
    first = project.shares[0]
    assert first.evidence_hash is not None and len(first.expenses) == 1
    assert first.expenses[0].amount == first.released
