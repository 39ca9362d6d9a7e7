"""Running the CLI in-process against the session anvil (imported as `cli.clitools`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from charitychain.cli.context import AppContext
from charitychain.cli.main import cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "metadata"
DAY = 24 * 3600
ETHER = 10**18

# Commands that never touch a chain take no --rpc-url.
OFFLINE = ("accounts", "metadata")


@dataclass
class Cli:
    """cli(*args, account="dev:N", json=True) -> Result; checks the exit code (unless None)."""

    project: Path
    rpc_url: str
    env: dict[str, str | None] = field(default_factory=dict)

    def __call__(
        self,
        *args: str,
        account: str | None = None,
        json: bool = False,
        expect: int | None = 0,
        input: str | None = None,
    ) -> Result:
        argv = ["--project", str(self.project), *args]
        if args[0] not in OFFLINE:
            argv += ["--rpc-url", self.rpc_url]
        if account is not None:
            argv += ["--account", account]
        if json:
            argv.append("--json")
        result = CliRunner(env=self.env).invoke(cli, argv, obj=AppContext(), input=input)
        assert expect is None or result.exit_code == expect, (
            f"charitychain {' '.join(argv)} exited {result.exit_code}, expected {expect}\n"
            f"stdout: {result.stdout}\nstderr: {result.stderr}\nexception: {result.exception!r}"
        )
        return result

    def json(self, *args: str, account: str | None = None) -> dict[str, Any]:
        """Run with --json; the output must be exactly one JSON object."""
        result = self(*args, account=account, json=True)
        record = json.loads(result.stdout)
        assert isinstance(record, dict), result.stdout
        return record

    def fails(self, *args: str, account: str | None = None, code: int = 1) -> str:
        """Run expecting failure; returns stderr after checking it is one `Error:` line."""
        result = self(*args, account=account, expect=code)
        assert "Traceback" not in result.output, result.output
        if code == 1:
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
        return result.stderr


def one_error_line(result: Result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def only(items: Sequence[Any]) -> Any:
    assert len(items) == 1, items
    return items[0]
