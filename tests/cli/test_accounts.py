"""`charitychain accounts new|import|list|show` and signing with a keystore."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import pytest
from eth_account import Account
from web3 import Web3

from charitychain.contracts.suite import Suite
from cli.clitools import ETHER, Cli

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def password_file(tmp_path: Path) -> Path:
    path = tmp_path / "pass.txt"
    path.write_text(PASSPHRASE + "\n")
    path.chmod(0o600)
    return path


@pytest.fixture
def secret() -> tuple[str, str]:
    """(private key hex without 0x, address) of a fresh key."""
    account = Account.create()
    return account.key.hex().removeprefix("0x"), account.address


@pytest.fixture
def key_file(tmp_path: Path, secret: tuple[str, str]) -> Path:
    path = tmp_path / "key.txt"
    path.write_text("0x" + secret[0] + "\n")
    path.chmod(0o600)
    return path


@pytest.fixture
def imported(run: Cli, key_file: Path, password_file: Path, secret: tuple[str, str]) -> str:
    """Keystore "alice" holding `secret`; returns its address."""
    run(
        "accounts",
        "import",
        "alice",
        "--key-file",
        str(key_file),
        "--password-file",
        str(password_file),
    )
    return secret[1]


def _keystore_dir(run: Cli) -> Path:
    return Path(str(run.env["CHARITYCHAIN_KEYSTORE_DIR"]))


def test_accounts_new_human_creates_a_private_keystore(run: Cli, password_file: Path) -> None:
    result = run("accounts", "new", "bob", "--password-file", str(password_file))

    path = _keystore_dir(run) / "bob.json"
    assert result.stdout.startswith("Created bob: 0x")
    assert str(path) in result.stdout
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_accounts_new_json(run: Cli, password_file: Path) -> None:
    record = run.json("accounts", "new", "bob", "--password-file", str(password_file))

    assert record["name"] == "bob"
    assert Web3.is_checksum_address(record["address"])
    document = json.loads(Path(record["path"]).read_text())
    assert document["address"].lower() == record["address"][2:].lower()


def test_accounts_new_with_an_existing_name_is_an_error(run: Cli, password_file: Path) -> None:
    run("accounts", "new", "bob", "--password-file", str(password_file))

    error = run.fails("accounts", "new", "bob", "--password-file", str(password_file))

    assert "a keystore named 'bob' already exists" in error


def test_accounts_import_never_echoes_the_key(
    run: Cli, key_file: Path, password_file: Path, secret: tuple[str, str]
) -> None:
    key, address = secret

    result = run(
        "accounts",
        "import",
        "alice",
        "--key-file",
        str(key_file),
        "--password-file",
        str(password_file),
    )

    assert result.stdout.startswith(f"Imported alice: {address}")
    assert key not in result.output and key.lower() not in result.output.lower()
    path = _keystore_dir(run) / "alice.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert key not in path.read_text()


def test_accounts_import_json_never_echoes_the_key(
    run: Cli, key_file: Path, password_file: Path, secret: tuple[str, str]
) -> None:
    result = run(
        "accounts",
        "import",
        "alice",
        "--key-file",
        str(key_file),
        "--password-file",
        str(password_file),
        json=True,
    )

    assert json.loads(result.stdout)["address"] == secret[1]
    assert secret[0] not in result.output


def test_accounts_import_from_the_hidden_prompt(
    run: Cli, password_file: Path, secret: tuple[str, str]
) -> None:
    key, address = secret

    result = run(
        "accounts", "import", "alice", "--password-file", str(password_file), input=key + "\n"
    )

    assert f"Imported alice: {address}" in result.stdout
    assert key not in result.output


def test_accounts_import_a_malformed_key_does_not_echo_it(
    run: Cli, tmp_path: Path, password_file: Path
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("deadbeef" * 7 + "zz")

    error = run.fails(
        "accounts", "import", "x", "--key-file", str(bad), "--password-file", str(password_file)
    )

    assert "private key must be 32 bytes written as 64 hex digits" in error
    assert "deadbeef" not in error


def test_accounts_list_human_and_json(run: Cli, imported: str, password_file: Path) -> None:
    run("accounts", "new", "bob", "--password-file", str(password_file))

    text = run("accounts", "list").stdout
    record = run.json("accounts", "list")

    assert "name   address" in text and f"alice  {imported}" in text
    assert [a["name"] for a in record["accounts"]] == ["alice", "bob"]


def test_accounts_list_when_empty(run: Cli) -> None:
    assert "No keystores yet" in run("accounts", "list").stdout


def test_accounts_show_human_and_json(run: Cli, imported: str) -> None:
    assert run("accounts", "show", "alice").stdout.startswith(f"alice: {imported} (")
    assert run.json("accounts", "show", "alice")["address"] == imported


def test_accounts_show_unknown_lists_the_known_names(run: Cli, imported: str) -> None:
    error = run.fails("accounts", "show", "carol")

    assert "no keystore named 'carol'" in error and "(known: alice)" in error


def test_a_keystore_account_signs_a_donation_as_eip1559(
    run: Cli,
    w3: Web3,
    imported: str,
    password_file: Path,
    funding_project: int,
    secret: tuple[str, str],
    deployed: Suite,
) -> None:
    w3.provider.make_request("anvil_setBalance", [imported, hex(5 * ETHER)])  # type: ignore[arg-type]

    result = run(
        "donate",
        str(funding_project),
        "1",
        "--password-file",
        str(password_file),
        account="alice",
        json=True,
    )

    record = json.loads(result.stdout)
    assert record["donor"] == imported
    tx = w3.eth.get_transaction(record["tx"])
    assert (tx["type"], tx["chainId"], tx["from"]) == (2, 31337, imported)
    assert secret[0] not in result.output and PASSPHRASE not in result.output


def test_an_unknown_keystore_name_is_its_own_error(
    run: Cli, funding_project: int, password_file: Path
) -> None:
    error = run.fails(
        "donate", str(funding_project), "1", "--password-file", str(password_file), account="nobody"
    )

    assert "no keystore named 'nobody'" in error


def test_a_wrong_passphrase_is_its_own_error(
    run: Cli, imported: str, funding_project: int, tmp_path: Path, w3: Web3
) -> None:
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not it\n")
    block = w3.eth.block_number

    error = run.fails(
        "donate", str(funding_project), "1", "--password-file", str(wrong), account="alice"
    )

    assert "the passphrase does not unlock keystore 'alice'" in error
    assert "not it" not in error
    assert w3.eth.block_number == block


def test_a_dev_account_out_of_range_is_an_error(run: Cli, funding_project: int) -> None:
    error = run.fails("donate", str(funding_project), "1", account="dev:42")

    # at least dev:0..dev:9; accounts impersonated by other tests may follow them
    assert re.search(
        r"--account dev:42: the node has dev accounts dev:0 to dev:(9|[1-3][0-9])\b", error
    )
