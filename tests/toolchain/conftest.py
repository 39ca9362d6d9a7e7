"""Fixtures for toolchain tests: tiny throw-away projects that never touch the real one."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from charitychain.compiler import CompileResult, compile_project

REPO = Path(__file__).resolve().parents[2]

BOX = """\
// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBox} from "../interfaces/IBox.sol";

contract Box is IBox {
    error BoxTooLarge(uint256 value, uint256 limit);

    uint256 public constant LIMIT = 1000;
    uint256 public immutable created;
    uint256 public value;

    constructor() {
        created = block.timestamp;
    }

    function store(uint256 newValue) external {
        if (newValue > LIMIT) revert BoxTooLarge(newValue, LIMIT);
        value = newValue;
        emit Stored(newValue);
    }

    function fail(string calldata reason) external pure {
        revert(reason);
    }
}
"""

IBOX = """\
// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

interface IBox {
    event Stored(uint256 value);
}
"""

MOCK_TOKEN = """\
// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

contract MockToken is ERC20 {
    constructor() ERC20("Mock", "MOCK") {
        _mint(msg.sender, 1e24);
    }
}
"""


def write_project(root: Path, sources: dict[str, str] | None = None) -> Path:
    """A minimal charitychain-style project: config + contracts/ + interfaces/."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "brownie-config.yaml", root / "brownie-config.yaml")
    files = (
        sources
        if sources is not None
        else {
            "contracts/Box.sol": BOX,
            "interfaces/IBox.sol": IBOX,
            "contracts/test/MockToken.sol": MOCK_TOKEN,
        }
    )
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return root


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    def make(sources: dict[str, str] | None = None, name: str = "proj") -> Path:
        return write_project(tmp_path / name, sources)

    return make


@pytest.fixture(scope="module")
def tiny_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_project(tmp_path_factory.mktemp("tiny") / "proj")


@pytest.fixture(scope="module")
def tiny_compiled(tiny_project: Path) -> CompileResult:
    return compile_project(tiny_project, artifacts_dir=tiny_project / "shipped")
