"""Stateful property test: CharityEscrow against a Python model, on the session anvil.

Every rule is an action of some role, legal or not. The model predicts the outcome of each
transaction: success (and its effects) or the exact custom error with its arguments. After
every step the invariants compare the model with the chain's views; at the end of every
example the teardown drains all projects through public actions only and checks that the
escrow is left with dust at most. Each example runs between evm_snapshot and evm_revert.
"""

from __future__ import annotations

import functools
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from invariants.escrow_model import (
    ACTIVE,
    BPS,
    BY_ORG,
    BY_OVERDUE,
    BY_SUSPENSION,
    CANCELLED,
    COMPLETED,
    DAY,
    FAILED,
    FUNDING,
    GRACE,
    M_APPROVED,
    M_IN_REVIEW,
    M_PENDING,
    M_REJECTED,
    M_RELEASED,
    MILESTONE_MOVES,
    ORG_APPROVED,
    ORG_SUSPENDED,
    PROJECT_MOVES,
    ZERO,
    ZERO32,
    Expected,
    MMilestone,
    Model,
    MProject,
    World,
    err,
    h,
    hypothesis_profile,
    net_of_fee,
    project_params,
)

MAX_PROJECTS = 4
STATS: Counter[str] = Counter()

SEL = st.integers(0, 15)  # which project (15: an unknown id)
MSEL = st.integers(0, 7)  # which milestone (7: an unknown index)
AIM = st.integers(0, 3).map(lambda v: v != 3)  # mostly aim where the action can apply
SHARES = st.sampled_from(
    [(3_000, 3_000, 4_000), (5_000, 5_000), (10_000,), (1, 9_999), (3_333, 3_333, 3_334)]
)
CREATE = {
    "kind": st.sampled_from(["ETH", "TOK", "FEE"]),
    "scale": st.sampled_from([1, 7, 10**12 + 3]),
    "goal": st.integers(1, 40),
    "headroom": st.integers(0, 60),
    "duration": st.sampled_from([10 * DAY, DAY, 3600, 1]),
    "shares": SHARES,
    "gap": st.sampled_from([30 * DAY, DAY, 1]),
    "quorum": st.sampled_from([2, 1, 3, 4]),
    "window": st.sampled_from([3 * DAY, 3600, 1, 0]),
    "threshold": st.sampled_from([2_000, 5_000, 1, 10_000]),
    "ben": st.integers(0, 2),
}
DEFECTS = [
    "none",
    "token_unlisted",
    "ben_zero",
    "ben_escrow",
    "goal_zero",
    "goal_over_cap",
    "cap_too_big",
    "deadline_now",
    "deadline_past",
    "quorum_zero",
    "threshold_zero",
    "threshold_big",
    "window_big",
    "meta_zero",
    "no_milestones",
    "too_many_milestones",
    "due_at_deadline",
    "shares_short",
    "share_zero",
]


def guarded(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Mark the machine unclean while a step runs, so teardown skips the drain after a failure."""

    @functools.wraps(fn)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        self.clean = False
        self.steps += 1
        STATS["steps"] += 1
        STATS[f"rule:{fn.__name__}"] += 1
        result = fn(self, *args, **kwargs)
        self.clean = True
        return result

    return wrapper


def make_machine(w: World) -> type[RuleBasedStateMachine]:
    rpc = w.rpc
    esc, reg, erc = w.escrow_abi, w.registry_abi, w.erc20_abi
    allowed = set(w.tokens.values())
    auditors = {*w.auditors, w.org_admin}
    voters = [*w.auditors, w.org_admin, w.outsider, w.donors[1]]
    cancellers = [w.outsider, w.donors[2], w.admin, w.reviewer, w.org_admin]
    claimers = [*w.donors, w.outsider]
    anyone = w.everyone
    watched = [*w.donors, w.outsider, w.beneficiaries[0]]

    def balance_of(kind: str, who: str) -> int:
        if kind == "ETH":
            return int(rpc.request("eth_getBalance", [who, "latest"]), 16)
        return int(erc.result("balanceOf", rpc.call(w.tokens[kind], erc.data("balanceOf", who)))[0])

    class EscrowMachine(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.snapshot = rpc.request("evm_snapshot", [])
            self.model = Model(
                now=rpc.latest_time(), org_id=w.org_id, approved_until=w.approved_until
            )
            self.model.balances = {kind: balance_of(kind, w.escrow) for kind in w.tokens}
            self.clean = True
            self.steps = 0
            self.view: dict[str, Any] = {}
            self.view_step = -1
            self.prev: dict[int, tuple[int, list[int]]] = {}
            self.composite = False
            STATS["examples"] += 1

        # ------------------------------------------------------------------ plumbing
        def act(self, label: str, to: str, data: str, sender: str, value: int, exp: Expected):
            if self.composite:
                # A step of several transactions: check the previous one's state moves (its
                # effects are in the model by now) before sending the next.
                self.steps += 1
                self.states_only_move_forward()
            out = rpc.send(sender, to, data, value)
            self.model.now += 1
            self.view_step = -1  # the chain changed: the next read is fresh
            STATS[f"{label}:{'ok' if out.ok else out.error.name}"] += 1  # type: ignore[union-attr]
            if exp is None:
                assert out.ok, f"{label}: the model expected success, the chain said {out.error}"
            else:
                name, args = exp
                assert not out.ok, f"{label}: the model expected {name}{args}, the chain accepted"
                got = out.error
                assert got is not None
                assert (got.name, tuple(got.args)) == (name, args), (
                    f"{label}: expected {name}{args}, got {got}"
                )
            return out

        def pid_for(self, sel: int, aim: bool, pred: Callable[[MProject], bool]) -> int:
            projects = list(self.model.projects.values())
            if not projects or sel == 15:
                return len(projects) + 1
            candidates = [p for p in projects if pred(p)] if aim else []
            candidates = candidates or projects
            return candidates[sel % len(candidates)].pid

        def idx_for(
            self, pid: int, sel: int, aim: bool, pred: Callable[[MProject, MMilestone], bool]
        ) -> int:
            p = self.model.projects.get(pid)
            if p is None:
                return sel % 3
            n = len(p.milestones)
            if sel == 7:
                return n
            candidates = [i for i in range(n) if pred(p, p.milestones[i])] if aim else []
            candidates = candidates or list(range(n))
            return candidates[sel % len(candidates)]

        def milestone_for(self, pid: int, idx: int) -> tuple[MProject | None, Expected]:
            p, e = self.model.project_for(pid, ACTIVE)
            if e is None and p is not None and idx >= len(p.milestones):
                e = err("EscrowUnknownMilestone", pid, idx)
            return p, e

        # ------------------------------------------------------------------ create
        def create(self, sender: str, params: tuple[Any, ...]) -> None:
            m = self.model
            if sender != w.org_admin:
                exp = err("EscrowNotOrganizationAdmin", 0, sender)
            elif not m.org_active(m.t):
                exp = err("EscrowOrganizationNotActive", m.org_id)
            else:
                exp = m.validate(params, w.escrow, allowed)
            if exp is None and len(m.projects) >= MAX_PROJECTS:
                return
            out = self.act("create", w.escrow, esc.data("createProject", params), sender, 0, exp)
            if not out.ok:
                return
            ben, token, min_goal, cap, deadline, quorum, window, thr, *_, ms = params
            pid = len(m.projects) + 1
            m.projects[pid] = MProject(
                pid=pid,
                kind=w.token_kind(token),
                token=token,
                beneficiary=ben,
                min_goal=min_goal,
                cap=cap,
                deadline=deadline,
                quorum=quorum,
                window=window,
                threshold=thr,
                milestones=[MMilestone(bps=b, due=d) for b, d in ms],
            )

        def create_valid(self, **kw: Any) -> None:
            t = self.model.t
            deadline = t + kw["duration"]
            milestones = [
                (bps, deadline + kw["gap"] * (i + 1)) for i, bps in enumerate(kw["shares"])
            ]
            min_goal = kw["goal"] * kw["scale"]
            params = project_params(
                beneficiary=w.beneficiaries[kw["ben"]],
                token=w.tokens[kw["kind"]],
                min_goal=min_goal,
                cap=min_goal + kw["headroom"] * kw["scale"],
                deadline=deadline,
                quorum=kw["quorum"],
                window=kw["window"],
                threshold=kw["threshold"],
                milestones=milestones,
            )
            self.create(w.org_admin, params)

        @initialize(seed=st.sampled_from([3, 5, 4, 2, 1, 0]), **CREATE)
        @guarded
        def first_project(self, seed: int, **kw: Any) -> None:
            """A first project, taken `seed` stages along the happy path (all checked)."""
            self.composite = True
            self.seed_project(seed, **kw)
            self.composite = False

        def seed_project(self, seed: int, **kw: Any) -> None:
            self.create_valid(**kw)
            p = self.model.projects.get(1)
            if p is None or seed == 0:
                return
            self.do_donate(1, w.donors[0], self.gross_for(p, 0.5, 0), p.kind == "ETH")
            self.do_donate(1, w.donors[1], self.gross_for(p, 1.0, 0), p.kind == "ETH")
            if seed == 1:
                return
            self.travel_to(p.deadline - 1)
            self.do_close(1, w.outsider)
            if seed == 2 or p.state != ACTIVE:
                return
            self.do_submit(1, 0, w.org_admin, h("evidence-0"))
            x = p.milestones[0]
            while x.state == M_IN_REVIEW and self.fresh_auditors(p, x):
                self.do_vote(1, 0, self.fresh_auditors(p, x)[0], x.evidence, True)
            if seed == 4 and x.state == M_APPROVED:  # a donor objects
                self.do_challenge(1, 0, w.donors[0])
            if seed == 5 and x.state == M_APPROVED:  # the window passes; anyone releases
                self.travel_to(x.window_ends - 1)
                self.do_release(1, 0, w.outsider)

        @precondition(lambda self: len(self.model.projects) < MAX_PROJECTS)
        @rule(**CREATE)
        @guarded
        def create_project(self, **kw: Any) -> None:
            self.create_valid(**kw)

        @rule(defect=st.sampled_from(DEFECTS), creator=st.integers(0, 5))
        @guarded
        def create_project_invalid(self, defect: str, creator: int) -> None:
            t = self.model.t
            sender = [w.org_admin, w.org_admin, w.org_admin, w.outsider, w.donors[0], w.reviewer]
            fields: dict[str, Any] = {
                "beneficiary": w.beneficiaries[0],
                "token": ZERO,
                "min_goal": 1,
                "cap": 10,
                "deadline": t + DAY,
                "quorum": 1,
                "window": 3600,
                "threshold": 5_000,
            }
            ms = [(5_000, t + 2 * DAY), (5_000, t + 3 * DAY)]
            meta = None
            if defect == "token_unlisted":
                fields["token"] = w.unlisted_token
            elif defect == "ben_zero":
                fields["beneficiary"] = ZERO
            elif defect == "ben_escrow":
                fields["beneficiary"] = w.escrow
            elif defect == "goal_zero":
                fields["min_goal"] = 0
            elif defect == "goal_over_cap":
                fields["min_goal"] = 11
            elif defect == "cap_too_big":
                fields["cap"] = 2**120
            elif defect == "deadline_now":
                fields["deadline"] = t
            elif defect == "deadline_past":
                fields["deadline"] = t - 1
            elif defect == "quorum_zero":
                fields["quorum"] = 0
            elif defect == "threshold_zero":
                fields["threshold"] = 0
            elif defect == "threshold_big":
                fields["threshold"] = BPS + 1
            elif defect == "window_big":
                fields["window"] = 365 * DAY + 1
            elif defect == "meta_zero":
                meta = ZERO32
            elif defect == "no_milestones":
                ms = []
            elif defect == "too_many_milestones":
                ms = [(500, t + 2 * DAY)] * 21
            elif defect == "due_at_deadline":
                ms = [(5_000, t + 2 * DAY), (5_000, t + DAY)]
            elif defect == "shares_short":
                ms = [(5_000, t + 2 * DAY), (4_999, t + 3 * DAY)]
            elif defect == "share_zero":
                ms = [(0, t + 2 * DAY), (10_000, t + 3 * DAY)]
            params = project_params(**fields, milestones=ms, metadata=meta)
            self.create(sender[creator], params)

        # ------------------------------------------------------------------ funding
        def do_donate(self, pid: int, sender: str, gross: int, eth: bool) -> None:
            m = self.model
            t = m.t
            p = m.projects.get(pid)
            exp: Expected = None
            credited = 0
            if m.paused:
                exp = err("EnforcedPause")
            elif p is None:
                exp = err("EscrowUnknownProject", pid)
            elif p.state != FUNDING:
                exp = err("EscrowInvalidProjectState", pid, p.state)
            elif t >= p.deadline:
                exp = err("EscrowFundingEnded", pid, p.deadline)
            elif gross == 0:
                exp = err("EscrowZeroAmount")
            elif eth and p.token != ZERO:
                exp = err("EscrowWrongAsset", pid, p.token)
            elif not eth and p.token == ZERO:
                exp = err("EscrowWrongAsset", pid, ZERO)
            else:
                credited = net_of_fee(p.kind, gross)
                if credited == 0:
                    exp = err("EscrowZeroAmount")
                elif p.raised + credited > p.cap:
                    exp = err("EscrowCapExceeded", pid, p.cap - p.raised, credited)
            memo = h(f"memo-{pid}-{sender}")
            if eth:
                data, value = esc.data("donate", pid, memo), gross
            else:
                data, value = esc.data("donateToken", pid, gross, memo), 0
            out = self.act("donate", w.escrow, data, sender, value, exp)
            if out.ok:
                assert p is not None
                logged = esc.logs(out.receipt, w.escrow, "DonationReceived")
                assert logged == [(credited, memo)], logged
                p.raised += credited
                p.contributed[sender] = p.contributed.get(sender, 0) + credited
                m.balances[p.kind] += credited

        def gross_for(self, p: MProject | None, frac: float, noise: int) -> int:
            """A gross amount whose credit is about `frac` of what the cap still allows."""
            remaining = p.cap - p.raised if p else 10
            target = int(remaining * frac)
            gross = target
            if p is not None and p.kind == "FEE":  # the largest gross whose credit <= target
                gross = target * BPS // (BPS - 100)
                while net_of_fee("FEE", gross + 1) <= target:
                    gross += 1
                while gross and net_of_fee("FEE", gross) > target:
                    gross -= 1
            return max(0, gross + noise)

        @rule(
            sel=SEL,
            aim=AIM,
            donor=st.integers(0, 4),
            frac=st.sampled_from([0.25, 0.5, 1.0, 0.05, 1.5, 0.0]),
            noise=st.integers(-1, 2),
            wrong=st.integers(0, 9),
        )
        @guarded
        def donate(
            self, sel: int, aim: bool, donor: int, frac: float, noise: int, wrong: int
        ) -> None:
            t = self.model.t
            pid = self.pid_for(sel, aim, lambda p: p.state == FUNDING and t < p.deadline)
            p = self.model.projects.get(pid)
            eth = (p is None or p.kind == "ETH") != (wrong == 9)  # 9: the other asset
            self.do_donate(pid, w.donors[donor], self.gross_for(p, frac, noise), eth)

        def do_close(self, pid: int, sender: str) -> None:
            m = self.model
            p, exp = m.project_for(pid, FUNDING)
            if exp is None and p is not None and m.t < p.deadline and p.raised < p.cap:
                exp = err("EscrowFundingStillOpen", pid, p.deadline, p.raised, p.cap)
            out = self.act("close", w.escrow, esc.data("closeFunding", pid), sender, 0, exp)
            if out.ok:
                assert p is not None
                p.state = ACTIVE if p.raised >= p.min_goal else FAILED

        @rule(sel=SEL, aim=AIM, caller=st.integers(0, 20))
        @guarded
        def close_funding(self, sel: int, aim: bool, caller: int) -> None:
            t = self.model.t
            pid = self.pid_for(
                sel, aim, lambda p: p.state == FUNDING and (t >= p.deadline or p.raised >= p.cap)
            )
            self.do_close(pid, anyone[caller % len(anyone)])

        # ------------------------------------------------------------------ milestones
        def do_submit(self, pid: int, idx: int, sender: str, digest: bytes) -> None:
            p, exp = self.milestone_for(pid, idx)
            if exp is None:
                assert p is not None
                x = p.milestones[idx]
                if sender != w.org_admin:
                    exp = err("EscrowNotOrganizationAdmin", self.model.org_id, sender)
                elif digest == ZERO32:
                    exp = err("EscrowEmptyHash")
                elif x.state in (M_APPROVED, M_RELEASED):
                    exp = err("EscrowInvalidMilestoneState", pid, idx, x.state)
            data = esc.data("submitEvidence", pid, idx, digest, "ipfs://evidence")
            out = self.act("submit", w.escrow, data, sender, 0, exp)
            if out.ok:
                assert p is not None
                x = p.milestones[idx]
                x.round += 1
                x.evidence = digest
                x.approvals = x.rejections = 0
                x.state = M_IN_REVIEW

        @rule(sel=SEL, aim=AIM, msel=MSEL, who=st.integers(0, 5), ev=st.integers(0, 7))
        @guarded
        def submit_evidence(self, sel: int, aim: bool, msel: int, who: int, ev: int) -> None:
            open_states = (M_PENDING, M_REJECTED, M_IN_REVIEW)
            pid = self.pid_for(
                sel,
                aim,
                lambda p: p.state == ACTIVE and any(x.state in open_states for x in p.milestones),
            )
            idx = self.idx_for(pid, msel, aim, lambda p, x: x.state in (M_PENDING, M_REJECTED))
            sender = ([w.org_admin] * 4 + [w.outsider, w.auditors[0]])[who]
            digest = ZERO32 if ev == 7 else h(f"evidence-{ev % 3}")
            self.do_submit(pid, idx, sender, digest)

        def do_vote(self, pid: int, idx: int, sender: str, digest: bytes, approved: bool) -> None:
            m = self.model
            p, exp = self.milestone_for(pid, idx)
            if exp is None:
                assert p is not None
                x = p.milestones[idx]
                if x.state != M_IN_REVIEW:
                    exp = err("EscrowInvalidMilestoneState", pid, idx, x.state)
                elif sender not in auditors:
                    exp = err("EscrowNotAuditor", sender)
                elif sender in (w.org_admin, p.beneficiary):
                    exp = err("EscrowAuditorConflict", pid, sender)
                elif digest != x.evidence:
                    exp = err("EscrowEvidenceMismatch", pid, idx, x.evidence, digest)
                elif (x.round, sender) in x.voted:
                    exp = err("EscrowAlreadyVoted", pid, idx, sender)
            data = esc.data("voteMilestone", pid, idx, digest, approved)
            out = self.act("vote", w.escrow, data, sender, 0, exp)
            if out.ok:
                assert p is not None
                x = p.milestones[idx]
                x.voted.add((x.round, sender))
                if approved:
                    x.approvals += 1
                else:
                    x.rejections += 1
                if x.approvals >= p.quorum:
                    x.state = M_APPROVED
                    x.window_ends = m.now + p.window  # now: the vote's own block
                    x.challenge_weight = 0
                    x.approved_evidence = x.evidence
                elif x.rejections >= p.quorum:
                    x.state = M_REJECTED

        def fresh_auditors(self, p: MProject, x: MMilestone) -> list[str]:
            """Auditors who may still vote this round (not conflicted, not yet voted)."""
            return [a for a in w.auditors if a != p.beneficiary and (x.round, a) not in x.voted]

        @rule(
            sel=SEL,
            aim=AIM,
            msel=MSEL,
            voter=st.integers(0, 9),
            approve=st.integers(0, 3),
            good=st.integers(0, 7),
        )
        @guarded
        def vote(self, sel: int, aim: bool, msel: int, voter: int, approve: int, good: int) -> None:
            pid = self.pid_for(
                sel,
                aim,
                lambda p: p.state == ACTIVE and any(x.state == M_IN_REVIEW for x in p.milestones),
            )
            idx = self.idx_for(pid, msel, aim, lambda p, x: x.state == M_IN_REVIEW)
            p = self.model.projects.get(pid)
            x = p.milestones[idx] if p and idx < len(p.milestones) else None
            sender = voters[voter % len(voters)]
            if aim and p is not None and x is not None and voter < 7:
                fresh = self.fresh_auditors(p, x)
                sender = fresh[voter % len(fresh)] if fresh else sender
            digest = x.evidence if x is not None and good != 7 else h("forged evidence")
            self.do_vote(pid, idx, sender, digest, approve != 3)

        def do_challenge(self, pid: int, idx: int, sender: str) -> None:
            t = self.model.t
            p, exp = self.milestone_for(pid, idx)
            if exp is None:
                assert p is not None
                x = p.milestones[idx]
                if x.state != M_APPROVED:
                    exp = err("EscrowInvalidMilestoneState", pid, idx, x.state)
                elif t >= x.window_ends:
                    exp = err("EscrowChallengeWindowClosed", pid, idx, x.window_ends)
                elif p.contributed.get(sender, 0) == 0:
                    exp = err("EscrowNotDonor", pid, sender)
                elif (x.round, sender) in x.challenged:
                    exp = err("EscrowAlreadyChallenged", pid, idx, sender)
            data = esc.data("challengeMilestone", pid, idx)
            out = self.act("challenge", w.escrow, data, sender, 0, exp)
            if out.ok:
                assert p is not None
                x = p.milestones[idx]
                x.challenged.add((x.round, sender))
                x.challenge_weight += p.contributed[sender]
                if x.challenge_weight * BPS >= p.threshold * p.raised:
                    STATS["challenge:returned-to-review"] += 1
                    x.round += 1
                    x.approvals = x.rejections = 0
                    x.window_ends = 0
                    x.challenge_weight = 0
                    x.state = M_IN_REVIEW

        @rule(sel=SEL, aim=AIM, msel=MSEL, who=st.integers(0, 5))
        @guarded
        def challenge(self, sel: int, aim: bool, msel: int, who: int) -> None:
            t = self.model.t
            pid = self.pid_for(
                sel,
                aim,
                lambda p: (
                    p.state == ACTIVE
                    and any(x.state == M_APPROVED and t < x.window_ends for x in p.milestones)
                ),
            )
            idx = self.idx_for(pid, msel, aim, lambda p, x: x.state == M_APPROVED)
            sender = claimers[who]
            p = self.model.projects.get(pid)
            if aim and who < 5 and p is not None and idx < len(p.milestones):
                x = p.milestones[idx]
                fresh = [
                    d for d in w.donors if p.contributed.get(d) and (x.round, d) not in x.challenged
                ]
                sender = fresh[who % len(fresh)] if fresh else sender
            self.do_challenge(pid, idx, sender)

        def do_release(self, pid: int, idx: int, sender: str) -> None:
            m = self.model
            t = m.t
            if m.paused:
                p, exp = m.projects.get(pid), err("EnforcedPause")
            else:
                p, exp = self.milestone_for(pid, idx)
            if exp is None:
                assert p is not None
                x = p.milestones[idx]
                if x.state != M_APPROVED:
                    exp = err("EscrowInvalidMilestoneState", pid, idx, x.state)
                elif t < x.window_ends:
                    exp = err("EscrowChallengeWindowOpen", pid, idx, x.window_ends)
                elif not m.org_active(t):
                    exp = err("EscrowOrganizationNotActive", m.org_id)
            amount = 0
            before = 0
            if exp is None:
                assert p is not None
                amount = p.release_amount(idx)
                before = balance_of(p.kind, p.beneficiary)
            data = esc.data("releaseMilestone", pid, idx)
            out = self.act("release", w.escrow, data, sender, 0, exp)
            if not out.ok:
                return
            assert p is not None
            x = p.milestones[idx]
            # 5: what the chain just accepted had quorum on the current evidence, a finished
            #    window and an active organization (the model holds those facts independently).
            assert x.approvals >= p.quorum and x.evidence == x.approved_evidence
            assert t >= x.window_ends and m.org_active(t) and not m.paused
            logged = esc.logs(out.receipt, w.escrow, "MilestoneReleased")
            assert logged == [(p.beneficiary, amount, p.released + amount)], logged
            x.state = M_RELEASED
            x.released = amount
            x.releases += 1
            p.released += amount
            p.released_count += 1
            if p.released_count == len(p.milestones):
                p.state = COMPLETED
            m.balances[p.kind] -= amount
            gained = balance_of(p.kind, p.beneficiary) - before
            expected_gain = net_of_fee(p.kind, amount)
            if p.kind == "ETH" and sender == p.beneficiary:
                expected_gain -= out.gas_cost
            assert gained == expected_gain, (gained, expected_gain)

        @rule(sel=SEL, aim=AIM, msel=MSEL, caller=st.integers(0, 20))
        @guarded
        def release(self, sel: int, aim: bool, msel: int, caller: int) -> None:
            pid = self.pid_for(
                sel,
                aim,
                lambda p: p.state == ACTIVE and any(x.state == M_APPROVED for x in p.milestones),
            )
            idx = self.idx_for(pid, msel, aim, lambda p, x: x.state == M_APPROVED)
            self.do_release(pid, idx, anyone[caller % len(anyone)])

        # ------------------------------------------------------------------ exits
        def do_cancel(self, pid: int, sender: str) -> None:
            m = self.model
            t = m.t
            p = m.projects.get(pid)
            exp: Expected = None
            reason = -1
            if p is None:
                exp = err("EscrowUnknownProject", pid)
            elif p.state not in (FUNDING, ACTIVE):
                exp = err("EscrowInvalidProjectState", pid, p.state)
            elif sender == w.org_admin:
                reason = BY_ORG
            elif m.org_status == ORG_SUSPENDED and sender == w.reviewer:
                reason = BY_SUSPENSION
            elif any(x.state != M_RELEASED and t > x.due + GRACE for x in p.milestones):
                reason = BY_OVERDUE
            else:
                exp = err("EscrowNotCancellable", pid, sender)
            out = self.act("cancel", w.escrow, esc.data("cancelProject", pid), sender, 0, exp)
            if out.ok:
                assert p is not None
                logged = esc.logs(out.receipt, w.escrow, "ProjectCancelled")
                assert logged == [(reason, p.released)], (logged, reason)
                STATS[f"cancel:reason{reason}"] += 1
                p.state = CANCELLED

        @rule(sel=SEL, aim=AIM, caller=st.integers(0, 4))
        @guarded
        def cancel(self, sel: int, aim: bool, caller: int) -> None:
            pid = self.pid_for(sel, aim, lambda p: p.state in (FUNDING, ACTIVE))
            self.do_cancel(pid, cancellers[caller])

        def do_claim(self, pid: int, sender: str) -> None:
            m = self.model
            p = m.projects.get(pid)
            exp: Expected = None
            amount = 0
            if p is None:
                exp = err("EscrowUnknownProject", pid)
            elif p.state not in (FAILED, CANCELLED):
                exp = err("EscrowInvalidProjectState", pid, p.state)
            elif p.refunds.get(sender, 0):
                exp = err("EscrowAlreadyRefunded", pid, sender)
            else:
                amount = p.refund_due(sender)
                if amount == 0:
                    exp = err("EscrowNothingToRefund", pid, sender)
            before = balance_of(p.kind, sender) if exp is None and p is not None else 0
            out = self.act("refund", w.escrow, esc.data("claimRefund", pid), sender, 0, exp)
            if not out.ok:
                return
            assert p is not None
            # 6: refund == contribution x (raised - released) // raised, claimable once.
            assert amount == p.contributed[sender] * (p.raised - p.released) // p.raised
            logged = esc.logs(out.receipt, w.escrow, "RefundClaimed")
            assert logged == [(amount,)], logged
            p.refunds[sender] = amount
            p.refunded += amount
            m.balances[p.kind] -= amount
            gained = balance_of(p.kind, sender) - before
            expected_gain = net_of_fee(p.kind, amount)
            if p.kind == "ETH":
                expected_gain -= out.gas_cost
            assert gained == expected_gain, (gained, expected_gain)
            if m.paused:
                STATS["refund:while-paused"] += 1

        @rule(sel=SEL, aim=AIM, who=st.integers(0, 5))
        @guarded
        def claim_refund(self, sel: int, aim: bool, who: int) -> None:
            pid = self.pid_for(sel, aim, lambda p: p.state in (FAILED, CANCELLED))
            p = self.model.projects.get(pid)
            sender = claimers[who]
            if aim and p is not None and who < 5:
                givers = [d for d in w.donors if p.contributed.get(d)]
                sender = givers[who % len(givers)] if givers else sender
            self.do_claim(pid, sender)

        # ------------------------------------------------------------------ governance
        def org_call(self, fn: str, sender: str) -> None:
            m = self.model
            required, new_status = (
                (ORG_APPROVED, ORG_SUSPENDED)
                if fn == "suspendOrganization"
                else (ORG_SUSPENDED, ORG_APPROVED)
            )
            exp: Expected = None
            if sender != w.reviewer:
                exp = err("AccessControlUnauthorizedAccount", sender, w.reviewer_role)
            elif m.org_status != required:
                exp = err("RegistryInvalidOrgStatus", m.org_id, m.org_status)
            args: list[Any] = [m.org_id] + ([h("reason")] if fn == "suspendOrganization" else [])
            out = self.act(fn, w.registry, reg.data(fn, *args), sender, 0, exp)
            if out.ok:
                m.org_status = new_status

        def pause_call(self, fn: str, sender: str) -> None:
            m = self.model
            exp: Expected = None
            if sender != w.admin:
                exp = err("EscrowNotAdmin", sender)
            elif fn == "pause" and m.paused:
                exp = err("EnforcedPause")
            elif fn == "unpause" and not m.paused:
                exp = err("ExpectedPause")
            out = self.act(fn, w.escrow, esc.data(fn), sender, 0, exp)
            if out.ok:
                m.paused = fn == "pause"

        @rule(op=st.integers(0, 7), caller=st.integers(0, 3))
        @guarded
        def governance(self, op: int, caller: int) -> None:
            """Pause/unpause (admin) and suspend/reinstate (reviewer), legal or not.

            Ops 0-3 undo a pause or a suspension when there is one (else try it anyway), so
            the escrow and the organization are mostly running.
            """
            m = self.model
            admin = [w.admin, w.admin, w.admin, w.reviewer][caller]
            reviewer = [w.reviewer, w.reviewer, w.admin, w.org_admin][caller]
            if op < 4 and m.paused:
                self.pause_call("unpause", admin)
            elif op < 4 and m.org_status == ORG_SUSPENDED:
                self.org_call("reinstateOrganization", reviewer)
            elif op in (0, 1):
                self.pause_call("unpause", admin)
            elif op in (2, 3):
                self.org_call("reinstateOrganization", reviewer)
            elif op in (4, 6):
                self.pause_call("pause", admin)
            else:
                self.org_call("suspendOrganization", reviewer)

        # ------------------------------------------------------------------ time
        def travel_to(self, timestamp: int) -> None:
            if timestamp > self.model.now:
                rpc.travel_to(timestamp)
                self.model.now = timestamp
                self.view_step = -1

        @rule(seconds=st.sampled_from([60, 3600, DAY, 3 * DAY, 10 * DAY, 30 * DAY, 90 * DAY]))
        @guarded
        def travel_by(self, seconds: int) -> None:
            self.travel_to(self.model.now + seconds)

        @rule(sel=st.integers(0, 63), offset=st.integers(-1, 1))
        @guarded
        def travel_to_event(self, sel: int, offset: int) -> None:
            """Put the next transaction at a deadline, window end, due date + grace or expiry."""
            m = self.model
            marks: set[int] = {m.approved_until}
            for p in m.projects.values():
                if p.state == FUNDING:
                    marks.add(p.deadline)
                for x in p.milestones:
                    if x.state == M_APPROVED:
                        marks.add(x.window_ends)
                    if x.state != M_RELEASED and p.state in (FUNDING, ACTIVE):
                        marks.add(x.due + GRACE)
            future = sorted(t + offset for t in marks if t + offset - 1 > m.now)
            if sel == 63 or not future:
                future = [future[-1]] if future else [m.now + 2]
            elif len(future) > 1 and m.approved_until + offset == future[-1]:
                future = future[:-1]  # the organization's expiry only when sel == 63
            self.travel_to(future[sel % len(future)] - 1)

        # ------------------------------------------------------------------ invariants
        def read(self) -> dict[str, Any]:
            """Every view the invariants need, in one batched JSON-RPC request."""
            if self.view_step == self.steps:
                return self.view
            m = self.model
            reqs: list[tuple[str, list[Any]]] = []
            keys: list[tuple[Any, ...]] = []

            def call(key: tuple[Any, ...], to: str, data: str) -> None:
                keys.append(key)
                reqs.append(("eth_call", [{"to": to, "data": data}, "latest"]))

            keys.append(("block",))
            reqs.append(("eth_getBlockByNumber", ["latest", False]))
            keys.append(("balance", "ETH"))
            reqs.append(("eth_getBalance", [w.escrow, "latest"]))
            for kind in ("TOK", "FEE"):
                call(("balance", kind), w.tokens[kind], erc.data("balanceOf", w.escrow))
                for who in anyone:
                    data = erc.data("allowance", w.escrow, who)
                    call(("allowance", kind, who), w.tokens[kind], data)
            call(("paused",), w.escrow, esc.data("paused"))
            call(("standing",), w.registry, reg.data("orgStanding", m.org_id))
            call(("count",), w.escrow, esc.data("projectCount"))
            for pid, p in m.projects.items():
                call(("project", pid), w.escrow, esc.data("project", pid))
                for i in range(len(p.milestones)):
                    call(("milestone", pid, i), w.escrow, esc.data("milestone", pid, i))
                    call(("releaseAmount", pid, i), w.escrow, esc.data("releaseAmount", pid, i))
                for who in watched:
                    call(("position", pid, who), w.escrow, esc.data("position", pid, who))
            raw = rpc.batch(reqs)
            view: dict[tuple[Any, ...], Any] = {}
            for key, value in zip(keys, raw, strict=True):
                if key[0] == "block":
                    view[key] = int(value["timestamp"], 16)
                elif key == ("balance", "ETH"):
                    view[key] = int(value, 16)
                elif key[0] in ("balance", "allowance"):
                    view[key] = erc.result("balanceOf", value)[0]
                elif key[0] in ("paused", "count"):
                    view[key] = esc.result(
                        "paused" if key[0] == "paused" else "projectCount", value
                    )[0]
                elif key[0] == "standing":
                    view[key] = reg.result("orgStanding", value)
                else:
                    view[key] = esc.result(key[0], value)[0]
            self.view = view  # type: ignore[assignment]
            self.view_step = self.steps
            return self.view

        @invariant()
        def chain_matches_model(self) -> None:
            v = self.read()
            m = self.model
            assert v[("block",)] == m.now
            assert v[("paused",)] == m.paused
            _, active, status = v[("standing",)]
            assert (status, active) == (m.org_status, m.org_active(m.now))
            assert v[("count",)] == len(m.projects)
            for pid, p in m.projects.items():
                pv = v[("project", pid)]
                assert (pv[1], pv[2], pv[3], pv[4]) == (p.beneficiary, p.token, p.state, p.deadline)
                assert (pv[5], pv[6], pv[7]) == (p.quorum, p.window, p.threshold)
                assert (pv[8], pv[9]) == (len(p.milestones), p.released_count)
                assert (pv[10], pv[11]) == (p.min_goal, p.cap)
                assert (pv[12], pv[13], pv[14]) == (p.raised, p.released, p.refunded), (pid, pv)
                for i, x in enumerate(p.milestones):
                    mv = v[("milestone", pid, i)]
                    mine = (
                        x.bps,
                        x.due,
                        x.state,
                        x.round,
                        x.approvals,
                        x.rejections,
                        x.window_ends,
                        x.released,
                        x.challenge_weight,
                        x.evidence,
                    )
                    assert tuple(mv) == mine, (pid, i, mv, mine)
                    assert v[("releaseAmount", pid, i)] == p.release_amount(i)
                for who in watched:
                    contributed, refunded, refundable = v[("position", pid, who)]
                    assert contributed == p.contributed.get(who, 0)
                    assert refunded == p.refunds.get(who, 0)
                    assert refundable == p.refund_due(who), (pid, who, refundable)

        @invariant()
        def accounting(self) -> None:
            """2, 3, 4: raised = released + refunded + held, from the chain's own views."""
            v = self.read()
            for pid, p in self.model.projects.items():
                pv = v[("project", pid)]
                raised, released, refunded = pv[12], pv[13], pv[14]
                contributions = sum(v[("position", pid, d)][0] for d in watched)
                refunds = sum(v[("position", pid, d)][1] for d in watched)
                releases = sum(v[("milestone", pid, i)][7] for i in range(len(p.milestones)))
                held = raised - released - refunded
                assert contributions == raised  # 3, net of the transfer fee
                assert releases == released and refunds == refunded
                assert held >= 0 and released <= raised  # 2, 4
                assert raised == released + refunded + held == p.raised
                assert all(x.releases <= 1 for x in p.milestones)  # 4: once each
                if p.state == FAILED:
                    assert released == 0
                if p.state == COMPLETED:
                    assert held == 0 and released == raised

        @invariant()
        def solvency(self) -> None:
            """1 and 8: balances >= what is owed, and move only on donate/release/refund."""
            v = self.read()
            owed = dict.fromkeys(w.tokens, 0)
            for p in self.model.projects.values():
                owed[p.kind] += p.held
            for kind in w.tokens:
                balance = v[("balance", kind)]
                assert balance == self.model.balances[kind], (kind, balance)
                assert balance >= owed[kind], (kind, balance, owed[kind])

        @invariant()
        def states_only_move_forward(self) -> None:
            v = self.read()
            now = {}
            for pid, p in self.model.projects.items():
                states = [v[("milestone", pid, i)][2] for i in range(len(p.milestones))]
                now[pid] = (v[("project", pid)][3], states)
            for pid, (state, states) in now.items():
                before, before_ms = self.prev.get(pid, (0, [M_PENDING] * len(states)))
                assert state == before or (before, state) in PROJECT_MOVES, (pid, before, state)
                for i, (a, b) in enumerate(zip(before_ms, states, strict=True)):
                    assert a == b or (a, b) in MILESTONE_MOVES, (pid, i, a, b)
                    if a == M_RELEASED:
                        assert b == M_RELEASED
            self.prev = now

        @invariant()
        def refunds_leave_only_dust(self) -> None:
            """6: once every refund is claimed, at most one wei per donor stays behind."""
            for p in self.model.projects.values():
                if p.state not in (FAILED, CANCELLED):
                    continue
                givers = [d for d in p.contributed if p.contributed[d]]
                if all(p.refunds.get(d) or p.refund_due(d) == 0 for d in givers):
                    assert p.held <= len(givers), (p.pid, p.held, len(givers))

        @invariant()
        def escrow_never_approves(self) -> None:
            """9: the escrow holds no ERC-20 allowance to anyone."""
            v = self.read()
            for kind in ("TOK", "FEE"):
                for who in anyone:
                    assert v[("allowance", kind, who)] == 0, (kind, who)

        # ------------------------------------------------------------------ teardown
        def drain(self) -> None:
            """7: past every due date + grace, public actions alone empty every project."""
            m = self.model
            marks = [m.now + 1]
            for p in m.projects.values():
                marks.append(p.deadline)
                marks += [x.due + GRACE + 1 for x in p.milestones]
                marks += [x.window_ends for x in p.milestones]
            self.travel_to(max(marks))
            self.composite = True
            for pid, p in sorted(m.projects.items()):
                if p.state == FUNDING:
                    self.do_close(pid, w.outsider)
                if p.state == ACTIVE:
                    for i, x in enumerate(p.milestones):
                        if x.state == M_APPROVED:
                            self.do_release(pid, i, w.outsider)
                if p.state == ACTIVE:
                    self.do_cancel(pid, w.outsider)
                if p.state in (FAILED, CANCELLED):
                    for donor in w.donors:
                        if p.contributed.get(donor) and not p.refunds.get(donor):
                            self.do_claim(pid, donor)
                givers = sum(1 for d in p.contributed if p.contributed[d])
                assert p.state in (COMPLETED, FAILED, CANCELLED), (pid, p.state)
                assert p.held <= givers, (pid, p.held, givers)
                if p.state == COMPLETED:
                    assert p.held == 0
            self.steps += 1
            self.states_only_move_forward()
            self.chain_matches_model()
            self.accounting()
            self.solvency()
            self.escrow_never_approves()
            owed = dict.fromkeys(w.tokens, 0)
            for p in m.projects.values():
                owed[p.kind] += p.held
            for kind in w.tokens:
                assert self.read()[("balance", kind)] == owed[kind], kind
            STATS["drained"] += 1

        def teardown(self) -> None:
            try:
                if self.clean:
                    self.drain()
            finally:
                assert rpc.request("evm_revert", [self.snapshot]) is True

    return EscrowMachine


def test_escrow_state_machine(world: World, exact_time: None) -> None:
    profile = hypothesis_profile()
    STATS.clear()
    started = time.monotonic()
    run_state_machine_as_test(make_machine(world), settings=profile)
    elapsed = time.monotonic() - started
    actions = sorted((k, n) for k, n in STATS.items() if ":" in k)
    print(
        f"\nescrow state machine: {STATS['examples']} examples, {STATS['steps']} steps "
        f"(max_examples={profile.max_examples}, stateful_step_count="
        f"{profile.stateful_step_count}), {STATS['drained']} drained, {elapsed:.1f}s"
    )
    print("  " + ", ".join(f"{k}={n}" for k, n in actions))
