"""The portal follows new blocks while serving: a new donation shows up by itself."""

from __future__ import annotations

from eth_utils.crypto import keccak
from starlette.testclient import TestClient
from web3 import Web3

from charitychain.services import funding
from charitychain.services.session import Session
from charitychain.services.transact import Signer
from portal.world import World, figure, settle


def test_a_new_donation_appears_without_a_restart(
    client: TestClient, world: World, w3: Web3
) -> None:
    before = client.get(f"/api/projects/{world.fresh}").json()
    version = client.get("/api/status").json()["version"]
    giver = Signer(Web3.to_checksum_address(w3.eth.accounts[7]))
    funding.donate(Session(world.suite, giver), world.fresh, 3 * 10**18, keccak(text="later"))
    status = settle(client, w3)
    assert status["version"] != version
    after = client.get(f"/api/projects/{world.fresh}").json()
    assert after["raised"] == before["raised"] + 3 * 10**18
    assert after["reconciles"] is True
    html = client.get(f"/projects/{world.fresh}").text
    assert figure(html, "raised") == after["raised"]
    assert giver.address in client.get(f"/projects/{world.fresh}").text
