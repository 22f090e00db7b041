"""Runs a command and prints, to stderr, the CPU time every process on the machine spent while it ran, grouped:
PostgreSQL, the pool's workers, the jobs process, nginx, the command itself (wrk or pgbench: its own rusage) and
the kernel's threads (the client's figure includes its start-up: wrk reading its request file). With `--per NAME` and a `BENCH {"requests": N, ...}` line in the command's output (wrk with
bench/report.lua) also per request, in microseconds. The command's output is passed through unchanged.

    python3 bench/cpu_split.py [--per NAME] [--quiet] COMMAND [ARGS...]     (--quiet: the command's stderr is dropped)

Why: on the two-core development machine the load generator, nginx, the workers and PostgreSQL share the CPU, so a
rate alone does not say which of them a budget is missed in (issue #11, usage ingestion)."""

import json
import os
import subprocess
import sys
import time

GROUPS = ("postgres", "pool workers", "jobs process", "nginx", "client", "kernel threads", "other")


def group(comm, cmdline):
    if comm == "postgres" or cmdline.startswith("postgres:"):
        return "postgres"
    if comm == "nginx":
        return "nginx"
    words = cmdline.split()
    if words and words[0].endswith("/codezero"):
        return {"worker": "pool workers", "jobs": "jobs process"}.get(words[1] if len(words) > 1 else "", "other")
    return "kernel threads" if not cmdline else "other"


def snapshot():
    """pid → (comm, cmdline, start time, own CPU, CPU of its reaped children) in clock ticks."""
    times = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmdline = f.read().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue
        comm = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        times[entry] = (comm, cmdline, int(fields[19]), (int(fields[11]), int(fields[12])),
                        (int(fields[13]), int(fields[14])))
    return times


def main(argv):
    per, quiet = None, False
    if len(argv) > 2 and argv[1] == "--per":
        per, argv = argv[2], argv[2:]
    if len(argv) > 1 and argv[1] == "--quiet":
        quiet, argv = True, argv[1:]
    command = argv[1:]
    before, started = snapshot(), time.monotonic()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL if quiet else None)
    output, _ = child.communicate()
    elapsed = time.monotonic() - started
    after = snapshot()
    sys.stdout.buffer.write(output)
    sys.stdout.flush()
    ticks = os.sysconf("SC_CLK_TCK")
    totals = {name: [0, 0] for name in GROUPS}
    own = os.getpid()
    for pid, (comm, cmdline, start, own_time, reaped) in after.items():
        if int(pid) in (own, child.pid):
            continue
        # A process's own time and that of its children it reaped meanwhile (the postmaster reaps the backends of
        # sessions that ended, e.g. pgbench's), counted since the first snapshot when it was already running.
        was = before.get(pid)
        if was and was[2] == start:
            own_time = (own_time[0] - was[3][0], own_time[1] - was[3][1])
            reaped = (reaped[0] - was[4][0], reaped[1] - was[4][1])
        name = group(comm, cmdline)
        totals[name][0] += own_time[0] + reaped[0]
        totals[name][1] += own_time[1] + reaped[1]
    children = os.times()
    totals["client"] = [round(children.children_user * ticks), round(children.children_system * ticks)]
    requests = None
    for line in output.decode(errors="replace").splitlines():
        if line.startswith("BENCH "):
            requests = json.loads(line[len("BENCH "):]).get("requests")
    parts = []
    for name in GROUPS:
        user, system = (value / ticks for value in totals[name])
        if user + system < 0.005:
            continue
        text = f"{name} {user + system:.2f} s ({user:.2f} user + {system:.2f} system)"
        if requests:
            text += f" = {(user + system) / requests * 1e6:.0f} µs a request"
        parts.append(text)
    label = f"CPU {per}" if per else "CPU"
    print(f"{label} over {elapsed:.1f} s" + (f", {requests} requests" if requests else "") + ": " + "; ".join(parts),
          file=sys.stderr)
    return child.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv))
