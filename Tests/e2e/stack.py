"""Starts and stops the real stack (scripts/stack.sh run) for the end-to-end tests.

The stack runs exactly as `make run` runs it: the embedded PostgreSQL cluster, migrations, the
FastCGI pool and nginx, here on free loopback ports in a temporary CODEZERO_VAR. While it runs we
remember every process that belongs to it (the script's descendants, the postmaster and its
children) so that after a stop we can prove that none of them is left.
"""

from __future__ import annotations

import glob
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READY_MARKER = "codezero: ready at "


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def codezero_binary() -> str:
    explicit = os.environ.get("CODEZERO_BIN")
    if explicit:
        return explicit
    for candidate in (ROOT / ".build/debug/codezero", ROOT / ".build/release/codezero"):
        if candidate.is_file():
            return str(candidate)
    raise RuntimeError("no codezero binary: run `swift build` first (or set CODEZERO_BIN)")


def _stat_fields(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as handle:
            line = handle.read()
    except OSError:
        return None
    # comm (field 2) may contain spaces and parentheses: the rest starts after the last ") ".
    return line[line.rindex(")") + 2 :].split()


def process_identity(pid: int) -> tuple[int, int] | None:
    """(pid, start time in clock ticks) of a live, non-zombie process; immune to pid reuse."""
    fields = _stat_fields(pid)
    if fields is None or fields[0] in ("Z", "X"):
        return None
    return pid, int(fields[19])


def all_pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for pid in all_pids():
        fields = _stat_fields(pid)
        if fields is not None:
            children.setdefault(int(fields[1]), []).append(pid)
    return children


def descendants(root: int) -> list[int]:
    tree = children_map()
    found, pending = [], [root]
    while pending:
        pid = pending.pop()
        found.append(pid)
        pending.extend(tree.get(pid, []))
    return found


def cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


def environ_has(pid: int, entry: bytes) -> bool:
    try:
        with open(f"/proc/{pid}/environ", "rb") as handle:
            return entry in handle.read().split(b"\0")
    except OSError:
        return False


@dataclass
class Stack:
    """One instance of the stack on its own ports and state folder."""

    var: Path
    https_port: int = field(default_factory=free_port)
    http_port: int = field(default_factory=free_port)
    workers: int = 2
    exec_prefix: str = ""
    process: subprocess.Popen | None = None
    log_path: Path | None = None
    seen: set[tuple[int, int]] = field(default_factory=set)
    starts: int = 0

    @property
    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.pop("DATABASE_URL", None)
        env.update(
            CODEZERO_ENV="development",
            CODEZERO_VAR=str(self.var),
            CODEZERO_HTTPS_PORT=str(self.https_port),
            CODEZERO_HTTP_PORT=str(self.http_port),
            CODEZERO_WORKERS=str(self.workers),
            CODEZERO_BIND="127.0.0.1",
            CODEZERO_BIN=codezero_binary(),
            CODEZERO_PUBLIC_URL=f"https://localhost:{self.https_port}",
        )
        if self.exec_prefix:
            env["CODEZERO_EXEC_PREFIX"] = self.exec_prefix
        return env

    @property
    def https(self) -> str:
        return f"https://127.0.0.1:{self.https_port}"

    @property
    def http(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def cert(self) -> str:
        """The test CA that signed the stack's certificate: what clients trust."""
        return str(self.var / "tls" / "ca.pem")

    def codezero(self, *arguments: str, timeout: float = 60) -> subprocess.CompletedProcess:
        """Runs a codezero subcommand against this stack's state (e.g. `db stop`)."""
        return subprocess.run(
            [codezero_binary(), *arguments], cwd=ROOT, env=self.env, capture_output=True,
            text=True, timeout=timeout, check=False,
        )

    def log(self) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        return self.log_path.read_text(errors="replace")

    def start(self, timeout: float = 180) -> None:
        self.starts += 1
        self.log_path = self.var.parent / f"{self.var.name}-stack-{self.starts}.log"
        with open(self.log_path, "wb") as output:
            self.process = subprocess.Popen(
                ["bash", str(ROOT / "scripts/stack.sh"), "run"], cwd=ROOT, env=self.env,
                stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while READY_MARKER not in self.log():
            if self.process.poll() is not None:
                raise RuntimeError(f"the stack exited with {self.process.returncode}:\n{self.log()}")
            if time.monotonic() > deadline:
                self.stop(check=False)
                raise RuntimeError(f"the stack was not ready within {timeout}s:\n{self.log()}")
            time.sleep(0.2)
        self.remember_processes()

    def postmaster_pids(self) -> list[int]:
        pids = []
        for pid_file in glob.glob(str(self.var / "postgres" / "**" / "postmaster.pid"), recursive=True):
            try:
                pids.append(int(Path(pid_file).read_text().split("\n", 1)[0]))
            except (OSError, ValueError):
                pass
        return pids

    def remember_processes(self) -> None:
        """Records every process of the stack now running (call it again after restarts of parts)."""
        roots = [self.process.pid] if self.process else []
        roots += self.postmaster_pids()
        for root in roots:
            for pid in descendants(root):
                identity = process_identity(pid)
                if identity is not None:
                    self.seen.add(identity)

    def stack_pids(self) -> set[int]:
        return {pid for pid, _ in self.seen}

    def survivors(self) -> list[str]:
        """Processes of this stack still alive: remembered ones, and any naming our state folder."""
        alive = []
        for pid, start in sorted(self.seen):
            if process_identity(pid) == (pid, start):
                alive.append(f"{pid}: {cmdline(pid)}")
        marker = f"CODEZERO_VAR={self.var}".encode()
        for pid in all_pids():
            if pid == os.getpid() or process_identity(pid) is None:
                continue
            if str(self.var) in cmdline(pid) or environ_has(pid, marker):
                entry = f"{pid}: {cmdline(pid)}"
                if entry not in alive:
                    alive.append(entry)
        return alive

    def stop(self, sig: int = signal.SIGTERM, whole_group: bool = False, check: bool = True,
             timeout: float = 90) -> int | None:
        """Stops the stack like a user would: SIGTERM to the script, or SIGINT to the whole process
        group (what Ctrl-C in a terminal does). Returns the script's exit status."""
        if self.process is None:
            return None
        self.remember_processes()
        if self.process.poll() is None:
            if whole_group:
                os.killpg(self.process.pid, sig)
            else:
                self.process.send_signal(sig)
        try:
            status = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            status = self.process.wait()
            if check:
                raise AssertionError(f"the stack did not stop within {timeout}s:\n{self.log()}")
        self.process = None
        if check:
            deadline = time.monotonic() + 10
            while self.survivors() and time.monotonic() < deadline:
                time.sleep(0.2)
            left = self.survivors()
            assert not left, "processes survived the stop:\n" + "\n".join(left) + "\n" + self.log()
            assert status == 0, f"the stack exited with {status}:\n{self.log()}"
        return status
