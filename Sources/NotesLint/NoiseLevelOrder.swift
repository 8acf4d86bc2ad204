/// The order of the noise levels of a score model. Noise-conditional score networks number their
/// levels one way or the other (σ_1 > σ_2 > … > σ_L in NCSN, ascending elsewhere); a note declares
/// its order once and then names the largest and smallest level, or the direction of annealing,
/// which always runs from the largest level down to the smallest. A statement that contradicts the
/// order the same note declared has the two ends swapped.
enum NoiseLevelOrder {
    /// The declared order: which end of the numbering (`1` or the letter that counts the levels)
    /// is the largest noise.
    struct Declaration: Equatable {
        var largest: String
        var smallest: String
    }

    static let largestWords = ["largest", "maximum", "highest", "biggest", "max noise", "最大", "最も大き", "가장 큰", "최대"]
    static let smallestWords = ["smallest", "minimum", "lowest", "min noise", "最小", "最も小さ", "가장 작은", "최소"]
    static let decreasingWords = ["decreas", "anneal", "減少", "減ら", "减小", "递减", "逐渐减", "감소", "줄여", "줄이"]

    /// The `\sigma_…` of a line: subscript, and scalar offsets of the start and of the end.
    static func levels(in line: [Unicode.Scalar]) -> [(index: String, offset: Int, end: Int)] {
        let pattern = Array("\\sigma_".unicodeScalars)
        var out: [(String, Int, Int)] = []
        var i = 0
        while i + pattern.count <= line.count {
            guard Array(line[i..<(i + pattern.count)]) == pattern else { i += 1; continue }
            var j = i + pattern.count
            var sub = String.UnicodeScalarView()
            if j < line.count, line[j] == "{" {
                j += 1
                while j < line.count, line[j] != "}" { sub.append(line[j]); j += 1 }
                j += 1
            } else if j < line.count {
                sub.append(line[j]); j += 1
            }
            out.append((String(sub).trimmingCharacters(), i, min(j, line.count)))
            i = j
        }
        return out
    }

    /// An end of the numbering: `1`, or one capital letter counting the levels (L, N, K).
    static func isEnd(_ index: String) -> Bool {
        index == "1" || (index.count == 1 && index.first!.isUppercase && index != "T")
    }

    /// The relation written between two consecutive levels: `>` for `>`, `\gt`, `> \cdots >`.
    static func relation(between text: String) -> String? {
        let compact = text.filter { $0 != " " && $0 != "{" && $0 != "}" }
        for (symbol, command) in [(">", "\\gt"), ("<", "\\lt")] {
            let forms = [symbol, command] + ["\\cdots", "\\dots", "\\ldots", "..."].flatMap { [symbol + $0 + symbol, command + $0 + command] }
            if forms.contains(compact) { return symbol }
        }
        return nil
    }

    /// `\sigma_1 > \sigma_2 > \cdots > \sigma_L` (or with `<`): the order of the two ends.
    static func declaration(in line: [Unicode.Scalar]) -> Declaration? {
        let found = levels(in: line)
        var a = 0
        while a + 1 < found.count {
            var k = a
            var order: String?
            var consistent = true
            while k + 1 < found.count, let r = relation(between: String(String.UnicodeScalarView(line[found[k].end..<found[k + 1].offset]))) {
                if order != nil, order != r { consistent = false }
                order = r
                k += 1
            }
            if consistent, let order, k > a, isEnd(found[a].index), isEnd(found[k].index), found[a].index != found[k].index {
                let firstIsLargest = order == ">"
                return Declaration(largest: firstIsLargest ? found[a].index : found[k].index,
                                   smallest: firstIsLargest ? found[k].index : found[a].index)
            }
            a = max(k, a + 1)
        }
        return nil
    }

    static func contains(_ line: String, _ words: [String]) -> Bool {
        let lower = line.lowercased()
        return words.contains { lower.contains($0) }
    }

    /// Words that say where a sequence goes from one level to the next.
    static let directionMarkers = ["\\to", "\\rightarrow", "\\longrightarrow", "→", "->", "から", "到", "to", "에서"]

    static func check(_ sources: [SourceText]) -> [(SourceText, MathFinding)] {
        var declarations: [Declaration] = []
        // The lines that declare the order (text, line), found once and skipped below.
        var declaringLines = Set<[Int]>()
        for (k, source) in sources.enumerated() {
            for n in 1...source.lineCount {
                if let d = declaration(in: Array(source.scalars[source.lineRange(n)])) {
                    declarations.append(d)
                    declaringLines.insert([k, n])
                }
            }
        }
        // No order, or two different ones (a note comparing two papers): nothing to hold the text to.
        guard let order = declarations.first, declarations.allSatisfy({ $0 == order }) else { return [] }
        var findings: [(SourceText, MathFinding)] = []
        for (k, source) in sources.enumerated() {
            for n in 1...source.lineCount where !declaringLines.contains([k, n]) {
                let range = source.lineRange(n)
                let line = Array(source.scalars[range])
                let text = source.slice(range.lowerBound, range.upperBound)
                let found = levels(in: line)
                if found.count == 1, isEnd(found[0].index), [order.largest, order.smallest].contains(found[0].index) {
                    let saysLargest = contains(text, largestWords), saysSmallest = contains(text, smallestWords)
                    if saysLargest != saysSmallest {
                        let claimed = saysLargest ? order.largest : order.smallest
                        if claimed != found[0].index {
                            findings.append((source, MathFinding(
                                rule: .noiseLevelOrder, offset: range.lowerBound + found[0].offset,
                                message: "σ_\(found[0].index) is called the \(saysLargest ? "largest" : "smallest") noise level, but the note orders its levels with σ_\(order.largest) the largest and σ_\(order.smallest) the smallest",
                                fix: "σ_\(claimed) is the \(saysLargest ? "largest" : "smallest") noise level")))
                        }
                    }
                    continue
                }
                // `σ_L → σ_1`, `σ_L から σ_1 へ`, `from σ_L to σ_1` with a word for decreasing noise.
                guard found.count >= 2, contains(text, decreasingWords) else { continue }
                let a = found[0], b = found[1]
                guard isEnd(a.index), isEnd(b.index), a.index != b.index,
                      Set([a.index, b.index]) == Set([order.largest, order.smallest]) else { continue }
                let between = String(String.UnicodeScalarView(line[a.end..<b.offset]))
                guard directionMarkers.contains(where: { between.contains($0) }) else { continue }
                guard a.index == order.smallest else { continue }
                findings.append((source, MathFinding(
                    rule: .noiseLevelOrder, offset: range.lowerBound + a.offset,
                    message: "annealing lowers the noise, so it runs from the largest level to the smallest; with the note's order (σ_\(order.largest) the largest, σ_\(order.smallest) the smallest) going from σ_\(a.index) to σ_\(b.index) raises it",
                    fix: "from σ_\(order.largest) down to σ_\(order.smallest)")))
            }
        }
        return findings
    }
}
