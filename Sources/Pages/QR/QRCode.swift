/// A QR code (ISO/IEC 18004, model 2) for a short text: byte mode, error correction level M, the smallest
/// version (1…40) that fits, the mask with the lowest penalty. Rendered on our own server (``svg(moduleSize:)``)
/// so enrolling a second factor sends the secret to nobody else.
///
/// The algorithm follows the standard's steps: encode the bytes into data codewords, add Reed–Solomon error
/// correction per block and interleave, place the function patterns, place the codewords in the zigzag order,
/// then choose and apply a mask and write the format (and version) information.
public struct QRCode: Sendable, Hashable {
    /// The version, 1…40 (the size is `17 + 4 × version` modules).
    public let version: Int
    /// The mask pattern chosen, 0…7.
    public let mask: Int
    /// Modules by row then column; true is dark.
    public let modules: [[Bool]]

    /// The side length in modules.
    public var size: Int { modules.count }

    /// Encodes `text` as UTF-8 bytes; nil when it is longer than version 40 holds at level M (2331 bytes).
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard let version = (1...40).first(where: { Self.dataCapacityBits($0) >= Self.segmentBits(bytes, $0) })
        else { return nil }
        var builder = QRMatrix(version: version)
        builder.drawFunctionPatterns()
        builder.drawCodewords(Self.codewords(bytes, version: version))
        var best = (mask: 0, penalty: Int.max)
        for mask in 0..<8 {
            builder.apply(mask: mask)
            builder.drawFormatBits(mask: mask)
            let penalty = builder.penalty()
            if penalty < best.penalty { best = (mask, penalty) }
            builder.apply(mask: mask)
        }
        builder.apply(mask: best.mask)
        builder.drawFormatBits(mask: best.mask)
        self.version = version
        self.mask = best.mask
        self.modules = builder.modules
    }

    // MARK: - Data codewords

    /// Mode indicator, character count and the bytes, in bits.
    static func segmentBits(_ bytes: [UInt8], _ version: Int) -> Int {
        4 + countBits(version) + bytes.count * 8
    }

    static func countBits(_ version: Int) -> Int { version <= 9 ? 8 : 16 }

    static func dataCapacityBits(_ version: Int) -> Int {
        (rawDataModules(version) / 8 - eccPerBlock[version] * blocks[version]) * 8
    }

    /// The data codewords with error correction, interleaved as they are placed.
    static func codewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) {
            for index in (0..<count).reversed() { bits.append((value >> index) & 1 == 1) }
        }
        append(0b0100, 4)
        append(bytes.count, countBits(version))
        for byte in bytes { append(Int(byte), 8) }
        let capacity = dataCapacityBits(version)
        append(0, min(4, capacity - bits.count))
        append(0, (8 - bits.count % 8) % 8)
        var pad = 0xEC
        while bits.count < capacity {
            append(pad, 8)
            pad ^= 0xEC ^ 0x11
        }
        var data: [UInt8] = []
        for start in stride(from: 0, to: bits.count, by: 8) {
            data.append(bits[start..<start + 8].reduce(0) { ($0 << 1) | ($1 ? 1 : 0) })
        }
        return interleave(data, version: version)
    }

    /// Splits the data into blocks, appends each block's Reed–Solomon codewords and interleaves them.
    static func interleave(_ data: [UInt8], version: Int) -> [UInt8] {
        let blockCount = blocks[version]
        let eccLength = eccPerBlock[version]
        let raw = rawDataModules(version) / 8
        let shortBlocks = blockCount - raw % blockCount
        let shortLength = raw / blockCount
        let divisor = ReedSolomon.divisor(degree: eccLength)
        var split: [[UInt8]] = []
        var offset = 0
        for index in 0..<blockCount {
            let length = shortLength - eccLength + (index < shortBlocks ? 0 : 1)
            var block = Array(data[offset..<offset + length])
            offset += length
            let ecc = ReedSolomon.remainder(block, divisor: divisor)
            if index < shortBlocks { block.append(0) }
            split.append(block + ecc)
        }
        var result: [UInt8] = []
        for position in 0..<split[0].count {
            for (index, block) in split.enumerated()
            where position != shortLength - eccLength || index >= shortBlocks {
                result.append(block[position])
            }
        }
        return result
    }

    /// Modules available for data and error correction in `version`.
    static func rawDataModules(_ version: Int) -> Int {
        var result = (16 * version + 128) * version + 64
        if version >= 2 {
            let alignments = version / 7 + 2
            result -= (25 * alignments - 10) * alignments - 55
            if version >= 7 { result -= 36 }
        }
        return result
    }

    /// Error correction codewords per block at level M, by version (index 0 unused).
    static let eccPerBlock = [
        0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28,
        28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
    ]

    /// Error correction blocks at level M, by version (index 0 unused).
    static let blocks = [
        0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31,
        33, 35, 37, 38, 40, 43, 45, 47, 49,
    ]
}
