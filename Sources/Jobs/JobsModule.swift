/// # Jobs
///
/// The background job queue on PostgreSQL (`sql/0004_jobs.sql`, table `jobs`) and the loop of the
/// `codezero jobs` process.
///
/// - `Lifecycle/`: ``JobLifecycle``, the pure state machine (snapshot, event, now) → (snapshot, actions):
///   claims with a lease, exponential backoff with bounded jitter (``RetryPolicy``, ``JobJitter``), dead
///   after the last attempt with the error kept, lease expiry, operator requeue. No I/O, no clock.
/// - `Queue/`: ``JobQueue``, the thin shell over a ``Postgres/PostgresConnection``: `enqueue` inside the
///   caller's transaction (a trigger notifies ``JobQueue/channel`` at commit), `claim` with
///   `FOR UPDATE SKIP LOCKED`, `perform` (handler effects and completion in one transaction), `fail`,
///   `recoverExpiredLeases`, `stats` for `/metrics`, and operator reads (`deadJobs`, `requeue`).
/// - `Runner/`: ``JobRunner``, the single-threaded loop: handlers by kind, `LISTEN`/`NOTIFY` wake-ups,
///   a stop flag checked between jobs, reconnection after a database restart, swift-log metadata
///   (`job.id`, `job.kind`, `job.attempt`, ...) and never a payload in a log line.
///
/// Exactly-once effects: a claim is committed before its handler runs and is identified by
/// (id, worker, attempt); the handler's transaction locks the row and completes it only while that
/// claim is current, so a worker that lost its claim rolls its effects back, and a worker that died
/// leaves a lease that another worker recovers.
///
/// May import: Postgres, Logging (and Glibc for the host name and sleeping).
enum JobsModule {}
