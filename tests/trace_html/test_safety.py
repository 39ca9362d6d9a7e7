"""Reports are self-contained (nothing fetched), escape what the chain says, are accessible."""

from __future__ import annotations

import dataclasses
import re

import pytest

from charitychain.trace.html import donor_html, project_html, tx_html
from charitychain.trace.model import DonorTrace, TxEvent, TxTrace
from trace_html.htmlpage import Page, Story

HOSTILE = '<script>alert("owned")</script>'
HOSTILE_URI = '"><img src=https://evil.example/x.png onerror=alert(1)>'


def all_reports(story: Story) -> dict[str, str]:
    return {
        "project 1": project_html(story.wells, *story.assets[story.wells.token]),
        "project 2": project_html(story.school, *story.assets[story.school.token]),
        "donor": donor_html(story.donor, story.assets),
        "refunded donor": donor_html(story.refunded_donor, story.assets),
        "tx": tx_html(story.release_tx),
    }


def hostile_project(story: Story) -> str:
    wells = story.wells
    first = wells.milestones[0]
    evidence = dataclasses.replace(first.evidence[0], uri=HOSTILE_URI)
    expense = dataclasses.replace(
        first.expenses[0], uri=HOSTILE, category=b"<b>x</b>".ljust(32, b"\0")
    )
    milestones = (
        dataclasses.replace(first, evidence=(evidence,), expenses=(expense,)),
        *wells.milestones[1:],
    )
    trace = dataclasses.replace(
        wells,
        organization=HOSTILE,
        metadata_uri=HOSTILE_URI,
        milestones=milestones,
        cancel_reason=HOSTILE,
    )
    return project_html(trace, 18, "<i>ETH</i>")


def test_hostile_strings_are_escaped(story: Story) -> None:
    markup = hostile_project(story)
    page = Page(markup)
    assert "<script" not in markup.lower() and "<img" not in markup.lower()
    assert "<b>x</b>" not in markup and "<i>ETH</i>" not in markup
    assert not page.find("script") and not page.find("img") and not page.find("b")
    # The words are still there, as text.
    assert page.by_id["organization"].text == HOSTILE
    assert HOSTILE_URI in page.text and "<b>x</b>" in page.text
    assert page.figure("raised") == (story.wells.raised, "10 <i>ETH</i>")
    assert page.find("title")[0].text.startswith(f"Project 1 of {HOSTILE}")
    # The picture's labels and titles are escaped too.
    assert "<b>x</b> · " in page.by_id["flow"].text


def test_hostile_transaction_and_donor_strings() -> None:
    trace = TxTrace(
        tx="0x" + "ab" * 32,
        block=7,
        status=False,
        sender=HOSTILE,
        events=(
            TxEvent(
                HOSTILE, "0x" + "11" * 20, {"name": HOSTILE, "blob": b"<>"}, f"{HOSTILE!r} applied"
            ),
        ),
    )
    markup = tx_html(trace)
    assert "<script" not in markup.lower()
    page = Page(markup)
    assert page.by_id["sender"].text == HOSTILE
    assert page.by_id["status"].attrs["data-ok"] == "false" and "REVERTED" in page.text
    assert "0x3c3e" in page.text  # bytes arguments as hex
    nobody = donor_html(DonorTrace(HOSTILE, ()), {})
    assert "<script" not in nobody.lower()
    assert "has no donations on this deployment" in Page(nobody).by_id["no-donations"].text


@pytest.mark.parametrize(
    "attribute", ["src", "href", "xlink:href", "action", "srcset", "poster", "data", "formaction"]
)
def test_nothing_is_fetched(story: Story, attribute: str) -> None:
    for name, markup in all_reports(story).items():
        page = Page(markup)
        for element in page.elements:
            value = element.attrs.get(attribute)
            assert value is None or not re.match(r"\s*(https?:)?//", value), (name, element)
        for tag in ("script", "link", "img", "iframe", "object", "embed", "image", "use"):
            assert not page.find(tag), f"{name} has a <{tag}>"
        assert "@import" not in markup and "url(" not in markup, name
        assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", markup), name
        csp = page.find("meta", http_equiv="Content-Security-Policy")
        assert csp and "default-src 'none'" in csp[0].attrs["content"], name


def test_accessible_structure(story: Story) -> None:
    for name, markup in all_reports(story).items():
        page = Page(markup)
        assert page.duplicate_ids == [], name
        assert page.find("html")[0].attrs["lang"] == "en"
        assert page.find("title")[0].text.strip(), name
        assert page.find("meta", name="viewport"), name
        assert len(page.find("h1")) == 1 and page.find("main") and page.find("h2"), name
        for svg in page.find("svg"):
            assert svg.attrs["role"] == "img" and svg.attrs["aria-label"].strip(), name
            start = page.elements.index(svg)
            assert page.elements[start + 1].tag == "title", name
        for table in page.find("table"):
            start = page.elements.index(table)
            assert page.elements[start + 1].tag == "caption", name
        headers = page.find("th")
        assert all(h.attrs.get("scope") == "col" for h in headers), name
        # Every labelled region points at an element that exists.
        for element in page.elements:
            for ref in element.attrs.get("aria-labelledby", "").split():
                assert ref in page.by_id, (name, ref)


def test_responsive_css(story: Story) -> None:
    markup = project_html(story.wells, 18, "ETH")
    assert 'content="width=device-width, initial-scale=1"' in markup
    assert "@media (max-width:40rem)" in markup
    assert ".scroll{overflow-x:auto" in markup and ".figure-wrap{overflow-x:auto" in markup
