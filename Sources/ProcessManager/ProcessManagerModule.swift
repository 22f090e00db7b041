/// # ProcessManager
///
/// The FastCGI pool master: binds the socket, spawns, reaps and respawns workers, handles signals.
enum ProcessManagerModule {}
