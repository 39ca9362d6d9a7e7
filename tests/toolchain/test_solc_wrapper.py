"""tools/solc-wrapper.js behaves like native solc for the calls py-solc-x and brownie make."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from charitychain.toolchain import install_wrapper

REPO = Path(__file__).resolve().parents[2]
WRAPPER = REPO / "tools" / "solc-wrapper.js"
VERSION_OUTPUT = re.compile(
    r"\Asolc, the solidity compiler commandline interface\n"
    r"Version: 0\.8\.30\+commit\.[0-9a-f]{8}\.Emscripten\.clang\n\Z"
)


def run(args: list[str], stdin: str = "", cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["node", str(WRAPPER), *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_version_prints_like_native_solc() -> None:
    result = run(["--version"])
    assert result.returncode == 0
    assert VERSION_OUTPUT.match(result.stdout), result.stdout


def test_installed_shell_wrapper_answers_version_identically(tmp_path: Path) -> None:
    (tmp_path / "brownie-config.yaml").write_text("compiler: {}\n")
    script = install_wrapper(tmp_path, "0.8.30")
    assert script.name == "solc-v0.8.30"
    shell = subprocess.run([str(script), "--version"], capture_output=True, text=True, check=True)
    assert shell.stdout == run(["--version"]).stdout


def _standard_input(source: str, outputs: list[str]) -> str:
    return json.dumps(
        {
            "language": "Solidity",
            "sources": {"contracts/Big.sol": {"content": source}},
            "settings": {
                "evmVersion": "shanghai",
                "remappings": ["@openzeppelin=node_modules/@openzeppelin"],
                "outputSelection": {"*": {"*": outputs, "": ["ast"]}},
            },
        }
    )


def test_standard_json_accepts_and_ignores_allow_paths_and_base_path() -> None:
    source = "// SPDX-License-Identifier: MIT\npragma solidity 0.8.30;\ncontract A {}\n"
    result = run(
        ["--standard-json", "--allow-paths", "/tmp,/", "--base-path", str(REPO)],
        stdin=_standard_input(source, ["abi"]),
    )
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)  # nothing but JSON on stdout
    assert "A" in output["contracts"]["contracts/Big.sol"]


def test_output_larger_than_64_kib_arrives_whole_through_a_pipe() -> None:
    functions = "\n".join(
        f"    function f{i}(uint256 a, address b) external pure returns (uint256) "
        f"{{ return a + {i} + uint160(b); }}"
        for i in range(200)
    )
    source = (
        "// SPDX-License-Identifier: MIT\npragma solidity 0.8.30;\n"
        'import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";\n'
        f"contract Big {{\n{functions}\n}}\n"
    )
    result = run(["--standard-json"], stdin=_standard_input(source, ["abi", "evm.bytecode"]))
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.encode()) > 256 * 1024
    output = json.loads(result.stdout)
    assert not [e for e in output.get("errors", []) if e["severity"] == "error"]
    assert len(output["contracts"]["contracts/Big.sol"]["Big"]["abi"]) == 200


def test_missing_import_is_reported_as_a_compiler_error() -> None:
    source = (
        "// SPDX-License-Identifier: MIT\npragma solidity 0.8.30;\n"
        'import "@openzeppelin/contracts/DoesNotExist.sol";\ncontract A {}\n'
    )
    result = run(["--standard-json"], stdin=_standard_input(source, ["abi"]))
    errors = json.loads(result.stdout)["errors"]
    assert any("DoesNotExist.sol" in e["message"] for e in errors)


def test_combined_json_answers_crytic_compile_style_call(tmp_path: Path) -> None:
    (tmp_path / "A.sol").write_text(
        "// SPDX-License-Identifier: MIT\npragma solidity 0.8.30;\ncontract A { uint256 x; }\n"
    )
    result = run(
        ["--combined-json", "abi,ast,bin,bin-runtime,srcmap,srcmap-runtime", "A.sol"],
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert output["contracts"]["A.sol:A"]["bin"]
    assert "A.sol" in output["sources"]
