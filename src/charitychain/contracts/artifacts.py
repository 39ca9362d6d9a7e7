"""Compiled contract artifacts: shipped in the package, or from a project's build/ folder."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from charitychain.config import load_config
from charitychain.errors import ArtifactError

_PACKAGE = "charitychain"
_FOLDER = "artifacts"


@dataclass(frozen=True, eq=False)
class Artifact:
    name: str
    abi: list[dict[str, Any]]
    bytecode: str  # 0x-prefixed creation code
    deployed_bytecode: str  # 0x-prefixed runtime code
    immutable_references: dict[str, Any]

    @property
    def deployable(self) -> bool:
        return len(self.bytecode) > 2


def _hex(value: str) -> str:
    return value if value.startswith("0x") else "0x" + value


def _from_json(name: str, data: dict[str, Any]) -> Artifact:
    try:
        return Artifact(
            name=str(data.get("contractName", name)),
            abi=list(data["abi"]),
            bytecode=_hex(str(data.get("bytecode", ""))),
            deployed_bytecode=_hex(str(data.get("deployedBytecode", ""))),
            immutable_references=dict(data.get("immutableReferences", {})),
        )
    except (KeyError, TypeError) as exc:
        raise ArtifactError(
            f"Artifact {name} is malformed ({exc}); run `charitychain compile`"
        ) from None


def shipped_names() -> tuple[str, ...]:
    folder = resources.files(_PACKAGE) / _FOLDER
    if not folder.is_dir():
        return ()
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".json")))


def load_artifact(name: str) -> Artifact:
    """A deployable contract shipped inside the package."""
    entry = resources.files(_PACKAGE) / _FOLDER / f"{name}.json"
    if not entry.is_file():
        known = ", ".join(shipped_names()) or "none"
        raise ArtifactError(
            f"No shipped artifact {name!r} (shipped: {known}); run `charitychain compile` in "
            "the project and reinstall the package"
        )
    return _from_json(name, json.loads(entry.read_text(encoding="utf-8")))


def load_build_artifact(name: str, root: Path | None = None) -> Artifact:
    """Any compiled contract (test mocks included) from the project's build/contracts/."""
    cfg = load_config(root)
    path = cfg.root / cfg.build_dir / "contracts" / f"{name}.json"
    if not path.is_file():
        raise ArtifactError(f"{path} does not exist; run `charitychain compile` first")
    return _from_json(name, json.loads(path.read_text(encoding="utf-8")))
