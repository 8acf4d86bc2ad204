/// The names of the two chains. The forward (diffusion, noising) process runs from the data to
/// noise, q(x_{1:T} | x_0) = ∏ q(x_t | x_{t−1}); the reverse (denoising, generative) process runs
/// from noise to the data, p_θ(x_{0:T}) = p(x_T) ∏ p_θ(x_{t−1} | x_t). A sentence that defines one
/// and names it as the other has the two processes swapped.
extension FormulaJudge {
    enum ProcessDirection: Equatable {
        case forward, reverse

        var name: String { self == .forward ? "forward" : "reverse" }
    }

    /// Names of the reverse process, tried first: several contain a name of the forward one
    /// ("reverse diffusion process", 逆扩散过程).
    static let reverseProcessNames = [
        "reverse diffusion process", "reverse process", "denoising process", "generative process",
        "逆扩散过程", "逆向扩散", "反向扩散", "逆向过程", "反向过程", "去噪过程", "生成过程",
        "逆拡散過程", "逆拡散", "逆過程", "逆方向過程", "逆プロセス", "リバースプロセス",
        "역확산", "역방향 과정", "역방향 프로세스", "역과정", "역 과정", "역방향",
    ]

    static let forwardProcessNames = [
        "forward diffusion process", "forward process", "diffusion process", "noising process",
        "前向扩散", "正向扩散", "前向过程", "正向过程", "扩散过程", "加噪过程",
        "順拡散過程", "拡散過程", "順過程", "順方向過程", "フォワードプロセス",
        "순방향 과정", "순방향 프로세스", "정방향 과정", "전방 과정", "확산 과정", "순방향", "정방향",
    ]

    /// Words for the posterior q(x_{t−1} | x_t, x_0), which runs backwards in time and is still
    /// called the forward process posterior.
    static let posteriorWords = ["posterior", "后验", "後験", "事後", "사후"]

    /// The one process a line names, or nil when it names none or both (or speaks of a posterior).
    static func processNamed(in line: String) -> ProcessDirection? {
        var text = line.lowercased()
        if posteriorWords.contains(where: { text.contains($0) }) { return nil }
        var reverse = false
        for name in reverseProcessNames where text.contains(name) {
            reverse = true
            text = text.replacingOccurrences(name, " ")
        }
        let forward = forwardProcessNames.contains { text.contains($0) }
        if forward == reverse { return nil }
        return forward ? .forward : .reverse
    }

    /// A time index read at a probe step (t = 5, T = 10): `t-1` → 4, `1:T` → 1…10. nil for any
    /// other letter.
    static func probeIndices(_ subscriptText: String) -> [Int]? {
        let text = subscriptText.filter { !$0.isWhitespace && $0 != "{" && $0 != "}" }
        if let colon = text.firstIndex(of: ":") {
            guard let a = probeIndices(String(text[..<colon]))?.first, let b = probeIndices(String(text[text.index(after: colon)...]))?.first, a <= b else { return nil }
            return Array(a...b)
        }
        if let n = Int(text) { return [n] }
        for (letter, value) in [("t", 5), ("T", 10)] {
            if text == letter { return [value] }
            for sign in ["-", "+"] where text.hasPrefix(letter + sign) {
                guard let k = Int(text.dropFirst(2)) else { return nil }
                return [sign == "-" ? value - k : value + k]
            }
        }
        return nil
    }

    /// The probe indices of the states in one argument of a density (`x_t, x_0` → [5, 0]).
    static func stateIndices(_ e: MathExpr) -> [Int]? {
        let parts: [MathExpr]
        if case .product(let fs) = e, fs.allSatisfy({ $0.asSymbol != nil }) { parts = fs } else { parts = [e] }
        var out: [Int] = []
        for p in parts {
            guard let s = p.asSymbol, ["x", "X"].contains(s.base), let sub = s.subscriptText, let i = probeIndices(sub) else { return nil }
            out += i
        }
        return out.isEmpty ? nil : out
    }

    /// The direction of a conditional density: forward when every state it gives comes before
    /// every state it is of (q(x_t | x_{t−1}), q(x_{1:T} | x_0)), reverse when every one comes after.
    static func kernelDirection(_ e: MathExpr) -> ProcessDirection? {
        guard let (h, args) = e.asApplication, ["p", "q"].contains(h.base), args.count >= 2, args[1].separator == "|",
              let targets = stateIndices(args[0].expr) else { return nil }
        var given: [Int] = []
        for a in args.dropFirst() {
            guard let i = stateIndices(a.expr) else { return nil }
            given += i
        }
        guard let lowTarget = targets.min(), let highTarget = targets.max(), let lowGiven = given.min(), let highGiven = given.max() else { return nil }
        if lowTarget > highGiven { return .forward }
        if highTarget < lowGiven { return .reverse }
        return nil
    }

    /// The direction of the conditional densities of a product (the prior factor p(x_T) or q(x_0)
    /// alone has none), when they all agree.
    static func factorsDirection(_ e: MathExpr) -> ProcessDirection? {
        var directions: [ProcessDirection] = []
        var unreadable = false
        func visit(_ e: MathExpr) {
            switch e {
            case .product(let fs): fs.forEach(visit)
            case .bigOperator("prod", _, _, _, let body): visit(body)
            case .application(let h, let args) where ["p", "q"].contains(h.base):
                if args.count == 1 { return }
                if let d = kernelDirection(e) { directions.append(d) } else { unreadable = true }
            default: unreadable = true
            }
        }
        visit(e)
        guard !unreadable, let d = directions.first, directions.allSatisfy({ $0 == d }) else { return nil }
        return d
    }

    /// The number of inline formulas on a line that define a density (`$q(…) = …$`).
    static func densityDefinitions(in line: String) -> Int {
        let pieces = line.split(separator: "$", omittingEmptySubsequences: false)
        return stride(from: 1, to: pieces.count, by: 2).filter { k in
            let math = pieces[k].drop { $0 == " " }
            return (math.hasPrefix("q") || math.hasPrefix("p")) && math.contains("=")
        }.count
    }

    func judgeProcessName(_ chain: FormulaChain, context: String) -> [MathFinding] {
        // The line is searched only for a density definition: a line of many formulas is not
        // searched once per formula.
        guard chain.sides.count >= 2, Self.equalities.contains(chain.relations[0]), chain.relations[0] != "sim",
              let lhs = chain.sides[0].expr, let (head, args) = lhs.asApplication, ["p", "q"].contains(head.base),
              Self.densityDefinitions(in: context) == 1, let named = Self.processNamed(in: context) else { return [] }
        let defined: ProcessDirection?
        if args.count == 1 {
            defined = chain.sides[1].expr.flatMap(Self.factorsDirection)
        } else {
            defined = Self.kernelDirection(lhs)
        }
        guard let defined, defined != named else { return [] }
        let right = defined == .forward
            ? "the forward (diffusion) process: q(x_{1:T} | x_0) = ∏ q(x_t | x_{t−1}) runs from the data to noise"
            : "the reverse (denoising) process: p_θ(x_{0:T}) = p(x_T) ∏ p_θ(x_{t−1} | x_t) runs from noise to the data"
        return [MathFinding(rule: .processNamedBackwards, offset: chain.sides[0].start,
                            message: "the sentence calls this the \(named.name) process, but the density it defines runs the other way: it is \(right)",
                            fix: "call it the \(defined.name) process")]
    }
}
