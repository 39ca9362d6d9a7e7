"""Parsing what people type: addresses, amounts, durations, times, shares and hashes."""

from __future__ import annotations

import pytest

from charitychain.services.inputs import (
    InvalidInput,
    format_amount,
    parse_address,
    parse_amount,
    parse_bps,
    parse_duration,
    parse_hash,
    parse_time,
)

CHECKSUMMED = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"


def test_parse_address_accepts_a_checksummed_address() -> None:
    assert parse_address(CHECKSUMMED) == CHECKSUMMED


def test_parse_address_accepts_all_lowercase_and_checksums_it() -> None:
    assert parse_address(CHECKSUMMED.lower()) == CHECKSUMMED


def test_parse_address_ignores_surrounding_whitespace() -> None:
    assert parse_address(f"  {CHECKSUMMED}\n") == CHECKSUMMED


def test_parse_address_refuses_a_wrong_checksum_and_suggests_the_right_one() -> None:
    wrong = CHECKSUMMED[:2] + CHECKSUMMED[2].lower() + CHECKSUMMED[3].upper() + CHECKSUMMED[4:]
    assert wrong.lower() == CHECKSUMMED.lower() and wrong != CHECKSUMMED

    with pytest.raises(InvalidInput, match="wrong checksum") as caught:
        parse_address(wrong, "--beneficiary")

    assert CHECKSUMMED in str(caught.value)
    assert "--beneficiary" in str(caught.value)


@pytest.mark.parametrize(
    "text", ["0x1234", "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00", "bob", ""]
)
def test_parse_address_refuses_malformed_text(text: str) -> None:
    with pytest.raises(InvalidInput, match="not a 20-byte hex address"):
        parse_address(text)


@pytest.mark.parametrize(
    ("text", "decimals", "units"),
    [
        ("1.5", 18, 1_500_000_000_000_000_000),
        ("10", 6, 10_000_000),
        ("0.000001", 6, 1),
        ("0.000000000000000001", 18, 1),
        (" 2 ", 18, 2 * 10**18),
    ],
)
def test_parse_amount_converts_decimals_to_base_units(text: str, decimals: int, units: int) -> None:
    assert parse_amount(text, decimals) == units


def test_parse_amount_refuses_more_decimals_than_the_token_has() -> None:
    with pytest.raises(InvalidInput, match="more than 6 decimal places"):
        parse_amount("1.0000001", 6)


@pytest.mark.parametrize("text", ["-1", "0", "0.0", "-0.5"])
def test_parse_amount_refuses_zero_and_negative_amounts(text: str) -> None:
    with pytest.raises(InvalidInput, match="must be a positive number"):
        parse_amount(text)


@pytest.mark.parametrize("text", ["abc", "1,5", "", "1e"])
def test_parse_amount_refuses_text_that_is_not_a_number(text: str) -> None:
    with pytest.raises(InvalidInput, match="is not a number"):
        parse_amount(text)


@pytest.mark.parametrize("text", ["inf", "NaN"])
def test_parse_amount_refuses_infinite_or_nan(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_amount(text)


def test_format_amount_is_the_inverse_of_parse_amount() -> None:
    for text, decimals in (("1.5", 18), ("10", 6), ("0.000000000000000001", 18)):
        assert format_amount(parse_amount(text, decimals), decimals) == text


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("3600", 3600), ("90m", 5400), ("12h", 43200), ("3d", 259200), ("2w", 1209600), ("5s", 5)],
)
def test_parse_duration_understands_units(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "d", "3x", "-3d", "1.5d", "three days"])
def test_parse_duration_refuses_other_text(text: str) -> None:
    with pytest.raises(InvalidInput, match="is not a duration"):
        parse_duration(text)


def test_parse_time_relative_counts_from_the_given_now() -> None:
    assert parse_time("+30d", now=1_000) == 1_000 + 30 * 86400


def test_parse_time_takes_a_unix_timestamp_as_is() -> None:
    assert parse_time("1800000000", now=5) == 1_800_000_000


def test_parse_time_reads_an_iso_date_as_utc_midnight() -> None:
    assert parse_time("2027-01-31", now=0) == 1_801_353_600


def test_parse_time_honours_an_explicit_zone() -> None:
    assert parse_time("2027-01-31T02:00:00+02:00", now=0) == 1_801_353_600


@pytest.mark.parametrize("text", ["tomorrow", "31/01/2027", "+soon"])
def test_parse_time_refuses_other_text(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_time(text, now=0)


@pytest.mark.parametrize(
    ("text", "bps"),
    [("20%", 2000), ("2000", 2000), ("0.01%", 1), ("100%", 10_000), ("12.5%", 1250)],
)
def test_parse_bps_reads_percent_or_basis_points(text: str, bps: int) -> None:
    assert parse_bps(text) == bps


@pytest.mark.parametrize("text", ["0", "0%", "101%", "10001", "-5%"])
def test_parse_bps_refuses_shares_outside_0_to_100_percent(text: str) -> None:
    with pytest.raises(InvalidInput, match=r"between 0\.01% and 100%"):
        parse_bps(text)


@pytest.mark.parametrize("text", ["twenty", "20 %%", "2e3x"])
def test_parse_bps_refuses_text_that_is_no_share(text: str) -> None:
    with pytest.raises(InvalidInput, match="not a percentage"):
        parse_bps(text)


def test_parse_hash_accepts_64_hex_digits_with_or_without_0x() -> None:
    assert parse_hash("0x" + "ab" * 32) == bytes([0xAB]) * 32
    assert parse_hash("ab" * 32) == bytes([0xAB]) * 32


@pytest.mark.parametrize("text", ["0x1234", "0x" + "ab" * 33, ""])
def test_parse_hash_refuses_the_wrong_length(text: str) -> None:
    with pytest.raises(InvalidInput, match="not 32 bytes"):
        parse_hash(text)


def test_parse_hash_refuses_non_hex_digits() -> None:
    with pytest.raises(InvalidInput, match="is not hex"):
        parse_hash("0x" + "zz" * 32)
