/// ᾱ_t = ∏_{s ≤ t} α_s = ∏_{s ≤ t} (1 − β_s) is the cumulative product of the α_s, the fractions of
/// variance kept at each step. Prose that calls ᾱ_t the cumulative product of the variances β_s
/// (or of the betas) defines another number: ∏ β_s is about 10⁻⁴ᵗ, not a signal level near 1.
enum AlphaBarWording {
    static let productPhrases = ["cumulative product of", "cumulative products of", "cumprod of", "running product of", "累乘", "累积乘积", "累積積", "累積乗", "누적 곱"]
    static let alphaBarNames = ["\\bar{\\alpha}", "\\bar\\alpha", "\\overline{\\alpha}", "\\overline\\alpha", "ᾱ", "alpha_bar", "alphas_cumprod", "alpha_cumprod", "alpha bar"]
    static let varianceWords = ["variance", "beta", "\\beta", "β", "方差", "分散", "분산"]
    /// Words that, between the phrase and the variance, make the product one of 1 − β.
    static let complementWords = ["1-", "1 -", "1 −", "(1", "one minus", "alpha", "\\alpha", "α", "kept", "retained", "1减", "1 減"]

    static func check(_ sources: [SourceText]) -> [(SourceText, MathFinding)] {
        var findings: [(SourceText, MathFinding)] = []
        for source in sources {
            for n in 1...source.lineCount {
                let range = source.lineRange(n)
                let text = source.slice(range.lowerBound, range.upperBound)
                let lower = text.lowercased()
                guard alphaBarNames.contains(where: { lower.contains($0.lowercased()) }) else { continue }
                for phrase in productPhrases {
                    guard let found = lower.range(of: phrase) else { continue }
                    // The words that say what is multiplied: a short window after the phrase.
                    let after = String(lower[found.upperBound...].prefix(24))
                    guard let variance = varianceWords.compactMap({ after.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) else { continue }
                    let before = String(after[..<variance.lowerBound])
                    guard !complementWords.contains(where: { before.contains($0) }) else { continue }
                    let offset = range.lowerBound + lower.unicodeScalars.distance(from: lower.unicodeScalars.startIndex, to: found.lowerBound.samePosition(in: lower.unicodeScalars) ?? lower.unicodeScalars.startIndex)
                    findings.append((source, MathFinding(
                        rule: .alphaBarWording, offset: offset,
                        message: "ᾱ_t is the cumulative product of the α_s = 1 − β_s (the variance kept at each step), not of the variances β_s: ∏ β_s is a vanishing number, ᾱ_t starts near 1",
                        fix: "ᾱ_t = ∏_{s=1}^t α_s = ∏_{s=1}^t (1 − β_s)")))
                    break
                }
            }
        }
        return findings
    }
}
