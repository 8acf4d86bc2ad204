import CheckerCore
import Foundation
import Testing
@testable import NotesLint

/// The user's notes (a committed copy of the seed file): every error on its line, nothing else.
///
/// The expected list, decided line by line:
/// - 24, 195, 271: the forward step's noise is β_t·ε where √β_t·ε belongs (DL101);
/// - 45, 46: (1 − α)·ε where √(1 − α)·ε belongs (DL101);
/// - 56: the left side says q(x_t | x_{t−1}) but the right side is in x_{t−2} (DL115);
/// - 57, 58: the two-step merge adds β where √β belongs (DL105);
/// - 85, 86, 87, 89: a stray ')' in `p({x_{1:T}|x_{0}}))` and `p_θ(x_{1:T}))` (DL303);
/// - 109, 111, 113, 115, 117, 119, 124: `p({x_{T})` closes a parenthesis inside a brace group (DL303);
/// - 90: the step "改为联合概率分布" turns q(x_{1:T} | x_0) into the joint q(x_{1:T}, x_0) (DL118);
/// - 96: the bound restated with that joint in the numerator (DL118);
/// - 102: ∏ q(x_t | x_{t−1}) is q(x_{1:T} | x_0), not the joint (DL116);
/// - 154: the posterior written with β_t instead of β̃_t (DL106);
/// - 171: "x_t − ε_θ(x_t, t)" given as the simplified denoising step (DL109);
/// - 213, 291: rand_like for the noise (DL201);
/// - 215: alpha_bars without [t] (DL203);
/// - 227: min_beta 2e-2 and max_beta 1e-4 swapped, against line 18's [0.0001, 0.02] (DL301);
/// - 234: the swapped values fed to linspace, a decreasing β (DL202);
/// - 277: the backward formula inverts the wrong forward step (DL109);
/// - 283: the def line misses its colon (DL212);
/// - 289: the posterior variance in code, β_t·ᾱ_t (DL204);
/// - 291: noise still added at t = 0, the `if t == 0` branch is overwritten (DL210);
/// - 291: x_t is not defined, the parameter is x (DL211).
/// Right and left alone: q(x_t | x_0) on 66 and 206, the forward kernel on 23 and 194, the
/// definitions on 34–35 and 253–254, L_simple on 160, the cosine code on 241–247 (alphas/alphas[0]
/// is the improved-diffusion form), cumprod on 260, the mean in sample_backward on 294.
struct SeedNotesTests {
    static let expected: Set<String> = [
        "24 DL101", "45 DL101", "46 DL101", "56 DL115", "57 DL105", "58 DL105",
        "85 DL303", "86 DL303", "87 DL303", "89 DL303", "90 DL118", "96 DL118", "102 DL116",
        "109 DL303", "111 DL303", "113 DL303", "115 DL303", "117 DL303", "119 DL303", "124 DL303",
        "154 DL106", "171 DL109", "195 DL101", "213 DL201", "215 DL203", "227 DL301", "234 DL202",
        "271 DL101", "277 DL109", "283 DL212", "289 DL204", "291 DL201", "291 DL210", "291 DL211",
    ]

    func seedDiagnostics() throws -> [Diagnostic] {
        let url = Corpus.corpus.appendingPathComponent("seed-ddpm-notes.md")
        return try NotesLinter.lint(text: Corpus.text(url), path: "ddpm-notes.md")
    }

    @Test func everyErrorOnItsLineAndNothingElse() throws {
        let d = try seedDiagnostics()
        let got = Set(d.map { "\($0.location?.line ?? 0) \($0.code)" })
        #expect(got == Self.expected, "missing: \(Self.expected.subtracting(got).sorted()), unexpected: \(got.subtracting(Self.expected).sorted())\n\(Corpus.describe(d))")
        #expect(d.count == Self.expected.count, "duplicates:\n\(Corpus.describe(d))")
    }

    @Test func formulaFindingsGiveTheRightFormula() throws {
        let d = try seedDiagnostics()
        for f in d where f.code.hasPrefix("DL1") || (f.code.hasPrefix("DL2") && f.code != "DL212") {
            #expect(f.fix != nil, "\(DiagnosticReport.textLine(f))")
        }
        let forward = d.first { $0.location?.line == 24 }
        #expect(forward?.fix == "x_t = √(1 − β_t)·x_{t−1} + √β_t·ε")
        let alphaForm = d.first { $0.location?.line == 46 }
        #expect(alphaForm?.fix == "x_{t−1} = √α_{t−1}·x_{t−2} + √(1 − α_{t−1})·ε")
        let merge = d.first { $0.location?.line == 57 }
        #expect(merge?.fix == "x_t = √(α_tα_{t−1})·x_{t−2} + √(1 − α_tα_{t−1})·ε̄")
        let posterior = d.first { $0.location?.line == 154 }
        #expect(posterior?.fix?.contains("β̃_t = (1 − ᾱ_{t−1})/(1 − ᾱ_t)·β_t") == true)
        let variance = d.first { $0.location?.line == 289 }
        #expect(variance?.fix == "self.betas[t] * (1 - self.alpha_bars_prev[t]) / (1 - self.alpha_bars[t])")
    }

    @Test func positionsAreExactColumns() throws {
        let d = try seedDiagnostics()
        // Line 213 is "\teps = torch.rand_like(x_0)": the call starts at column 8.
        #expect(d.first { $0.location?.line == 213 }?.location?.column == 8)
        // Line 24 is "& = \sqrt{1-\beta_t} …": the right side starts at column 5.
        #expect(d.first { $0.location?.line == 24 }?.location?.column == 5)
        // The missing colon is reported right after ")" on line 283.
        #expect(d.first { $0.code == "DL212" }?.location?.column == 30)
    }
}
