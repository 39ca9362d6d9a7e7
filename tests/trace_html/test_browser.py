"""The reports in a real browser: headless Chromium lays them out on a phone and a desktop.

Needs Debian's `chromium` (apt-get install chromium; .ci/run installs it). Without it the
test is skipped, except under CI=true where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from charitychain.trace.html import donor_html, project_html, tx_html
from trace_html.htmlpage import Page, Story

WINDOWS = ((390, 844), (1280, 900))  # a phone, a desktop
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def find_chromium() -> str:
    found = shutil.which("chromium") or (
        "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None
    )
    if found is None:
        message = "headless Chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{message}; CI must run the browser test")
        pytest.skip(f"{message}; skipped outside CI")
    return found


def chromium(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [binary, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.slow
def test_reports_render_in_headless_chromium(
    story: Story, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    binary = find_chromium()
    reports = {
        "project-1": project_html(story.wells, *story.assets[story.wells.token]),
        "project-2": project_html(story.school, *story.assets[story.school.token]),
        "donor": donor_html(story.donor, story.assets),
        "tx": tx_html(story.release_tx),
    }
    files = {}
    for name, markup in reports.items():
        files[name] = tmp_path / f"{name}.html"
        files[name].write_text(markup, "utf-8")

    # The DOM the browser built has the picture and the figures.
    dumped = chromium(binary, tmp_path / "profile", "--dump-dom", files["project-1"].as_uri())
    assert dumped.returncode == 0, dumped.stderr
    dom = Page(dumped.stdout)
    svg = dom.by_id["flow"]
    assert svg.tag == "svg" and svg.attrs["role"] == "img"
    assert len([e for e in dom.elements if e.attrs.get("class") == "band"]) >= 6
    assert dom.figure("raised") == (story.wells.raised, "10 ETH")
    assert dom.figure("m2-unexplained") == (4 * 10**18, "4 ETH")
    dumped = chromium(binary, tmp_path / "profile", "--dump-dom", files["project-2"].as_uri())
    assert Page(dumped.stdout).figure("refunded") == (story.school.refunded, "3500 dUSD")

    shots = []
    for name, file in files.items():
        for width, height in WINDOWS:
            shot = tmp_path / f"{name}-{width}x{height}.png"
            ran = chromium(
                binary,
                tmp_path / "profile",
                f"--screenshot={shot}",
                f"--window-size={width},{height}",
                file.as_uri(),
            )
            assert ran.returncode == 0 and shot.exists(), ran.stderr
            assert png_size(shot) == (width, height)
            assert shot.stat().st_size > 10_000, f"{shot} looks blank"
            shots.append(shot)
    with capsys.disabled():
        print("\nHTML report screenshots:")
        for shot in shots:
            print(f"  {shot}")


@pytest.mark.parametrize(("ci", "outcome"), [("true", "fail"), ("", "skip")])
def test_missing_browser(monkeypatch: pytest.MonkeyPatch, ci: str, outcome: str) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    monkeypatch.setattr(os, "access", lambda _path, _mode: False)
    monkeypatch.setenv("CI", ci)
    expected = pytest.fail.Exception if outcome == "fail" else pytest.skip.Exception
    with pytest.raises(expected, match=r"apt-get install chromium") as raised:
        find_chromium()
    assert ("CI must run" in str(raised.value)) == (outcome == "fail")
