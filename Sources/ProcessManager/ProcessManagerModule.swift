/// # ProcessManager
///
/// The FastCGI pool master at PHP-FPM grade: spawn, reap, respawn, signals, timeouts, scoreboard, status.
///
/// - ``PoolStateMachine``: every decision as a pure function of (state, event, now) → actions: `static`
///   and `dynamic` styles, `max_requests` recycling, request timeout → kill and immediate replacement,
///   reload generations, stop escalation (SIGTERM → SIGKILL → give up), crash-loop backoff.
/// - ``PoolMaster``: the thin shell that performs the actions (signalfd loop, `posix_spawn` through
///   ``WorkerSpawner``, `waitpid` of its own workers only, sd_notify through ``SystemdNotifier``).
/// - ``Scoreboard`` / ``WorkerSlot``: a file mapped `MAP_SHARED` by the master, every worker and
///   `codezero status`; per-slot sequence locks and atomic counters, nothing a killed worker can leave
///   locked. ``PoolStatus`` is a consistent copy; ``StatusPage`` renders PHP-FPM's formats and
///   ``MetricsPage`` the OpenMetrics of `/metrics`.
/// - ``PoolConfiguration``: the `CODEZERO_PM*` settings, validated with every problem named by its key.
///
/// Only this module's wrappers touch C (`internal import CLinux`: signalfd, sock_diag, atomics on shared
/// memory); no C type appears in a public signature. The master never starts threads.
enum ProcessManagerModule {}
