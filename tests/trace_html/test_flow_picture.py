"""The fund-flow picture: bands carry exact amounts, widths are proportional, sums add up."""

from __future__ import annotations

import dataclasses
from collections import defaultdict

import pytest

from charitychain.trace.html import donor_html, project_html
from charitychain.trace.model import Donation, ProjectTrace, Ref
from trace_html.htmlpage import Element, Page, Story


def bands(page: Page, svg_id: str = "flow") -> list[Element]:
    svg = page.by_id[svg_id]
    start = page.elements.index(svg)
    found = []
    for element in page.elements[start + 1 :]:
        if element.tag == "svg":
            break
        if element.tag == "path" and element.attrs.get("class") == "band":
            found.append(element)
    return found


def sums(found: list[Element]) -> tuple[dict[str, int], dict[str, int]]:
    out: dict[str, int] = defaultdict(int)
    into: dict[str, int] = defaultdict(int)
    for band in found:
        out[band.attrs["data-from"]] += int(band.attrs["data-units"])
        into[band.attrs["data-to"]] += int(band.attrs["data-units"])
    return out, into


def nodes(page: Page) -> dict[str, Element]:
    return {e.attrs["data-node"]: e for e in page.elements if "data-node" in e.attrs}


def assert_proportional(found: list[Element]) -> None:
    """width = units * one scale for every band (to the 3 decimals drawn)."""
    biggest = max(found, key=lambda b: int(b.attrs["data-units"]))
    scale = float(biggest.attrs["data-width"]) / int(biggest.attrs["data-units"])
    for band in found:
        expected = int(band.attrs["data-units"]) * scale
        assert float(band.attrs["data-width"]) == pytest.approx(expected, abs=2e-3)


def test_completed_project_bands_add_up(story: Story) -> None:
    wells = story.wells
    page = Page(project_html(wells, 18, "ETH"))
    found = bands(page)
    out, into = sums(found)
    project = "project:1"
    assert into[project] == out[project] == wells.raised
    for donor, given in wells.contributions.items():
        assert out[f"donor:{donor}"] == given
    for m in wells.milestones:
        assert into[f"milestone:{m.index}"] == out[f"milestone:{m.index}"] == m.released
    assert into["unexplained"] == sum(m.unexplained for m in wells.milestones) == 7 * 10**18
    expense = wells.milestones[0].expenses[0]
    assert into[f"expense:construction:{expense.payee}"] == expense.amount
    assert "refunded" not in into and "held" not in into  # zero flows are not drawn
    assert_proportional(found)
    # The project node is exactly as tall as the bands that enter it.
    drawn = nodes(page)
    rect = next(e for e in page.elements[page.elements.index(drawn[project]) :] if e.tag == "rect")
    entering = sum(float(b.attrs["data-width"]) for b in found if b.attrs["data-to"] == project)
    assert float(rect.attrs["data-height"]) == pytest.approx(entering, abs=0.01)
    assert int(drawn[project].attrs["data-units"]) == wells.raised
    # Labels carry amounts; addresses are shortened in the picture.
    svg_text = page.by_id["flow"].text
    assert "Project 1" in svg_text and "10 ETH" in svg_text and "Unexplained" in svg_text
    donor = next(iter(wells.contributions))
    assert f"{donor[:6]}…{donor[-4:]}" in svg_text
    # The same flows, as a table.
    assert len(page.by_id["flows"].text.split("ETH")) - 1 == len(found)


def test_failed_project_flows_to_refunds(story: Story) -> None:
    school = story.school
    page = Page(project_html(school, 6, "dUSD"))
    out, into = sums(bands(page))
    assert out["project:2"] == into["project:2"] == school.raised
    assert into["refunded"] == school.refunded == school.raised
    assert not any(key.startswith("milestone:") for key in into)


def test_donors_beyond_the_top_eight_share_a_band(story: Story) -> None:
    wells = story.wells
    at = wells.donations[0].at
    gifts = [12 * 10**17] + [8 * 10**17] * 11  # 10 ETH in all, as released
    many = tuple(
        Donation(f"0x{i + 1:040x}", gift, b"", Ref(at.block, at.tx)) for i, gift in enumerate(gifts)
    )
    trace = dataclasses.replace(wells, donations=many)
    assert trace.held == 0
    page = Page(project_html(trace, 18, "ETH"))
    out, into = sums(bands(page))
    donors = [key for key in out if key.startswith("donor:")]
    assert len(donors) == 9 and "donor:others" in donors
    assert out["donor:others"] == 4 * 8 * 10**17
    assert out[f"donor:0x{1:040x}"] == 12 * 10**17  # the biggest donor is drawn alone
    assert into["project:1"] == out["project:1"] == trace.raised
    assert "4 other donors" in page.by_id["flow"].text


def test_nothing_raised_draws_an_empty_picture(story: Story) -> None:
    wells = story.wells
    empty = dataclasses.replace(
        wells,
        state="Funding",
        donations=(),
        refunds=(),
        audits=(),
        milestones=tuple(
            dataclasses.replace(m, release=None, expenses=(), evidence=(), votes=(), challenges=())
            for m in wells.milestones
        ),
    )
    page = Page(project_html(empty, 18, "ETH"))
    svg = page.by_id["flow"]
    assert svg.attrs["role"] == "img" and "nothing has moved yet" in svg.attrs["aria-label"]
    assert bands(page) == []
    assert page.figure("raised") == (0, "0 ETH")
    assert "No donations yet." in page.text


def test_donor_picture_adds_up(story: Story) -> None:
    trace = story.donor
    (p,) = trace.projects
    page = Page(donor_html(trace, story.assets))
    out, into = sums(bands(page, f"p{p.project_id}-flow"))
    assert out["donor"] == into[f"project:{p.project_id}"] == p.given == 4 * 10**18
    assert sum(into[f"milestone:{s.milestone}"] for s in p.shares) == p.released
    assert out[f"project:{p.project_id}"] == p.accounted == p.given


def test_refunded_donor_picture(story: Story) -> None:
    trace = story.refunded_donor
    (p,) = trace.projects
    page = Page(donor_html(trace, story.assets))
    _out, into = sums(bands(page, f"p{p.project_id}-flow"))
    assert into["refunded"] == p.refunded == p.given > 0


def test_project_with_no_flows_beyond_the_escrow(story: Story) -> None:
    """A live project: everything raised is still held."""
    wells = story.wells
    live: ProjectTrace = dataclasses.replace(
        wells,
        state="Active",
        milestones=tuple(
            dataclasses.replace(m, release=None, expenses=()) for m in wells.milestones
        ),
        audits=(),
    )
    page = Page(project_html(live, 18, "ETH"))
    _out, into = sums(bands(page))
    assert into["held"] == live.held == live.raised
    assert page.figure("held") == (live.raised, "10 ETH")
