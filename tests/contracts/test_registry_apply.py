"""applyOrganization: the stored organization, its event, the account index and every revert."""

from __future__ import annotations

from story import System, h

PENDING = 1


def apply(system: System, account: str, name: str = "Clean Rivers") -> int:
    receipt = system.send(
        system.registry.functions.applyOrganization(name, h(name), f"ipfs://{name}"), account
    )
    return int(system.event(receipt, system.registry, "OrganizationApplied")["orgId"])


def test_application_emits_every_field(system: System) -> None:
    receipt = system.send(
        system.registry.functions.applyOrganization(
            "Clean Rivers", h("rivers profile"), "ipfs://rivers"
        ),
        system.outsider,
    )
    assert system.event(receipt, system.registry, "OrganizationApplied") == {
        "orgId": system.org_id + 1,
        "admin": system.outsider,
        "name": "Clean Rivers",
        "profileHash": h("rivers profile"),
        "profileURI": "ipfs://rivers",
    }


def test_application_stores_a_pending_organization_without_expiry(system: System) -> None:
    org_id = apply(system, system.outsider, "Clean Rivers")
    assert system.registry.functions.organization(org_id).call() == (
        system.outsider,
        PENDING,
        0,
        h("Clean Rivers"),
        "Clean Rivers",
    )


def test_pending_organization_is_not_in_good_standing(system: System) -> None:
    org_id = apply(system, system.outsider)
    assert system.registry.functions.orgStanding(org_id).call() == [
        system.outsider,
        False,
        PENDING,
    ]


def test_application_indexes_the_applicant_and_counts_the_organization(system: System) -> None:
    assert system.registry.functions.organizationCount().call() == 1
    assert system.registry.functions.orgOf(system.outsider).call() == 0
    org_id = apply(system, system.outsider)
    assert org_id == 2
    assert system.registry.functions.orgOf(system.outsider).call() == org_id
    assert system.registry.functions.organizationCount().call() == 2


def test_organization_ids_run_consecutively(system: System) -> None:
    assert [apply(system, donor, f"Org {i}") for i, donor in enumerate(system.donors)] == [2, 3, 4]
    assert system.registry.functions.organizationCount().call() == 4


def test_application_with_empty_profile_uri_is_accepted(system: System) -> None:
    receipt = system.send(
        system.registry.functions.applyOrganization("No URI", h("profile"), ""), system.outsider
    )
    assert system.event(receipt, system.registry, "OrganizationApplied")["profileURI"] == ""


def test_sixty_four_byte_name_is_accepted(system: System) -> None:
    org_id = apply(system, system.outsider, "n" * 64)
    assert system.registry.functions.organization(org_id).call()[4] == "n" * 64


def test_second_application_from_an_organization_admin_reverts(system: System) -> None:
    with system.reverts("RegistryAlreadyApplied", system.org_admin, system.org_id):
        apply(system, system.org_admin, "Second Org")


def test_rejected_applicant_cannot_apply_again(system: System) -> None:
    org_id = apply(system, system.outsider)
    system.send(system.registry.functions.rejectOrganization(org_id, h("no")), system.reviewer)
    with system.reverts("RegistryAlreadyApplied", system.outsider, org_id):
        apply(system, system.outsider, "Clean Rivers Again")


def test_empty_name_reverts(system: System) -> None:
    with system.reverts("RegistryInvalidName", 0):
        system.send(
            system.registry.functions.applyOrganization("", h("profile"), "ipfs://p"),
            system.outsider,
        )


def test_sixty_five_byte_name_reverts(system: System) -> None:
    with system.reverts("RegistryInvalidName", 65):
        apply(system, system.outsider, "n" * 65)


def test_name_length_is_counted_in_utf8_bytes(system: System) -> None:
    with system.reverts("RegistryInvalidName", 66):
        apply(system, system.outsider, "é" * 33)


def test_zero_profile_hash_reverts(system: System) -> None:
    with system.reverts("RegistryEmptyProfileHash"):
        system.send(
            system.registry.functions.applyOrganization("Clean Rivers", b"\0" * 32, "ipfs://p"),
            system.outsider,
        )


def test_failed_application_leaves_no_trace(system: System) -> None:
    with system.reverts("RegistryEmptyProfileHash"):
        system.send(
            system.registry.functions.applyOrganization("Clean Rivers", b"\0" * 32, "ipfs://p"),
            system.outsider,
        )
    assert system.registry.functions.organizationCount().call() == 1
    assert system.registry.functions.orgOf(system.outsider).call() == 0


def test_organization_view_of_unknown_id_reverts(system: System) -> None:
    with system.reverts("RegistryUnknownOrganization", 2):
        system.registry.functions.organization(2).call()


def test_organization_view_of_id_zero_reverts(system: System) -> None:
    with system.reverts("RegistryUnknownOrganization", 0):
        system.registry.functions.organization(0).call()
