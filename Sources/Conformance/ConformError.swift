/// A failure of the conversation with an implementation (not a wrong number): the tool stops,
/// names the request that caused it, and exits 2.
///
/// Codes are stable: `C001` the command cannot be started, `C002` no answer within the per-request
/// timeout, `C003` the implementation exited or closed its output, `C004` an answer that is not a
/// valid `ddpm-conform/1` message, `C005` an answer to another request id, `C006` an invalid
/// handshake, `C007` the total time limit was exceeded, `C008` bad usage (a fixture file or an option).
public struct ConformError: Error, Sendable, CustomStringConvertible {
    public var code: String
    /// The request being answered when the conversation broke ("handshake", a case id, a sample id).
    public var request: String?
    public var message: String

    public init(code: String, request: String?, message: String) {
        self.code = code
        self.request = request
        self.message = message
    }

    public var description: String {
        var s = "error: "
        if let request { s += "request \"\(request)\": " }
        return s + message + " [\(code)]"
    }
}
