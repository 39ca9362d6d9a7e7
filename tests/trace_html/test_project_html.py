"""The project report: every figure of the text report, readable and machine-readable."""

from __future__ import annotations

import re

from charitychain.services.inputs import format_amount
from charitychain.trace.html import project_html
from charitychain.trace.model import ProjectTrace
from charitychain.trace.report import project_text
from trace_html.htmlpage import Page, Story


def render(story: Story, trace: ProjectTrace) -> tuple[str, Page]:
    decimals, symbol = story.assets[trace.token]
    markup = project_html(trace, decimals, symbol)
    return markup, Page(markup)


def test_completed_project_summary_figures(story: Story) -> None:
    wells = story.wells
    _, page = render(story, wells)
    assert page.duplicate_ids == []
    expected = {
        "raised": wells.raised,
        "goal": wells.min_goal,
        "cap": wells.cap,
        "released": wells.released,
        "refunded": wells.refunded,
        "held": wells.held,
    }
    assert (wells.raised, wells.released, wells.held) == (10 * 10**18, 10 * 10**18, 0)
    for ident, units in expected.items():
        assert page.figure(ident) == (units, f"{format_amount(units)} ETH"), ident
    assert page.by_id["donor-count"].text == "3"
    assert page.by_id["donation-count"].text == "3"
    assert page.by_id["state"].attrs["data-state"] == "Completed"
    assert page.by_id["organization"].text == "Clean Water Trust"
    # A completed project has no refund figures.
    assert "refunds-outstanding" not in page.by_id and "dust" not in page.by_id
    title = page.find("title")[0].text
    assert title == "Project 1 of Clean Water Trust: Completed"


def test_milestone_timeline_figures(story: Story) -> None:
    wells = story.wells
    _, page = render(story, wells)
    for m in wells.milestones:
        item = page.by_id[f"milestone-{m.index}"]
        assert item.attrs["data-state"] == "Released"
        assert page.figure(f"m{m.index}-released") == (
            m.released,
            f"{format_amount(m.released)} ETH",
        )
        assert page.figure(f"m{m.index}-explained")[0] == m.explained
        assert page.figure(f"m{m.index}-unexplained")[0] == m.unexplained
        votes = page.by_id[f"m{m.index}-votes"]
        assert (votes.attrs["data-approve"], votes.attrs["data-reject"]) == ("2", "0")
        assert f"{m.bps / 100:g}%" in item.text
    first = wells.milestones[0]
    assert (first.explained, first.unexplained) == (3 * 10**18, 0)
    assert page.figure("m2-unexplained") == (4 * 10**18, "4 ETH")
    timeline = page.by_id["milestone-0"].text
    assert "Challenged by" in timeline and wells.milestones[0].challenges[0].donor in timeline
    assert "construction" in timeline and "ipfs://wells/invoice-0001.pdf" in timeline


def test_every_figure_of_the_text_report_is_on_the_page(story: Story) -> None:
    """Amounts, hashes, addresses, URIs and counts the terminal shows, the page shows too."""
    for trace in (story.wells, story.school):
        decimals, symbol = story.assets[trace.token]
        text = project_text(trace, decimals, symbol)
        _, page = render(story, trace)
        amounts = re.findall(rf"(\d[\d.]*) {re.escape(symbol)}\b", text)
        hexes = re.findall(r"0x[0-9a-fA-F]+", text)
        uris = re.findall(r"ipfs://\S+", text)
        assert amounts and (hexes or trace.state == "Failed")
        if trace.refunds_open:
            dust = re.search(r"rounding dust (\d+) base units", text)
            assert dust is not None and f"{dust.group(1)} base units" in page.text
        for word in {f"{a} {symbol}" for a in amounts} | set(hexes) | set(uris):
            assert word in page.text, f"{word!r} of the text report is not on the page"
        for phrase in re.findall(r"milestone \d \(\d+%\): \w+", text):
            index, bps, state = re.match(r"milestone (\d) \((\d+)%\): (\w+)", phrase).groups()  # type: ignore[union-attr]
            item = page.by_id[f"milestone-{index}"]
            assert f"{bps}%" in item.text and item.attrs["data-state"] == state


def test_failed_project_refund_figures(story: Story) -> None:
    school = story.school
    _, page = render(story, school)
    assert (school.state, school.raised, school.refunded) == (
        "Failed",
        3_500 * 10**6,
        3_500 * 10**6,
    )
    assert page.figure("raised") == (3_500 * 10**6, "3500 dUSD")
    assert page.figure("refunded") == (3_500 * 10**6, "3500 dUSD")
    assert page.figure("held") == (0, "0 dUSD")
    assert page.figure("refunds-outstanding") == (0, "0 dUSD")
    assert page.figure("dust") == (0, "0 base units")
    assert page.by_id["state"].attrs["data-state"] == "Failed"
    refunds = page.by_id["refunds"].text
    for r in school.refunds:
        assert r.donor in refunds and r.at.tx in refunds
    for m in school.milestones:
        assert f"m{m.index}-released" not in page.by_id
        assert page.by_id[f"milestone-{m.index}"].attrs["data-state"] == "Pending"


def test_tables_show_full_addresses_and_hashes(story: Story) -> None:
    wells = story.wells
    _, page = render(story, wells)
    donations = page.by_id["donations"].text
    for d in wells.donations:
        assert d.donor in donations and d.at.tx in donations and "0x" + d.memo.hex() in donations
    releases = page.by_id["releases"].text
    for m in wells.milestones:
        assert m.release is not None and m.release.at.tx in releases
    expenses = page.by_id["expenses"].text
    expense = wells.milestones[0].expenses[0]
    assert expense.payee in expenses and "0x" + expense.invoice_hash.hex() in expenses
    audits = page.by_id["audits"].text
    audit = wells.audits[0]
    assert audit.auditor in audits and "0x" + audit.report_hash.hex() in audits
    donors = page.by_id["donors"].text
    for donor, given in wells.contributions.items():
        assert donor in donors and f"{format_amount(given)} ETH" in donors
