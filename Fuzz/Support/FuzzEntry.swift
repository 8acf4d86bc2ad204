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
        /// Half token-level text mutations (``TextMutator``), half byte-level.
        case text(tokens: [String])
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

@_silgen_name("LLVMFuzzerMutate")
func LLVMFuzzerMutate(_ data: UnsafeMutablePointer<UInt8>?, _ size: Int, _ maxSize: Int) -> Int

/// The target's own mutation half of the time (and whenever it declines), libFuzzer's otherwise.
@_cdecl("LLVMFuzzerCustomMutator")
public func fuzzCustomMutator(_ data: UnsafeMutablePointer<UInt8>?, _ size: Int, _ maxSize: Int, _ seed: UInt32) -> Int {
    guard let data else { return 0 }
    var random = SplitMix64(seed: UInt64(seed))
    if random.next() % 2 == 0 {
        let input = Array(UnsafeBufferPointer(start: data, count: size))
        let mutated: [UInt8]?
        switch FuzzTarget.current.mutator {
        case .bytes: mutated = nil
        case .json(let names): mutated = JSONMutator.mutate(input, maxSize: maxSize, random: &random, names: names)
        case .text(let tokens): mutated = TextMutator.mutate(input, maxSize: maxSize, random: &random, tokens: tokens)
        }
        if let mutated {
            mutated.withUnsafeBufferPointer { buffer in
                data.update(from: buffer.baseAddress!, count: buffer.count)
            }
            return mutated.count
        }
    }
    return LLVMFuzzerMutate(data, size, maxSize)
}

/// Writes the message to standard error and exits; with `abort`, so that libFuzzer saves the
/// input as a crash.
func fuzzExit(_ message: String, abort shouldAbort: Bool = false) -> Never {
    var text = message + "\n"
    text.withUTF8 { buffer in _ = write(2, buffer.baseAddress, buffer.count) }
    if shouldAbort { abort() }
    exit(2)
}
