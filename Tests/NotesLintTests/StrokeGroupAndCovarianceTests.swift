import CheckerCore
import Testing
@testable import NotesLint

/// `\cancel{q(x_{t−1} | x_0})` strikes what it holds where it stands, so a parenthesis that crosses
/// its braces is drawn balanced (like a colour group); a weight vector mixed between a covariance
/// score and a variance score (`w * covar + (1 - w) * var`) is no learned-range interpolation.
/// The wrong forms are still found.
struct StrokeGroupAndCovarianceTests {
    static func lint(_ text: String) throws -> [Diagnostic] {
        try NotesLinter.lint(text: text + "\n", path: "n.md")
    }

    @Test func aParenthesisAcrossACancelGroupIsQuiet() throws {
        let d = try Self.lint("$$\\log \\frac{p(x_{t-1}|x_t)\\cancel{q(x_{t-1}|x_0})}{q(x_{t-1}|x_t, x_0)\\bcancel{q(x_t|x_0})}$$")
        #expect(d.filter { $0.code == "DL303" }.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aParenthesisNeverClosedInsideACancelGroupIsStillFound() throws {
        let d = try Self.lint("$$\\log \\frac{p(x_{t-1}|x_t)\\cancel{q(x_{t-1}|x_0}}{q(x_{t-1}|x_t, x_0)}$$")
        #expect(d.filter { $0.code == "DL303" }.count == 1, "\(Corpus.describe(d))")
    }

    @Test func aCovarianceMixIsNoLearnedRange() {
        let code = """
            import numpy as np


            def allocate(var, covar, step, steps, beta):
                w = step / steps
                coeff = w * covar + (1 - w) * var
                return beta * coeff

            """
        #expect(CodeProbe.run(code).diagnostics.filter { $0.code == "DL215" }.isEmpty)
    }

    @Test func theLearnedRangeInVariancesIsStillFound() {
        let code = """
            import torch


            def model_variance(model_output, min_var, maxvar):
                frac = (model_output + 1) / 2
                return frac * maxvar + (1 - frac) * min_var

            """
        #expect(CodeProbe.run(code).diagnostics.filter { $0.code == "DL215" }.count == 1)
    }
}
