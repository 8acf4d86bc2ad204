import CheckerCore

/// The `ddpm-conform/1` line protocol (docs/conform-protocol.md): its name, its messages' fields,
/// and the defaults of the golden options (an option a case does not set, or sets to its default,
/// needs no declared support).
public enum ConformProtocol {
    public static let name = "ddpm-conform/1"

    /// The operations of `ddpm-golden/1`, plus `noise` (the implementation's own N(0, 1) draws).
    public static let operations = [
        "schedule", "qSample", "velocity", "posterior", "ddpmStep", "ddimStep", "timesteps", "normalKL",
        "discretizedGaussianLogLikelihood", "noise",
    ]

    /// The options of each operation, in the order of the format's table.
    public static let optionKeys: [String: [String]] = [
        "ddpmStep": ["predictionType", "varianceType", "clipSample", "clipSampleRange"],
        "ddimStep": ["eta", "predictionType", "clipSample", "clipSampleRange", "setAlphaToOne", "useClippedModelOutput"],
        "timesteps": ["spacing", "stepsOffset"],
    ]

    /// Each option's default value, as `ddpm-golden/1` defines it.
    public static let optionDefaults: [String: JSONValue] = [
        "predictionType": .string("epsilon"),
        "varianceType": .string("fixedSmall"),
        "clipSample": .bool(false),
        "clipSampleRange": .number(1),
        "eta": .number(0),
        "setAlphaToOne": .bool(true),
        "useClippedModelOutput": .bool(false),
        "spacing": .string("leading"),
        "stepsOffset": .number(0),
    ]

    /// The error code an implementation answers for a request it does not support: the request is
    /// reported as not checked.
    public static let unsupportedCode = "unsupported"

    static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(members.map { (key: $0.0, value: $0.1) })
    }

    /// A number array in the case-file convention (non-finite values as strings).
    static func numbers(_ values: [Double]) -> JSONValue {
        .array(values.map { .number($0) })
    }

    /// Decodes a number array where non-finite values may be the strings "NaN", "Infinity",
    /// "-Infinity"; nil when an element is anything else.
    static func decodeNumbers(_ value: JSONValue) -> [Double]? {
        guard case .array(let elements) = value else { return nil }
        var result: [Double] = []
        result.reserveCapacity(elements.count)
        for element in elements {
            switch element {
            case .number(let x): result.append(x)
            case .string("NaN"): result.append(.nan)
            case .string("Infinity"): result.append(.infinity)
            case .string("-Infinity"): result.append(-.infinity)
            default: return nil
            }
        }
        return result
    }
}

/// What an implementation says about itself in the handshake.
public struct ImplementationProfile: Sendable {
    public enum Precision: String, Sendable {
        case float32, float64
    }

    /// Support of one option: every value, or only the listed ones.
    public enum OptionSupport: Sendable {
        case any
        case values([JSONValue])

        func allows(_ value: JSONValue) -> Bool {
            switch self {
            case .any: return true
            case .values(let list): return list.contains(value)
            }
        }
    }

    public var name: String
    public var version: String
    public var precision: Precision
    /// Operation → option → support.
    public var operations: [String: [String: OptionSupport]]
    /// Operations for which the implementation draws its own noise (`sample` requests).
    public var sampling: Set<String>

    public init(name: String, version: String, precision: Precision, operations: [String: [String: OptionSupport]], sampling: Set<String>) {
        self.name = name
        self.version = version
        self.precision = precision
        self.operations = operations
        self.sampling = sampling
    }

    /// Why `op` with `options` is not supported, or nil when it is.
    public func unsupportedReason(op: String, options: JSONValue?) -> String? {
        guard let declared = operations[op] else { return "operation \(op) not supported" }
        guard case .object(let members)? = options else { return nil }
        for (key, value) in members {
            if let support = declared[key] {
                if !support.allows(value) { return "option \(key)=\(ConformReport.describe(value)) not supported" }
            } else if ConformProtocol.optionDefaults[key] != value {
                return "option \(key) not supported"
            }
        }
        return nil
    }

    /// Parses the handshake answer.
    public static func parse(_ answer: JSONValue) throws(ConformError) -> ImplementationProfile {
        func fail(_ message: String) -> ConformError {
            ConformError(code: "C006", request: "handshake", message: message)
        }
        guard case .string(let proto)? = answer["protocol"], proto == ConformProtocol.name else {
            throw fail("the handshake must have \"protocol\": \"\(ConformProtocol.name)\"")
        }
        guard case .string(let name)? = answer["name"], !name.isEmpty else { throw fail("the handshake needs a non-empty string \"name\"") }
        var version = ""
        if let v = answer["version"] {
            guard case .string(let s) = v else { throw fail("\"version\" must be a string") }
            version = s
        }
        guard case .string(let p)? = answer["precision"], let precision = Precision(rawValue: p) else {
            throw fail("the handshake needs \"precision\": \"float32\" or \"float64\"")
        }
        guard case .object(let opMembers)? = answer["ops"] else {
            throw fail("the handshake needs \"ops\": an object from operation name to its options")
        }
        var operations: [String: [String: OptionSupport]] = [:]
        for (op, value) in opMembers {
            guard ConformProtocol.operations.contains(op) else {
                throw fail("ops.\(op): unknown operation; expected one of: \(ConformProtocol.operations.joined(separator: ", "))")
            }
            guard case .object(let optionMembers) = value else { throw fail("ops.\(op): expected an object of options") }
            var options: [String: OptionSupport] = [:]
            for (option, support) in optionMembers {
                switch support {
                case .bool(true): options[option] = .any
                case .array(let values): options[option] = .values(values)
                default: throw fail("ops.\(op).\(option): expected true (every value) or an array of the supported values")
                }
            }
            operations[op] = options
        }
        var sampling: Set<String> = []
        if let s = answer["sample"] {
            guard case .array(let names) = s else { throw fail("\"sample\" must be an array of operation names") }
            for n in names {
                guard case .string(let op) = n, ["ddpmStep", "ddimStep", "noise"].contains(op) else {
                    throw fail("\"sample\" may list ddpmStep, ddimStep and noise only")
                }
                sampling.insert(op)
            }
        }
        return ImplementationProfile(name: name, version: version, precision: precision, operations: operations, sampling: sampling)
    }
}
