"""The artifacts shipped in the package equal a fresh compile of contracts/."""

from __future__ import annotations

from pathlib import Path

from charitychain.compiler import compile_project, default_artifacts_dir
from charitychain.contracts.artifacts import load_artifact

REPO = Path(__file__).resolve().parents[2]


def test_shipped_artifacts_are_byte_identical_to_a_fresh_compile(tmp_path: Path) -> None:
    shipped_dir = default_artifacts_dir(REPO)
    assert shipped_dir is not None
    fresh = compile_project(
        REPO, build_dir=tmp_path / "build", artifacts_dir=tmp_path / "artifacts", force=True
    )
    assert not fresh.cached
    shipped = {p.name: p.read_bytes() for p in shipped_dir.glob("*.json")}
    rebuilt = {p.name: p.read_bytes() for p in (tmp_path / "artifacts").glob("*.json")}
    assert sorted(shipped) == sorted(rebuilt), "run `charitychain compile` and commit artifacts"
    for name, data in rebuilt.items():
        assert shipped[name] == data, f"{name} is stale: run `charitychain compile`"


def test_every_shipped_artifact_loads_through_the_package(tmp_path: Path) -> None:
    shipped_dir = default_artifacts_dir(REPO)
    assert shipped_dir is not None
    for path in shipped_dir.glob("*.json"):
        artifact = load_artifact(path.stem)
        assert artifact.deployable
        assert artifact.abi is not None
