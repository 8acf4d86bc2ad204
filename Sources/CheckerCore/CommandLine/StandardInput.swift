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
