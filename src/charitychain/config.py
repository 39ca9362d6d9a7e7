"""Project discovery and brownie-config.yaml loading into frozen dataclasses."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from charitychain.errors import ConfigError

CONFIG_FILE = "brownie-config.yaml"
PROJECT_ENV = "CHARITYCHAIN_PROJECT"
DEFAULT_MNEMONIC = "test test test test test test test test test test test junk"
DEFAULT_EVM_VERSION = "shanghai"


@dataclass(frozen=True)
class CompilerConfig:
    solc_version: str = "0.8.30"
    optimizer_enabled: bool = True
    optimizer_runs: int = 200
    evm_version: str = DEFAULT_EVM_VERSION
    remappings: tuple[str, ...] = ()
    via_ir: bool = False


@dataclass(frozen=True)
class NetworkConfig:
    name: str
    kind: str  # anvil | ganache | embedded | rpc
    host: str = "127.0.0.1"
    port: int | None = None
    chain_id: int | None = None
    url: str | None = None
    url_env: str | None = None

    def rpc_url(self) -> str | None:
        """The HTTP URL of this network, or None for the embedded chain."""
        if self.url:
            return self.url
        if self.url_env:
            return os.environ.get(self.url_env)
        if self.port is not None:
            return f"http://{self.host}:{self.port}"
        return None


@dataclass(frozen=True)
class ProjectConfig:
    root: Path
    compiler: CompilerConfig
    networks: dict[str, NetworkConfig] = field(default_factory=dict)
    contracts_dir: str = "contracts"
    interfaces_dir: str = "interfaces"
    build_dir: str = "build"
    dev_mnemonic: str = DEFAULT_MNEMONIC

    @property
    def state_dir(self) -> Path:
        """Per-project runtime state (node data, pid files, compiler wrapper)."""
        return self.root / ".charitychain"

    def network(self, name: str) -> NetworkConfig:
        try:
            return self.networks[name]
        except KeyError:
            known = ", ".join(sorted(self.networks)) or "none"
            raise ConfigError(
                f"Unknown network {name!r} (known: {known}); add it under `networks:` in "
                f"{self.root / CONFIG_FILE}"
            ) from None


def find_project_root(start: Path | None = None) -> Path:
    """The directory holding brownie-config.yaml: $CHARITYCHAIN_PROJECT, else walk up from cwd."""
    override = os.environ.get(PROJECT_ENV)
    if override:
        root = Path(override).expanduser().resolve()
        if not (root / CONFIG_FILE).is_file():
            raise ConfigError(
                f"{PROJECT_ENV}={override} has no {CONFIG_FILE}; point it at the project root"
            )
        return root
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / CONFIG_FILE).is_file():
            return candidate
    raise ConfigError(
        f"No {CONFIG_FILE} found in {here} or any parent; run inside the charitychain project "
        f"or set {PROJECT_ENV} to its root"
    )


def _mapping(value: Any, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigError(f"`{where}` in {CONFIG_FILE} must be a mapping; fix the file")
    return value


def _parse_compiler(data: dict[str, Any]) -> CompilerConfig:
    compiler = _mapping(data.get("compiler"), "compiler")
    solc = _mapping(compiler.get("solc"), "compiler.solc")
    optimizer = _mapping(solc.get("optimizer"), "compiler.solc.optimizer")
    remappings = solc.get("remappings") or []
    if isinstance(remappings, str):
        remappings = [remappings]
    return CompilerConfig(
        solc_version=str(solc.get("version", CompilerConfig.solc_version)).lstrip("v"),
        optimizer_enabled=bool(optimizer.get("enabled", True)),
        optimizer_runs=int(optimizer.get("runs", 200)),
        evm_version=str(compiler.get("evm_version") or DEFAULT_EVM_VERSION),
        remappings=tuple(str(r) for r in remappings),
        via_ir=bool(solc.get("via_ir", False)),
    )


def _parse_networks(data: dict[str, Any]) -> dict[str, NetworkConfig]:
    networks: dict[str, NetworkConfig] = {}
    for name, raw in _mapping(data.get("networks"), "networks").items():
        entry = _mapping(raw, f"networks.{name}")
        if "kind" not in entry:
            continue  # brownie's own network settings (development, live): not ours
        networks[name] = NetworkConfig(
            name=name,
            kind=str(entry["kind"]),
            host=str(entry.get("host", "127.0.0.1")),
            port=int(entry["port"]) if entry.get("port") is not None else None,
            chain_id=int(entry["chain_id"]) if entry.get("chain_id") is not None else None,
            url=entry.get("url"),
            url_env=entry.get("url_env"),
        )
    return networks


def load_config(root: Path | None = None) -> ProjectConfig:
    """Load brownie-config.yaml of the project at `root` (found automatically when None)."""
    root = (root or find_project_root()).resolve()
    path = root / CONFIG_FILE
    try:
        data = _mapping(yaml.safe_load(path.read_text(encoding="utf-8")), "top level")
    except FileNotFoundError:
        raise ConfigError(f"{path} does not exist; create it or run in the project root") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path} is not valid YAML ({exc}); fix the file") from None
    structure = _mapping(data.get("project_structure"), "project_structure")
    return ProjectConfig(
        root=root,
        compiler=_parse_compiler(data),
        networks=_parse_networks(data),
        contracts_dir=str(structure.get("contracts", "contracts")),
        interfaces_dir=str(structure.get("interfaces", "interfaces")),
        build_dir=str(structure.get("build", "build")),
        dev_mnemonic=str(data.get("dev_mnemonic", DEFAULT_MNEMONIC)),
    )
