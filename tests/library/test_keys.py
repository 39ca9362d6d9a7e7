"""Encrypted keystores: create, import, list, show, unlock; secrets never leak into messages."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from eth_account import Account
from eth_account.messages import encode_defunct

from charitychain import keys
from charitychain.errors import CharityChainError

# A throw-away key used only by these tests (anvil's well-known dev account 1).
KEY_HEX = "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"
KEY_ADDRESS = Account.from_key(bytes.fromhex(KEY_HEX)).address
PASSPHRASE = "correct horse battery staple"
SECP256K1_ORDER = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def leaked_text(exc: BaseException) -> str:
    """Everything an exception could show: message, repr and its chained exceptions."""
    parts: list[str] = []
    current: BaseException | None = exc
    while current is not None:
        parts += [str(current), repr(current)]
        current = current.__cause__ or current.__context__
    return "\n".join(parts)


def test_a_new_account_is_listed_and_shown(keystore: Path) -> None:
    info = keys.new_account("alice", PASSPHRASE)
    assert info.name == "alice"
    assert info.path == keystore / "alice.json"
    assert keys.list_accounts() == [info]
    assert keys.show("alice") == info


def test_list_is_sorted_by_name_and_empty_without_a_directory(keystore: Path) -> None:
    assert keys.list_accounts() == []
    keys.new_account("bob", PASSPHRASE)
    keys.new_account("alice", PASSPHRASE)
    assert [i.name for i in keys.list_accounts()] == ["alice", "bob"]


def test_unlock_returns_an_account_that_signs_for_the_keystore_address(keystore: Path) -> None:
    info = keys.new_account("alice", PASSPHRASE)
    account = keys.unlock("alice", PASSPHRASE)
    assert account.address == info.address
    signed = account.sign_message(encode_defunct(text="hello"))
    assert Account.recover_message(encode_defunct(text="hello"), signature=signed.signature) == (
        info.address
    )


def test_keystore_file_is_mode_600_in_a_directory_of_mode_700(keystore: Path) -> None:
    info = keys.new_account("alice", PASSPHRASE)
    assert mode(keystore) == 0o700
    assert mode(info.path) == 0o600
    assert [p.name for p in keystore.iterdir()] == ["alice.json"]  # no temp file left behind


def test_an_imported_key_unlocks_to_the_same_key(keystore: Path) -> None:
    info = keys.import_key("imported", KEY_HEX, PASSPHRASE)
    assert info.address == KEY_ADDRESS
    assert keys.unlock("imported", PASSPHRASE).key.hex().removeprefix("0x") == KEY_HEX


@pytest.mark.parametrize(
    "text", ["0x" + KEY_HEX, KEY_HEX + "\n", "  0X" + KEY_HEX.upper() + "\r\n"]
)
def test_import_accepts_0x_prefix_case_and_surrounding_whitespace(
    keystore: Path, text: str
) -> None:
    assert keys.import_key("k", text, PASSPHRASE).address == KEY_ADDRESS


def test_keystore_file_is_web3_secret_storage_without_the_plain_key(keystore: Path) -> None:
    info = keys.import_key("imported", KEY_HEX, PASSPHRASE)
    text = info.path.read_text()
    document = json.loads(text)
    assert document["version"] == 3
    assert document["crypto"]["kdf"] == "pbkdf2"  # the fast test KDF
    assert KEY_HEX not in text.lower()
    assert PASSPHRASE not in text


def test_the_default_kdf_is_scrypt(keystore: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(keys.FAST_KDF_ENV)
    info = keys.new_account("strong", PASSPHRASE)
    assert json.loads(info.path.read_text())["crypto"]["kdf"] == "scrypt"


def test_a_wrong_passphrase_raises_wrong_passphrase(keystore: Path) -> None:
    keys.new_account("alice", PASSPHRASE)
    with pytest.raises(keys.WrongPassphrase, match="does not unlock keystore 'alice'"):
        keys.unlock("alice", "not the passphrase")


def test_an_unknown_name_raises_not_found_listing_the_known_names(keystore: Path) -> None:
    keys.new_account("alice", PASSPHRASE)
    keys.new_account("bob", PASSPHRASE)
    with pytest.raises(keys.KeystoreNotFound, match=r"known: alice, bob") as caught:
        keys.unlock("carol", PASSPHRASE)
    assert isinstance(caught.value, CharityChainError)
    with pytest.raises(keys.KeystoreNotFound, match="known: alice, bob"):
        keys.show("carol")


def test_not_found_in_a_missing_directory_says_none_are_known(keystore: Path) -> None:
    with pytest.raises(keys.KeystoreNotFound, match=r"known: none"):
        keys.show("alice")


def test_an_existing_name_is_never_overwritten(keystore: Path) -> None:
    info = keys.new_account("alice", PASSPHRASE)
    before = info.path.read_bytes()
    with pytest.raises(keys.KeystoreExists, match="already exists"):
        keys.new_account("alice", PASSPHRASE)
    with pytest.raises(keys.KeystoreExists, match="already exists"):
        keys.import_key("alice", KEY_HEX, PASSPHRASE)
    assert info.path.read_bytes() == before


@pytest.mark.parametrize(
    "bad_key",
    [
        KEY_HEX[:-1],  # 63 digits
        KEY_HEX + "00",  # 33 bytes
        KEY_HEX[:-1] + "g",  # not hex
        "00" * 32,  # zero
        f"{SECP256K1_ORDER:064x}",  # outside the curve order
        "",
    ],
    ids=["short", "long", "not-hex", "zero", "order", "empty"],
)
def test_importing_a_malformed_key_raises_invalid_private_key_without_echoing_it(
    keystore: Path, bad_key: str
) -> None:
    with pytest.raises(keys.InvalidPrivateKey, match="private key") as caught:
        keys.import_key("bad", bad_key, PASSPHRASE)
    if bad_key:
        assert bad_key not in leaked_text(caught.value)
    assert not keystore.exists() or not any(keystore.iterdir())


def test_no_message_or_repr_contains_the_private_key_or_passphrase(keystore: Path) -> None:
    info = keys.import_key("imported", KEY_HEX, PASSPHRASE)
    texts = [repr(info), str(info), repr(keys.list_accounts()), repr(keys.show("imported"))]
    for attempt in (
        lambda: keys.import_key("imported", KEY_HEX, PASSPHRASE),
        lambda: keys.unlock("imported", PASSPHRASE + "!"),
        lambda: keys.unlock("missing", PASSPHRASE),
        lambda: keys.import_key("other", KEY_HEX[:-2] + "zz", PASSPHRASE),
    ):
        with pytest.raises(CharityChainError) as caught:
            attempt()
        texts.append(leaked_text(caught.value))
    for text in texts:
        assert KEY_HEX not in text.lower()
        assert PASSPHRASE not in text


def test_a_corrupt_keystore_file_is_reported_with_what_to_do(keystore: Path) -> None:
    keystore.mkdir()
    (keystore / "broken.json").write_text("{not json")
    with pytest.raises(keys.KeystoreCorrupt, match="restore it from a backup"):
        keys.show("broken")


@pytest.mark.parametrize("name", ["../escape", "a/b", ".hidden", "", "x" * 65, "spa ce"])
def test_names_that_are_not_plain_file_names_are_refused(keystore: Path, name: str) -> None:
    with pytest.raises(keys.InvalidKeyName):
        keys.new_account(name, PASSPHRASE)


def test_an_empty_passphrase_is_refused_for_new_keys(keystore: Path) -> None:
    with pytest.raises(keys.PassphraseError, match="empty"):
        keys.new_account("alice", "")


@pytest.mark.parametrize(
    ("content", "expected"),
    [("secret\n", "secret"), ("secret", "secret"), ("secret\n\n", "secret\n"), ("s p\r\n", "s p")],
)
def test_a_passphrase_file_loses_exactly_one_trailing_newline(
    tmp_path: Path, content: str, expected: str
) -> None:
    path = tmp_path / "pass.txt"
    path.write_bytes(content.encode())
    assert keys.read_passphrase_file(path) == expected


def test_a_missing_passphrase_file_raises_passphrase_error(tmp_path: Path) -> None:
    with pytest.raises(keys.PassphraseError, match="does not exist"):
        keys.read_passphrase_file(tmp_path / "nope.txt")


def test_passphrase_from_env_reads_the_variable_or_gives_none(
    keystore: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert keys.passphrase_from_env() is None
    monkeypatch.setenv(keys.PASSPHRASE_ENV, PASSPHRASE)
    assert keys.passphrase_from_env() == PASSPHRASE


def test_the_default_directory_is_under_the_home_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(keys.KEYSTORE_DIR_ENV, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert keys.keystore_dir() == tmp_path / ".charitychain" / "keystores"


def test_a_keystore_missing_its_cipher_fields_is_reported_as_corrupt(keystore: Path) -> None:
    info = keys.new_account("alice", PASSPHRASE)
    document = json.loads(info.path.read_text())
    del document["crypto"]["ciphertext"]
    info.path.write_text(json.dumps(document))
    with pytest.raises(keys.KeystoreCorrupt, match="lacks a field"):
        keys.unlock("alice", PASSPHRASE)
