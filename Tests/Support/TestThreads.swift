import Foundation

/// Runs blocking work on real threads, all started at once (Swift concurrency's small thread pool
/// would serialise blocking calls on a 2-core machine).
public enum TestThreads {
    /// Runs `body(0..<count)` on `count` new threads and returns their results in index order.
    public static func run<Value: Sendable>(
        count: Int, _ body: @escaping @Sendable (Int) throws -> Value
    ) -> [Result<Value, any Error>] {
        let results = ResultBox<Value>(count: count)
        let group = DispatchGroup()
        for index in 0..<count {
            group.enter()
            Thread.detachNewThread {
                let result = Result { try body(index) }
                results.set(index, result)
                group.leave()
            }
        }
        group.wait()
        return results.values()
    }

    private final class ResultBox<Value: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var storage: [Result<Value, any Error>?]

        init(count: Int) {
            storage = Array(repeating: nil, count: count)
        }

        func set(_ index: Int, _ result: Result<Value, any Error>) {
            lock.withLock { storage[index] = result }
        }

        func values() -> [Result<Value, any Error>] {
            lock.withLock { storage.map { $0! } }
        }
    }
}
