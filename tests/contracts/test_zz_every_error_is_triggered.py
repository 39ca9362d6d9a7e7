"""Every custom error in the deployed contracts' ABIs was triggered by some test.

Runs last in tests/contracts (file order) and reads what `System.reverts` and `System.decode`
observed during the session. Run on its own it has nothing to read, so it says so and skips.
"""

from __future__ import annotations

import pytest
from story import OBSERVED_ERRORS

from charitychain.contracts.artifacts import load_artifact
from charitychain.contracts.suite import SUITE


def abi_errors() -> set[str]:
    return {
        item["name"]
        for name in SUITE
        for item in load_artifact(name).abi
        if item.get("type") == "error"
    }


def test_every_custom_error_of_the_suite_was_triggered_by_a_test(
    request: pytest.FixtureRequest,
) -> None:
    ran = {item.path.name for item in request.session.items}
    if len({n for n in ran if n.startswith("test_")}) < 20:
        pytest.skip("run the whole tests/contracts suite: this test reads what it observed")
    missing = sorted(abi_errors() - OBSERVED_ERRORS)
    assert missing == [], f"no test triggers: {', '.join(missing)}"
