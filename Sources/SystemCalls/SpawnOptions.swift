/// How ``SystemCall/spawn(_:arguments:environment:options:)`` starts a child: its descriptors, its signals
/// and whether the program is looked up in `PATH`.
public struct SpawnOptions: Sendable {
    /// A change to the child's descriptors, applied in order before the program runs.
    public enum FileAction: Sendable, Equatable {
        /// Opens `path` with `flags` (e.g. `O_RDONLY`) as `descriptor`.
        case open(descriptor: Int32, path: String, flags: Int32)
        /// Makes `target` a copy of `descriptor` (`dup2`).
        case duplicate(Int32, as: Int32)
    }

    /// The descriptor changes.
    public var fileActions: [FileAction]
    /// The signals whose handlers are reset to the default action in the child; `nil` resets every signal.
    /// The child always starts with an empty signal mask.
    public var defaultSignals: [Int32]?
    /// Whether a program name without `/` is looked up in the `PATH` of `environment` (`posix_spawnp`).
    public var searchPath: Bool

    /// Options with the given parts (by default: no descriptor changes, every signal reset, no `PATH` lookup).
    public init(fileActions: [FileAction] = [], defaultSignals: [Int32]? = nil, searchPath: Bool = false) {
        self.fileActions = fileActions
        self.defaultSignals = defaultSignals
        self.searchPath = searchPath
    }
}
