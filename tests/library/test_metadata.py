"""Metadata: canonical JSON, its keccak256 hash, schema validation with path-named errors."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from eth_utils.crypto import keccak
from jsonschema import Draft202012Validator

from charitychain import metadata
from charitychain.metadata import MetadataError, MetadataInvalid

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "metadata"


def example(kind: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / f"{kind}.json").read_text(encoding="utf-8"))
    return data


def write(tmp_path: Path, data: Any, name: str = "doc.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def problems_of(data: Any, kind: str | None = None) -> list[str]:
    with pytest.raises(MetadataInvalid) as caught:
        metadata.check_metadata(data, kind)
    return caught.value.errors


SAMPLE = {"b": 1, "ü": "日本", "a": {"z": "é", "y": [1, {"d": None, "c": True}]}}
SAMPLE_BYTES = (
    b'{"a":{"y":[1,{"c":true,"d":null}],"z":"\xc3\xa9"},"b":1,'
    b'"\xc3\xbc":"\xe6\x97\xa5\xe6\x9c\xac"}'
)


def test_canonical_json_sorts_keys_drops_whitespace_and_writes_raw_utf8() -> None:
    assert metadata.canonical_json(SAMPLE) == SAMPLE_BYTES


def test_canonical_json_does_not_depend_on_key_order() -> None:
    reordered = {"a": {"y": [1, {"c": True, "d": None}], "z": "é"}, "ü": "日本", "b": 1}
    assert metadata.canonical_json(reordered) == SAMPLE_BYTES


def test_metadata_hash_is_keccak256_of_the_canonical_bytes() -> None:
    assert metadata.metadata_hash(SAMPLE) == keccak(SAMPLE_BYTES)
    assert len(metadata.metadata_hash(SAMPLE)) == 32


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_canonical_json_rejects_nan_and_infinity(value: float) -> None:
    with pytest.raises(MetadataError, match=r"a\.b\[0\]"):
        metadata.canonical_json({"a": {"b": [value]}})


@pytest.mark.parametrize("value", [{1: "int key"}, {"set": {1, 2}}, {"raw": b"\x00"}])
def test_canonical_json_rejects_values_without_a_json_form(value: Any) -> None:
    with pytest.raises(MetadataError):
        metadata.canonical_json(value)


@pytest.mark.parametrize("kind", metadata.KINDS)
def test_every_schema_is_a_valid_draft_2020_12_schema_closed_except_extra(kind: str) -> None:
    document = metadata.schema(kind)
    Draft202012Validator.check_schema(document)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["additionalProperties"] is False
    assert document["properties"]["extra"] == {
        "type": "object",
        "description": "free-form fields, not validated",
    }
    assert document["required"]


@pytest.mark.parametrize("kind", metadata.KINDS)
def test_every_example_validates_and_hashes_its_canonical_form(kind: str) -> None:
    loaded = metadata.load_metadata(EXAMPLES / f"{kind}.json")
    assert loaded.kind == kind
    assert loaded.data == example(kind)
    assert loaded.hash == keccak(metadata.canonical_json(example(kind)))
    assert loaded.hash_hex == "0x" + loaded.hash.hex()
    assert loaded.path == EXAMPLES / f"{kind}.json"


def test_the_project_example_has_three_milestones_of_3000_3000_4000() -> None:
    assert [m["bps"] for m in example("project")["milestones"]] == [3000, 3000, 4000]


def test_an_invalid_document_lists_each_error_by_json_path(tmp_path: Path) -> None:
    data = example("project")
    del data["title"]
    data["milestones"][1]["bps"] = 0
    data["milestones"][2]["due"] = "2026-13-01"
    data["beneficiary"]["address"] = "0x123"
    with pytest.raises(MetadataInvalid) as caught:
        metadata.load_metadata(write(tmp_path, data))
    assert caught.value.errors == [
        "(document): 'title' is a required property",
        "beneficiary.address: '0x123' does not match '^0x[0-9a-fA-F]{40}$'",
        "milestones[1].bps: 0 is less than the minimum of 1",
        "milestones[2].due: '2026-13-01' is not a 'date'",
    ]
    message = str(caught.value)
    assert "is not a valid project document (4 problems)" in message
    assert "  - milestones[1].bps: 0 is less than the minimum of 1" in message


def test_unknown_top_level_fields_are_refused_with_a_pointer_to_extra() -> None:
    data = example("expense")
    data["vatRate"] = "19"
    assert problems_of(data) == [
        "(document): Additional properties are not allowed ('vatRate' was unexpected); "
        'put custom fields inside the "extra" object'
    ]


def test_anything_goes_inside_extra() -> None:
    data = example("expense")
    data["extra"] = {"vatRate": "19", "nested": {"list": [1, "two", None]}}
    assert metadata.check_metadata(data).kind == "expense"


def test_nested_objects_are_closed_too() -> None:
    data = example("evidence")
    data["attachments"][0]["colour"] = "blue"
    data["attachments"][1]["sha256"] = "ABC"
    assert problems_of(data) == [
        "attachments[0]: Additional properties are not allowed ('colour' was unexpected)",
        "attachments[1].sha256: 'ABC' does not match '^[0-9a-f]{64}$'",
    ]


def test_milestone_shares_must_add_up_to_10000() -> None:
    data = example("project")
    data["milestones"][2]["bps"] = 3000
    assert problems_of(data) == ["milestones: bps add up to 9000, they must add up to 10000 (100%)"]


def test_budget_items_must_add_up_to_the_total() -> None:
    data = example("project")
    data["budget"]["total"] = "31"
    assert problems_of(data) == [
        "budget.items: amounts add up to 30, but budget.total is 31; make them agree"
    ]


def test_an_audit_period_must_not_end_before_it_starts() -> None:
    data = example("audit")
    data["period"] = {"from": "2026-04-01", "to": "2026-03-31"}
    assert problems_of(data) == ["period: from 2026-04-01 is after to 2026-03-31; swap them"]


def test_amounts_are_decimal_strings_not_numbers() -> None:
    data = example("expense")
    data["amount"] = 4.5
    assert problems_of(data) == ["amount: 4.5 is not of type 'string'"]


def test_kind_is_inferred_from_the_kind_field() -> None:
    assert metadata.infer_kind(example("audit")) == "audit"


@pytest.mark.parametrize(
    "reference",
    [
        "urn:charitychain:schema:evidence",
        "../../src/charitychain/schemas/evidence.schema.json",
        "https://example.org/schemas/evidence.schema.json",
    ],
)
def test_kind_is_inferred_from_a_schema_reference(reference: str) -> None:
    data = example("evidence")
    del data["kind"]
    data["$schema"] = reference
    assert metadata.check_metadata(data).kind == "evidence"


def test_an_explicit_kind_types_a_document_that_declares_none(tmp_path: Path) -> None:
    data = example("organization")
    del data["kind"]
    assert metadata.load_metadata(write(tmp_path, data), kind="organization").kind == (
        "organization"
    )
    with pytest.raises(MetadataError, match='add "kind"'):
        metadata.load_metadata(write(tmp_path, data, "other.json"))


def test_an_explicit_kind_that_contradicts_the_document_is_refused() -> None:
    with pytest.raises(MetadataError, match="declares kind 'project' but was loaded as 'audit'"):
        metadata.check_metadata(example("project"), kind="audit")


def test_kind_and_schema_reference_that_disagree_are_refused() -> None:
    data = example("project")
    data["$schema"] = "urn:charitychain:schema:audit"
    with pytest.raises(MetadataError, match="declares two kinds"):
        metadata.check_metadata(data)


def test_unknown_kinds_are_refused() -> None:
    with pytest.raises(MetadataError, match="unknown metadata kind 'invoice'"):
        metadata.check_metadata({"kind": "invoice"})


def test_a_file_with_a_duplicate_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "dup.json"
    path.write_text('{"kind": "audit", "kind": "project"}')
    with pytest.raises(MetadataInvalid, match="key 'kind' appears twice"):
        metadata.load_metadata(path)


def test_a_file_with_nan_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "nan.json"
    path.write_text('{"kind": "expense", "amount": NaN}')
    with pytest.raises(MetadataInvalid, match="NaN is not a JSON number"):
        metadata.load_metadata(path)


def test_a_file_that_is_not_json_reports_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "kind": "audit",\n}')
    with pytest.raises(MetadataInvalid, match="line 3 column 1"):
        metadata.load_metadata(path)


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(MetadataError, match="does not exist"):
        metadata.load_metadata(tmp_path / "nope.json")


def test_validation_does_not_change_the_document() -> None:
    data = example("project")
    before = copy.deepcopy(data)
    metadata.check_metadata(data)
    assert data == before
