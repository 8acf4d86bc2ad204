import Foundation

/// The input file `-`: standard input, read once, whole, the first time a reader asks for it (a
/// second reader gets the same bytes instead of an empty stream). Commands that read files take
/// `-` wherever one file is read, and name it `-` in their messages and reports.
public enum StandardInput {
    /// The path that stands for standard input.
    public static let path = "-"

    /// Whether `path` means standard input.
    public static func isStandardInput(_ path: String) -> Bool { path == Self.path }

    /// Every byte of standard input.
    public static func data() -> Data { storage.data }

    /// The bytes of the file `path`, or of standard input for `-`; nil when the file cannot be
    /// read. A reader that looks at a file twice (to sniff its format, then to parse it) gets the
    /// same bytes both times either way.
    public static func contents(of path: String) -> Data? {
        isStandardInput(path) ? data() : FileManager.default.contents(atPath: path)
    }

    private static let storage = Storage()

    private final class Storage: @unchecked Sendable {
        private let lock = NSLock()
        private var cached: Data?

        var data: Data {
            lock.lock()
            defer { lock.unlock() }
            if let cached { return cached }
            let read = FileHandle.standardInput.readDataToEndOfFile()
            cached = read
            return read
        }
    }
}
