/// # Pages
///
/// Server-rendered HTML: templates (escaped by default), view models and de/en strings.
enum PagesModule {}
