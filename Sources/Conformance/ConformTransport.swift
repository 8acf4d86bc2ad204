import CheckerCore
import Foundation

/// One request–answer exchange with an implementation.
public protocol ConformTransport: AnyObject {
    /// Sends `request` (one JSON line) and returns the answer whose `id` is `id`.
    func exchange(_ request: JSONValue, id: String) throws(ConformError) -> JSONValue
    /// Ends the conversation; the implementation is stopped if it does not exit by itself.
    func close()
}

/// The implementation as a child process speaking JSON lines on its stdin and stdout.
///
/// Every read has a deadline (the per-request timeout, and the total limit of the run); a child
/// that crashes, hangs, writes non-JSON or answers another id ends the run with a ``ConformError``
/// naming the request, and is killed and reaped (SIGTERM, then SIGKILL after a grace period), so
/// no run leaves a zombie or hangs.
public final class ProcessTransport: ConformTransport {
    public let command: String
    let process = Process()
    let input = Pipe()
    let output: LineChannel
    let errors: LineChannel
    let timeout: TimeInterval
    let totalDeadline: Date
    private var finished = false

    /// Starts `command` (words split like a shell does for plain and quoted words; the program is
    /// found on PATH).
    public init(command: String, timeout: TimeInterval, totalLimit: TimeInterval) throws(ConformError) {
        signal(SIGPIPE, SIG_IGN)
        self.command = command
        self.timeout = timeout
        self.totalDeadline = Date().addingTimeInterval(totalLimit)
        let words: [String]
        do { words = try Self.split(command) } catch { throw error }
        guard !words.isEmpty else {
            throw ConformError(code: "C008", request: nil, message: "--impl is empty; expected a command such as \"python -m my_adapter\"")
        }
        let stdout = Pipe()
        let stderr = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = words
        process.standardInput = input
        process.standardOutput = stdout
        process.standardError = stderr
        output = LineChannel(handle: stdout.fileHandleForReading)
        errors = LineChannel(handle: stderr.fileHandleForReading, keepOnlyTail: 4096)
        do {
            try process.run()
        } catch {
            throw ConformError(code: "C001", request: nil, message: "cannot start \"\(command)\": \(error.localizedDescription)")
        }
    }

    deinit { kill() }

    /// Splits a command line into words: whitespace separates, single and double quotes group,
    /// a backslash escapes the next character outside single quotes.
    static func split(_ line: String) throws(ConformError) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for ch in line {
            if escaped { current.append(ch); escaped = false; continue }
            if ch == "\\" && quote != "'" { escaped = true; inWord = true; continue }
            if let q = quote {
                if ch == q { quote = nil } else { current.append(ch) }
                continue
            }
            if ch == "'" || ch == "\"" { quote = ch; inWord = true; continue }
            if ch.isWhitespace {
                if inWord { words.append(current); current = ""; inWord = false }
                continue
            }
            current.append(ch)
            inWord = true
        }
        if quote != nil || escaped {
            throw ConformError(code: "C008", request: nil, message: "--impl \"\(line)\" has an unterminated quote or escape")
        }
        if inWord { words.append(current) }
        return words
    }

    public func exchange(_ request: JSONValue, id: String) throws(ConformError) -> JSONValue {
        guard !finished else { throw ConformError(code: "C003", request: id, message: "the implementation has already stopped") }
        do {
            try send(request, id: id)
            return try receive(id: id)
        } catch {
            kill()
            throw error
        }
    }

    func send(_ request: JSONValue, id: String) throws(ConformError) {
        let data = Data((request.serialized(indent: 0) + "\n").utf8)
        let handle = input.fileHandleForWriting
        // A child that stops reading fills the pipe and would block the write forever: write on
        // another thread and give up at the deadline (killing the child then ends that write).
        let done = DispatchSemaphore(value: 0)
        let failure = WriteFailure()
        DispatchQueue.global().async {
            do { try handle.write(contentsOf: data) } catch { failure.set(error.localizedDescription) }
            done.signal()
        }
        if done.wait(timeout: .now() + min(timeout, max(0, totalDeadline.timeIntervalSinceNow))) == .timedOut {
            kill()
            throw ConformError(code: "C002", request: id, message: "the implementation did not read the request within \(timeout) s")
        }
        if let message = failure.message {
            throw ConformError(code: "C003", request: id, message: "cannot write the request (the implementation closed its input or exited): \(message)\(exitDescription())")
        }
    }

    func receive(id: String) throws(ConformError) -> JSONValue {
        let requestDeadline = Date().addingTimeInterval(timeout)
        let deadline = min(requestDeadline, totalDeadline)
        switch output.readLine(until: deadline) {
        case .timedOut:
            if deadline == totalDeadline && totalDeadline < requestDeadline {
                throw ConformError(code: "C007", request: id, message: "the total time limit of the run was reached")
            }
            throw ConformError(code: "C002", request: id, message: "no answer within the timeout of \(timeout) s (raise it with --timeout)")
        case .closed:
            throw ConformError(code: "C003", request: id, message: "the implementation closed its output without answering\(exitDescription())")
        case .tooLong:
            throw ConformError(code: "C004", request: id, message: "the answer line exceeds \(output.maximumLineBytes) bytes")
        case .line(let data):
            guard let text = String(data: data, encoding: .utf8) else {
                throw ConformError(code: "C004", request: id, message: "the answer is not UTF-8 text")
            }
            let answer: JSONValue
            do {
                answer = try JSONValue.parse(text)
            } catch {
                throw ConformError(code: "C004", request: id, message: "the answer is not JSON (\(error.description)): \(Self.excerpt(text))")
            }
            guard case .object = answer else {
                throw ConformError(code: "C004", request: id, message: "the answer is \(answer.kindName), expected an object: \(Self.excerpt(text))")
            }
            guard case .string(let answered)? = answer["id"] else {
                throw ConformError(code: "C004", request: id, message: "the answer has no string \"id\": \(Self.excerpt(text))")
            }
            guard answered == id else {
                throw ConformError(code: "C005", request: id, message: "the answer is for request \"\(answered)\"")
            }
            return answer
        }
    }

    static func excerpt(_ text: String) -> String {
        text.count <= 200 ? text : String(text.prefix(200)) + "…"
    }

    /// ", exit status N" / ", killed by signal N", and the end of the child's stderr, once it has stopped.
    func exitDescription() -> String {
        let deadline = Date().addingTimeInterval(1)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        var s = ""
        if !process.isRunning {
            s += process.terminationReason == .uncaughtSignal
                ? "; killed by signal \(process.terminationStatus)"
                : "; exit status \(process.terminationStatus)"
        }
        errors.waitClosed(until: Date().addingTimeInterval(0.2))
        let tail = errors.tail(800).trimmingCharacters(in: .whitespacesAndNewlines)
        if !tail.isEmpty { s += "; its stderr ends with:\n" + tail }
        return s
    }

    public func close() {
        guard !finished else { return }
        if process.isRunning {
            let bye = Data((JSONValue.object([(key: "type", value: .string("bye"))]).serialized(indent: 0) + "\n").utf8)
            try? input.fileHandleForWriting.write(contentsOf: bye)
        }
        try? input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        kill()
    }

    /// Stops the child (SIGTERM, then SIGKILL after half a second) and reaps it. When the child
    /// leads its own process group (Foundation starts it so on Linux), the whole group is
    /// signalled, so that a shell or launcher does not leave a grandchild holding the pipes.
    func kill() {
        guard !finished else { return }
        finished = true
        try? input.fileHandleForWriting.close()
        let pid = process.processIdentifier
        let group = pid > 0 && getpgid(pid) == pid
        func signalChild(_ signal: Int32) {
            if group { Foundation.kill(-pid, signal) } else { Foundation.kill(pid, signal) }
        }
        if process.isRunning {
            signalChild(SIGTERM)
            let deadline = Date().addingTimeInterval(0.5)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
            if process.isRunning { signalChild(SIGKILL) }
        } else if group {
            // The child has exited; anything it left behind in its group is stopped too.
            Foundation.kill(-pid, SIGKILL)
        }
        process.waitUntilExit()
    }
}

/// The error of a write on another thread.
final class WriteFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: String?
    func set(_ message: String) { lock.lock(); stored = message; lock.unlock() }
    var message: String? { lock.lock(); defer { lock.unlock() }; return stored }
}
