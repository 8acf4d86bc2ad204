// A structure-aware mutator for the JSON-based targets (case files, scheduler configs,
// notebooks). Byte flips rarely keep a document valid, so most of them stop in the JSON reader;
// this mutator parses the input, changes one value of the tree in a way that matters to the
// readers behind it (extreme and subnormal numbers, ±0, the "NaN"/"Infinity" strings, known keys
// and names, duplicated or emptied arrays, deep nesting, repeated keys), writes it back, and
// sometimes cuts the text short (unterminated documents). `fuzzCustomMutator` (FuzzEntry.swift)
// uses it for half of the mutations of the JSON-based targets.

import CheckerCore

/// A small, fast, seedable generator (Steele, Lea, Flood 2014).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum JSONMutator {
    /// Numbers at the edges: ±0, subnormals, the extremes, values next to 0 and 1 (β near 0 and
    /// near 1), integers past 2⁵³ and past the Int range, and timestep-like counts.
    static let extremeNumbers: [Double] = [
        0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 2.2250738585072014e-308, 1e-300, 1e-20, 1e-17, 1.1102230246251565e-16,
        0.9999999999999999, 1, 1.0000000000000002, 0.5, -1, 2, 1e15, 999_999_999_999_999, 9_007_199_254_740_992, 18_014_398_509_481_984,
        1e19, 1e300, 1.7976931348623157e308, -1.7976931348623157e308, 1e6, 1e5, 100_001, 1000, 999, 4294967296,
        -2_147_483_649, 0.02, 0.0001, 0.999, 1e-4,
    ]

    static let specialStrings = ["NaN", "Infinity", "-Infinity", "", "nan", "inf", "1e400", "\u{0}", "é", "\u{FEFF}"]

    static func mutate(_ input: [UInt8], maxSize: Int, random: inout SplitMix64, names: [String]) -> [UInt8]? {
        guard let text = String(validating: input, as: UTF8.self), let root = try? JSONValue.parse(text) else { return nil }
        let count = nodeCount(root)
        var mutated = root
        // One to three changes per call.
        for _ in 0...Int(random.next() % 3) {
            var counter = 0
            let target = Int(random.next() % UInt64(max(count, 1)))
            mutated = transform(mutated, target: target, counter: &counter, root: root, random: &random, names: names)
        }
        let indent = random.next() % 3 == 0 ? 2 : 0
        var bytes = Array(mutated.serialized(indent: indent).utf8)
        if random.next() % 16 == 0, bytes.count > 1 {
            bytes.removeLast(Int(random.next() % UInt64(bytes.count)))
        }
        guard !bytes.isEmpty, bytes.count <= maxSize else { return nil }
        return bytes
    }

    static func nodeCount(_ value: JSONValue) -> Int {
        switch value {
        case .array(let elements): return 1 + elements.reduce(0) { $0 + nodeCount($1) }
        case .object(let members): return 1 + members.reduce(0) { $0 + nodeCount($1.value) }
        default: return 1
        }
    }

    /// The value with its `target`-th node (preorder) changed.
    static func transform(_ value: JSONValue, target: Int, counter: inout Int, root: JSONValue, random: inout SplitMix64, names: [String]) -> JSONValue {
        let index = counter
        counter += 1
        if index == target { return change(value, root: root, random: &random, names: names) }
        switch value {
        case .array(let elements):
            return .array(elements.map { transform($0, target: target, counter: &counter, root: root, random: &random, names: names) })
        case .object(let members):
            return .object(members.map { ($0.key, transform($0.value, target: target, counter: &counter, root: root, random: &random, names: names)) })
        default:
            return value
        }
    }

    static func pick<T>(_ items: [T], _ random: inout SplitMix64) -> T {
        items[Int(random.next() % UInt64(items.count))]
    }

    static func someNumber(_ random: inout SplitMix64) -> JSONValue {
        random.next() % 4 == 0 ? .string(pick(["NaN", "Infinity", "-Infinity"], &random)) : .number(pick(extremeNumbers, &random))
    }

    static func change(_ value: JSONValue, root: JSONValue, random: inout SplitMix64, names: [String]) -> JSONValue {
        switch random.next() % 10 {
        case 0:
            // Deep nesting around the value, up to past the reader's limit.
            let depth = Int(random.next() % 600) + 1
            var nested = value
            let asObject = random.next() % 2 == 0
            for _ in 0..<depth { nested = asObject ? .object([(key: pick(names, &random), value: nested)]) : .array([nested]) }
            return nested
        case 1:
            return someNumber(&random)
        case 2:
            return .string(random.next() % 2 == 0 ? pick(names, &random) : pick(specialStrings, &random))
        case 3:
            return pick([.null, .bool(true), .bool(false), .array([]), .object([])], &random)
        case 4:
            // A copy of another part of the same document.
            var counter = 0
            return subtree(root, index: Int(random.next() % UInt64(nodeCount(root))), counter: &counter) ?? value
        default:
            break
        }
        switch value {
        case .number(let x):
            switch random.next() % 4 {
            case 0: return .number(-x)
            case 1: return .number(x.nextUp)
            case 2:
                let scaled = x * pick([1e-300, 1e-10, 10, 1e10, 1e300], &random)
                return scaled.isFinite ? .number(scaled) : .string("Infinity")
            default: return someNumber(&random)
            }
        case .string:
            return .string(random.next() % 2 == 0 ? pick(names, &random) : String(repeating: pick(names, &random), count: Int(random.next() % 64) + 1))
        case .array(var elements):
            switch random.next() % 5 {
            case 0 where !elements.isEmpty: elements.remove(at: Int(random.next() % UInt64(elements.count)))
            case 1 where !elements.isEmpty && elements.count < 4096: elements += elements
            case 2: elements = []
            case 3 where !elements.isEmpty: elements[Int(random.next() % UInt64(elements.count))] = someNumber(&random)
            default: elements.append(elements.last ?? someNumber(&random))
            }
            return .array(elements)
        case .object(var members):
            switch random.next() % 5 {
            case 0 where !members.isEmpty: members.remove(at: Int(random.next() % UInt64(members.count)))
            case 1 where !members.isEmpty: members.append(members[Int(random.next() % UInt64(members.count))])
            case 2 where !members.isEmpty:
                let i = Int(random.next() % UInt64(members.count))
                members[i] = (key: pick(names, &random), value: members[i].value)
            default: members.append((key: pick(names, &random), value: someNumber(&random)))
            }
            return .object(members)
        default:
            return someNumber(&random)
        }
    }

    static func subtree(_ value: JSONValue, index: Int, counter: inout Int) -> JSONValue? {
        if counter == index { return value }
        counter += 1
        switch value {
        case .array(let elements):
            for e in elements { if let found = subtree(e, index: index, counter: &counter) { return found } }
        case .object(let members):
            for m in members { if let found = subtree(m.value, index: index, counter: &counter) { return found } }
        default: break
        }
        return nil
    }
}
