"""The donor and transaction reports, and `charitychain trace … --html FILE`."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from charitychain.cli.context import AppContext
from charitychain.cli.main import cli
from charitychain.services.inputs import format_amount
from charitychain.trace.html import donor_html, tx_html
from charitychain.trace.report import donor_text, tx_text
from trace_html.htmlpage import Page, Story


def test_donor_report_figures(story: Story) -> None:
    trace = story.donor
    (p,) = trace.projects
    page = Page(donor_html(trace, story.assets))
    assert page.by_id["donor"].text == trace.donor
    assert page.figure(f"given-{p.token.lower()}") == (4 * 10**18, "4 ETH")
    assert page.figure(f"p{p.project_id}-given") == (p.given, "4 ETH")
    for s in p.shares:
        ident = f"p{p.project_id}-m{s.milestone}-share"
        assert page.figure(ident) == (s.share, f"{format_amount(s.share)} ETH")
    assert page.figure(f"p{p.project_id}-accounted") == (p.given, "4 ETH")
    assert page.by_id[f"project-{p.project_id}"].attrs["data-state"] == "Completed"
    text = donor_text(trace, story.assets)
    for amount in set(re.findall(r"\d[\d.]* ETH", text)):
        assert amount in page.text, amount
    shares = page.by_id[f"p{p.project_id}-shares"].text
    for s in p.shares:
        assert s.at.tx in shares


def test_refunded_donor_report(story: Story) -> None:
    trace = story.refunded_donor
    (p,) = trace.projects
    page = Page(donor_html(trace, story.assets))
    decimals, symbol = story.assets[p.token]
    shown = f"{format_amount(p.given, decimals)} {symbol}"
    assert page.figure(f"p{p.project_id}-refunded") == (p.refunded, shown)
    assert page.figure(f"p{p.project_id}-accounted") == (p.given, shown)
    assert page.by_id[f"project-{p.project_id}"].attrs["data-state"] == "Failed"
    assert "Nothing released yet." in page.text


def test_transaction_report(story: Story) -> None:
    trace = story.release_tx
    page = Page(tx_html(trace))
    assert page.by_id["tx"].text == trace.tx
    assert page.by_id["block"].text == str(trace.block)
    assert page.by_id["sender"].text == trace.sender
    assert page.by_id["status"].attrs["data-ok"] == "true"
    assert page.by_id["event-count"].text == str(len(trace.events)) == "1"
    for line in tx_text(trace).splitlines()[1:]:
        name, summary = line.strip().split(": ", 1)
        assert name in page.by_id["events"].text and summary in page.by_id["events"].text
    assert "MilestoneReleased" in page.by_id["event-1"].text
    assert str(3 * 10**18) in page.by_id["event-1"].text  # raw arguments, base units


def test_cli_writes_the_html_files(story: Story, tmp_path: Path) -> None:
    runner = CliRunner(env={"CHARITYCHAIN_RPC_URL": None, "CHARITYCHAIN_PROJECT": None})
    common = ["--project", str(story.root)]
    release = story.release_tx.tx
    runs = {
        "project.html": ["trace", "project", "1"],
        "donor.html": ["trace", "donor", story.donor.donor],
        "tx.html": ["trace", "tx", release],
    }
    for name, args in runs.items():
        out = tmp_path / name
        argv = [*common, *args, "--html", str(out), "--rpc-url", story.rpc_url]
        result = runner.invoke(cli, argv, obj=AppContext())
        assert result.exit_code == 0, (argv, result.output, result.exception)
        assert out.read_text("utf-8").startswith("<!doctype html>")
    page = Page((tmp_path / "project.html").read_text("utf-8"))
    assert page.figure("raised") == (story.wells.raised, "10 ETH")
    assert page.find("svg", id="flow")
    assert Page((tmp_path / "tx.html").read_text("utf-8")).by_id["tx"].text == release
