/// # Domain
///
/// Business rules of Code Zero without I/O: money, countries, VAT identifiers and VAT decisions,
/// the service catalog, price quotes and credit-pack quotes.
///
/// What it owns:
/// - ``Money`` (integer cents plus ``Currency``) and the one rounding rule, ``VATRate/tax(on:)``.
/// - ``Country`` (ISO 3166-1 alpha-2, the EU-27) and ``VATIdentifier`` (normalisation, per-state format
///   and official checksums for all 27 member states).
/// - ``VATDecision``: the VAT treatment of a sale by a German seller to a business buyer.
/// - ``Catalog``, ``BasePackage``, ``Addon``, ``CreditProduct``: catalog values, given as input (they are
///   loaded from the database by `Storage`).
/// - ``Pricing``: quotes a configuration (``PriceQuote``) or a credit pack (``CreditPackQuote``).
///
/// Every failure is a ``DomainError`` naming a business fact; only `App` maps it to HTTP.
///
/// It imports nothing but the Swift standard library and `PlainText` (re-exported: its one whitespace trimmer,
/// `trimmedWhitespace`, is part of every input rule here): no Foundation, no C, no clock, no I/O.
@_exported public import PlainText

enum DomainModule {}
