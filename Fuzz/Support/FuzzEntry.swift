// The libFuzzer entry points. One binary holds every target; the environment variable
// FUZZ_TARGET (set by scripts/fuzz.sh) says which one runs.

#if canImport(Glibc)
import Glibc
#endif

/// A fuzz target: its name, how its inputs are mutated, and the properties every input must keep.
struct FuzzTarget: Sendable {
    enum Mutator: Sendable {
        /// libFuzzer's byte-level mutations only (with the target's dictionary, if any).
        case bytes
        /// Half structure-aware JSON mutations (``JSONMutator``), half byte-level.
        case json(names: [String])
    }

    var name: String
    var mutator: Mutator
    var check: @Sendable ([UInt8]) -> FuzzFindings

    init(name: String, mutator: Mutator, check: @escaping @Sendable ([UInt8]) -> FuzzFindings) {
        self.name = name
        self.mutator = mutator
        self.check = check
    }

    /// The target named by FUZZ_TARGET.
    static let current: FuzzTarget = {
        let requested = getenv("FUZZ_TARGET").map { String(cString: $0) } ?? ""
        guard let target = all.first(where: { $0.name == requested }) else {
            fuzzExit("FUZZ_TARGET must name a target, one of: \(all.map(\.name).joined(separator: ", ")); got \"\(requested)\"")
        }
        return target
    }()
}

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    _ = FuzzTarget.current
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = (data != nil && size > 0) ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    let findings = FuzzTarget.current.check(input)
    if !findings.isEmpty { fuzzExit("fuzz property violated (\(FuzzTarget.current.name)):\n\(findings)", abort: true) }
    return 0
}

/// Writes the message to standard error and exits; with `abort`, so that libFuzzer saves the
/// input as a crash.
func fuzzExit(_ message: String, abort shouldAbort: Bool = false) -> Never {
    var text = message + "\n"
    text.withUTF8 { buffer in _ = write(2, buffer.baseAddress, buffer.count) }
    if shouldAbort { abort() }
    exit(2)
}
