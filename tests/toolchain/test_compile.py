"""compile_project on a tiny throw-away project."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from charitychain.compiler import CompileResult, compile_project
from charitychain.errors import CompilerError


def test_compile_writes_brownie_style_build_artifacts(tiny_compiled: CompileResult) -> None:
    box = json.loads((tiny_compiled.build_dir / "contracts" / "Box.json").read_text())
    assert box["contractName"] == "Box"
    assert box["sourcePath"] == "contracts/Box.sol"
    assert box["bytecode"] and box["deployedBytecode"]
    assert box["compiler"]["evm_version"] == "shanghai"
    assert box["compiler"]["version"] == "0.8.30"
    assert {"MockToken", "IBox"} <= set(tiny_compiled.contracts)


def test_only_deployable_contracts_outside_test_folder_are_shipped(
    tiny_compiled: CompileResult,
) -> None:
    assert tiny_compiled.shipped == ("Box",)
    assert tiny_compiled.artifacts_dir is not None
    shipped = json.loads((tiny_compiled.artifacts_dir / "Box.json").read_text())
    assert set(shipped) == {
        "contractName",
        "abi",
        "bytecode",
        "deployedBytecode",
        "immutableReferences",
        "compiler",
    }
    assert shipped["immutableReferences"], "Box has an immutable"


def test_shipped_artifact_is_deterministic_json(tiny_compiled: CompileResult) -> None:
    assert tiny_compiled.artifacts_dir is not None
    text = (tiny_compiled.artifacts_dir / "Box.json").read_text()
    assert text == json.dumps(json.loads(text), sort_keys=True, indent=1) + "\n"


def test_openzeppelin_import_resolves_through_remapping(tiny_compiled: CompileResult) -> None:
    token = json.loads((tiny_compiled.build_dir / "contracts" / "MockToken.json").read_text())
    assert any(item.get("name") == "transfer" for item in token["abi"])


def test_second_compile_is_skipped_when_nothing_changed(
    tiny_project: Path, tiny_compiled: CompileResult
) -> None:
    started = time.perf_counter()
    again = compile_project(tiny_project, artifacts_dir=tiny_project / "shipped")
    assert again.cached
    assert again.contracts == tiny_compiled.contracts
    assert time.perf_counter() - started < 0.5


def test_changed_source_is_recompiled(make_project: Callable[..., Path]) -> None:
    root = make_project()
    first = compile_project(root, artifacts_dir=False)
    box = root / "contracts" / "Box.sol"
    box.write_text(box.read_text().replace("LIMIT = 1000", "LIMIT = 2000"))
    second = compile_project(root, artifacts_dir=False)
    assert not first.cached and not second.cached
    assert compile_project(root, artifacts_dir=False).cached


def test_bad_solidity_raises_compiler_error_naming_file_line_column(
    make_project: Callable[..., Path],
) -> None:
    source = "// SPDX-License-Identifier: MIT\npragma solidity 0.8.30;\n\ncontract Bad {\n"
    source += "    uint256 x = 1\n}\n"
    root = make_project({"contracts/Bad.sol": source})
    with pytest.raises(CompilerError) as excinfo:
        compile_project(root, artifacts_dir=False)
    assert "contracts/Bad.sol:6:1: ParserError: Expected ';'" in str(excinfo.value)


def test_type_error_location_points_at_the_offending_line(
    make_project: Callable[..., Path],
) -> None:
    source = "// SPDX-License-Identifier: MIT\npragma solidity 0.8.30;\n\ncontract Bad {\n"
    source += "    function f() external pure returns (uint256) {\n        return true;\n    }\n}\n"
    root = make_project({"contracts/Bad.sol": source})
    with pytest.raises(CompilerError, match=r"contracts/Bad.sol:6:16: TypeError: "):
        compile_project(root, artifacts_dir=False)


def test_empty_project_raises_compiler_error(make_project: Callable[..., Path]) -> None:
    root = make_project({})
    with pytest.raises(CompilerError, match=r"No \.sol files"):
        compile_project(root, artifacts_dir=False)
