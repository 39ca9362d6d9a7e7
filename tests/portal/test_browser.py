"""End to end in headless Chromium (Debian's, driven by Playwright) against a real server.

uvicorn serves `create_app` on a free port in a thread. Each page of the demo history is
loaded on a phone-sized and a desktop window, its key figures checked against the trace
model and a screenshot saved (paths printed at the end). Needs `/usr/bin/chromium`
(apt-get install chromium; .ci/run installs it): skipped without it, failed under CI=true.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from eth_utils.crypto import keccak
from web3 import Web3

from charitychain.portal.app import create_app
from charitychain.services import funding
from charitychain.services.session import Session
from charitychain.services.transact import Signer
from charitychain.trace.build import donor_trace, project_trace
from portal.world import World, wait_until

WINDOWS = {"phone": (390, 844), "desktop": (1280, 900)}
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS: list[Path] = []

pytestmark = pytest.mark.slow


def find_chromium() -> str:
    found = shutil.which("chromium") or (
        "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None
    )
    if found is None:
        message = "headless Chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{message}; CI must run the browser tests")
        pytest.skip(f"{message}; skipped outside CI")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def base_url(world: World, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    app = create_app(
        world.suite,
        tmp_path_factory.mktemp("portal-served"),
        interval=0.2,
        metadata_dir=world.metadata_dir,
    )
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=_free_port(), log_level="warning")
    )
    thread = threading.Thread(target=server.run, name="portal-uvicorn", daemon=True)
    thread.start()
    wait_until(lambda: server.started, 60, "uvicorn to start")
    assert app.state.follower.settled(120)
    yield f"http://127.0.0.1:{server.config.port}"
    server.should_exit = True
    thread.join(30)


@pytest.fixture(scope="module")
def shots_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("PORTAL_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.getbasetemp() / "portal-screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = find_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def open_page(browser: Any, base_url: str) -> Iterator[Any]:
    """open_page(window) -> a Playwright page that records every URL it requests."""
    contexts = []

    def make(window: str = "desktop") -> Any:
        width, height = WINDOWS[window]
        context = browser.new_context(
            viewport={"width": width, "height": height}, timezone_id="Asia/Tokyo"
        )
        contexts.append(context)
        page = context.new_page()
        page.requested = []
        page.on("request", lambda request: page.requested.append(request.url))
        return page

    yield make
    for context in contexts:
        context.close()


def units(page: Any, selector: str) -> int:
    return int(page.locator(selector).first.get_attribute("data-units"))


def check_layout(page: Any, base_url: str) -> None:
    """Nothing fetched from elsewhere; the page itself never scrolls sideways; one h1."""
    assert all(url.startswith(base_url) for url in page.requested), page.requested
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1, f"{page.url} is {overflow}px wider than the window"
    assert page.locator("h1").count() == 1
    assert page.locator("main").count() == 1
    for svg in page.locator('svg[role="img"]').all():
        assert svg.get_attribute("aria-label")


def screenshot(page: Any, folder: Path, name: str) -> None:
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000, f"{path} looks blank"
    SHOTS.append(path)


@pytest.mark.parametrize("window", list(WINDOWS))
def test_every_page_shows_the_trace_figures(
    open_page: Any, base_url: str, world: World, shots_dir: Path, window: str
) -> None:
    page = open_page(window)
    wells = project_trace(world.events, world.wells)
    school = project_trace(world.events, world.school)
    release = wells.milestones[0].release
    assert release is not None

    page.goto(base_url + "/")
    assert page.locator(f"#project-card-{world.wells}").get_attribute("data-state") == "Completed"
    assert int(page.locator(f"#progress-{world.school}").get_attribute("max")) == school.min_goal
    time_text = page.locator("time[data-local]").first.inner_text()
    assert "UTC" not in time_text and "GMT+9" in time_text  # shown in the reader's zone
    check_layout(page, base_url)
    screenshot(page, shots_dir, f"home-{window}")

    page.goto(f"{base_url}/organizations/1")
    kinds = page.locator("#vetting > li").evaluate_all("items => items.map(i => i.dataset.kind)")
    assert kinds == ["applied", "approved", "suspended", "reinstated"]
    check_layout(page, base_url)
    screenshot(page, shots_dir, f"organization-{window}")

    for trace in (wells, school):
        page.goto(f"{base_url}/projects/{trace.project_id}")
        assert units(page, "#raised") == trace.raised
        assert units(page, "#released") == trace.released
        assert units(page, "#refunded") == trace.refunded
        assert page.locator("svg#flow path.band").count() >= 3
        assert page.locator("#state").get_attribute("data-state") == trace.state
        check_layout(page, base_url)
        screenshot(page, shots_dir, f"project-{trace.project_id}-{window}")
    assert units(page, "#refunds-outstanding") == school.refunds_outstanding

    donor = donor_trace(world.events, world.donor)
    page.goto(f"{base_url}/donors/{world.donor}")
    for p in donor.projects:
        assert units(page, f"#p{p.project_id}-accounted") == p.given
    check_layout(page, base_url)
    screenshot(page, shots_dir, f"donor-{window}")

    page.goto(f"{base_url}/tx/{release.at.tx}")
    assert page.locator("#status").get_attribute("data-ok") == "true"
    assert page.locator("#canonical").get_attribute("data-ok") == "true"
    assert int(page.locator("#confirmations").inner_text()) >= 1
    check_layout(page, base_url)
    screenshot(page, shots_dir, f"tx-{window}")


def test_click_from_project_to_donor_to_transaction(
    open_page: Any, base_url: str, world: World, shots_dir: Path
) -> None:
    page = open_page("phone")
    page.goto(f"{base_url}/projects/{world.wells}")
    link = page.locator("#donors a.donor-link").first
    donor = link.inner_text().strip()
    link.click()
    page.wait_for_url(f"**/donors/{donor}")
    expected = donor_trace(world.events, donor).projects[0]
    assert units(page, f"#p{world.wells}-given") == expected.given
    assert units(page, f"#p{world.wells}-accounted") == expected.given
    page.locator(f"#p{world.wells}-donations a.hash").first.click()
    page.wait_for_url("**/tx/0x*")
    assert page.locator("#status").get_attribute("data-ok") == "true"
    assert "DonationReceived" in page.locator("#event-1-h").inner_text()
    assert donor in page.locator("#event-1 .summary").inner_text()
    page.locator("#event-1 .links a", has_text="Project").click()
    page.wait_for_url(f"**/projects/{world.wells}")
    screenshot(page, shots_dir, "click-through-back-to-project-phone")


def test_the_search_box_finds_a_donor_and_a_project(
    open_page: Any, base_url: str, world: World
) -> None:
    page = open_page("desktop")
    page.goto(base_url + "/")
    page.get_by_label("Search projects, organizations").fill(world.refunded_donor.lower())
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/donors/{world.refunded_donor}")
    page.get_by_label("Search projects, organizations").fill("2")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(f"**/projects/{world.school}")


def test_a_reader_is_told_when_the_chain_moves_and_can_reload(
    open_page: Any, base_url: str, world: World, w3: Web3, shots_dir: Path
) -> None:
    page = open_page("desktop")
    page.goto(f"{base_url}/projects/{world.fresh}")
    before = units(page, "#raised")
    giver = Signer(Web3.to_checksum_address(w3.eth.accounts[8]))
    funding.donate(Session(world.suite, giver), world.fresh, 2 * 10**18, keccak(text="live"))
    page.locator("#live button#reload").wait_for(timeout=20_000)
    screenshot(page, shots_dir, "live-notice-desktop")
    page.locator("#reload").click()
    page.wait_for_load_state()
    wait_until(lambda: units(page, "#raised") == before + 2 * 10**18, 20, "the new figure")


def test_screenshot_paths(shots_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Last in this file: prints where the screenshots are."""
    with capsys.disabled():
        print(f"\nportal screenshots ({len(SHOTS)}) in {shots_dir}:")
        for shot in SHOTS:
            print(f"  {shot.name}")
