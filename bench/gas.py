"""Gas of every user action, measured from receipts on a fresh anvil (evm shanghai).

Writes bench/results/gas.json ({"<operation>": gas}) and prints a table. Scenarios match
tests/contracts/test_gas_ceilings.py: "first" is a donor's first gift to a project that
already holds donations, "repeat" the same donor's second; memos are 32 non-zero bytes.
"""

from __future__ import annotations

import json
from pathlib import Path

from eth_utils.crypto import keccak
from web3 import Web3

from charitychain.chain import clock
from charitychain.chain.connect import connect
from charitychain.chain.node import start_ephemeral_anvil
from charitychain.compiler import compile_project
from charitychain.contracts.artifacts import load_build_artifact
from charitychain.contracts.suite import bind
from charitychain.services import exits, funding, governance, milestones, records
from charitychain.services.deploy import deploy_suite
from charitychain.services.inputs import ETH_ADDRESS
from charitychain.services.session import Session
from charitychain.services.transact import Signer, deploy_contract

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results" / "gas.json"
DAY = 24 * 3600
ETHER = 10**18
MEMO = b"\xa5" * 32


def main() -> None:
    compile_project(ROOT)
    with start_ephemeral_anvil(project_root=ROOT) as node:
        gas = measure(connect(node.url))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(gas, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    width = max(map(len, gas))
    print(f"{'operation':<{width}}  {'gas':>9}")
    for name, value in gas.items():
        print(f"{name:<{width}}  {value:>9,}")
    print(f"saved {OUT.relative_to(ROOT)}")


def measure(w3: Web3) -> dict[str, int]:
    dev = [Signer(Web3.to_checksum_address(a)) for a in w3.eth.accounts[:10]]
    admin, reviewer, aud1, aud2, org, beneficiary, d1, d2, d3, _ = dev
    suite = bind(w3, deploy_suite(w3, admin))
    gas: dict[str, int] = {}

    def s(signer: Signer) -> Session:
        return Session(suite, signer)

    def used(tx: str) -> int:
        return int(w3.eth.get_transaction_receipt(tx)["gasUsed"])  # type: ignore[arg-type]

    governance.grant_role(s(admin), "reviewer", reviewer.address)
    for auditor in (aud1, aud2):
        governance.grant_role(s(admin), "auditor", auditor.address)
    applied = governance.apply_organization(s(org), "Bench Org", keccak(text="p"), "ipfs://p")
    gas["apply_org"] = used(applied.tx)
    approved = governance.approve_organization(
        s(reviewer), applied.org_id, clock.now(w3) + 365 * DAY
    )
    gas["approve_org"] = used(approved.tx)

    token_artifact = load_build_artifact("MockERC20", Path(__file__).resolve().parents[1])
    token_address = deploy_contract(w3, token_artifact, ("Bench USD", "BUSD", 18), admin)
    token = w3.eth.contract(address=token_address, abi=token_artifact.abi)
    governance.allow_token(s(admin), token_address)
    for donor in (d1, d2):
        token.functions.mint(donor.address, 100 * ETHER).transact({"from": donor.address})

    def plan(asset: str) -> funding.ProjectPlan:
        deadline = clock.now(w3) + 7 * DAY
        return funding.ProjectPlan(
            beneficiary.address,
            asset,
            ETHER,
            1000 * ETHER,
            deadline,
            2,
            DAY,
            2000,
            b"bench",
            keccak(text="m"),
            "ipfs://m",
            tuple(
                funding.MilestonePlan(b, deadline + (i + 1) * 30 * DAY)
                for i, b in enumerate((3000, 3000, 4000))
            ),
        )

    created = funding.create_project(s(org), plan(ETH_ADDRESS))
    gas["create_project_3_milestones"] = used(created.tx)
    eth_pid = created.project_id
    erc_pid = funding.create_project(s(org), plan(token_address)).project_id

    funding.donate(s(d1), eth_pid, 10 * ETHER, MEMO)
    gas["donate_eth_first"] = used(funding.donate(s(d2), eth_pid, 5 * ETHER, MEMO).tx)
    gas["donate_eth_repeat"] = used(funding.donate(s(d2), eth_pid, 5 * ETHER, MEMO).tx)
    funding.donate(s(d1), erc_pid, 10 * ETHER, MEMO)
    gas["donate_erc20_first"] = used(funding.donate(s(d2), erc_pid, 5 * ETHER, MEMO).tx)
    gas["donate_erc20_repeat"] = used(funding.donate(s(d2), erc_pid, 5 * ETHER, MEMO).tx)

    clock.advance(w3, 7 * DAY)
    gas["close_funding"] = used(funding.close_funding(s(d3), eth_pid).tx)
    funding.close_funding(s(d3), erc_pid)

    for pid, asset in ((eth_pid, "eth"), (erc_pid, "erc20")):
        submitted = milestones.submit_evidence(s(org), pid, 0, keccak(text=f"e{pid}"), "ipfs://e")
        first_vote = milestones.vote(s(aud1), pid, 0, approve=True)
        quorum_vote = milestones.vote(s(aud2), pid, 0, approve=True)
        if asset == "eth":
            gas["submit_evidence"] = used(submitted.tx)
            gas["approve_milestone"] = used(first_vote.tx)
            gas["approve_milestone_quorum"] = used(quorum_vote.tx)
    clock.advance(w3, DAY)
    release_eth = milestones.release(s(d3), eth_pid, 0)
    gas["release_eth"] = used(release_eth.tx)
    gas["release_erc20"] = used(milestones.release(s(d3), erc_pid, 0).tx)
    gas["record_expense"] = used(
        records.record_expense(
            s(org), eth_pid, 0, beneficiary.address, ETHER, b"ops", keccak(text="i"), "ipfs://i"
        ).tx
    )
    gas["publish_audit"] = used(records.publish_audit(s(aud1), eth_pid, keccak(text="a"), "u").tx)

    milestones.submit_evidence(s(org), eth_pid, 1, keccak(text="e2"), "ipfs://e2")
    for auditor in (aud1, aud2):
        milestones.vote(s(auditor), eth_pid, 1, approve=True)
    gas["challenge"] = used(milestones.challenge(s(d1), eth_pid, 1).tx)

    for pid, asset in ((eth_pid, "eth"), (erc_pid, "erc20")):
        cancelled = exits.cancel_project(s(org), pid)
        if asset == "eth":
            gas["cancel_project"] = used(cancelled.tx)
        gas[f"claim_refund_{asset}"] = used(exits.claim_refund(s(d1), pid).tx)
    return gas


if __name__ == "__main__":
    main()
