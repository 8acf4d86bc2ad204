import CheckerCore
import Testing
@testable import NotesLint

/// TeX reads a macro's argument as one brace group or, unbraced, one token. Equation numbers and
/// labels are never part of a formula's value, however they are written.
struct TexArgumentTests {
    static func lint(_ text: String) throws -> [Diagnostic] {
        try NotesLinter.lint(text: text + "\n", path: "tex.md")
    }

    /// The value of a formula of numbers only, as the parser reads it.
    static func value(_ tex: String) -> Double? {
        let scalars = Array(tex.unicodeScalars)
        guard let e = TexParser.parse(TexLexer.tokenize(scalars, from: 0, to: scalars.count)) else { return nil }
        var ev = MathEvaluator(schedule: PaperSchedule.probes[0].schedule, t: 1, convention: .ddpm)
        return ev.evaluate(e)
    }

    @Test func unbracedDigitsAreOneTokenEach() {
        #expect(Self.value("\\frac12") == 0.5)
        #expect(Self.value("\\frac 1 2") == 0.5)
        #expect(Self.value("\\frac123") == 1.5)
        #expect(Self.value("\\dfrac34") == 0.75)
        #expect(Self.value("\\sqrt 49") == 18)
        #expect(Self.value("\\frac 1{4}") == 0.25)
    }

    @Test func equationNumbersAreNotFactors() {
        #expect(Self.value("3 \\tag 4") == 3)
        #expect(Self.value("3 \\tag{4}") == 3)
        #expect(Self.value("3 \\tag*{4}") == 3)
        #expect(Self.value("3 \\tag 12") == 3)
        #expect(Self.value("3 \\label{eq:three}") == 3)
        #expect(Self.value("3 \\nonumber") == 3)
        #expect(Self.value("3 \\notag") == 3)
    }

    /// x̂_0 from ε, numbered in three ways: right each time; with a sign slip, still wrong.
    static let numberings = ["\\tag 2", "\\tag*{2}", "\\label{eq:x0}\\tag{2}"]

    @Test(arguments: numberings)
    func aNumberedEquationIsJudgedWithoutItsNumber(_ number: String) throws {
        let right = try Self.lint("$$\n\\hat x_0 = \\frac{x_t - \\sqrt{1-\\bar\\alpha_t}\\,\\epsilon_\\theta(x_t,t)}{\\sqrt{\\bar\\alpha_t}} \(number)\n$$")
        #expect(!right.contains { $0.code == "DL108" }, "\(Corpus.describe(right))")
        let wrong = try Self.lint("$$\n\\hat x_0 = \\frac{x_t + \\sqrt{1-\\bar\\alpha_t}\\,\\epsilon_\\theta(x_t,t)}{\\sqrt{\\bar\\alpha_t}} \(number)\n$$")
        #expect(wrong.contains { $0.code == "DL108" }, "\(Corpus.describe(wrong))")
    }

    /// `\end{aligned} \tag 5`: the number after the environment does not multiply its last row.
    @Test func aNumberAfterAnAlignedBlockLeavesTheLastRowAlone() throws {
        let rows = "\\tilde\\beta_t &= \\frac{1-\\bar\\alpha_{t-1}}{1-\\bar\\alpha_t}\\beta_t \\\\\n\\tilde\\mu_t(x_t, x_0) &= \\frac{\\sqrt{\\alpha_t}(1-\\bar\\alpha_{t-1})}{1-\\bar\\alpha_t}x_t + \\frac{\\sqrt{\\bar\\alpha_{t-1}}SLOT}{1-\\bar\\alpha_t}x_0"
        let right = try Self.lint("$$\n\\begin{aligned}\n" + rows.replacingOccurrences(of: "SLOT", with: "\\beta_t") + "\n\\end{aligned} \\tag 5\n$$")
        #expect(!right.contains { $0.code == "DL107" }, "\(Corpus.describe(right))")
        let wrong = try Self.lint("$$\n\\begin{aligned}\n" + rows.replacingOccurrences(of: "SLOT", with: "\\alpha_t") + "\n\\end{aligned} \\tag 5\n$$")
        #expect(wrong.contains { $0.code == "DL107" }, "\(Corpus.describe(wrong))")
    }

    /// `\sqrt \frac{a}{b} x`: the root takes the fraction, x stands outside it.
    @Test func anUnbracedRootTakesTheWholeFraction() throws {
        #expect(Self.value("\\sqrt \\frac{1}{4} 3") == 1.5)
        let right = try Self.lint("$$x_{t-1} = \\sqrt \\frac{1}{\\alpha_t} \\left(x_t - \\frac{\\beta_t}{\\sqrt{1-\\bar\\alpha_t}}\\epsilon_\\theta(x_t,t)\\right) + \\sigma_t z$$")
        #expect(!right.contains { $0.code == "DL109" }, "\(Corpus.describe(right))")
        let wrong = try Self.lint("$$x_{t-1} = \\sqrt \\frac{1}{\\alpha_t} \\left(x_t + \\frac{\\beta_t}{\\sqrt{1-\\bar\\alpha_t}}\\epsilon_\\theta(x_t,t)\\right) + \\sigma_t z$$")
        #expect(wrong.contains { $0.code == "DL109" }, "\(Corpus.describe(wrong))")
    }
}

/// A number or words in parentheses set off by spacing at the end of a row label the equation,
/// as `\tag` does; parentheses that may hold a factor stay part of the value.
struct ParenthesisedLabelTests {
    @Test func aLabelEndingARowIsNoFactor() {
        #expect(TexArgumentTests.value("3 \\;\\; (12)") == 3)
        #expect(TexArgumentTests.value("3 \\quad (4.2)") == 3)
        #expect(TexArgumentTests.value("3 ~ (7)") == 3)
        #expect(TexArgumentTests.value("3 \\qquad (forward step)") == 3)
        // Factors: no spacing before them, or TeX inside, or too short to be a word.
        #expect(TexArgumentTests.value("3 (12)") == 36)
        #expect(TexArgumentTests.value("3 \\cdot (1 - 0.5)") == 1.5)
        #expect(TexArgumentTests.value("3 \\, (1 - 0.5)") == 1.5)
        // Only what ends its row is a label.
        func label(_ tex: String) -> Bool {
            let s = Array(tex.unicodeScalars)
            return TexLexer.equationLabelEnd(s, at: 0, end: s.count) != nil
        }
        #expect(label(" (12) \\\\ y") && label("(Reverse step)") && label("(closed form) \\end{aligned}"))
        #expect(!label("(2) + 1") && !label("(ab)") && !label("(x_t - a)") && !label("(1 - 2)") && !label("(a b)"))
    }

    static let mean = "\\frac{1}{\\sqrt{\\alpha_t}}\\left(x_t - \\frac{\\beta_t}{\\sqrt{1-\\bar\\alpha_t}}\\epsilon_\\theta(x_t,t)\\right)"
    static let slipped = "\\frac{1}{\\sqrt{\\alpha_t}}\\left(x_t + \\frac{\\beta_t}{\\sqrt{1-\\bar\\alpha_t}}\\epsilon_\\theta(x_t,t)\\right)"

    @Test(arguments: [
        "\\;\\; (12) \\\\ y &= 1",
        "\\quad (Reverse Step - DDPM) \\\\ y &= 1",
        "&& (3.4) \\\\ y &= 1",
        "\\ (sampling rule)",
    ])
    func aLabelledReverseStepIsJudgedWithoutItsLabel(_ label: String) throws {
        let right = try TexArgumentTests.lint("$$\\begin{aligned} x_{t-1} &= \(Self.mean) + \\sigma_t z \(label) \\end{aligned}$$")
        #expect(right.isEmpty, "\(Corpus.describe(right))")
        let wrong = try TexArgumentTests.lint("$$\\begin{aligned} x_{t-1} &= \(Self.slipped) + \\sigma_t z \(label) \\end{aligned}$$")
        #expect(wrong.contains { $0.code == "DL109" }, "\(Corpus.describe(wrong))")
    }
}

/// `ε_θ^t(x_t)`: a time variable alone over a model's output, with its arguments after it, labels
/// the step as `ε_θ^{(t)}(x_t)` does; it is no power.
struct BareStepSuperscriptTests {
    static func step(_ eps: String, sign: String) -> String {
        "$$x_{t-1} = \\frac{1}{\\sqrt{\\alpha_t}}\\left(x_t \(sign) \\frac{\\beta_t}{\\sqrt{1-\\bar\\alpha_t}}\(eps)(x_t)\\right) + \\sigma_t z$$"
    }

    @Test(arguments: ["\\epsilon_\\theta^t", "\\epsilon_{\\theta}^{t}", "\\boldsymbol{\\epsilon}_\\theta^{s}"])
    func aStepLabelWithoutParenthesesIsNoPower(_ eps: String) throws {
        let right = try TexArgumentTests.lint(Self.step(eps, sign: "-"))
        #expect(right.isEmpty, "\(Corpus.describe(right))")
        let wrong = try TexArgumentTests.lint(Self.step(eps, sign: "+"))
        #expect(wrong.contains { $0.code == "DL109" }, "\(Corpus.describe(wrong))")
    }

    /// Over a quantity that is not a model's output, `^t` stays a power (the evaluator's t is 1).
    @Test func otherwiseTheSuperscriptIsAPower() {
        #expect(TexArgumentTests.value("2^t") == 2)
        #expect(TexArgumentTests.value("2^t (3)") == 6)
    }
}

/// Parentheses and bare brace groups: a group that only groups is not a level of the formula, so a
/// parenthesis it leaves open may close anywhere after it; an argument's braces always are a level.
struct BareGroupTests {
    static func delimiterWarnings(_ tex: String) throws -> [Diagnostic] {
        try TexArgumentTests.lint(tex).filter { $0.code == "DL303" }
    }

    @Test(arguments: [
        "$$\\Sigma_t = {(1-\\bar{\\alpha}_t})I$$",
        "$$q(x_t|x_0) = \\mathcal{N}(x_t; \\sqrt{\\bar\\alpha_t}x_0, {(1-\\bar\\alpha_t})\\mathbf{I})$$",
        "$$v = {(a+b]}$$",
        "$$a = {(b+c} d)$$",
        // A sized parenthesis opened in a bare group and closed by its partner after other terms.
        "$$L = \\exp\\Big({-\\frac{1}{2}\\Big({\\frac{u}{v}}}+{\\frac{w}{z}}\\Big)\\Big)$$",
        "$$E = \\mathbb{E}\\Big[{-\\frac{1}{2\\beta_t}\\Big({(x-m)^2}}- (x-n)^2\\Big)\\Big]$$",
    ])
    func aParenthesisLeavingABareGroupIsBalanced(_ formula: String) throws {
        let d = try Self.delimiterWarnings(formula)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test(arguments: [
        "$$a = \\frac{(b}{c)}$$",
        "$$a = \\sqrt{(b+c}) d$$",
        "$$a = p({x_T)} + b$$",
        // Carried out of the bare group but never closed, or carried into an argument's end.
        "$$a = {(b+c} d$$",
        "$$L = \\exp\\Big({-\\frac{1}{2}\\Big({\\frac{u}{v}}}+{\\frac{w}{z}}\\Big)$$",
        "$$a = \\frac{{(b}}{c)}$$",
        "$$a = \\sqrt{{(b+c}} d)$$",
    ])
    func aParenthesisCrossingAnArgumentOrLeftOpenIsReported(_ formula: String) throws {
        let d = try Self.delimiterWarnings(formula)
        #expect(!d.isEmpty, "\(formula)")
    }

    /// `[(a](b)`: the ']' closes the '[', so the '(' is the delimiter left open.
    @Test func theUnclosedDelimiterIsTheOneNamed() throws {
        let d = try Self.delimiterWarnings("$$y = \\sqrt{[(a+b](c+d)}$$")
        #expect(d.count == 1 && d[0].message.hasPrefix("'('"), "\(Corpus.describe(d))")
        #expect(d.first?.location?.column == 14)
        let brackets = try Self.delimiterWarnings("$$y = \\sqrt{[a+b](c+d}$$")
        #expect(brackets.count == 1 && brackets[0].message.hasPrefix("'('"), "\(Corpus.describe(brackets))")
        // Half-open intervals stay balanced.
        #expect(try Self.delimiterWarnings("$$u \\in ([0, 1))$$").isEmpty)
    }
}

/// Hats, function values and conditions: what a formula states, before judging its value.
struct FormulaReadingTests {
    static let mean = "\\frac{1}{\\sqrt{\\alpha_t}}\\left(x_t - \\frac{\\beta_t}{\\sqrt{1-\\bar\\alpha_t}}\\epsilon_\\theta(x_t,t)\\right)"
    static let slipped = "\\frac{1}{\\sqrt{\\alpha_t}}\\left(x_t + \\frac{\\beta_t}{\\sqrt{1-\\bar\\alpha_t}}\\epsilon_\\theta(x_t,t)\\right)"

    /// x̂_{t−1} is an estimate of x_{t−1}: the reverse step, not x̂_0.
    @Test(arguments: ["\\hat x_{t-1}", "\\hat{x}_{t-1}", "\\widehat{\\mathbf{x}}_{t-1}"])
    func aHattedPreviousStateIsAReverseStep(_ lhs: String) throws {
        let right = try TexArgumentTests.lint("$$\(lhs) = \(Self.mean) + \\sigma_t z$$")
        #expect(right.isEmpty, "\(Corpus.describe(right))")
        let wrong = try TexArgumentTests.lint("$$\(lhs) = \(Self.slipped) + \\sigma_t z$$")
        #expect(wrong.contains { $0.code == "DL109" } && !wrong.contains { $0.code == "DL108" }, "\(Corpus.describe(wrong))")
    }

    /// σ(t), σ_q(t): the noise scale at step t, not σ times t.
    @Test(arguments: ["\\sigma_q(t)", "\\sigma(t)", "\\sigma_{q}(t)"])
    func aNoiseScaleAtItsStepIsAFunctionValue(_ scale: String) throws {
        let right = try TexArgumentTests.lint("$x_{t-1} = \(Self.mean) + \(scale)\\, z$")
        #expect(right.isEmpty, "\(Corpus.describe(right))")
        let wrong = try TexArgumentTests.lint("$x_{t-1} = \(Self.slipped) + \(scale)\\, z$")
        #expect(wrong.contains { $0.code == "DL109" }, "\(Corpus.describe(wrong))")
    }

    /// β(t), ᾱ(t): the schedule at step t, as β_t and ᾱ_t.
    @Test func aScheduleWrittenAsAFunctionOfTheStepIsItsValueThere() throws {
        let right = try TexArgumentTests.lint("$x_{t-1} = \\frac{1}{\\sqrt{\\alpha(t)}}\\left(x_t - \\frac{\\beta(t)}{\\sqrt{1-\\bar\\alpha(t)}}\\epsilon_\\theta(x_t,t)\\right) + \\sigma(t) z$")
        #expect(right.isEmpty, "\(Corpus.describe(right))")
        let wrong = try TexArgumentTests.lint("$x_{t-1} = \\frac{1}{\\sqrt{\\alpha(t)}}\\left(x_t - \\frac{\\beta(t)}{1-\\bar\\alpha(t)}\\epsilon_\\theta(x_t,t)\\right) + \\sigma(t) z$")
        #expect(wrong.contains { $0.code == "DL109" }, "\(Corpus.describe(wrong))")
    }

    /// A table row or sentence that fixes t: the formula holds at that t only.
    @Test(arguments: ["| $t=0$ | $x_t=x_0$ |", "at $t = 0$ we have $x_t = x_0$", "when $t \\to 0$, $x_t=x_0$"])
    func aFormulaUnderAFixedStepIsNotJudgedAsGeneral(_ line: String) throws {
        let d = try TexArgumentTests.lint("| condition | value |\n|---|---|\n\(line)")
        #expect(!d.contains { $0.code == "DL104" }, "\(Corpus.describe(d))")
    }

    @Test(arguments: ["| any | $x_t=\\sqrt{\\bar\\alpha_t}x_0+\\sqrt{\\bar\\alpha_t}\\epsilon$ |", "for $t = 1, \\dots, T$: $x_t=\\sqrt{\\bar\\alpha_t}x_0+\\sqrt{\\bar\\alpha_t}\\epsilon$"])
    func aFormulaForEveryStepIsStillJudged(_ line: String) throws {
        let d = try TexArgumentTests.lint(line)
        #expect(d.contains { $0.code == "DL104" }, "\(Corpus.describe(d))")
    }

    /// DDIM with σ_t² substituted in the direction term: right when the σ_t that term implies is
    /// a variance the noise can carry.
    @Test func aDirectionWithSigmaSubstitutedIsADDIMStep() throws {
        let predicted = "\\frac{x_t-\\sqrt{1-\\bar\\alpha_t}\\epsilon_\\theta(x_t,t)}{\\sqrt{\\bar\\alpha_t}}"
        let substituted = "\\frac{(1-\\bar\\alpha_{t-1})\\sqrt{\\alpha_t}}{\\sqrt{1-\\bar\\alpha_t}}"
        let right = try TexArgumentTests.lint("$$x_{t-1} = \\sqrt{\\bar\\alpha_{t-1}}\(predicted) + \(substituted)\\epsilon_\\theta(x_t,t) + \\sigma_t z$$")
        #expect(right.isEmpty, "\(Corpus.describe(right))")
        // The direction √(1 − ᾱ_{t−1}) with noise added: σ_t² = 0, no reading.
        let dropped = try TexArgumentTests.lint("$$x_{t-1} = \\sqrt{\\bar\\alpha_{t-1}}\(predicted) + \\sqrt{1-\\bar\\alpha_{t-1}}\\epsilon_\\theta(x_t,t) + \\sigma_t z$$")
        #expect(dropped.contains { $0.code == "DL112" }, "\(Corpus.describe(dropped))")
        // A direction larger than √(1 − ᾱ_{t−1}): σ_t² would be negative.
        let tooLarge = try TexArgumentTests.lint("$$x_{t-1} = \\sqrt{\\bar\\alpha_{t-1}}\(predicted) + \\sqrt{1-\\bar\\alpha_{t}}\\epsilon_\\theta(x_t,t) + \\sigma_t z$$")
        #expect(tooLarge.contains { $0.code == "DL112" || $0.code == "DL109" }, "\(Corpus.describe(tooLarge))")
    }

    /// The DDIM paper's ε_θ^{(t)} typesetting in a note that writes ᾱ: read in the note's symbols.
    @Test func thePapersTypesettingKeepsTheNotesAlphaBar() throws {
        let right = try TexArgumentTests.lint("$$x_{t-1} = \\sqrt{\\frac{\\bar\\alpha_{t-1}}{\\bar\\alpha_t}} x_t - \\sqrt{\\frac{\\bar\\alpha_{t-1}}{\\bar\\alpha_t}}\\sqrt{1-\\bar\\alpha_t}\\epsilon_\\theta^{(t)} + \\frac{1-\\bar\\alpha_{t-1}}{\\sqrt{1-\\bar\\alpha_t}}\\sqrt{\\alpha_t}\\epsilon_\\theta^{(t)} + \\sigma_t \\epsilon_t$$")
        #expect(right.isEmpty, "\(Corpus.describe(right))")
        let wrong = try TexArgumentTests.lint("$$x_{t-1} = \\sqrt{\\frac{\\bar\\alpha_{t-1}}{\\bar\\alpha_t}} x_t - \\sqrt{\\frac{\\bar\\alpha_{t-1}}{\\bar\\alpha_t}}\\sqrt{1-\\bar\\alpha_t}\\epsilon_\\theta^{(t)} - \\frac{1-\\bar\\alpha_{t-1}}{\\sqrt{1-\\bar\\alpha_t}}\\sqrt{\\alpha_t}\\epsilon_\\theta^{(t)} + \\sigma_t \\epsilon_t$$")
        #expect(!wrong.isEmpty, "\(Corpus.describe(wrong))")
    }
}

/// A number is judged against the schedule its neighbourhood discusses.
struct ScheduleNeighbourhoodTests {
    static let linear = "$\\beta_1 = 10^{-4}$\n\n$\\beta_T = 0.02$\n\n$T = 1000$\n\n"

    @Test func aValueAfterTheCosineScheduleIsNotALinearValue() throws {
        let note = Self.linear + String(repeating: "text\n\n", count: 15)
            + "$$f(t) = \\cos^2\\left(\\frac{t/T + s}{1+s}\\cdot\\frac{\\pi}{2}\\right)$$\n\n$$\\bar\\alpha_{500} = \\frac{f(500)}{f(0)} \\approx 0.49$$"
        let d = try TexArgumentTests.lint(note)
        #expect(!d.contains { $0.code == "DL141" }, "\(Corpus.describe(d))")
    }

    /// With s = 0.008 and T = 1000 stated, the numbers after the cosine formula are judged on the
    /// cosine schedule: ᾱ_500 = f(500)/f(0) = 0.4938.
    @Test func aValueAfterAStatedCosineScheduleIsJudgedOnIt() throws {
        func note(_ value: String) -> String {
            Self.linear + "$s = 0.008$\n\n" + "$$f(t) = \\cos^2\\left(\\frac{t/T + s}{1+s}\\cdot\\frac{\\pi}{2}\\right)$$\n\n$$\\bar\\alpha_{500} = \\frac{f(500)}{f(0)} \\approx \(value)$$"
        }
        let right = try TexArgumentTests.lint(note("0.494"))
        #expect(!right.contains { $0.code == "DL141" }, "\(Corpus.describe(right))")
        let wrong = try TexArgumentTests.lint(note("0.499"))
        #expect(wrong.contains { $0.code == "DL141" && $0.message.contains("cosine") }, "\(Corpus.describe(wrong))")
    }

    @Test func aValueOfTheLinearScheduleIsStillJudged() throws {
        let d = try TexArgumentTests.lint(Self.linear + "$$\\bar\\alpha_{500} \\approx 0.49$$")
        #expect(d.contains { $0.code == "DL141" }, "\(Corpus.describe(d))")
    }
}

/// A broken link of a derivation is reported on the side that is wrong when the judge can tell.
struct LinkBlameTests {
    static let right = "\\frac{1}{\\sqrt{\\alpha_t}}\\left(x_t - \\frac{\\beta_t}{\\sqrt{1-\\bar\\alpha_t}}\\epsilon_\\theta(x_t,t)\\right) + \\sigma_t z"
    static let slipped = "\\frac{1}{\\sqrt{\\alpha_t}}\\left(x_t + \\frac{\\beta_t}{\\sqrt{1-\\bar\\alpha_t}}\\epsilon_\\theta(x_t,t)\\right) + \\sigma_t z"

    static func chain(_ lhs: String, _ first: String, _ second: String) -> String {
        "$$\n\\begin{aligned}\n\(lhs) &= \(first) \\\\\n&= \(second)\n\\end{aligned}\n$$"
    }

    @Test func theWrongEarlierSideIsBlamedWhenTheLaterOneIsRight() throws {
        let d = try TexArgumentTests.lint(Self.chain("x_{t-1}", Self.slipped, Self.right)).filter { $0.code == "DL142" }
        #expect(d.count == 1 && d[0].location?.line == 3, "\(Corpus.describe(d))")
        #expect(d.first?.message.contains("line 4") == true)
        let later = try TexArgumentTests.lint(Self.chain("\\hat x_{t-1}", Self.right, Self.slipped)).filter { $0.code == "DL142" }
        #expect(later.count == 1 && later[0].location?.line == 4, "\(Corpus.describe(later))")
        let clean = try TexArgumentTests.lint(Self.chain("x_{t-1}", Self.right, Self.right))
        #expect(!clean.contains { $0.code == "DL142" }, "\(Corpus.describe(clean))")
    }

    @Test func anUndecidedLinkNamesBothLines() throws {
        let d = try TexArgumentTests.lint(Self.chain("y", Self.slipped, Self.right)).filter { $0.code == "DL142" }
        #expect(d.count == 1 && d[0].location?.line == 4, "\(Corpus.describe(d))")
        #expect(d.first?.message.contains("line 3") == true && d.first?.message.contains("one of the two is wrong") == true)
    }

    /// A link from the DDIM update with σ_t free to the same update with σ_t² = β̃_t substituted
    /// holds for that σ_t.
    @Test func aLinkThatHoldsForOneSigmaIsRight() throws {
        let predicted = "\\frac{x_t-\\sqrt{1-\\bar\\alpha_t}\\epsilon_\\theta(x_t,t)}{\\sqrt{\\bar\\alpha_t}}"
        let general = "\\sqrt{\\bar\\alpha_{t-1}}\(predicted) + \\sqrt{1-\\bar\\alpha_{t-1}-\\sigma_t^2}\\,\\epsilon_\\theta(x_t,t) + \\sigma_t z"
        let substituted = "\\sqrt{\\bar\\alpha_{t-1}}\(predicted) + \\frac{(1-\\bar\\alpha_{t-1})\\sqrt{\\alpha_t}}{\\sqrt{1-\\bar\\alpha_t}}\\epsilon_\\theta(x_t,t) + \\sigma_t z"
        let right = try TexArgumentTests.lint(Self.chain("x_{t-1}", general, substituted))
        #expect(right.isEmpty, "\(Corpus.describe(right))")
        // A direction coefficient no σ_t gives (larger than √(1 − ᾱ_{t−1})).
        let tooLarge = "\\sqrt{\\bar\\alpha_{t-1}}\(predicted) + \\frac{\\sqrt{1-\\bar\\alpha_{t-1}}}{\\sqrt{\\alpha_t}}\\epsilon_\\theta(x_t,t) + \\sigma_t z"
        let wrong = try TexArgumentTests.lint(Self.chain("x_{t-1}", general, tooLarge))
        #expect(wrong.contains { $0.code == "DL142" || $0.code == "DL112" }, "\(Corpus.describe(wrong))")
    }
}

/// A noise symbol followed by a bracket of schedule quantities is multiplied by it, ε_t(1 − α_t);
/// followed by states or a comma, ε(x_t, t), the bracket holds its arguments.
struct NoiseFactorTests {
    @Test func aBracketOfScheduleQuantitiesIsAFactor() throws {
        let right = "$$\\mu = \\frac{x_t\\alpha_t - x_t\\bar\\alpha_t + x_t(1-\\alpha_t)}{\\sqrt{\\alpha_t}(1-\\bar\\alpha_t)} - \\frac{\\epsilon_t(1-\\alpha_t)}{\\sqrt{\\alpha_t}\\sqrt{1-\\bar\\alpha_t}}$$"
        let d = try TexArgumentTests.lint(right)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let wrong = right.replacingOccurrences(of: "\\epsilon_t(1-\\alpha_t)", with: "\\epsilon_t(1-\\bar\\alpha_t)")
        let w = try TexArgumentTests.lint(wrong)
        #expect(w.map(\.code) == ["DL109"], "\(Corpus.describe(w))")
    }
}
