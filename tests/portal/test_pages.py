"""The HTML pages: key figures equal the trace model, links lead on, nothing is fetched."""

from __future__ import annotations

import re

from starlette.testclient import TestClient

from charitychain.trace.build import donor_trace, project_trace
from portal.world import World, figure


def test_home_lists_projects_with_progress_and_organizations(
    client: TestClient, world: World
) -> None:
    page = client.get("/")
    assert page.status_code == 200
    html = page.text
    for pid in (world.wells, world.school, world.fresh):
        trace = project_trace(world.events, pid)
        assert f'id="project-card-{pid}" data-state="{trace.state}"' in html
        progress = re.search(rf'<progress id="progress-{pid}" max="(\d+)" value="(\d+)"', html)
        assert progress, pid
        assert int(progress.group(1)) == trace.min_goal
        assert int(progress.group(2)) == min(trace.raised, trace.min_goal)
    assert 'href="/organizations/1">Clean Water Trust</a>' in html
    assert "Next milestone: 0 (50%)" in html


def test_project_page_figures_equal_the_trace(client: TestClient, world: World) -> None:
    for pid in (world.wells, world.school):
        trace = project_trace(world.events, pid)
        html = client.get(f"/projects/{pid}").text
        for ident, value in (
            ("raised", trace.raised),
            ("released", trace.released),
            ("refunded", trace.refunded),
            ("held", trace.held),
        ):
            assert figure(html, ident) == value, (pid, ident)
        assert '<svg id="flow" class="flow" role="img"' in html
        for m in trace.milestones:
            assert f'id="milestone-{m.index}" class="state-{m.state.lower()}"' in html
    wells = project_trace(world.events, world.wells)
    html = client.get(f"/projects/{world.wells}").text
    assert figure(html, "m0-unexplained") == wells.milestones[0].unexplained
    assert figure(html, "m2-released") == wells.milestones[2].released
    assert 'id="reconcile-check" data-ok="true"' in html
    assert 'id="deployment-check" data-ok="true"' in html
    assert f'href="/tx/{wells.milestones[0].release.at.tx}"' in html  # type: ignore[union-attr]
    school = project_trace(world.events, world.school)
    html = client.get(f"/projects/{world.school}").text
    assert figure(html, "refunds-outstanding") == school.refunds_outstanding
    assert "Refunds are open" in html


def test_metadata_badges_say_whether_the_local_document_matches(
    client: TestClient, world: World
) -> None:
    fresh = client.get(f"/projects/{world.fresh}").text
    assert 'id="metadata-check" data-status="match"' in fresh
    wells = client.get(f"/projects/{world.wells}").text
    assert 'id="metadata-check" data-status="mismatch"' in wells
    assert "metadata not checked: no local copy" in client.get("/organizations/1").text


def test_donor_page_shows_each_share_and_that_it_adds_up(client: TestClient, world: World) -> None:
    trace = donor_trace(world.events, world.donor)
    html = client.get(f"/donors/{world.donor}").text
    for p in trace.projects:
        pid = p.project_id
        assert figure(html, f"p{pid}-given") == p.given
        assert figure(html, f"p{pid}-accounted") == p.accounted == p.given
        for s in p.shares:
            assert figure(html, f"p{pid}-m{s.milestone}-share") == s.share
    refunded = donor_trace(world.events, world.refunded_donor)
    html = client.get(f"/donors/{world.refunded_donor}").text
    assert figure(html, f"p{world.school}-refunded") == refunded.projects[0].refunded


def test_transaction_page_is_decoded_with_confirmations_and_canonical_check(
    client: TestClient, world: World
) -> None:
    release = project_trace(world.events, world.wells).milestones[0].release
    assert release is not None
    html = client.get(f"/tx/{release.at.tx}").text
    assert "MilestoneReleased" in html
    assert 'id="canonical" data-ok="true"' in html
    confirmations = int(re.search(r'id="confirmations">(\d+)<', html).group(1))  # type: ignore[union-attr]
    assert confirmations == world.suite.w3.eth.block_number - release.at.block + 1
    assert 'data-check="succeeded" data-ok="true"' in html


def test_search_redirects_on_one_hit_and_lists_several(client: TestClient, world: World) -> None:
    one = client.get("/search", params={"q": world.donor}, follow_redirects=False)
    assert one.status_code == 303 and one.headers["location"] == f"/donors/{world.donor}"
    many = client.get("/search", params={"q": "water"})
    assert many.status_code == 200 and 'id="hits"' in many.text
    none = client.get("/search", params={"q": "zzz"})
    assert 'id="no-hits"' in none.text


def test_unknown_pages_say_what_is_missing(client: TestClient) -> None:
    page = client.get("/projects/42")
    assert page.status_code == 404 and "No project 42" in page.text
    assert client.get("/organizations/9").status_code == 404
    assert client.get("/donors/0xnope").status_code == 400


def test_pages_fetch_nothing_from_elsewhere_and_send_a_strict_policy(
    client: TestClient, world: World
) -> None:
    for path in ("/", f"/projects/{world.wells}", f"/donors/{world.donor}", "/organizations/1"):
        page = client.get(path)
        assert "default-src 'self'" in page.headers["content-security-policy"]
        sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
        assert sources and all(s.startswith(("/", "#", "?")) for s in sources), sources
        assert '<html lang="en">' in page.text and 'name="viewport"' in page.text
    for asset in ("/static/portal.css", "/static/portal.js", "/static/favicon.svg"):
        assert client.get(asset).status_code == 200
