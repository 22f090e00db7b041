/// An error that knows the problem it answers a request with, as hummingbird's `HTTPResponseError` knows
/// its response: the one seam between an error and HTTP.
///
/// Use cases throw business errors (a catalog rule, a refused state change, a failing payment provider);
/// the application conforms each error type once and renders every thrown error through this protocol.
/// An error that does not conform is an internal error: logged, never shown.
public protocol ProblemConvertible: Error {
    /// The problem, with texts in English (the API's language).
    var problem: Problem { get }

    /// The problem with its texts in `language` (`de`, `en`) where the error has translations; by default
    /// ``problem``.
    func problem(language: String) -> Problem
}

extension ProblemConvertible {
    /// ``problem``: the error has no translations.
    public func problem(language: String) -> Problem { problem }
}

extension Problem: ProblemConvertible {
    /// The problem itself.
    public var problem: Problem { self }
}
