#!/usr/bin/env python3
"""Runs a command under the kernel's "memory deny write execute" rule, then execs it.

systemd/codezero.service sets MemoryDenyWriteExecute=yes. The kernel's own version of that rule,
prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN) (Linux >= 6.3), is inherited across fork and execve, so
running `codezero serve` through this wrapper proves that the pool and its workers work under it.
The wrapper records the outcome in CODEZERO_MDWE (1, or "unavailable" on older kernels).
"""

import ctypes
import os
import sys

PR_SET_MDWE = 65
PR_MDWE_REFUSE_EXEC_GAIN = 1


def main() -> None:
    if len(sys.argv) < 2:
        sys.stderr.write("usage: mdwe_exec.py COMMAND [ARGUMENT...]\n")
        sys.exit(64)
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0) == 0:
        os.environ["CODEZERO_MDWE"] = "1"
    else:
        reason = os.strerror(ctypes.get_errno())
        sys.stderr.write(f"mdwe_exec: PR_SET_MDWE is not available ({reason}); running without it\n")
        os.environ["CODEZERO_MDWE"] = "unavailable"
    os.execvp(sys.argv[1], sys.argv[1:])


if __name__ == "__main__":
    main()
