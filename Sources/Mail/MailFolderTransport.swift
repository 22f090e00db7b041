import Foundation

/// Development delivery: each mail becomes `<folder>/<name>.eml` (written to a temporary file, then
/// renamed, so a reader never sees half a mail; writing the same name again replaces it).
public struct MailFolderTransport: MailTransport {
    /// The folder (`$CODEZERO_VAR/mail`).
    public let folder: String

    /// Creates the transport; the folder is created on first delivery.
    public init(folder: String) {
        self.folder = folder
    }

    public func deliver(
        message: [UInt8], sender: String, recipient: String, name: String
    ) throws(MailError)
        -> String
    {
        let safe = String(
            name.unicodeScalars.map {
                ($0.properties.isAlphabetic && $0.isASCII) || ("0"..."9").contains($0) || $0 == "-"
                    ? Character($0) : "_"
            })
        let path = "\(folder)/\(safe).eml"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let temporary = "\(folder)/.\(safe).tmp"
            try Data(message).write(to: URL(fileURLWithPath: temporary))
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        } catch {
            throw .transient(reply: "cannot write \(path): \(error.localizedDescription)")
        }
        return "written to \(path)"
    }
}
