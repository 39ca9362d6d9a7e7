"""Private donation receipts around `donate --receipt`: written before sending, completed after."""

from __future__ import annotations

import json
import time
from pathlib import Path

from charitychain.services.session import Session

RECEIPT_DIR = Path.home() / ".charitychain" / "receipts"


def prepare_receipt(
    source: str, out: Path | None, project_id: int, amount: int, session: Session
) -> tuple[Path, bytes]:
    """Write the receipt (salted donor details) and return its path and on-chain commitment."""
    from charitychain import receipts

    details = {"name": source, "email": "", "note": ""}
    candidate = Path(source)
    if candidate.suffix == ".json" and candidate.is_file():
        details.update(json.loads(candidate.read_text(encoding="utf-8")))
    receipt = receipts.make_receipt(
        details["name"],
        details.get("email", ""),
        project_id,
        amount,
        session.w3.eth.chain_id,
        session.suite.escrow.address,
        details.get("note", ""),
        donor_address=session.signer.address,
    )
    path = out or RECEIPT_DIR / f"donation-{project_id}-{int(time.time() * 1000)}.json"
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    receipts.write_receipt(receipt, path)
    return path, receipts.commitment(receipt)


def finish_receipt(path: Path, tx_hash: str) -> None:
    from charitychain import receipts

    receipts.update_receipt(receipts.with_tx(receipts.read_receipt(path), tx_hash), path)
