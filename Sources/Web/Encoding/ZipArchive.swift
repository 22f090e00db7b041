/// Writes a ZIP archive of stored (uncompressed) files: enough for a download of PDFs and XML, which
/// compress poorly anyway. No ZIP64: the archive must stay below 4 GiB and 65,535 files.
public struct ZipArchive {
    private var bytes: [UInt8] = []
    private var central: [UInt8] = []
    private var count = 0

    /// An empty archive.
    public init() {}

    /// Adds `content` as `name` (UTF-8, `/` for folders), dated `year`-`month`-`day` 00:00.
    public mutating func add(name: String, content: [UInt8], year: Int, month: Int, day: Int) {
        let nameBytes = Array(name.utf8)
        let crc = Self.crc32(content)
        let time: UInt16 = 0
        let date = UInt16(((max(year, 1980) - 1980) << 9) | (month << 5) | day)
        let offset = UInt32(bytes.count)
        // local file header
        Self.append32(0x0403_4b50, to: &bytes)
        Self.append16(20, to: &bytes)  // version needed
        Self.append16(0x0800, to: &bytes)  // UTF-8 names
        Self.append16(0, to: &bytes)  // stored
        Self.append16(time, to: &bytes)
        Self.append16(date, to: &bytes)
        Self.append32(crc, to: &bytes)
        Self.append32(UInt32(content.count), to: &bytes)
        Self.append32(UInt32(content.count), to: &bytes)
        Self.append16(UInt16(nameBytes.count), to: &bytes)
        Self.append16(0, to: &bytes)
        bytes += nameBytes
        bytes += content
        // central directory entry
        Self.append32(0x0201_4b50, to: &central)
        Self.append16(20, to: &central)  // version made by
        Self.append16(20, to: &central)
        Self.append16(0x0800, to: &central)
        Self.append16(0, to: &central)
        Self.append16(time, to: &central)
        Self.append16(date, to: &central)
        Self.append32(crc, to: &central)
        Self.append32(UInt32(content.count), to: &central)
        Self.append32(UInt32(content.count), to: &central)
        Self.append16(UInt16(nameBytes.count), to: &central)
        for _ in 0..<4 { Self.append16(0, to: &central) }  // extra, comment, disk, internal attributes
        Self.append32(0, to: &central)  // external attributes
        Self.append32(offset, to: &central)
        central += nameBytes
        count += 1
    }

    /// The complete archive.
    public var archive: [UInt8] {
        var out = bytes + central
        Self.append32(0x0605_4b50, to: &out)
        Self.append16(0, to: &out)
        Self.append16(0, to: &out)
        Self.append16(UInt16(count), to: &out)
        Self.append16(UInt16(count), to: &out)
        Self.append32(UInt32(central.count), to: &out)
        Self.append32(UInt32(bytes.count), to: &out)
        Self.append16(0, to: &out)
        return out
    }

    /// The CRC-32 (IEEE 802.3, as ZIP uses it) of `data`.
    public static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func append16(_ value: UInt16, to bytes: inout [UInt8]) {
        bytes += [UInt8(value & 0xFF), UInt8(value >> 8)]
    }

    static func append32(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)]
    }
}
