"""Start, stop and inspect local chain processes (anvil, ganache) from node_modules.

State lives in `<project>/.charitychain/<chain>/`: `node.json` (pid, port, command), `node.log`
and the chain data (anvil `state.json` saved every second, ganache `db/`).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from charitychain.chain.rpc import try_rpc
from charitychain.config import DEFAULT_MNEMONIC
from charitychain.errors import SETUP_HINT, NodeError, ToolchainError
from charitychain.toolchain import node_modules_dir

CHAINS = ("anvil", "ganache")
DEFAULT_PORTS = {"anvil": 8545, "ganache": 8555}
CHAIN_IDS = {"anvil": 31337, "ganache": 1337}
START_TIMEOUT = {"anvil": 15.0, "ganache": 60.0}
GANACHE_GAS_PRICE = 1_000_000_000  # wei (1 gwei): brownie and web3 hang on a zero price
ACCOUNTS = 10


@dataclass(frozen=True)
class NodeStatus:
    chain: str
    running: bool
    pid: int | None
    port: int | None
    url: str | None
    chain_id: int | None
    block_number: int | None
    log_file: Path
    state_dir: Path


def _require_chain(chain: str) -> None:
    if chain not in CHAINS:
        raise NodeError(f"Unknown chain {chain!r}; choose one of {', '.join(CHAINS)}")


def anvil_binary(project_root: Path) -> Path:
    try:
        modules = node_modules_dir(project_root)
    except ToolchainError as exc:
        raise NodeError(str(exc)) from None
    for candidate in sorted(modules.glob("@foundry-rs/anvil-*/bin/anvil")):
        if os.access(candidate, os.X_OK):
            return candidate
    raise NodeError(
        f"No anvil binary under {modules}/@foundry-rs/anvil-*/bin/; {SETUP_HINT} (npm ci)"
    )


def ganache_binary(project_root: Path) -> Path:
    try:
        modules = node_modules_dir(project_root)
    except ToolchainError as exc:
        raise NodeError(str(exc)) from None
    path = modules / ".bin" / "ganache"
    if not path.exists():
        raise NodeError(f"{path} does not exist; {SETUP_HINT} (npm ci)")
    return path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def anvil_command(
    binary: Path,
    port: int,
    state_file: Path | None,
    extra: tuple[str, ...] = (),
    chain_id: int = CHAIN_IDS["anvil"],
    accounts: int = ACCOUNTS,
    cache_dir: Path | None = None,
) -> list[str]:
    cmd = [
        str(binary),
        "--host", "127.0.0.1",
        "--port", str(port),
        "--chain-id", str(chain_id),
        "--mnemonic", DEFAULT_MNEMONIC,
        "--accounts", str(accounts),
    ]  # fmt: skip
    if state_file is not None:
        cmd += ["--state", str(state_file), "--state-interval", "1"]
    if cache_dir is not None:
        # anvil spills old block states to disk (GBs on a long history) and leaves them
        # behind when stopped; keep them where the stop can delete them.
        cmd += ["--cache-path", str(cache_dir)]
    return cmd + list(extra)


def ganache_command(binary: Path, port: int, db_dir: Path) -> list[str]:
    return [
        str(binary),
        "--server.host", "127.0.0.1",
        "--server.port", str(port),
        "--chain.chainId", str(CHAIN_IDS["ganache"]),
        "--chain.hardfork", "shanghai",
        "--wallet.mnemonic", DEFAULT_MNEMONIC,
        "--wallet.totalAccounts", str(ACCOUNTS),
        "--database.dbPath", str(db_dir),
        "--miner.defaultGasPrice", str(GANACHE_GAS_PRICE),
    ]  # fmt: skip


def _url(port: int) -> str:
    return f"http://127.0.0.1:{port}"


def _wait_for_rpc(
    url: str, process: subprocess.Popen[bytes], timeout: float, log_file: Path
) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        chain_id = try_rpc(url, "eth_chainId")
        if chain_id is not None:
            return int(chain_id, 16)
        if process.poll() is not None:
            raise NodeError(
                f"The node exited with code {process.returncode} before answering at {url}; "
                f"see {log_file}:\n{_tail(log_file)}"
            )
        time.sleep(0.02)
    _terminate(process.pid)
    raise NodeError(
        f"The node did not answer at {url} within {timeout:.0f} s; see {log_file}:\n"
        f"{_tail(log_file)}"
    )


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _cmdline(pid: int) -> str | None:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return _reap(pid) is False


def _reap(pid: int) -> bool:
    """Collect a dead child of ours (avoids zombies in long-lived callers); True if reaped."""
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return False
    return done == pid


def _terminate(pid: int, timeout: float = 10.0) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            return
        except PermissionError:
            os.kill(pid, sig)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if _reap(pid) or not _alive(pid):
                return
            time.sleep(0.02)


class LocalNode:
    """One persistent local chain of a project (`.charitychain/<chain>/`)."""

    def __init__(self, project_root: Path, chain: str = "anvil") -> None:
        _require_chain(chain)
        self.root = project_root.resolve()
        self.chain = chain
        self.state_dir = self.root / ".charitychain" / chain
        self.pid_file = self.state_dir / "node.json"
        self.log_file = self.state_dir / "node.log"

    def _record(self) -> dict[str, object] | None:
        try:
            data = json.loads(self.pid_file.read_text())
        except (OSError, json.JSONDecodeError):
            return None
        return data if isinstance(data, dict) else None

    def _owned_pid(self) -> tuple[int, int] | None:
        """(pid, port) of the running node this project started, or None (stale file removed)."""
        record = self._record()
        if record is None:
            return None
        pid, port = record.get("pid"), record.get("port")
        if not isinstance(pid, int) or not isinstance(port, int):
            self.pid_file.unlink(missing_ok=True)
            return None
        cmdline = _cmdline(pid)
        same = _alive(pid) and (cmdline is None or str(self.state_dir) in cmdline)
        if not same:
            self.pid_file.unlink(missing_ok=True)
            return None
        return pid, port

    def status(self) -> NodeStatus:
        owned = self._owned_pid()
        if owned is None:
            return NodeStatus(
                self.chain, False, None, None, None, None, None, self.log_file, self.state_dir
            )
        pid, port = owned
        url = _url(port)
        chain_id = try_rpc(url, "eth_chainId")
        block = try_rpc(url, "eth_blockNumber")
        return NodeStatus(
            self.chain,
            True,
            pid,
            port,
            url,
            int(chain_id, 16) if chain_id else None,
            int(block, 16) if block else None,
            self.log_file,
            self.state_dir,
        )

    def command(self, port: int) -> list[str]:
        if self.chain == "anvil":
            return anvil_command(
                anvil_binary(self.root),
                port,
                self.state_dir / "state.json",
                cache_dir=self.state_dir / "cache",
            )
        return ganache_command(ganache_binary(self.root), port, self.state_dir / "db")

    def start(self, port: int | None = None, timeout: float | None = None) -> NodeStatus:
        """Start in the background (no-op when already running); wait until RPC answers."""
        current = self.status()
        if current.running:
            if port is not None and port != current.port:
                raise NodeError(
                    f"{self.chain} already runs on port {current.port}; run "
                    f"`charitychain node stop --chain {self.chain}` first to change the port"
                )
            return current
        port = port or DEFAULT_PORTS[self.chain]
        if port_in_use(port):
            raise NodeError(
                f"Port {port} is already in use by another process; pass --port or stop it"
            )
        command = self.command(port)
        self.state_dir.mkdir(parents=True, exist_ok=True)
        if self.chain == "ganache":
            (self.state_dir / "db").mkdir(exist_ok=True)
        with self.log_file.open("ab") as log:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.root,
                start_new_session=True,
            )
        self.pid_file.write_text(
            json.dumps({"pid": process.pid, "port": port, "chain": self.chain}) + "\n"
        )
        try:
            _wait_for_rpc(_url(port), process, timeout or START_TIMEOUT[self.chain], self.log_file)
        except NodeError:
            self.pid_file.unlink(missing_ok=True)
            raise
        return self.status()

    def stop(self, timeout: float = 10.0) -> bool:
        """Stop the node this project started; False when none was running."""
        owned = self._owned_pid()
        if owned is None:
            return False
        _terminate(owned[0], timeout)
        self.pid_file.unlink(missing_ok=True)
        shutil.rmtree(self.state_dir / "cache", ignore_errors=True)
        return True


class EphemeralNode:
    """A throw-away anvil (no state file) for tests; stops on `stop()` or context exit."""

    def __init__(
        self,
        process: subprocess.Popen[bytes],
        port: int,
        log_file: Path,
        cache_dir: Path | None = None,
    ) -> None:
        self.process = process
        self.port = port
        self.url = _url(port)
        self.log_file = log_file
        self.cache_dir = cache_dir

    def stop(self) -> None:
        if self.process.poll() is None:
            _terminate(self.process.pid)
            self.process.wait()
        self.log_file.unlink(missing_ok=True)
        if self.cache_dir is not None:
            shutil.rmtree(self.cache_dir, ignore_errors=True)

    def __enter__(self) -> EphemeralNode:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def start_ephemeral_anvil(
    port: int | None = None,
    project_root: Path | None = None,
    extra_args: tuple[str, ...] = (),
    timeout: float = 15.0,
    chain_id: int = CHAIN_IDS["anvil"],
    accounts: int = ACCOUNTS,
) -> EphemeralNode:
    """Start anvil on `port` (a free one when None) without persistence.

    `chain_id` and `accounts=0` let tests shape it like a public testnet.
    """
    from charitychain.toolchain import toolchain_home

    root = project_root or toolchain_home() or Path.cwd()
    port = port or free_port()
    cache_dir = Path(tempfile.mkdtemp(prefix="charitychain-anvil-cache-"))
    command = anvil_command(
        anvil_binary(root), port, None, extra_args, chain_id, accounts, cache_dir
    )
    fd, name = tempfile.mkstemp(prefix="charitychain-anvil-", suffix=".log")
    log_file = Path(name)
    with os.fdopen(fd, "wb") as log:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    node = EphemeralNode(process, port, log_file, cache_dir)
    try:
        _wait_for_rpc(node.url, process, timeout, log_file)
    except BaseException:
        node.stop()
        raise
    return node
