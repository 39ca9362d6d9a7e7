"""A journal of sent transactions, so a crash or a lost node never loses or doubles one.

Every transaction is written down (hash, sender, nonce, what it calls and, for locally signed
ones, the raw signed bytes) before or as it is handed to the node, and closed once its outcome
is seen. Re-running a command whose identical transaction is still open reports that
transaction's outcome, rebroadcasting the same signed bytes if the node forgot it, instead of
sending a second one. Append-only JSON lines, one file per chain id.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path


@dataclass(frozen=True)
class Entry:
    tx_hash: str
    chain_id: int
    sender: str
    nonce: int | None
    to: str
    data: str
    value: int
    function: str
    raw: str | None  # 0x signed transaction, when signed here
    sent_at: float
    outcome: str | None = None  # None while open; "mined", "reverted", "replaced"

    def same_call(self, sender: str, to: str, data: str, value: int) -> bool:
        return (self.sender.lower(), self.to.lower(), self.data, self.value) == (
            sender.lower(),
            to.lower(),
            data,
            value,
        )


class Journal:
    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def for_chain(cls, state_dir: Path, chain_id: int) -> Journal:
        return cls(state_dir / "journal" / f"{chain_id}.jsonl")

    def _append(self, record: dict[str, object]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(record, sort_keys=True) + "\n")
            handle.flush()
            os.fsync(handle.fileno())  # the point of a journal: it survives the crash

    def entries(self) -> dict[str, Entry]:
        """Every transaction by hash, with its latest outcome."""
        found: dict[str, Entry] = {}
        if not self.path.is_file():
            return found
        for line in self.path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            if "outcome_of" in record:
                known = found.get(record["outcome_of"])
                if known is not None:
                    found[known.tx_hash] = replace(known, outcome=record["outcome"])
            else:
                entry = Entry(**record)
                found[entry.tx_hash] = entry
        return found

    def record(self, entry: Entry) -> None:
        self._append(asdict(entry))

    def close(self, tx_hash: str, outcome: str) -> None:
        self._append({"outcome_of": tx_hash, "outcome": outcome, "at": time.time()})

    def open_call(self, sender: str, to: str, data: str, value: int) -> Entry | None:
        """The newest still-open entry for this exact call, if any."""
        matches = [
            e
            for e in self.entries().values()
            if e.outcome is None and e.same_call(sender, to, data, value)
        ]
        return max(matches, key=lambda e: e.sent_at) if matches else None

    def get(self, tx_hash: str) -> Entry | None:
        return self.entries().get(tx_hash.lower()) or self.entries().get(tx_hash)
