"""The OpenAPI 3.1 document the server serves at /openapi.json (and as a page at /api).

Schemas are JSON Schema 2020-12; the API tests validate every response against them.
Amounts are integers in base units (JSON numbers; divide by 10**decimals of the asset).
"""

from __future__ import annotations

from typing import Any

from charitychain import __version__

Schema = dict[str, Any]

_INT: Schema = {"type": "integer"}
_STR: Schema = {"type": "string"}
_HEX: Schema = {"type": "string", "pattern": "^0x[0-9a-f]*$"}
_ADDRESS: Schema = {"type": "string", "pattern": "^0x[0-9a-fA-F]{40}$"}
_TX: Schema = {"type": "string", "pattern": "^0x[0-9a-f]{64}$"}


def _ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def _object(properties: dict[str, Schema], *, extra: bool = False) -> Schema:
    return {
        "type": "object",
        "properties": properties,
        "required": sorted(properties),
        "additionalProperties": extra,
    }


def _list(item: Schema) -> Schema:
    return {"type": "array", "items": item}


def _nullable(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


_REF = _object({"block": _INT, "tx": _TX})
_EXPENSE = _object(
    {
        "expense_id": _INT,
        "milestone": _INT,
        "payee": _ADDRESS,
        "amount": _INT,
        "category": _HEX,
        "invoice_hash": _HEX,
        "uri": _STR,
        "at": _ref("Ref"),
    }
)
_ASSET = _object({"address": _ADDRESS, "symbol": _STR, "decimals": _INT})
_MILESTONE = _object(
    {
        "index": _INT,
        "bps": _INT,
        "due_date": _INT,
        "state": _STR,
        "evidence": _list(
            _object({"evidence_hash": _HEX, "uri": _STR, "round": _INT, "at": _ref("Ref")})
        ),
        "votes": _list(
            _object(
                {
                    "auditor": _ADDRESS,
                    "approved": {"type": "boolean"},
                    "evidence_hash": _HEX,
                    "at": _ref("Ref"),
                }
            )
        ),
        "challenges": _list(
            _object({"donor": _ADDRESS, "weight": _INT, "total_weight": _INT, "at": _ref("Ref")})
        ),
        "release": _nullable(
            _object({"milestone": _INT, "amount": _INT, "beneficiary": _ADDRESS, "at": _ref("Ref")})
        ),
        "expenses": _list(_ref("Expense")),
        "released": _INT,
        "explained": _INT,
        "unexplained": _INT,
    }
)
_DONATION = _object({"donor": _ADDRESS, "amount": _INT, "memo": _HEX, "at": _ref("Ref")})
_REFUND = _object({"donor": _ADDRESS, "amount": _INT, "at": _ref("Ref")})
_AUDIT = _object(
    {"report_id": _INT, "auditor": _ADDRESS, "report_hash": _HEX, "uri": _STR, "at": _ref("Ref")}
)
_PROJECT = _object(
    {
        "project_id": _INT,
        "org_id": _INT,
        "organization": _STR,
        "token": _ADDRESS,
        "beneficiary": _ADDRESS,
        "state": _STR,
        "min_goal": _INT,
        "cap": _INT,
        "deadline": _INT,
        "metadata_hash": _HEX,
        "metadata_uri": _STR,
        "category": _HEX,
        "donations": _list(_ref("Donation")),
        "milestones": _list(_ref("Milestone")),
        "refunds": _list(_ref("Refund")),
        "audits": _list(_ref("Audit")),
        "cancel_reason": _nullable(_STR),
        "created": _ref("Ref"),
        "raised": _INT,
        "released": _INT,
        "refunded": _INT,
        "held": _INT,
        "refunds_outstanding": _INT,
        "dust": _INT,
        "asset": _ref("Asset"),
        "reconciles": {
            "type": ["boolean", "null"],
            "description": "null while the check against contract storage runs",
        },
        "problems": _list(_STR),
    }
)
_SUMMARY = _object(
    {
        "project_id": _INT,
        "org_id": _INT,
        "organization": _STR,
        "state": _STR,
        "category": _STR,
        "asset": _ref("Asset"),
        "raised": _INT,
        "min_goal": _INT,
        "cap": _INT,
        "deadline": _INT,
        "released": _INT,
        "refunded": _INT,
        "held": _INT,
        "refunds_outstanding": _INT,
        "donors": _INT,
        "donations": _INT,
        "next_milestone": _nullable(
            _object({"index": _INT, "bps": _INT, "due_date": _INT, "state": _STR})
        ),
    }
)
_STEP = _object(
    {
        "kind": {"enum": ["applied", "approved", "rejected", "suspended", "reinstated"]},
        "actor": _ADDRESS,
        "approved_until": _nullable(_INT),
        "reason_hash": _nullable(_HEX),
        "at": _ref("Ref"),
    }
)
_ORGANIZATION = _object(
    {
        "org_id": _INT,
        "name": _STR,
        "admin": _ADDRESS,
        "profile_hash": _HEX,
        "profile_uri": _STR,
        "status": _STR,
        "standing": _STR,
        "approved_until": _INT,
        "steps": _list(_STEP),
        "projects": _list(_INT),
        "audits": _list(_object({"project_id": _INT, **_AUDIT["properties"]})),
    }
)
_SHARE = _object(
    {
        "milestone": _INT,
        "released": _INT,
        "share": _INT,
        "evidence_hash": _nullable(_HEX),
        "expenses": _list(_ref("Expense")),
        "at": _ref("Ref"),
    }
)
_DONOR = _object(
    {
        "donor": _ADDRESS,
        "projects": _list(
            _object(
                {
                    "project_id": _INT,
                    "token": _ADDRESS,
                    "state": _STR,
                    "donations": _list(_ref("Donation")),
                    "shares": _list(_SHARE),
                    "refund": _nullable(_ref("Refund")),
                    "refundable": _INT,
                    "in_escrow": _INT,
                    "rounding": _INT,
                    "given": _INT,
                    "released": _INT,
                    "refunded": _INT,
                    "accounted": _INT,
                }
            )
        ),
    }
)
_TXTRACE = _object(
    {
        "tx": _TX,
        "block": _INT,
        "status": {"type": "boolean"},
        "sender": _ADDRESS,
        "events": _list(
            _object(
                {"name": _STR, "contract": _ADDRESS, "args": {"type": "object"}, "summary": _STR}
            )
        ),
    }
)
_TXCHECK = _object(
    {
        "tx": _STR,
        "ok": {"type": "boolean"},
        "block": _nullable(_INT),
        "confirmations": _INT,
        "checks": _list(
            {
                "type": "array",
                "prefixItems": [_STR, {"type": "boolean"}, _STR],
                "minItems": 3,
                "maxItems": 3,
            }
        ),
        "events": _list(_STR),
    }
)
_DEPLOYMENT = _object(
    {
        "ok": {"type": ["boolean", "null"], "description": "null while being checked"},
        "contracts": _list(
            _object(
                {
                    "name": _STR,
                    "address": _ADDRESS,
                    "ok": {"type": "boolean"},
                    "problem": _nullable(_STR),
                }
            )
        ),
    }
)
_STATUS = _object(
    {
        "version": _STR,
        "ready": {"type": "boolean"},
        "chain_id": _nullable(_INT),
        "head": _nullable(_INT),
        "head_hash": _nullable(_STR),
        "chain_time": _nullable(_INT),
        "final_block": _nullable(_INT),
        "synced_at": _nullable({"type": "number"}),
        "events": _INT,
        "projects": _INT,
        "organizations": _INT,
        "donors": _INT,
        "checks_pending": _nullable(_INT),
        "error": _nullable(_STR),
        "deployment": {"type": "object", "additionalProperties": _ADDRESS},
    }
)
_HIT = _object({"kind": _STR, "label": _STR, "url": _STR})
_ERROR = _object({"error": _STR})

SCHEMAS: dict[str, Schema] = {
    "Ref": _REF,
    "Asset": _ASSET,
    "Donation": _DONATION,
    "Refund": _REFUND,
    "Audit": _AUDIT,
    "Expense": _EXPENSE,
    "Milestone": _MILESTONE,
    "Project": _PROJECT,
    "ProjectSummary": _SUMMARY,
    "Organization": _ORGANIZATION,
    "Donor": _DONOR,
    "TxTrace": _TXTRACE,
    "TxCheck": _TXCHECK,
    "Deployment": _DEPLOYMENT,
    "Status": _STATUS,
    "SearchHit": _HIT,
    "Error": _ERROR,
}


def _op(
    summary: str, description: str, schema: Schema, *params: Schema, errors: bool = True
) -> dict[str, Any]:
    responses: dict[str, Any] = {
        "200": {"description": "OK", "content": {"application/json": {"schema": schema}}}
    }
    if errors:
        error = {"content": {"application/json": {"schema": _ref("Error")}}}
        responses["400"] = {"description": "The parameter is malformed", **error}
        responses["404"] = {"description": "Nothing recorded under this id", **error}
    responses["503"] = {
        "description": "The indexer has not synced yet",
        "content": {"application/json": {"schema": _ref("Error")}},
    }
    return {
        "summary": summary,
        "description": description,
        "parameters": list(params),
        "responses": responses,
    }


def _path(name: str, description: str, schema: Schema) -> Schema:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": schema,
    }


def _query(name: str, description: str, schema: Schema, required: bool = False) -> Schema:
    return {
        "name": name,
        "in": "query",
        "required": required,
        "description": description,
        "schema": schema,
    }


def document() -> dict[str, Any]:
    pid = _path("project_id", "Project id (1, 2, …)", {"type": "integer", "minimum": 1})
    oid = _path("org_id", "Organization id", {"type": "integer", "minimum": 1})
    tx = _path("tx_hash", "Transaction hash (0x + 64 hex digits)", _STR)
    paths = {
        "/api/status": {
            "get": _op(
                "Indexer status",
                "Chain, head block, last sync and pending checks. The pages poll "
                "it to tell readers that newer data is there.",
                _ref("Status"),
                errors=False,
            )
        },
        "/api/organizations": {
            "get": _op(
                "Organizations",
                "Every organization with its vetting history.",
                _list(_ref("Organization")),
                errors=False,
            )
        },
        "/api/organizations/{org_id}": {
            "get": _op(
                "One organization",
                "Vetting history (applied, approved until, suspended, "
                "reinstated), projects and audit reports.",
                _ref("Organization"),
                oid,
            )
        },
        "/api/projects": {
            "get": _op(
                "Projects",
                "Each project's state, category, raised vs goal and next milestone.",
                _list(_ref("ProjectSummary")),
                errors=False,
            )
        },
        "/api/projects/{project_id}": {
            "get": _op(
                "One project",
                "The same object as `charitychain trace project ID --json`: every "
                "donation, milestone, release, expense, refund and audit report, with totals, the "
                "asset and the reconciliation against contract storage.",
                _ref("Project"),
                pid,
            )
        },
        "/api/donors/{address}": {
            "get": _op(
                "One donor",
                "The same object as `charitychain trace donor ADDRESS --json`: each "
                "donation and its share of every release and refund, adding up exactly.",
                _ref("Donor"),
                _path("address", "Donor address", _ADDRESS),
                _query("project", "Only this project", {"type": "integer"}),
            )
        },
        "/api/tx/{tx_hash}": {
            "get": _op(
                "One transaction",
                "The same object as `charitychain trace tx HASH --json`: the "
                "decoded events and what each recorded.",
                _ref("TxTrace"),
                tx,
            )
        },
        "/api/tx/{tx_hash}/verify": {
            "get": _op(
                "Verify a transaction",
                "The same object as `charitychain verify tx HASH --json`: "
                "status, confirmations, canonical chain, recorded deployment.",
                _ref("TxCheck"),
                tx,
            )
        },
        "/api/deployment": {
            "get": _op(
                "Verify the deployment",
                "The same object as `charitychain verify deployment "
                "--json`: each contract's runtime code against the shipped artifact.",
                _ref("Deployment"),
                errors=False,
            )
        },
        "/api/search": {
            "get": _op(
                "Search",
                "Projects, organizations, donors or a transaction matching the query "
                "(a project id, a name, an address or a transaction hash).",
                _list(_ref("SearchHit")),
                _query("q", "What to look for", _STR, required=True),
                errors=False,
            )
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "charitychain transparency portal",
            "version": __version__,
            "description": "Read-only view of a charitychain deployment's event history. "
            "Amounts are integers in base units of the project's asset.",
        },
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "paths": paths,
        "components": {"schemas": SCHEMAS},
    }
