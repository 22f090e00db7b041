/// # Jobs
///
/// The background job queue on PostgreSQL: jobs enqueued in the caller's transaction, claimed with
/// `FOR UPDATE SKIP LOCKED`, woken by `NOTIFY`, retried with exponential backoff, `dead` after the last
/// attempt. May import: Postgres, Logging.
enum JobsModule {}
