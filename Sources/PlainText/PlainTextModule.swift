/// # PlainText
///
/// Text rules every layer shares, once: ``Swift/StringProtocol/trimmedWhitespace`` is the one whitespace
/// trimmer (typed input, settings, mail addresses, tool output). It imports nothing but the standard library;
/// `Domain` re-exports it, so code that imports `Domain` sees it too.
enum PlainTextModule {}
