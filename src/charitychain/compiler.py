"""Compile the project's Solidity through py-solc-x, cache by content hash, write artifacts.

Outputs:
- `build/contracts/<Name>.json`: brownie-style build artifact for every contract in
  contracts/ (test mocks included) and interfaces/.
- `src/charitychain/artifacts/<Name>.json`: the deployable contracts shipped in the package
  (defined in a top-level contracts/*.sol file, non-empty bytecode: no mocks from
  contracts/test/, no abstract parts or libraries from subfolders), written deterministically
  so a fresh compile is byte-identical.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import solcx
from solcx.exceptions import SolcError

from charitychain.config import CompilerConfig, ProjectConfig, load_config
from charitychain.errors import SETUP_HINT, CompilerError
from charitychain.toolchain import find_solc

HASH_FILE = ".compile-hash"
OUTPUTS = [
    "abi",
    "evm.bytecode.object",
    "evm.deployedBytecode.object",
    "evm.deployedBytecode.immutableReferences",
    "metadata",
]
SHIPPED_FIELDS = (
    "contractName",
    "abi",
    "bytecode",
    "deployedBytecode",
    "immutableReferences",
    "compiler",
)


@dataclass(frozen=True)
class CompileResult:
    root: Path
    contracts: tuple[str, ...]  # every contract written to build/contracts
    shipped: tuple[str, ...]  # the subset shipped in the package
    cached: bool
    seconds: float
    build_dir: Path
    artifacts_dir: Path | None


def dump_json(data: Any) -> str:
    """Deterministic JSON text used for every artifact file."""
    return json.dumps(data, sort_keys=True, indent=1) + "\n"


def collect_sources(cfg: ProjectConfig) -> dict[str, str]:
    """Source unit name (posix path relative to the root) -> content, sorted by name."""
    sources: dict[str, str] = {}
    for folder in (cfg.contracts_dir, cfg.interfaces_dir):
        base = cfg.root / folder
        if base.is_dir():
            for path in sorted(base.rglob("*.sol")):
                sources[path.relative_to(cfg.root).as_posix()] = path.read_text(encoding="utf-8")
    return dict(sorted(sources.items()))


def standard_input(compiler: CompilerConfig, sources: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "language": "Solidity",
        "sources": {name: {"content": text} for name, text in sources.items()},
        "settings": {
            "optimizer": {
                "enabled": compiler.optimizer_enabled,
                "runs": compiler.optimizer_runs,
            },
            "evmVersion": compiler.evm_version,
            "remappings": list(compiler.remappings),
            # Only our own sources: skips code generation for library sources.
            "outputSelection": {name: {"*": OUTPUTS} for name in sources},
        },
    }
    if compiler.via_ir:
        data["settings"]["viaIR"] = True
    return data


def _content_hash(cfg: ProjectConfig, sources: dict[str, str]) -> str:
    digest = hashlib.sha256()
    settings = standard_input(cfg.compiler, {})["settings"]
    digest.update(dump_json({"solc": cfg.compiler.solc_version, "settings": settings}).encode())
    for name, text in sources.items():
        digest.update(name.encode() + b"\0" + hashlib.sha256(text.encode()).digest())
    lock = cfg.root / "package-lock.json"  # pins the imported library sources
    if lock.is_file():
        digest.update(hashlib.sha256(lock.read_bytes()).digest())
    return digest.hexdigest()


def _line_column(text: bytes, offset: int) -> tuple[int, int]:
    offset = max(0, min(offset, len(text)))
    line = text.count(b"\n", 0, offset) + 1
    column = offset - (text.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def _format_error(cfg: ProjectConfig, sources: dict[str, str], error: dict[str, Any]) -> str:
    kind = error.get("type", "Error")
    message = error.get("message", "").strip()
    location = error.get("sourceLocation") or {}
    file = location.get("file")
    if not file:
        return f"{kind}: {message}"
    text = sources.get(file)
    if text is None:
        path = cfg.root / file
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
    line, column = _line_column(text.encode(), int(location.get("start", 0)))
    return f"{file}:{line}:{column}: {kind}: {message}"


def _compiler_error(
    cfg: ProjectConfig, sources: dict[str, str], errors: list[dict[str, Any]]
) -> CompilerError:
    lines = [_format_error(cfg, sources, e) for e in errors if e.get("severity") == "error"]
    count = len(lines)
    head = f"Compilation failed with {count} error{'s' if count != 1 else ''}; fix the source:"
    return CompilerError("\n".join([head, *lines]))


def _run_solc(cfg: ProjectConfig, sources: dict[str, str]) -> dict[str, Any]:
    binary = find_solc(cfg.root, cfg.compiler.solc_version)
    try:
        output: dict[str, Any] = solcx.compile_standard(
            standard_input(cfg.compiler, sources),
            base_path=str(cfg.root),
            allow_paths=str(cfg.root),
            solc_binary=binary,
        )
    except SolcError as exc:
        if exc.error_dict:
            raise _compiler_error(cfg, sources, list(exc.error_dict)) from None
        raise CompilerError(
            f"solc ({binary}) failed: {(exc.stderr_data or str(exc)).strip()[:2000]}; {SETUP_HINT}"
        ) from None
    except (json.JSONDecodeError, OSError) as exc:
        raise CompilerError(
            f"solc ({binary}) gave no usable output ({exc}); {SETUP_HINT}"
        ) from None
    return output


# The demo's stablecoin ships too, so `charitychain demo --network embedded` runs from a
# plain pip install. It is a test token: nothing in the product deploys it.
DEMO_TOKEN_SOURCE = "contracts/test/MockERC20.sol"


def _is_shipped(cfg: ProjectConfig, source_path: str, bytecode: str) -> bool:
    """Deployable contracts defined directly in contracts/*.sol (not in test/, libraries/...)."""
    if source_path == DEMO_TOKEN_SOURCE:
        return True
    parts = PurePosixPath(source_path).parts
    return len(parts) == 2 and parts[0] == cfg.contracts_dir and bool(bytecode)


def _build_artifacts(cfg: ProjectConfig, output: dict[str, Any]) -> dict[str, dict[str, Any]]:
    compiler_info = {
        "version": cfg.compiler.solc_version,
        "optimizer": {
            "enabled": cfg.compiler.optimizer_enabled,
            "runs": cfg.compiler.optimizer_runs,
        },
        "evm_version": cfg.compiler.evm_version,
        "via_ir": cfg.compiler.via_ir,
    }
    artifacts: dict[str, dict[str, Any]] = {}
    for source_path, by_name in sorted(output.get("contracts", {}).items()):
        for name, data in sorted(by_name.items()):
            if name in artifacts:
                raise CompilerError(
                    f"Contract name {name} is defined in both {artifacts[name]['sourcePath']} "
                    f"and {source_path}; rename one (artifacts are keyed by name)"
                )
            evm = data.get("evm", {})
            deployed = evm.get("deployedBytecode", {})
            artifacts[name] = {
                "contractName": name,
                "sourcePath": source_path,
                "abi": data.get("abi", []),
                "bytecode": evm.get("bytecode", {}).get("object", ""),
                "deployedBytecode": deployed.get("object", ""),
                "immutableReferences": deployed.get("immutableReferences", {}),
                "metadata": data.get("metadata", ""),
                "compiler": compiler_info,
                "language": "Solidity",
                "type": "contract",
            }
    return artifacts


def _write_if_changed(path: Path, text: str) -> None:
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _write_outputs(
    cfg: ProjectConfig,
    artifacts: dict[str, dict[str, Any]],
    build_dir: Path,
    artifacts_dir: Path | None,
) -> tuple[str, ...]:
    contracts_out = build_dir / "contracts"
    contracts_out.mkdir(parents=True, exist_ok=True)
    for stale in contracts_out.glob("*.json"):
        if stale.stem not in artifacts:
            stale.unlink()
    for name, artifact in artifacts.items():
        _write_if_changed(contracts_out / f"{name}.json", dump_json(artifact))
    shipped = tuple(
        name
        for name, art in artifacts.items()
        if _is_shipped(cfg, art["sourcePath"], art["bytecode"])
    )
    if artifacts_dir is not None:
        artifacts_dir.mkdir(parents=True, exist_ok=True)
        for stale in artifacts_dir.glob("*.json"):
            if stale.stem not in shipped:
                stale.unlink()
        for name in shipped:
            record = {key: artifacts[name][key] for key in SHIPPED_FIELDS}
            _write_if_changed(artifacts_dir / f"{name}.json", dump_json(record))
    return shipped


def default_artifacts_dir(root: Path) -> Path | None:
    package = root / "src" / "charitychain"
    return package / "artifacts" if package.is_dir() else None


def compile_project(
    root: Path | None = None,
    *,
    build_dir: Path | None = None,
    artifacts_dir: Path | bool | None = True,
    force: bool = False,
) -> CompileResult:
    """Compile contracts/ and interfaces/ of the project; skip when nothing changed.

    `artifacts_dir=True` ships into src/charitychain/artifacts when the project has it;
    a path ships there instead; None/False ships nowhere.
    """
    started = time.perf_counter()
    cfg = load_config(root)
    build = build_dir or cfg.root / cfg.build_dir
    ship: Path | None
    if artifacts_dir is True:
        ship = default_artifacts_dir(cfg.root)
    elif artifacts_dir is False or artifacts_dir is None:
        ship = None
    else:
        ship = artifacts_dir
    sources = collect_sources(cfg)
    if not sources:
        raise CompilerError(
            f"No .sol files under {cfg.root / cfg.contracts_dir} or "
            f"{cfg.root / cfg.interfaces_dir}; add contracts first"
        )
    content_hash = _content_hash(cfg, sources)
    hash_file = build / HASH_FILE
    if not force and hash_file.is_file():
        try:
            recorded = json.loads(hash_file.read_text())
        except json.JSONDecodeError:
            recorded = {}
        names = tuple(recorded.get("contracts", []))
        shipped_names = tuple(recorded.get("shipped", []))
        complete = all((build / "contracts" / f"{n}.json").is_file() for n in names) and (
            ship is None or all((ship / f"{n}.json").is_file() for n in shipped_names)
        )
        if recorded.get("hash") == content_hash and complete:
            return CompileResult(
                cfg.root, names, shipped_names, True, time.perf_counter() - started, build, ship
            )
    output = _run_solc(cfg, sources)
    artifacts = _build_artifacts(cfg, output)
    shipped = _write_outputs(cfg, artifacts, build, ship)
    names = tuple(artifacts)
    hash_file.write_text(
        dump_json({"hash": content_hash, "contracts": list(names), "shipped": list(shipped)})
    )
    return CompileResult(
        cfg.root, names, shipped, False, time.perf_counter() - started, build, ship
    )
