// A token-level mutator for the text targets (Markdown with LaTeX, Python). Byte flips seldom
// produce a balanced or deliberately unbalanced formula; this one inserts a token of the
// language at a random place, removes one delimiter (unterminated math, unclosed brackets),
// repeats a short piece many times (deep nesting, long lines) or swaps two lines.

enum TextMutator {
    static func mutate(_ input: [UInt8], maxSize: Int, random: inout SplitMix64, tokens: [String]) -> [UInt8]? {
        var bytes = input
        func position() -> Int { Int(random.next() % UInt64(bytes.count + 1)) }
        switch random.next() % 5 {
        case 0, 1:
            let token = Array(tokens[Int(random.next() % UInt64(tokens.count))].utf8)
            bytes.insert(contentsOf: token, at: position())
        case 2:
            let delimiters: Set<UInt8> = [UInt8(ascii: "$"), UInt8(ascii: "}"), UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "`"), UInt8(ascii: "\"")]
            let indices = bytes.indices.filter { delimiters.contains(bytes[$0]) }
            guard !indices.isEmpty else { return nil }
            bytes.remove(at: indices[Int(random.next() % UInt64(indices.count))])
        case 3:
            let token = Array(tokens[Int(random.next() % UInt64(tokens.count))].utf8)
            let times = Int(random.next() % 2000) + 2
            guard token.count * times + bytes.count <= maxSize else { return nil }
            bytes.insert(contentsOf: Array([[UInt8]](repeating: token, count: times).joined()), at: position())
        default:
            var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
            guard lines.count > 1 else { return nil }
            let i = Int(random.next() % UInt64(lines.count)), j = Int(random.next() % UInt64(lines.count))
            lines.swapAt(i, j)
            bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
        }
        guard !bytes.isEmpty, bytes.count <= maxSize else { return nil }
        return bytes
    }
}
