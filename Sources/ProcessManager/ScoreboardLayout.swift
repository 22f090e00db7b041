/// Byte offsets of the scoreboard file: a header of pool counters, fixed-size worker slots, then a fixed
/// table of route counters. Every number is a native-endian `UInt64` at an 8-byte aligned offset.
enum ScoreboardLayout {
    static let magic: UInt64 = 0x3145_524F_4353_5A43  // "CZSCORE1"
    static let version: UInt64 = 1
    static let headerSize = 512
    static let slotSize = 1024
    static let routeSize = 384
    static let routeCount = 64
    static let statusPairs = 8
    /// Upper bounds of the latency histogram buckets, in microseconds; a last bucket is +Inf.
    static let bucketBounds: [UInt64] = [
        1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000,
        10_000_000,
    ]
    static var bucketCount: Int { bucketBounds.count + 1 }

    static func size(slots: Int) -> Int { headerSize + slots * slotSize + routeCount * routeSize }
    static func slotOffset(_ index: Int) -> Int { headerSize + index * slotSize }
    static func routeOffset(_ index: Int, slots: Int) -> Int {
        headerSize + slots * slotSize + index * routeSize
    }

    enum Header {
        static let magic = 0
        static let version = 8
        static let slots = 16
        static let routes = 24
        static let maxChildren = 32
        static let startUnix = 40
        static let startMonotonic = 48
        static let acceptedConnections = 56
        static let listenQueue = 64
        static let maxListenQueue = 72
        static let listenQueueLength = 80
        static let maxActive = 88
        static let maxChildrenReached = 96
        static let slowRequests = 104
        static let restarts = 112
        static let timedOutRequests = 120
        static let databaseErrors = 128
        static let style = 136
        static let generation = 144
        static let masterPID = 152
        static let maxRequests = 160
        static let slowThresholdMicros = 168
        static let spawned = 176
        static let minSpare = 184
        static let maxSpare = 192
        static let startServers = 200
        static let requestTimeoutMicros = 208
        static let name = 256
        static let nameCapacity = 32
    }

    enum Slot {
        static let sequence = 0
        static let pid = 8
        static let generation = 16
        static let state = 24
        static let startUnixMicros = 32
        static let startMonotonic = 40
        static let requests = 48
        static let requestStartMonotonic = 56
        static let requestStartUnixMicros = 64
        static let lastDurationMicros = 72
        static let lastCPUMicros = 80
        static let lastMemoryBytes = 88
        static let contentLength = 96
        static let lastStatus = 104
        static let phases = 112  // four words: parse, database, render, write (microseconds)
        static let method = 160
        static let methodCapacity = 16
        static let requestID = 176
        static let requestIDCapacity = 48
        static let route = 224
        static let routeCapacity = 96
        static let uri = 320
        static let uriCapacity = 512
    }

    enum Route {
        static let state = 0  // 0 free, 1 being claimed, 2 ready
        static let name = 8
        static let nameCapacity = 120
        static let statusPairs = 128  // eight (status, count) pairs; the last one counts every other status
        static let buckets = 256
        static let sumMicros = 368
        static let count = 376
    }
}
