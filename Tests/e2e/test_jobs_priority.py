"""The jobs process yields the CPU to requests: it lowers its own nice value and its session's scheduling group."""

from __future__ import annotations

import time
from pathlib import Path


def nice_of(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    # Field 19 (nice); the fields after the command name (which may hold spaces) start at field 3.
    return int(stat[stat.rindex(")") + 2 :].split()[16])


def test_the_jobs_process_runs_at_nice_10_and_the_pool_does_not(stack):
    jobs = int((stack.var / "run" / "stack-jobs.pid").read_text().strip())
    serve = int((stack.var / "run" / "stack-serve.pid").read_text().strip())
    assert "jobs" in Path(f"/proc/{jobs}/cmdline").read_bytes().decode()
    # It lowers itself first thing; the threads it starts afterwards (the usage fold's, once its start-up queries
    # ran) inherit the value. Waits for both on a loaded machine.
    deadline = time.monotonic() + 60
    while True:
        threads = [int(task.name) for task in Path(f"/proc/{jobs}/task").iterdir() if int(task.name) != jobs]
        if (threads and nice_of(jobs) == 10) or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert nice_of(jobs) == 10
    assert nice_of(serve) == 0
    assert threads, "the jobs process started no thread"
    assert all(nice_of(thread) == 10 for thread in threads)
    autogroup = Path(f"/proc/{jobs}/autogroup")
    if autogroup.exists():
        # The stack starts the jobs process in a session of its own, so the session's group carries the value too.
        assert autogroup.read_text().split()[-1] == "10", autogroup.read_text()
        assert Path(f"/proc/{serve}/autogroup").read_text().split()[-1] == "0"
