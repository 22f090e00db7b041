/// # Domain
///
/// Business rules without I/O: catalog, money, VAT decisions, pricing quotes.
enum DomainModule {}
