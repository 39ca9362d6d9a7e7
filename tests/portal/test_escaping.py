"""Whatever the chain says is text: a hostile organization name cannot inject markup."""

from __future__ import annotations

from eth_utils.crypto import keccak
from starlette.testclient import TestClient
from web3 import Web3

from charitychain.services import governance
from charitychain.services.session import Session
from charitychain.services.transact import Signer
from portal.world import World, settle

HOSTILE = '<script>alert("x")</script><img src=//evil.example/x>'


def test_a_hostile_name_is_escaped_on_every_page_that_shows_it(
    client: TestClient, world: World, w3: Web3
) -> None:
    applicant = Signer(Web3.to_checksum_address(w3.eth.accounts[9]))
    org_id = governance.apply_organization(
        Session(world.suite, applicant), HOSTILE, keccak(text="x"), 'javascript:"><b>'
    ).org_id
    settle(client, w3)
    for path in ("/", f"/organizations/{org_id}", "/search?q=script"):
        page = client.get(path, follow_redirects=True).text
        assert "<script>alert" not in page and "<img src=//evil" not in page, path
        assert "&lt;script&gt;alert(" in page, path
    assert client.get(f"/api/organizations/{org_id}").json()["name"] == HOSTILE
