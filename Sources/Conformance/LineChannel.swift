import Foundation

/// Collects the bytes a child writes to one pipe on a background thread, so that reading a line
/// can wait with a deadline instead of blocking forever on a silent child.
final class LineChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private var buffer = Data()
    private var closed = false
    /// Bytes beyond this without a newline make the answer malformed rather than exhausting memory.
    let maximumLineBytes: Int

    /// When set, only the last bytes are kept (a child's stderr, read only for error messages).
    let keepOnlyTail: Int?

    init(handle: FileHandle, maximumLineBytes: Int = 512 << 20, keepOnlyTail: Int? = nil) {
        self.maximumLineBytes = maximumLineBytes
        self.keepOnlyTail = keepOnlyTail
        let thread = Thread { [self] in
            while true {
                let chunk = handle.availableData
                condition.lock()
                if chunk.isEmpty { closed = true } else { buffer.append(chunk) }
                if let keep = keepOnlyTail, buffer.count > 2 * keep { buffer = Data(buffer.suffix(keep)) }
                condition.broadcast()
                condition.unlock()
                if chunk.isEmpty { return }
            }
        }
        thread.start()
    }

    enum LineResult {
        case line(Data)
        case timedOut
        case closed
        case tooLong
    }

    /// The next line (without its newline), waiting until `deadline`.
    func readLine(until deadline: Date) -> LineResult {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = Data(buffer[(newline + 1)...])
                return .line(Data(line))
            }
            if buffer.count > maximumLineBytes { return .tooLong }
            if closed { return .closed }
            if !condition.wait(until: deadline) { return .timedOut }
        }
    }

    /// The last bytes received (for a crashed child's stderr), as text.
    func tail(_ count: Int) -> String {
        condition.lock()
        defer { condition.unlock() }
        return String(decoding: buffer.suffix(count), as: UTF8.self)
    }

    /// Waits until the pipe is closed or `deadline`.
    func waitClosed(until deadline: Date) {
        condition.lock()
        defer { condition.unlock() }
        while !closed { if !condition.wait(until: deadline) { return } }
    }
}
