"""Encrypted keystores (eth-account, scrypt): create, import, list, show, unlock.

A keystore is `<dir>/<name>.json` in the standard Web3 Secret Storage format (version 3),
readable by geth, ape and eth-account. The directory is `$CHARITYCHAIN_KEYSTORE_DIR` or
`~/.charitychain/keystores`. Passphrases come from a prompt (the CLI), a file or
`$CHARITYCHAIN_PASSPHRASE`; a raw private key is read from a file or a prompt, never argv.

No message, repr or log written here ever contains a private key or a passphrase.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eth_account import Account
from eth_account.signers.local import LocalAccount
from eth_typing import ChecksumAddress
from eth_utils.address import is_hex_address, to_checksum_address

from charitychain.errors import CharityChainError
from charitychain.files import make_private_dir, write_private

KEYSTORE_DIR_ENV = "CHARITYCHAIN_KEYSTORE_DIR"
PASSPHRASE_ENV = "CHARITYCHAIN_PASSPHRASE"
# Tests only: pbkdf2 with few iterations instead of scrypt. Never set it for real keys.
FAST_KDF_ENV = "CHARITYCHAIN_FAST_KDF"
FAST_KDF_ITERATIONS = 1000

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
_HEX64 = re.compile(r"[0-9a-fA-F]{64}")
_SECP256K1_ORDER = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141


class KeystoreError(CharityChainError):
    """A keystore could not be created, found, read or unlocked."""


class KeystoreNotFound(KeystoreError):
    """No keystore has the requested name."""


class KeystoreExists(KeystoreError):
    """A keystore with this name exists already; it is never overwritten."""


class WrongPassphrase(KeystoreError):
    """The passphrase does not decrypt the keystore."""


class InvalidPrivateKey(KeystoreError):
    """The text given as a private key is not a usable secp256k1 key (never echoed back)."""


class InvalidKeyName(KeystoreError):
    """The keystore name cannot be used as a file name."""


class KeystoreCorrupt(KeystoreError):
    """A keystore file exists but is not a readable Web3 Secret Storage document."""


class PassphraseError(KeystoreError):
    """No usable passphrase: an empty one, or a passphrase file that cannot be read."""


@dataclass(frozen=True)
class KeyInfo:
    """What is public about a keystore: its name, address and file. Never the key."""

    name: str
    address: ChecksumAddress
    path: Path


def keystore_dir() -> Path:
    """Where keystores live: `$CHARITYCHAIN_KEYSTORE_DIR` or `~/.charitychain/keystores`."""
    configured = os.environ.get(KEYSTORE_DIR_ENV)
    if configured:
        return Path(configured).expanduser()
    return Path.home() / ".charitychain" / "keystores"


def new_account(name: str, passphrase: str) -> KeyInfo:
    """Generate a fresh key (OS randomness), encrypt it with `passphrase`, save it as `name`."""
    path = _free_path(name)
    _require_passphrase(passphrase)
    account = Account.create()
    return _save(name, path, account.key, passphrase)


def import_key(name: str, private_key_hex: str, passphrase: str) -> KeyInfo:
    """Encrypt an existing key (64 hex digits, optional 0x, surrounding whitespace ignored).

    `private_key_hex` comes from a file or a prompt; the CLI never takes it as an argument.
    """
    path = _free_path(name)
    _require_passphrase(passphrase)
    key = _parse_private_key(private_key_hex)
    return _save(name, path, key, passphrase)


def list_accounts() -> list[KeyInfo]:
    """Every keystore in the directory, sorted by name (empty when there is no directory)."""
    directory = keystore_dir()
    if not directory.is_dir():
        return []
    return [_info(name, directory / f"{name}.json") for name in _names(directory)]


def show(name: str) -> KeyInfo:
    """Name, address and file of one keystore, without decrypting it."""
    return _info(name, _existing_path(name))


def unlock(name: str, passphrase: str) -> LocalAccount:
    """Decrypt keystore `name`; the returned account signs locally."""
    path = _existing_path(name)
    document = _read(path)
    try:
        key = Account.decrypt(document, passphrase)
    except ValueError as exc:
        if "MAC mismatch" in str(exc):
            raise WrongPassphrase(
                f"the passphrase does not unlock keystore {name!r} ({path}); check it and "
                f"try again (a passphrase file must hold only the passphrase)"
            ) from None
        raise _corrupt(path, "it cannot be decrypted") from None
    except (KeyError, TypeError):  # a field the format requires is missing or mistyped
        raise _corrupt(path, "it lacks a field the keystore format requires") from None
    account: LocalAccount = Account.from_key(key)
    if account.address != _address_of(document, path):
        raise _corrupt(path, "the decrypted key does not match the address in the file")
    return account


def read_passphrase_file(path: str | Path) -> str:
    """The passphrase in `path`, without one trailing newline (as `echo` writes it)."""
    file = Path(path).expanduser()
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PassphraseError(
            f"passphrase file {file} does not exist; create it (mode 600) or drop the option "
            f"to be prompted"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PassphraseError(
            f"passphrase file {file} cannot be read ({type(exc).__name__}); check its "
            f"permissions and that it is UTF-8 text"
        ) from None
    for ending in ("\r\n", "\n"):
        if text.endswith(ending):
            return text[: -len(ending)]
    return text


def passphrase_from_env() -> str | None:
    """`$CHARITYCHAIN_PASSPHRASE`, or None when it is not set."""
    return os.environ.get(PASSPHRASE_ENV)


# --- internal --------------------------------------------------------------------------


def _kdf_options() -> dict[str, Any]:
    if os.environ.get(FAST_KDF_ENV) == "1":
        return {"kdf": "pbkdf2", "iterations": FAST_KDF_ITERATIONS}
    return {}  # eth-account's default: scrypt, n=2**18


def _save(name: str, path: Path, key: bytes, passphrase: str) -> KeyInfo:
    document = Account.encrypt(key, passphrase, **_kdf_options())
    make_private_dir(path.parent)
    try:
        write_private(path, (json.dumps(document, indent=2) + "\n").encode("utf-8"))
    except FileExistsError:
        raise _exists(name, path) from None
    return KeyInfo(name, _address_of(document, path), path)


def _parse_private_key(text: str) -> bytes:
    value = text.strip()
    if value[:2] in ("0x", "0X"):
        value = value[2:]
    if not _HEX64.fullmatch(value):
        problem = (
            f"it has {len(value)} characters"
            if len(value) != 64
            else "it contains characters that are not hex digits"
        )
        raise InvalidPrivateKey(
            f"the private key must be 32 bytes written as 64 hex digits (0x optional), but "
            f"{problem}; check the file or what was pasted"
        )
    key = bytes.fromhex(value)
    if not 0 < int.from_bytes(key, "big") < _SECP256K1_ORDER:
        raise InvalidPrivateKey(
            "the private key is outside the secp256k1 range (zero or too large), so it cannot "
            "be an Ethereum key; check that the right value was given"
        )
    return key


def _require_passphrase(passphrase: str) -> None:
    if not passphrase:
        raise PassphraseError("the passphrase is empty; choose a non-empty passphrase")


def _check_name(name: str) -> None:
    if not _NAME.fullmatch(name):
        raise InvalidKeyName(
            f"keystore name {name!r} is not allowed; use 1-64 letters, digits, '.', '_' or "
            f"'-', starting with a letter or digit"
        )


def _free_path(name: str) -> Path:
    _check_name(name)
    path = keystore_dir() / f"{name}.json"
    if path.exists():
        raise _exists(name, path)
    return path


def _existing_path(name: str) -> Path:
    _check_name(name)
    directory = keystore_dir()
    path = directory / f"{name}.json"
    if not path.is_file():
        known = _names(directory) if directory.is_dir() else []
        listing = ", ".join(known) if known else "none"
        raise KeystoreNotFound(
            f"no keystore named {name!r} in {directory} (known: {listing}); create one with "
            f"a new or imported account, or set {KEYSTORE_DIR_ENV} to the right directory"
        )
    return path


def _names(directory: Path) -> list[str]:
    return sorted(
        p.stem for p in directory.glob("*.json") if p.is_file() and _NAME.fullmatch(p.stem)
    )


def _info(name: str, path: Path) -> KeyInfo:
    return KeyInfo(name, _address_of(_read(path), path), path)


def _read(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _corrupt(path, f"it cannot be read as JSON ({type(exc).__name__})") from None
    if not isinstance(document, dict) or "crypto" not in document:
        raise _corrupt(path, "it is not a Web3 Secret Storage keystore")
    return document


def _address_of(document: dict[str, Any], path: Path) -> ChecksumAddress:
    raw = document.get("address")
    if not isinstance(raw, str) or not is_hex_address(raw if raw.startswith("0x") else "0x" + raw):
        raise _corrupt(path, "its address field is missing or malformed")
    return to_checksum_address(raw if raw.startswith("0x") else "0x" + raw)


def _exists(name: str, path: Path) -> KeystoreExists:
    return KeystoreExists(
        f"a keystore named {name!r} already exists ({path}); keystores are never overwritten: "
        f"choose another name, or move the old file away first"
    )


def _corrupt(path: Path, problem: str) -> KeystoreCorrupt:
    return KeystoreCorrupt(
        f"keystore file {path} is unusable: {problem}; restore it from a backup or remove it"
    )
