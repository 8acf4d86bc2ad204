import CheckerCore
import Foundation

/// Runs the conformance checks against an implementation over a transport.
public struct ConformRunner {
    public var transport: any ConformTransport
    public var sampling: SamplingPlan?

    public init(transport: any ConformTransport, sampling: SamplingPlan? = SamplingPlan()) {
        self.transport = transport
        self.sampling = sampling
    }

    /// The handshake: the checker's hello, the implementation's profile.
    public func handshake() throws(ConformError) -> ImplementationProfile {
        let hello = ConformProtocol.object([("type", .string("hello")), ("id", .string("handshake")), ("protocol", .string(ConformProtocol.name))])
        let answer = try transport.exchange(hello, id: "handshake")
        return try ImplementationProfile.parse(answer)
    }

    /// Every case, then the sampling checks; the transport is closed at the end.
    public func run(cases: [ConformCase]) throws(ConformError) -> ConformReport {
        defer { transport.close() }
        let profile = try handshake()
        var report = ConformReport(profile: profile)
        for c in cases {
            report.cases.append(try check(c, profile: profile))
        }
        if let sampling {
            report.sampling = try sampling.run(transport: transport, profile: profile)
        }
        return report
    }

    /// One case: not checked when the profile does not declare its operation or options (or the
    /// implementation answers `unsupported`), otherwise judged by the golden runner.
    func check(_ c: ConformCase, profile: ImplementationProfile) throws(ConformError) -> CaseResult {
        if let reason = profile.unsupportedReason(op: c.op, options: c.options) {
            return CaseResult(conformCase: c, status: .notChecked(reason))
        }
        let id = c.requestID
        let answer = try transport.exchange(c.request, id: id)
        let result: Result<[String: [Double]], ImplementationError>
        if let error = answer["error"] {
            guard case .string(let code)? = error["code"] else {
                throw ConformError(code: "C004", request: id, message: "\"error\" must be an object with a string \"code\"")
            }
            var message = ""
            if case .string(let m)? = error["message"] { message = m }
            if code == ConformProtocol.unsupportedCode {
                return CaseResult(conformCase: c, status: .notChecked("answered unsupported" + (message.isEmpty ? "" : ": " + message)))
            }
            // The error codes are DiffusionCheck's own; what a case with expectError checks of
            // another implementation is that it refuses the input.
            let equivalent: Set<String> = c.golden.expectError.map { [$0] } ?? []
            result = .failure(ImplementationError(code: code, slug: code, message: message, equivalentCodes: equivalent))
        } else if case .object(let members)? = answer["outputs"] {
            var outputs: [String: [Double]] = [:]
            for (key, value) in members {
                guard let numbers = ConformProtocol.decodeNumbers(value) else {
                    throw ConformError(code: "C004", request: id, message: "outputs.\(key) must be an array of numbers (non-finite values as \"NaN\", \"Infinity\", \"-Infinity\")")
                }
                outputs[key] = numbers
            }
            result = .success(outputs)
        } else {
            throw ConformError(code: "C004", request: id, message: "the answer needs \"outputs\" (an object of arrays) or \"error\"")
        }
        if let expected = c.golden.expectError, case .success = result {
            return CaseResult(conformCase: c, status: .acceptedInvalidInput(expected))
        }
        if c.golden.expectError == nil, case .success(let outputs) = result {
            let (mismatches, margin) = PrecisionComparison(conformCase: c, implementationName: profile.name, precision: profile.precision).check(outputs)
            return CaseResult(conformCase: c, status: mismatches.isEmpty ? .passed : .failed(mismatches), margin: margin)
        }
        let implementation = AnsweredImplementation(name: profile.name, answer: result)
        let mismatches = GoldenRunner(implementations: []).check(c.golden, file: c.filePath, implementation: implementation) ?? []
        return CaseResult(conformCase: c, status: mismatches.isEmpty ? .passed : .failed(mismatches))
    }
}
