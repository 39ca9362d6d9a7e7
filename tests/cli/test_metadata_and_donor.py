"""`charitychain metadata hash|validate` (offline) and `charitychain donor show`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from charitychain.metadata import load_metadata
from cli.clitools import ETHER, EXAMPLES, Cli

KINDS = ("organization", "project", "evidence", "expense", "audit")


@pytest.mark.parametrize("kind", KINDS)
def test_metadata_hash_of_each_example(run: Cli, kind: str) -> None:
    path = EXAMPLES / f"{kind}.json"

    text = run("metadata", "hash", str(path)).stdout.strip()
    record = run.json("metadata", "hash", str(path))

    assert text == load_metadata(path, kind).hash_hex
    assert record == {"file": str(path), "kind": kind, "hash": text}


@pytest.mark.parametrize("kind", KINDS)
def test_metadata_validate_each_example(run: Cli, kind: str) -> None:
    path = EXAMPLES / f"{kind}.json"

    text = run("metadata", "validate", str(path)).stdout.strip()
    record = run.json("metadata", "validate", str(path))

    assert text == f"{path}: valid {kind} metadata"
    assert (record["valid"], record["kind"]) == (True, kind)


def test_metadata_validate_with_the_wrong_kind_is_an_error(run: Cli) -> None:
    result = run(
        "metadata", "validate", str(EXAMPLES / "audit.json"), "--kind", "project", expect=1
    )

    assert result.stderr.startswith("Error: ")
    assert "Traceback" not in result.output


def test_metadata_validate_lists_every_problem(run: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "project.json"
    bad.write_text('{"kind": "project", "title": ""}')

    result = run("metadata", "validate", str(bad), expect=1)

    assert "title: '' should be non-empty" in result.stderr
    assert "'milestones' is a required property" in result.stderr


def test_metadata_hash_of_a_missing_file_is_a_usage_error(run: Cli, tmp_path: Path) -> None:
    error = run.fails("metadata", "hash", str(tmp_path / "nope.json"), code=2)

    assert "does not exist" in error


def test_donor_show_human(run: Cli, accounts: list[str], make_project: Callable[..., int]) -> None:
    first, second = make_project(), make_project()
    run("donate", str(second), "2", account="dev:7")

    text = run("donor", "show", accounts[7]).stdout

    assert "project  state    given  refunded  refundable" in text
    assert f"{second}        Funding  2 ETH  0 ETH     0 ETH" in text
    assert f"\n{first} " not in text


def test_donor_show_json(run: Cli, accounts: list[str], funding_project: int) -> None:
    run("donate", str(funding_project), "1", account="dev:8")

    record = run.json("donor", "show", accounts[8])

    assert record["donor"] == accounts[8]
    assert [(p["project_id"], p["contributed"]) for p in record["positions"]] == [
        (funding_project, ETHER)
    ]


def test_donor_show_for_someone_who_never_gave(run: Cli, accounts: list[str]) -> None:
    text = run("donor", "show", accounts[9]).stdout

    assert text.strip() == f"{accounts[9]} has not donated on this deployment."


def test_donor_show_with_a_wrong_checksum_is_an_error(run: Cli, accounts: list[str]) -> None:
    bad = accounts[9][:2] + accounts[9][2:].swapcase()

    error = run.fails("donor", "show", bad)

    assert "has a wrong checksum" in error
