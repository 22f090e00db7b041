/// # App
///
/// Routes, use cases and configuration: everything that ties the modules together.
enum AppModule {}
