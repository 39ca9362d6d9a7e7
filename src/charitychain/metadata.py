"""Off-chain metadata: JSON Schemas, canonical JSON and the keccak256 hash stored on chain.

Five kinds (organization profile, project, milestone evidence, expense, audit report), each
with a draft 2020-12 schema shipped in `charitychain/schemas/<kind>.schema.json`. A document
names its kind with `"kind": "<kind>"` or a `"$schema"` ending in `<kind>.schema.json`.

The on-chain hash of a document is keccak256 of its canonical JSON: keys sorted, no
whitespace (separators ',' and ':'), non-ASCII written as UTF-8 (not \\u escapes), no NaN or
Infinity. Amounts in the schemas are decimal strings, so documents need no floats.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from eth_utils.crypto import keccak
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from charitychain.errors import CharityChainError

KINDS = ("organization", "project", "evidence", "expense", "audit")
BPS_TOTAL = 10_000  # milestone shares are basis points of what a project raises

_PACKAGE = "charitychain"
_FOLDER = "schemas"
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class MetadataError(CharityChainError):
    """A metadata document could not be read, typed or put in canonical form."""


class MetadataInvalid(MetadataError):
    """A metadata document breaks its schema; `errors` names each problem by its JSON path."""

    def __init__(self, message: str, errors: list[str]) -> None:
        super().__init__(message)
        self.errors = errors


@dataclass(frozen=True)
class Metadata:
    """A validated document, its kind and its on-chain hash (keccak256 of canonical JSON)."""

    kind: str
    data: dict[str, Any]
    hash: bytes
    path: Path | None = None

    @property
    def hash_hex(self) -> str:
        return "0x" + self.hash.hex()


def canonical_json(obj: Any) -> bytes:
    """The one byte string that stands for `obj`: sorted keys, no spaces, UTF-8, no NaN."""
    _require_canonicalizable(obj, "")
    text = json.dumps(
        obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    return text.encode("utf-8")


def metadata_hash(obj: Any) -> bytes:
    """keccak256 of `canonical_json(obj)`: the 32 bytes a contract stores for a document."""
    return keccak(canonical_json(obj))


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema document for `kind` (one of KINDS)."""
    _require_kind(kind)
    entry = resources.files(_PACKAGE) / _FOLDER / f"{kind}.schema.json"
    loaded: dict[str, Any] = json.loads(entry.read_text(encoding="utf-8"))
    return loaded


def infer_kind(data: Any) -> str | None:
    """The kind a document declares through `kind` or `$schema`, or None if it declares none."""
    if not isinstance(data, dict):
        return None
    declared: set[str] = set()
    kind = data.get("kind")
    if isinstance(kind, str):
        declared.add(kind)
    reference = data.get("$schema")
    if isinstance(reference, str):
        declared.add(_kind_of_schema_reference(reference))
    if len(declared) > 1:
        raise MetadataError(
            f"the document declares two kinds ({', '.join(sorted(declared))}) through `kind` "
            f"and `$schema`; make them agree"
        )
    return declared.pop() if declared else None


def validate(data: Any, kind: str) -> list[str]:
    """Every problem with `data` as a `kind` document, as 'json.path: message'; [] if valid."""
    validator = _validator(kind)
    errors = sorted(validator.iter_errors(data), key=lambda e: _sort_key(e.absolute_path))
    problems = [_describe(error) for error in errors]
    if not problems and isinstance(data, dict):
        problems = _semantic_problems(kind, data)
    return problems


def check_metadata(data: Any, kind: str | None = None, path: Path | None = None) -> Metadata:
    """Validate an in-memory document; MetadataInvalid lists every problem by JSON path."""
    declared = infer_kind(data)
    if kind is None:
        if declared is None:
            raise MetadataError(
                f'{_where(path)}does not say what it is; add "kind": one of '
                f"{', '.join(KINDS)} (or pass the kind explicitly)"
            )
        kind = declared
    _require_kind(kind)
    if declared is not None and declared != kind:
        raise MetadataError(
            f"{_where(path)}declares kind {declared!r} but was loaded as {kind!r}; load it "
            f"as {declared!r} or fix its kind"
        )
    problems = validate(data, kind)
    if problems:
        listing = "\n".join(f"  - {p}" for p in problems)
        raise MetadataInvalid(
            f"{_where(path)}is not a valid {kind} document ({len(problems)} problem"
            f"{'s' if len(problems) != 1 else ''}):\n{listing}\nfix these and try again",
            problems,
        )
    return Metadata(kind, data, metadata_hash(data), path)


def load_metadata(path: str | Path, kind: str | None = None) -> Metadata:
    """Read, type (from `kind`, or the document's `kind`/`$schema`) and validate a document."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MetadataError(f"metadata file {file} does not exist; check the path") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise MetadataError(
            f"metadata file {file} cannot be read ({type(exc).__name__}); it must be UTF-8 JSON"
        ) from None
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_nan)
    except json.JSONDecodeError as exc:
        raise MetadataInvalid(
            f"metadata file {file} is not valid JSON: {exc.msg} at line {exc.lineno} column "
            f"{exc.colno}; fix the syntax",
            [f"line {exc.lineno} column {exc.colno}: {exc.msg}"],
        ) from None
    except ValueError as exc:
        raise MetadataInvalid(f"metadata file {file}: {exc}", [str(exc)]) from None
    return check_metadata(data, kind, file)


# --- internal --------------------------------------------------------------------------


@cache
def _validator(kind: str) -> Draft202012Validator:
    document = schema(kind)
    return Draft202012Validator(document, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _require_kind(kind: str) -> None:
    if kind not in KINDS:
        raise MetadataError(f"unknown metadata kind {kind!r}; use one of {', '.join(KINDS)}")


def _kind_of_schema_reference(reference: str) -> str:
    for kind in KINDS:
        if reference == f"urn:charitychain:schema:{kind}" or reference.endswith(
            f"{kind}.schema.json"
        ):
            return kind
    raise MetadataError(
        f"$schema {reference!r} is not a charitychain schema; it must end with "
        f"<kind>.schema.json where kind is one of {', '.join(KINDS)}"
    )


def _require_canonicalizable(value: Any, where: str) -> None:
    if value is None or isinstance(value, bool | int | str):
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise MetadataError(
                f"{where or 'the document'} is {value}, which JSON cannot represent; "
                f"use a finite number or a string"
            )
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise MetadataError(
                    f"{where or 'the document'} has a non-string key {key!r}; JSON object keys "
                    f"must be strings"
                )
            _require_canonicalizable(item, _join(where, key))
        return
    if isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _require_canonicalizable(item, f"{where}[{index}]")
        return
    raise MetadataError(
        f"{where or 'the document'} is a {type(value).__name__}, which has no JSON form; "
        f"convert it to a string, number, list or object"
    )


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # Two values for one key would make the hashed document ambiguous.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"key {key!r} appears twice in one object; keep one")
        result[key] = value
    return result


def _no_nan(token: str) -> Any:
    raise ValueError(f"{token} is not a JSON number; use a finite number or a string")


def _join(where: str, key: str) -> str:
    if _IDENTIFIER.fullmatch(key):
        return f"{where}.{key}" if where else key
    return f"{where}[{json.dumps(key, ensure_ascii=False)}]"


def _json_path(parts: Iterable[str | int]) -> str:
    where = ""
    for part in parts:
        where = f"{where}[{part}]" if isinstance(part, int) else _join(where, part)
    return where or "(document)"


def _sort_key(parts: Iterable[str | int]) -> list[tuple[int, int, str]]:
    return [(0, p, "") if isinstance(p, int) else (1, 0, p) for p in parts]


def _describe(error: ValidationError) -> str:
    message = error.message
    if error.validator == "additionalProperties" and not error.absolute_path:
        message += '; put custom fields inside the "extra" object'
    return f"{_json_path(error.absolute_path)}: {message}"


def _semantic_problems(kind: str, data: dict[str, Any]) -> list[str]:
    """Rules a JSON Schema cannot say: sums and date order."""
    problems: list[str] = []
    if kind == "project":
        total = sum(int(m["bps"]) for m in data["milestones"])
        if total != BPS_TOTAL:
            problems.append(
                f"milestones: bps add up to {total}, they must add up to {BPS_TOTAL} (100%)"
            )
        budget = data["budget"]
        items = budget.get("items")
        if items:
            spent = sum(Decimal(item["amount"]) for item in items)
            if spent != Decimal(budget["total"]):
                problems.append(
                    f"budget.items: amounts add up to {spent}, but budget.total is "
                    f"{budget['total']}; make them agree"
                )
    if kind == "audit":
        period = data["period"]
        if period["from"] > period["to"]:  # ISO dates compare as text
            problems.append(f"period: from {period['from']} is after to {period['to']}; swap them")
    return problems


def _where(path: Path | None) -> str:
    return f"metadata file {path} " if path is not None else "the metadata document "
