/// A text in German and in English, e.g. a package name or a legal note.
public struct LocalizedText: Sendable, Hashable, CustomStringConvertible {
    /// The German text.
    public let de: String
    /// The English text.
    public let en: String

    /// A text with its German and English wording.
    public init(de: String, en: String) {
        self.de = de
        self.en = en
    }

    /// The wording in `language`.
    public func text(in language: Language) -> String {
        switch language {
        case .de: de
        case .en: en
        }
    }

    /// The German wording.
    public var description: String { de }
}
