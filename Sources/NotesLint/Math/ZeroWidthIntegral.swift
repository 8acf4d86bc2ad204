/// `\int_{a}^{a} f(x)\,dx`: an integral whose two limits are the same expression is 0 whatever it
/// integrates. In a note it is a slip of one limit, such as the decoder's bin
/// ∫_{δ−(x)}^{δ+(x)} N(x; μ_θ, σ²) dx written with δ− twice. A limit that is one number or one
/// symbol is left alone: notes evaluate ∫_0^0 f = 0 and Φ(s, s) = exp(∫_s^s A) = I on purpose.
enum ZeroWidthIntegral {
    /// The offsets of the `\int` tokens whose lower and upper limits are the same expression of
    /// two tokens or more.
    static func offsets(in tokens: [TexToken]) -> [Int] {
        var out: [Int] = []
        var k = 0
        while k < tokens.count {
            defer { k += 1 }
            guard tokens[k].isCommand("int") else { continue }
            var j = k + 1
            if j < tokens.count, tokens[j].isCommand("limits") || tokens[j].isCommand("nolimits") { j += 1 }
            var limits: [Character: [TexToken.Kind]] = [:]
            for _ in 0..<2 {
                guard j < tokens.count, case .char(let mark) = tokens[j].kind, mark == "_" || mark == "^", limits[mark] == nil,
                      let (limit, next) = argument(tokens, at: j + 1) else { break }
                limits[mark] = limit
                j = next
            }
            if let lower = limits["_"], let upper = limits["^"], lower.count >= 2, lower == upper { out.append(tokens[k].start) }
        }
        return out
    }

    /// A braced group's tokens (without the braces) or a single token, and the index after it.
    static func argument(_ tokens: [TexToken], at start: Int) -> ([TexToken.Kind], Int)? {
        guard start < tokens.count else { return nil }
        guard tokens[start].isChar("{") else { return ([tokens[start].kind], start + 1) }
        var depth = 0
        for j in start..<tokens.count {
            if tokens[j].isChar("{") { depth += 1 }
            if tokens[j].isChar("}") {
                depth -= 1
                if depth == 0 { return (tokens[(start + 1)..<j].map(\.kind), j + 1) }
            }
        }
        return nil
    }
}
