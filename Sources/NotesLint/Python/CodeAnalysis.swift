import CheckerCore
import Reference

/// A span of Python in a file: a fenced block, a notebook cell, a whole `.py` file.
struct CodeSpan {
    let source: SourceText
    let start: Int
    let end: Int
    /// False for a fence without a language tag: it may not be Python at all, so a block that
    /// does not parse is left alone rather than reported.
    var declaredPython = true
    /// True for a block fenced in prose (Markdown, a notebook's text cell), which may show
    /// pseudo-code or an excerpt; false for a `.py` file or a notebook's code cell, which runs.
    var fenced = false
}

/// A `linspace(start, end, …)` whose ends the constant propagation found.
struct LinspaceFact {
    var start: Double
    var end: Double
    var source: SourceText
    var offset: Int
    var startName: String?
    var endName: String?
    var target: String?
}

/// The code of one note: parsed, interpreted with constant propagation, and checked.
enum CodeAnalysis {
    /// Code fenced in prose that reads names the document never binds is an excerpt of a program
    /// not shown, which may bind the names it seems to misspell: only a name bound in the excerpt's
    /// own block (or its function's parameters and locals) is offered as the one meant.
    static func excerptNamesDetail(_ unseen: String) -> String {
        "an excerpt in prose that reads \(unseen), which the document never binds: a name is reported as a slip only for a name its own block binds"
    }

    /// Parameters that name the number of diffusion steps (not a batch of steps, `timesteps`).
    static let stepCountParameters: Set<String> = ["T", "n_T", "num_timesteps", "num_train_timesteps", "n_timesteps", "num_diffusion_timesteps",
                                              "diffusion_steps", "num_diffusion_steps", "total_timesteps", "max_timesteps"]
    static let timestepNames: Set<String> = ["t", "timestep", "timesteps", "step", "time", "ts", "t_index", "t_step", "i"]
    static let dataNames: Set<String> = ["x_0", "x0", "x_start", "start", "x_zero", "clean", "x"]
    static let stateNames: Set<String> = ["x_t", "xt", "x_noisy", "sample", "img", "latents", "noisy_x", "x_noisy_t", "image", "z_t"]
    static let noiseNames: Set<String> = ["noise", "eps", "epsilon", "z"]
    /// Whether a name given to a network's output says it predicts the velocity, the clean data or
    /// the score rather than the noise: `v`, `v_pred`, `velocity`, `x0_pred`, `pred_xstart`,
    /// `denoised`, `score`.
    static func namesOtherPrediction(_ name: String) -> Bool {
        let n = (name.split(separator: ".").last.map(String.init) ?? name).lowercased()
        if ["v", "vt", "v_t", "v_hat", "v_pred", "pred_v", "v_theta", "model_v", "vel", "u", "u_t", "ut", "s", "d"].contains(n) { return true }
        return ["velocity", "x0", "x_0", "xstart", "x_start", "original_sample", "denoised", "score", "flow", "drift"].contains { n.contains($0) }
    }

    /// `grad = model(x, t)`: a generic network (`model`, `net`, `unet`) whose output the code
    /// names a gradient gives ∇ log p, the score. A callee named for what it gives
    /// (`grad = denoiser(x, t)`) is read by that name instead.
    static func namesScoreOfGenericNetwork(_ target: String, callee: String) -> Bool {
        let n = lastComponent(target).lowercased()
        guard n == "grad" || n.hasPrefix("grad_log") || n.contains("gradient") else { return false }
        let c = lastComponent(callee).lowercased()
        return ["model", "net", "network", "unet", "nn", "f", "fn", "model_fn", "net_fn"].contains(c)
    }

    /// Whether a name given to a network's output says it is the clean data: `pred_x0`,
    /// `x0_hat`, `pred_xstart`, `x_start_pred`, `pred_original_sample`.
    static func namesCleanDataPrediction(_ name: String) -> Bool {
        let n = (name.split(separator: ".").last.map(String.init) ?? name).lowercased()
        return ["x0", "x_0", "xstart", "x_start", "original_sample"].contains { n.contains($0) }
    }

    static let predictionNames: Set<String> = ["model_output", "eps_pred", "pred_noise", "noise_pred", "eps_theta", "e_t", "predicted_noise", "et", "pred_eps", "epsilon_theta"]

    static func lint(_ spans: [CodeSpan], hyperparameters: [Hyperparameter]) -> (diagnostics: [Diagnostic], linspace: [LinspaceFact], coverage: [CodeCoverageEntry]) {
        var diagnostics: [Diagnostic] = []
        // Blocks whose first line calls them pseudo-code: what Python itself would do with them
        // (a syntax error, a name never bound, a call's arguments, a loop variable rebound) is no
        // finding; their math is still judged.
        var declaredPseudoCode: [CodeSpan] = []
        var coverage = CodeCoverageLog()
        var parsed: [(span: CodeSpan, statements: [PyStatement])] = []
        var callCheckBlocks: [CallCheckBlock] = []
        var namesOfUnreadBlocks = Set<String>()
        var unmodelledFunctions: [Int: String] = [:]
        var globals = NameCheck.builtins.union(hyperparameters.map(\.name))
        var moduleAliases: [String: String] = [:]
        var starImport: (module: String, source: SourceText, offset: Int)?
        // DL238 judges only a program read whole: its runnable blocks (a file, a notebook's code
        // cells; not the excerpts fenced in prose) all parsed without error.
        var programReadWhole = spans.contains { !$0.fenced }
        var programBound = Set<String>()
        var unlistedBinding = false
        for span in spans {
            let (statements, errors, bound, unmodelled, aliases, starImports, shapes) = PythonParser.parse(span.source.scalars, from: span.start, to: span.end)
            // An untagged block that does not read as Python (a diagram, shell output) is no code
            // and binds nothing.
            let notCode = !span.declaredPython && !errors.isEmpty
            // Whatever a code block binds counts for every other block, parsed or not: a name
            // defined in a block that is skipped is still defined.
            if !span.fenced {
                programBound.formUnion(bound)
                programBound.formUnion(everyBoundName(statements))
                if bindsUnlistedNames(span.source.slice(span.start, span.end)) { unlistedBinding = true }
                if !errors.isEmpty || unlistedBinding { programReadWhole = false }
            }
            if !notCode {
                globals.formUnion(bound)
                NameCheck.boundNames(statements, into: &globals)
                moduleAliases.merge(aliases) { _, later in later }
                // `from utils import *` of the author's own module binds names no one can list.
                if starImport == nil, let unlisted = starImports.first(where: { LibraryCatalogue.names[$0.module] == nil }) {
                    starImport = (unlisted.module, span.source, unlisted.offset)
                }
            }
            if notCode {
                coverage.skipped("code block", source: span.source, offset: span.start, "an untagged block that does not read as Python")
                continue
            }
            let certain = errors.filter(\.certain)
            if callsItselfPseudoCode(span) { declaredPseudoCode.append(span) }
            if let reason = pseudoCodeReason(span, errors: certain) {
                coverage.skipped("code block", source: span.source, offset: span.start, "not judged: \(reason)")
                namesOfUnreadBlocks.formUnion(bound)
                NameCheck.boundNames(statements, into: &namesOfUnreadBlocks)
                continue
            }
            for e in certain {
                diagnostics.append(NotesLinter.diagnostic(.pythonSyntax, "syntax error: \(e.message)", source: span.source, offset: e.offset))
            }
            if let unread = errors.first(where: { !$0.certain }) {
                // Possibly valid Python the parser does not know: no verdict on the block at all.
                coverage.skipped("code block", source: span.source, offset: unread.offset, "not analysed: the parser does not read this construct (\(unread.message))")
                namesOfUnreadBlocks.formUnion(bound)
                NameCheck.boundNames(statements, into: &namesOfUnreadBlocks)
                continue
            }
            for u in unmodelled {
                if let f = u.function {
                    unmodelledFunctions[f] = unmodelledFunctions[f] ?? u.construct
                } else {
                    coverage.skipped(u.construct, source: span.source, offset: u.offset, "module-level \(u.construct) is read for the names it binds, not interpreted")
                }
            }
            parsed.append((span, statements))
            callCheckBlocks.append(CallCheckBlock(statements: statements, shapes: shapes, otherBoundNames: bound, fenced: span.fenced))
        }
        var hyper: [String: Double] = [:]
        for h in hyperparameters { if let n = h.number { hyper[h.name] = n } }
        // Step counts and the cosine offset a fragment leaves to its context.
        for name in ["n_timestep", "n_timesteps", "num_timesteps", "timesteps", "T", "n_steps", "num_steps", "num_train_timesteps"] where !globals.contains(name) || hyper[name] == nil {
            if hyper[name] == nil, !globals.contains(name) { hyper[name] = Double(PyInterpreter.defaultSteps) }
        }
        for name in ["cosine_s", "s"] where hyper[name] == nil && !globals.contains(name) { hyper[name] = 0.008 }
        // A fragment that writes `pi` without importing it means π.
        if hyper["pi"] == nil, !globals.contains("pi") { hyper["pi"] = Double.pi }

        // The module level, block after block, sharing one environment.
        var module = PyInterpreter()
        var allowance = InterpreterAllowance()
        module.hyperparameters = hyper
        var functions: [(span: CodeSpan, name: String, params: [PyParameter], body: [PyStatement], at: Int, owner: String?)] = []
        var linspace: [LinspaceFact] = []
        var varianceScale: [Diagnostic] = []
        module.oneBasedSteps = parsed.contains { drawsStepsFromOne($0.statements) }
        let allStatements = parsed.flatMap(\.statements)
        module.holdsScheduleTable = holdsScheduleTable(allStatements)
        module.alphasHoldAlphaBar = alphasHoldAlphaBar(allStatements)
        let rebound = parsed.reduce(into: Set<String>()) { $0.formUnion(assignedNames($1.statements)) }
        module.importedLibraryNames = Set(moduleAliases.keys).subtracting(PyInterpreter.modules).subtracting(rebound)
        let annealedLangevin = isAnnealedLangevinCode(parsed.map(\.statements))
        let diffusionSchedule = readsDiffusionSchedule(allStatements)
        module.readsDiffusionSchedule = diffusionSchedule || module.holdsScheduleTable
        module.tablesReadAtSteps = parsed.reduce(into: Set<String>()) { $0.formUnion(tablesReadAtSteps($1.statements)) }
        let draws = StepDraws(allStatements)
        let samplingThroughZero = samplingLoopsThroughZero(allStatements)
        let diffusersCode = parsed.contains { importsDiffusers($0.span.source.slice($0.span.start, $0.span.end)) }
        let localClasses = parsed.reduce(into: Set<String>()) { $0.formUnion(definedClasses($1.statements)) }
        let definitions = definedFunctions(allStatements)
        let spans = parsed.map(\.span)
        for (index, (span, statements)) in parsed.enumerated() {
            module.findings = []
            module.assignedAt = [:]
            module.codeBlock = sourceIndex(of: span, in: spans)
            let before = module.linspaceCalls.count
            module.writtenByElement = PyInterpreter.namesWrittenByElement(statements)
            // The blocks after this one (a notebook's later cells), which may read what it leaves.
            let laterStatements = parsed.dropFirst(index + 1).flatMap(\.statements)
            allowance.start(&module)
            for (k, s) in statements.enumerated() {
                module.returned = nil
                module.nextStatement = k + 1 < statements.count ? statements[k + 1] : nil
                module.execute(s)
            }
            module.nextStatement = nil
            module.checkFinalTables()
            allowance.settle(module)
            if module.ranOutOfEvaluations {
                // What the block computed past the budget is unknown: the blocks after it still
                // run, on the names it bound, and are judged on their own.
                coverage.skipped("module code", source: span.source, offset: span.start, Self.evaluationBudgetReason)
            } else {
                diagnostics += module.findings.map { NotesLinter.diagnostic($0.rule, $0.message, source: span.source, offset: $0.offset, fix: $0.fix) }
                linspace += module.linspaceCalls.dropFirst(before).map {
                    LinspaceFact(start: $0.start, end: $0.end, source: span.source, offset: $0.offset, startName: $0.startName, endName: $0.endName, target: $0.target)
                }
                coverage.judged("module code", source: span.source, offset: span.start, "module-level statements interpreted in order with the blocks before")
            }
            collectFunctions(statements, span: span, into: &functions)
            diagnostics += breakBeforeAssignmentFindings(statements).map { NotesLinter.diagnostic($0.rule, $0.message, source: span.source, offset: $0.offset, fix: $0.fix) }
            diagnostics += discardedLoopValueFindings(statements, laterStatements: laterStatements).map { NotesLinter.diagnostic($0.rule, $0.message, source: span.source, offset: $0.offset, fix: $0.fix) }
            diagnostics += codeFlowFindings(statements).map { NotesLinter.diagnostic($0.rule, $0.message, source: span.source, offset: $0.offset, fix: $0.fix) }
            diagnostics += stepRangeFindings(statements, draws: draws, samplingThroughZero: samplingThroughZero).map { NotesLinter.diagnostic($0.rule, $0.message, source: span.source, offset: $0.offset, fix: $0.fix) }
            diagnostics += syntacticFindings(statements, annealedLangevin: annealedLangevin, diffusionSchedule: diffusionSchedule, laterStatements: laterStatements).map { NotesLinter.diagnostic($0.rule, $0.message, source: span.source, offset: $0.offset, fix: $0.fix) }
            diagnostics += flatSigmoidFindings(statements).map { NotesLinter.diagnostic($0.rule, $0.message, source: span.source, offset: $0.offset, fix: $0.fix) }
            diagnostics += meanNoiseCoefficientFindings(statements).map { NotesLinter.diagnostic($0.rule, $0.message, source: span.source, offset: $0.offset, fix: $0.fix) }
            diagnostics += previousAlphaBarFindings(statements).map { NotesLinter.diagnostic($0.rule, $0.message, source: span.source, offset: $0.offset, fix: $0.fix) }
            diagnostics += previousReadAtCurrentStepFindings(statements).map { NotesLinter.diagnostic($0.rule, $0.message, source: span.source, offset: $0.offset, fix: $0.fix) }
            diagnostics += stridedOneStepFindings(statements, functions: definitions).map { NotesLinter.diagnostic($0.rule, $0.message, source: span.source, offset: $0.offset, fix: $0.fix) }
            if diffusersCode {
                diagnostics += diffusersOptionFindings(statements, localClasses: localClasses).map { NotesLinter.diagnostic($0.rule, $0.message, source: span.source, offset: $0.offset, fix: $0.fix) }
            }
            diagnostics += rescaledCosineFindings(statements).map { NotesLinter.diagnostic($0.rule, $0.message, source: span.source, offset: $0.offset, fix: $0.fix) }
            diagnostics += noiseUnderRootFindings(statements).map { NotesLinter.diagnostic($0.rule, $0.message, source: span.source, offset: $0.offset, fix: $0.fix) }
            diagnostics += unscaledCleanEstimateFindings(statements, program: allStatements).map { NotesLinter.diagnostic($0.rule, $0.message, source: span.source, offset: $0.offset, fix: $0.fix) }
            diagnostics += modeSwitchedLogVarianceFindings(statements).map { NotesLinter.diagnostic($0.rule, $0.message, source: span.source, offset: $0.offset, fix: $0.fix) }
            diagnostics += subsequenceBetaFindings(statements).map { NotesLinter.diagnostic($0.rule, $0.message, source: span.source, offset: $0.offset, fix: $0.fix) }
            diagnostics += vTargetFromNoisedSampleFindings(statements).map { NotesLinter.diagnostic($0.rule, $0.message, source: span.source, offset: $0.offset, fix: $0.fix) }
            varianceScale += varianceScaleFindings(statements).map { NotesLinter.diagnostic($0.rule, $0.message, source: span.source, offset: $0.offset, fix: $0.fix) }
        }
        let program = parsed.filter { !$0.span.fenced }
        if !programReadWhole || program.count != spans.filter({ !$0.fenced }).count {
            // A block that did not parse has its own coverage entry; a program that may bind names
            // it does not show gets one here.
            if let first = program.first, unlistedBinding {
                coverage.skipped("names never bound", source: first.span.source, offset: first.span.start,
                                 "not checked: the program may bind names it does not show (a star import, exec, globals(), %run, %pylab, %store, a cell magic)")
            }
        } else if let first = program.first {
            if let reason = neverBoundSkipReason(program) {
                coverage.skipped("names never bound", source: first.span.source, offset: first.span.start, "not checked: \(reason)")
            } else {
                coverage.judged("names never bound", source: first.span.source, offset: first.span.start, "a name the program reads that nothing in it binds, and no builtin provides, is reported")
                for (findings, span) in zip(neverBoundFindings(program, bound: programBound), program.map(\.span)) {
                    diagnostics += findings.map { NotesLinter.diagnostic($0.rule, $0.message, source: span.source, offset: $0.offset, fix: $0.fix) }
                }
            }
        }
        for (findings, span) in zip(callArityFindings(callCheckBlocks, namesOfUnreadBlocks: namesOfUnreadBlocks), parsed.map(\.span)) {
            diagnostics += findings.map { NotesLinter.diagnostic($0.rule, $0.message, source: span.source, offset: $0.offset, fix: $0.fix) }
        }
        let userFunctions = Set(functions.map(\.name))
        let imported = parsed.reduce(into: Set<String>()) { $0.formUnion(NameCheck.importedNames($1.statements)) }
        let drawsIntegerSteps = parsed.contains { drawsIntegerTimesteps($0.statements) }
        let calledInLoops = parsed.reduce(into: Set<String>()) { $0.formUnion(functionsCalledInLoops($1.statements)) }
        let scalingSchedule = squaresScheduleScalings(allStatements)
        // Every function's parameters and locals: a fragment of a body reads them, and a name
        // bound nowhere else may still be one of them.
        let functionLocals = functions.reduce(into: Set<String>()) { $0.formUnion(NameCheck.localNames($1.params, $1.body)) }
        for f in functions {
            if let construct = unmodelledFunctions[f.at] {
                coverage.skipped("function \(f.name)", source: f.span.source, offset: f.at, "not judged: it holds \(construct), which the interpreter does not model")
                continue
            }
            let hasTimestep = f.params.contains { timestepNames.contains($0.name) }
            let detail: String
            if hasTimestep, treatsStepAsContinuous(f.body, definitions: module.definitions) {
                detail = "interpreted once with its inputs bound by their names; its t is a continuous time (it never indexes a table), so the per-step checks do not apply"
            } else {
                detail = hasTimestep ? "interpreted at t = 250, 1 and 700 (the same places scaled to a schedule of 700 steps or fewer) with its inputs bound by their names" : "interpreted once with its inputs bound by their names"
            }
            if !scalingSchedule { coverage.judged("function \(f.name)", source: f.span.source, offset: f.at, detail) }
            for guardOffset in stepGuards(f.body) where !scalingSchedule {
                coverage.judged("test of the step", source: f.span.source, offset: guardOffset,
                                "a noise draw kept out of one branch is taken as switched off at the last step when the interpreter cannot decide this test")
            }
            var findings: [CodeFinding] = []
            if functionHoldsPlaceholder(f.span, at: f.at) {
                coverage.skipped("names in function \(f.name)", source: f.span.source, offset: f.at, "not checked: the function holds an exercise's gap, where the names it uses are to be defined")
            } else if elidesArguments(f.body, in: f.span.source) {
                coverage.skipped("names in function \(f.name)", source: f.span.source, offset: f.at, "not checked: its calls elide arguments with `...`, so the part left out may bind the names it reads")
            } else if f.span.fenced, elidesStatements(f.body, in: f.span.source) {
                coverage.skipped("names in function \(f.name)", source: f.span.source, offset: f.at, "not checked: lines of its body are cut with `...`, so the part left out may bind the names it reads")
            } else if f.span.fenced, let unseen = NameCheck.namesNotShown(NameCheck.uses(f.body), known: globals.union(functionLocals), imported: imported, nameUses: NameCheck.nameUses(f.body)) {
                // What the function can see of its block: the names the block binds at its top
                // level. Another function's parameters and locals are out of its scope, so no slip
                // is offered for them (`models_path` is no slip for a `model_path` parameter elsewhere).
                var ownBlock = Set<String>()
                if let block = parsed.first(where: { $0.span.source.path == f.span.source.path && $0.span.start == f.span.start }) {
                    NameCheck.boundNames(block.statements, into: &ownBlock)
                }
                coverage.judged("names in function \(f.name)", source: f.span.source, offset: f.at, Self.excerptNamesDetail(unseen))
                findings = NameCheck.check(function: f.params, body: f.body, globals: globals, imported: imported, starImported: starImport != nil,
                                           candidates: NameCheck.localNames(f.params, f.body).union(ownBlock))
            } else {
                findings = NameCheck.check(function: f.params, body: f.body, globals: globals, imported: imported, starImported: starImport != nil)
            }
            if scalingSchedule {
                coverage.skipped("function \(f.name)", source: f.span.source, offset: f.at, "values not judged: the code squares its ᾱ and β tables, so its α and β are standard deviations, not DDPM's variances")
                diagnostics += findings.map { NotesLinter.diagnostic($0.rule, $0.message, source: f.span.source, offset: $0.offset, fix: $0.fix) }
                continue
            }
            let block = sourceIndex(of: f.span, in: spans)
            var ranOut = false
            var evaluated = evaluate(function: f.params, body: f.body, module: module, hyperparameters: hyper, userFunctions: userFunctions, globals: globals, linspace: &linspace, span: f.span,
                                     name: f.name, owner: f.owner, calledInALoop: calledInLoops.contains(f.name), integerSteps: drawsIntegerSteps, block: block,
                                     allowance: &allowance, ranOutOfEvaluations: &ranOut)
            if ranOut {
                coverage.skipped("values in function \(f.name)", source: f.span.source, offset: f.at, Self.evaluationBudgetReason)
                evaluated = []
            }
            if let own = ownStepBeta(f.body, userFunctions: userFunctions) {
                // `cur_beta = calc_beta(lo, hi, t, T)`: the step's β is the function's own, which
                // need not be the schedule the document's tables hold; the step's mean and
                // variance are not compared with those tables.
                let valueRules: Set<String> = [LintRule.wrongMeanCode.code, LintRule.wrongPosteriorVarianceCode.code, LintRule.wrongDDIMSigmaCode.code]
                if evaluated.contains(where: { valueRules.contains($0.rule.code) }) {
                    coverage.skipped("step values in function \(f.name)", source: f.span.source, offset: f.at,
                                     "not compared with the document's schedule: the function computes its own β at each step ('\(own)')")
                    evaluated.removeAll { valueRules.contains($0.rule.code) }
                }
            }
            findings += evaluated
            diagnostics += findings.map { NotesLinter.diagnostic($0.rule, $0.message, source: f.span.source, offset: $0.offset, fix: $0.fix) }
        }
        // Latents of which only the shape reaches a sampler of the document.
        var documentFunctions: [String: DocumentFunction] = [:]
        for f in functions where f.owner == nil { documentFunctions[f.name] = (f.params, f.body) }
        for f in functions {
            diagnostics += shapeOnlyFindings(f.body, functions: documentFunctions).map { NotesLinter.diagnostic($0.rule, $0.message, source: f.span.source, offset: $0.offset, fix: $0.fix) }
        }
        for (span, statements) in parsed {
            let topLevel = statements.filter { if case .function = $0 { return false }; if case .classDef = $0 { return false }; return true }
            diagnostics += shapeOnlyFindings(topLevel, functions: documentFunctions).map { NotesLinter.diagnostic($0.rule, $0.message, source: span.source, offset: $0.offset, fix: $0.fix) }
        }
        // Module-level slips in names. A fragment (an indented excerpt of a function's body) uses
        // that function's locals: they are known names there, not slips.
        var earlierLines = Set<String>()
        if let starImport {
            coverage.judged("names", source: starImport.source, offset: starImport.offset,
                            "`from \(starImport.module) import *` binds names of a module not shown: a name the code never defines is reported only one edit from a name it does")
        }
        // A block reads the names bound before it: a name first bound in a later block (`ALPHAS_BAR`
        // of the program below an excerpt that reads `alphas_bar`) is no name the block misspelt.
        let boundByBlock = parsed.map { everyBoundName($0.statements) }
        var boundFrom = Array(repeating: Set<String>(), count: parsed.count + 1)
        for index in parsed.indices.reversed() { boundFrom[index] = boundFrom[index + 1].union(boundByBlock[index]) }
        var boundSoFar = Set<String>()
        for (index, (span, statements)) in parsed.enumerated() {
            boundSoFar.formUnion(boundByBlock[index])
            let boundOnlyLater = boundFrom[index + 1].subtracting(boundSoFar)
            let text = span.source.slice(span.start, span.end)
            let fragment = isExcerpt(text, of: earlierLines)
            earlierLines.formUnion(codeLines(text))
            let known = fragment ? globals.union(functionLocals) : globals
            if blockHoldsPlaceholder(span) {
                coverage.skipped("names in code block", source: span.source, offset: span.start, "not checked: the block holds an exercise's gap, where the names it uses are to be defined")
                continue
            }
            let topLevel = statements.filter { if case .function = $0 { return false }; if case .classDef = $0 { return false }; return true }
            // `clean = noisy - predicted_noise` alone in a fence with no language: a formula set in
            // code font beside the prose, not a line of the note's program.
            if span.fenced, !span.declaredPython, statements.count == 1, topLevel.count == 1 {
                coverage.skipped("names in code block", source: span.source, offset: span.start, "not checked: one statement in a fence without a language tag is a formula shown in code font, not a line of a program")
                continue
            }
            var reported = Set<String>()
            let nameUses = NameCheck.nameUses(topLevel)
            let uses = NameCheck.uses(topLevel, intoDefinitions: false)
            // `experiment_dataset_size(config, device)`: a block that calls a function the document
            // never defines or imports shows a part of a program whose rest is elsewhere.
            let callsCodeNotShown = uses.contains { name, at in nameUses[at] == .call && !known.contains(name) && !imported.contains(name) && NameCheck.nearName(name, among: known, use: .call) == nil }
            let unseen = span.fenced ? NameCheck.namesNotShown(uses, known: known.union(functionLocals), imported: imported, nameUses: nameUses) : nil
            if let unseen { coverage.judged("names in code block", source: span.source, offset: span.start, Self.excerptNamesDetail(unseen)) }
            for (name, at) in uses where !known.contains(name) && !reported.contains(name) {
                reported.insert(name)
                if NameCheck.isNumberedPlaceholder(name, among: uses, known: known) { continue }
                // In an excerpt, `history` beside a class `History` is its instance, made in the part
                // of the body (or the program) not shown.
                var candidates = (fragment || callsCodeNotShown ? known.filter { !NameCheck.isInstanceName(name, ofClass: $0) } : known).subtracting(boundOnlyLater)
                if unseen != nil { candidates.formIntersection(boundByBlock[index].union(fragment ? functionLocals : [])) }
                let defined = NameCheck.nearName(name, among: candidates, use: nameUses[at] ?? .value).flatMap { NameCheck.isDefined($0, from: name, in: topLevel) ? nil : $0 }
                if let near = defined ?? NameCheck.nearLibraryName(name, use: nameUses[at] ?? .value, imported: imported),
                   starImport == nil || NameCheck.editDistance(name, near) <= 1 {
                    diagnostics.append(NotesLinter.diagnostic(.undefinedName, "'\(name)' is not defined; did you mean '\(near)'?", source: span.source, offset: at, fix: near))
                }
            }
        }
        // Notes leave their imports out; the names every PyTorch tutorial uses stand for their modules.
        // Not beside `from layers import *` of the author's own module: that may bind `nn` to
        // Keras' layers (`nn.Conv2D`), so only the modules the code imports by name are checked.
        let aliases = starImport == nil ? moduleAliases.merging(Self.conventionalAliases) { imported, _ in imported } : moduleAliases
        for (span, statements) in parsed {
            diagnostics += unknownLibraryFunctionFindings(statements, aliases: aliases, rebound: rebound)
                .map { NotesLinter.diagnostic($0.rule, $0.message, source: span.source, offset: $0.offset, fix: $0.fix) }
        }
        // A line the value checks already reported on needs no second finding from the names.
        for d in varianceScale where !diagnostics.contains(where: { $0.location?.file == d.location?.file && $0.location?.cell == d.location?.cell && $0.location?.line == d.location?.line }) {
            diagnostics.append(d)
        }
        // D3PM's cosine schedule for discrete states (after Hoogeboom et al.) takes ᾱ = cos(…)
        // unsquared: in code that builds transition matrices, that is the schedule meant.
        if diagnostics.contains(where: { $0.code == LintRule.cosineWithoutSquareCode.code }), Self.buildsDiscreteTransitions(parsed.flatMap(\.statements)) {
            if let span = parsed.first?.span {
                coverage.skipped("cosine schedule", source: span.source, offset: span.start,
                                 "not judged: the code builds a discrete-state diffusion's transition matrices, whose cosine schedule (D3PM's) leaves cos unsquared")
            }
            diagnostics.removeAll { $0.code == LintRule.cosineWithoutSquareCode.code }
        }
        // A name DL211 already reports as a slip, with the name meant, needs no second finding.
        let slips = Set(diagnostics.filter { $0.code == LintRule.undefinedName.code }.compactMap { $0.message.split(separator: "'").dropFirst().first })
        diagnostics.removeAll { d in d.code == LintRule.neverBoundName.code && d.message.split(separator: "'").dropFirst().first.map { slips.contains($0) } == true }
        var seen = Set<String>()
        diagnostics = diagnostics.filter { d in
            let key = "\(d.code)|\(d.location?.file ?? "")|\(d.location?.cell ?? -1)|\(d.location?.line ?? 0)|\(d.location?.column ?? 0)"
            return seen.insert(key).inserted
        }
        // `x_exploding = (1 - beta) * x + beta * noise`, `noised_bad = …`: a line the note writes to
        // show the wrong way, next to the right one, is a counterexample, not an error of the note.
        diagnostics = diagnostics.filter { d in
            guard let location = d.location, let span = spans.first(where: { $0.source.path == location.file && $0.source.cell == location.cell }) else { return true }
            let line = location.line - span.source.lineOffset
            guard line >= 1, line <= span.source.lineCount else { return true }
            let range = span.source.lineRange(line)
            return !Self.assignsCounterexample(line: span.source.slice(range.lowerBound, range.upperBound))
        }
        // `coef1` where `coeff1` is bound: the slip finding names the fix, so the NameError the same
        // name raises at the same place is not reported twice.
        let slipLocations = Set(diagnostics.filter { $0.code == LintRule.undefinedName.code }.compactMap(\.location))
        diagnostics.removeAll { $0.code == LintRule.neverBoundName.code && $0.location.map(slipLocations.contains) == true }
        if diagnostics.contains(where: { $0.code == LintRule.uniformNoise.code }),
           let blend = parsed.lazy.compactMap({ p in ownUniformBlend(p.statements).map { (p.span, $0) } }).first,
           parsed.contains(where: { startsFromUniformDraw($0.statements) }) {
            diagnostics.removeAll { $0.code == LintRule.uniformNoise.code }
            coverage.skipped("uniform draws", source: blend.0.source, offset: blend.1,
                             "not judged by \(LintRule.uniformNoise.code): the code blends its data with uniform noise, x·(1 − a) + noise·a, and samples from a uniform start: a process of its own, not DDPM's")
        }
        let pythonSemantics: Set<String> = [LintRule.undefinedName.code, LintRule.pythonSyntax.code, LintRule.discardedLoopValue.code,
                                            LintRule.callArityMismatch.code, LintRule.neverBoundName.code]
        for span in declaredPseudoCode {
            let first = span.source.line(of: span.start) + span.source.lineOffset, last = span.source.line(of: span.end) + span.source.lineOffset
            diagnostics.removeAll { d in
                guard pythonSemantics.contains(d.code), let l = d.location, l.file == span.source.path, l.cell == span.source.cell else { return false }
                return (first...last).contains(l.line)
            }
        }
        return (diagnostics, linspace, coverage.entries)
    }

    /// Where the code mixes a sample with a uniform draw by complementary weights,
    /// `x * (1 - a) + noise * a` with `noise = torch.rand_like(x)`: a corruption that keeps the data
    /// in [0, 1] (the Hugging Face course's first model), whose noise is uniform by design.
    static func ownUniformBlend(_ statements: [PyStatement]) -> Int? {
        var uniformNames = Set<String>()
        PyStatement.forEach(in: statements) { s, _ in
            guard case .assign(let targets, let value, _) = s, case .call(let f, _, _, _) = value,
                  let name = f.dottedName?.split(separator: ".").last, ["rand_like", "rand"].contains(String(name)) else { return }
            for t in targets { if let n = t.dottedName { uniformNames.insert(n) } }
        }
        guard !uniformNames.isEmpty else { return nil }
        /// The weight `w` of a term `… * w` or `w * …` whose other factor is `other`.
        func weight(_ term: PyExpr, of other: (PyExpr) -> Bool) -> PyExpr? {
            guard case .binary("*", let a, let b, _) = term else { return nil }
            if other(a) { return b }
            if other(b) { return a }
            return nil
        }
        func isUniform(_ e: PyExpr) -> Bool { e.dottedName.map(uniformNames.contains) ?? false }
        /// `1 - w`, the complement of the weight `w`.
        func isComplement(_ e: PyExpr, of w: PyExpr) -> Bool {
            guard case .binary("-", .number(1, _), let v, _) = e, let name = v.dottedName else { return false }
            return name == w.dottedName
        }
        var found: Int?
        NameCheck.forEachLoadedExpression(statements) { e in
            e.walk { node in
                guard found == nil, case .binary("+", let left, let right, let at) = node else { return }
                for (noisy, kept) in [(left, right), (right, left)] {
                    guard let w = weight(noisy, of: isUniform), case .binary("*", let a, let b, _) = kept else { continue }
                    if isComplement(a, of: w) || isComplement(b, of: w) { found = at }
                }
            }
        }
        return found
    }

    /// Whether the code starts a sample from a uniform draw of an image's shape, `x = torch.rand(8, 1, 28, 28)`.
    static func startsFromUniformDraw(_ statements: [PyStatement]) -> Bool {
        var found = false
        PyStatement.forEach(in: statements) { s, _ in
            guard case .assign(let targets, let value, _) = s, targets.contains(where: { ["x", "x_t", "xt", "sample", "img", "image", "samples", "z"].contains($0.dottedName ?? "") }) else { return }
            // `torch.rand(8, 1, 28, 28).to(device)`
            if case .call(let f, let args, _, _) = withoutValueKeepingCalls(value), f.dottedName?.split(separator: ".").last == "rand", drawsImageShape(args) { found = true }
        }
        return found
    }

    /// The name of a step's β the function computes itself from the step (`cur_beta =
    /// calc_beta(lo, hi, t, T)`, `beta_t = beta_min + t * (beta_max - beta_min) / T`) rather than
    /// reads from a table, or nil.
    static func ownStepBeta(_ body: [PyStatement], userFunctions: Set<String>) -> String? {
        var found: String?
        PyStatement.forEach(in: body) { s, _ in
            guard found == nil, case .assign(let targets, let value, _) = s, targets.count == 1, case .name(let n, _) = targets[0],
                  n.lowercased().contains("beta"), !namesWholeTable(n) else { return }
            var readsStep = false, readsTable = false, callsOwn = false
            value.walk { node in
                switch node {
                case .name(let v, _): if timestepNames.contains(v) { readsStep = true }
                case .subscripted: readsTable = true
                case .call(let f, let args, _, _):
                    if let d = f.dottedName, userFunctions.contains(d) { callsOwn = true }
                    // `extract(betas, t, x.shape)`: a gather helper handed the whole table reads
                    // the step's β from it.
                    let callee = f.dottedName.map { lastComponent($0) } ?? ""
                    if !elementwiseFunctions.contains(callee),
                       args.contains(where: { $0.dottedName.map(namesScheduleTable) ?? false }) {
                        readsTable = true
                    }
                default: break
                }
            }
            var isCall = false
            if case .call = value { isCall = true }
            if readsStep, !readsTable, callsOwn || !isCall { found = n }
        }
        return found
    }

    /// `betas`, `self.alphas_cumprod`: a name for a whole table of a schedule.
    static func namesScheduleTable(_ dotted: String) -> Bool {
        let name = lastComponent(dotted)
        let lower = name.lowercased()
        return namesWholeTable(name) && (lower.contains("beta") || lower.contains("alpha"))
    }

    /// Whether a line assigns to a name that says it holds the wrong way of computing something.
    static func assignsCounterexample(line: String) -> Bool {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard let eq = trimmed.firstIndex(of: "="), trimmed[trimmed.index(after: eq)...].first != "=" else { return false }
        let target = trimmed[..<eq].lowercased()
        guard target.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == " " || $0 == "." }) else { return false }
        return ["bad", "wrong", "incorrect", "exploding", "buggy"].contains { target.contains($0) }
    }

    static func collectFunctions(_ statements: [PyStatement], span: CodeSpan, owner: String? = nil,
                                 into out: inout [(span: CodeSpan, name: String, params: [PyParameter], body: [PyStatement], at: Int, owner: String?)]) {
        for s in statements {
            switch s {
            case .function(let name, let params, let body, let at):
                out.append((span, name, params, body, at, owner))
            case .classDef(let className, let body, _):
                collectFunctions(body, span: span, owner: className, into: &out)
            case .block(let body, _):
                collectFunctions(body, span: span, owner: owner, into: &out)
            // `if __name__ == "__main__":` and other module-level branches define functions too.
            case .ifChain(let branches, let orElse, _) where owner == nil:
                for b in branches { collectFunctions(b.body, span: span, owner: owner, into: &out) }
                collectFunctions(orElse, span: span, owner: owner, into: &out)
            default: break
            }
        }
    }

    static var evaluationBudgetReason: String {
        "not judged: interpreting it takes more evaluations of expressions than its budget (\(PyInterpreter.evaluationBudget) for one run, \(PyInterpreter.documentEvaluationBudget) for a document), far beyond what a note's code needs"
    }

    /// Runs a function at several timesteps with its inputs bound by their names, and checks its
    /// role: a forward sample, a reverse step, and whether noise is added at t = 0.
    static func evaluate(function params: [PyParameter], body: [PyStatement], module: PyInterpreter, hyperparameters: [String: Double],
                         userFunctions: Set<String>, globals: Set<String>, linspace: inout [LinspaceFact], span: CodeSpan,
                         name: String = "", owner: String? = nil, calledInALoop: Bool = true, integerSteps: Bool = false, block: Int = 0,
                         allowance: inout InterpreterAllowance, ranOutOfEvaluations: inout Bool) -> [CodeFinding] {
        let locals = NameCheck.localNames(params, body)
        let used = NameCheck.uses(body)
        // A continuous time (`sigma_min * (sigma_max / sigma_min) ** t`, t in [0, 1]) is not a
        // step of the tables: the per-step probes t = 250, 1, 700 mean nothing there.
        let hasT = params.contains { timestepNames.contains($0.name) } && !treatsStepAsContinuous(body, definitions: module.definitions)
        let lowerName = name.lowercased()
        let handsInPrediction = fromNoiseWords.contains { lowerName.contains($0) }
            && params.contains { ["x_t", "xt", "x_noisy", "noisy_x", "z_t"].contains($0.name) }
            && !params.contains { dataNames.contains($0.name) && $0.name != "x" } && !drawsNoise(body)
        var attributes = Set<String>()
        for s in body { visitExpressions(s) { e in e.walk { if case .attribute = $0, let d = $0.dottedName, d.hasPrefix("self.") { attributes.insert(d) } } } }
        let betas = module.scheduleBetas()
        // Which schedule-named inputs the body uses as tables: walked once, not at every probe.
        let namesUsedAsTables = Set((params.map(\.name) + used.map(\.0)).filter { ScheduleRole.of($0) != nil && usesAsTable($0, in: body) })
        // A Langevin step (`langevin_step`, a corrector) moves along a score and adds its noise at
        // every level by design: it is no DDPM mean, and Algorithm 2's z = 0 at the last step is
        // DDPM's.
        let langevinStep = ["langevin", "corrector"].contains { name.lowercased().contains($0) }
        // `return x, x_mean`: the caller chooses the last step's value, so neither last-step check
        // below has anything to judge (read from the text, before any interpretation).
        let handsBackItsMean = returnsNoiseFreeCompanion(body)
        let rootedNames = squareRootedNames(body)
        let trained = trainingInput(body, parameters: Set(params.map(\.name)))
        func setUp(_ t: Int?) -> PyInterpreter {
            var it = module
            allowance.start(&it)
            it.inForwardProcess = isForwardNoising(name)
            it.codeBlock = block
            it.findings = []
            it.linspaceCalls = []
            it.noiseOrigins = [:]
            it.writtenByElement = []
            it.modelInputNoise = []
            it.modelInputMixesDataAndNoise = false
            it.callInputMixesDataAndNoise = false
            it.returned = nil
            it.t = t
            it.spreadUnusedAtThisStep = t == 1 && switchesNoiseOffAtStepOne(body)
            it.inFunction = true
            it.stepsToNoisierLevel = PyInterpreter.namesNoisierStep(name) || PyInterpreter.docStringNamesNoisierStep(body)
            it.squareRootedNames = rootedNames
            it.noisedSamplesByUse = trained.noisedSamples
            it.hyperparameters = hyperparameters
            it.userFunctions = userFunctions
            it.globalEnv = module.env
            if let owner, name != "__init__" { it.runInitializer(of: owner) }
            for p in params {
                let n = p.name
                if timestepNames.contains(n), let t { it.env[n] = .number(Double(t)); continue }
                if ["prev_t", "t_prev", "prev_timestep", "prev_step"].contains(n), let t { it.env[n] = .number(Double(t - 1)); continue }
                // `alpha_hat_t`, `beta_t`, `alpha_bar_t_previous`: one step's value, not the table.
                if ScheduleRole.of(n) != nil, ["_t", "_prev", "_previous", "_tm1", "_t_1", "_next"].contains(where: n.hasSuffix) { it.env[n] = .unknown; continue }
                // `alpha = 0.99`, a loss's mixing weight: a numeric default says it is one number, not a table.
                if ScheduleRole.of(n) != nil, let d = p.defaultValue, case .number(let v)? = Optional(it.evaluate(d)) { it.env[n] = .number(v); continue }
                // A singular name (`beta`, `alpha_bar`) is a table only where the body uses it as
                // one; else it is one number the caller chooses (`def diffuse(z, beta): …
                // np.sqrt(1 - beta) * z`). Plural names (`betas`) stay tables.
                if ScheduleRole.of(n) != nil, !namesWholeTable(n), !namesUsedAsTables.contains(n) { it.env[n] = .unknown; continue }
                if let role = it.tableRole(n) { it.env[n] = .array(role.values(betas: betas), unsquaredCosine: nil); continue }
                if n == "eta" || n == "ddim_eta" {
                    it.env[n] = .number(0.5)
                    if let d = p.defaultValue, case .number(let v)? = Optional(it.evaluate(d)) { it.etaDefaults[n] = v }
                    continue
                }
                if let h = hyperparameters[n], p.defaultValue == nil { it.env[n] = .number(h); continue }
                // `def cosine_betas(T, s=0.008)`: a count of steps the caller gives is read at the
                // usual 1000, as such a name is where the code uses it without defining it.
                if p.defaultValue == nil, stepCountParameters.contains(n) { it.env[n] = .number(Double(PyInterpreter.defaultSteps)); continue }
                if p.defaultValue == nil, let end = PyInterpreter.betaRangeEnd(n) { it.env[n] = .number(end); it.probeBound.insert(n); continue }
                if let d = p.defaultValue, case .name(let b, _) = d, b == "True" || b == "False" {
                    // A switch: both of its branches are checked.
                    it.env[n] = .unknown
                    continue
                }
                // A numeric default (`start = -3`, `s = 0.008`) says what the parameter is, whatever its name.
                if let d = p.defaultValue, case .number(let v)? = Optional(it.evaluate(d)) { it.env[n] = .number(v); continue }
                if predictionNames.contains(n) { it.env[n] = .tensor(.input(.predictedNoise)); continue }
                // `predict_xt_prev_mean_from_eps(x_t, t, eps)`: a function named for computing from
                // the noise, beside a noisy state, with no clean sample and no draw of its own, is
                // handed the model's prediction.
                if noiseNames.contains(n), handsInPrediction { it.env[n] = .tensor(.input(.predictedNoise)); continue }
                if noiseNames.contains(n) { it.env[n] = it.newNoise(at: p.offset); continue }
                // In a function that noises data (`perturb_input(x, t, noise)`), x is the data.
                if n == "x", isForwardNoising(name) { it.env[n] = .tensor(.input(.data)); continue }
                // What the step's noised sample is made of, beside the noise, is the data.
                if trained.data.contains(n) { it.env[n] = .tensor(.input(.data)); continue }
                if stateNames.contains(n) || (n == "x" && !params.contains(where: { $0.name == "x_t" })) { it.env[n] = .tensor(.input(.state(offset: 0))); continue }
                if dataNames.contains(n) { it.env[n] = .tensor(.input(.data)); continue }
                if let d = p.defaultValue { it.env[n] = it.evaluate(d); continue }
                let lower = n.lowercased()
                if lower.contains("timesteps") || lower.contains("num_steps") || lower == "n_steps" || lower == "t_max" || n == "T" {
                    it.env[n] = .number(Double(PyInterpreter.defaultSteps))
                    continue
                }
                it.env[n] = .unknown
            }
            for a in attributes {
                if let role = module.tableRole(a), it.env[a] == nil, module.mayBeScheduleTable(a) { it.env[a] = .array(role.values(betas: betas), unsquaredCosine: nil) }
                if a == "self.eta" { it.env[a] = .number(0.5) }
            }
            // Names the fragment uses without defining: samples and schedules by their names.
            for (n, _) in used where !locals.contains(n) && !NameCheck.builtins.contains(n) {
                let known: Bool
                switch it.env[n] { case nil, .unknown?: known = false; default: known = true }
                if known { continue }
                if stateNames.contains(n), it.env[n] == nil { it.env[n] = .tensor(.input(.state(offset: 0))) }
                // `sqrt_alphas_cumprod_t`: one step's value gathered from the table, as a parameter of
                // that name is (above), unless the body indexes it.
                let oneStep = n.hasSuffix("_t") || n.hasSuffix("_prev")
                if let role = it.tableRole(n), (namesWholeTable(n) && !oneStep) || namesUsedAsTables.contains(n) { it.env[n] = .array(role.values(betas: betas), unsquaredCosine: nil) }
            }
            return it
        }
        var findings: [CodeFinding] = []
        var roleFindings: [CodeFinding] = []
        var stepIndexScales: [Bool] = []
        // The middle step first: its numbers go into the messages.
        /// Ends a run: its evaluations leave the document's share, and one past its budget leaves
        /// the function not judged.
        func finish(_ run: PyInterpreter) {
            allowance.settle(run)
            if run.ranOutOfEvaluations { ranOutOfEvaluations = true }
        }
        var probes: [Int?] = [nil]
        if hasT {
            let scheduleProbe = setUp(nil)
            allowance.settle(scheduleProbe)
            probes = PyInterpreter.probeSteps(count: scheduleProbe.scheduleBetas().count)
        }
        for t in probes {
            var it = setUp(t)
            it.assignedAt = [:]
            it.run(body)
            finish(it)
            // A ᾱ table the body builds in its own names (a schedule helper's `abar = f / f[0]`) can
            // only fall, as a module's can.
            it.checkRisingAlphaBar(body: body)
            // Tables a constructor leaves on `self` (their fall checked just above, with the rest).
            if owner != nil { it.assignedAt = it.assignedAt.filter { $0.key.hasPrefix("self.") }; it.checkFinalTables(risingAlphaBar: false) }
            for f in it.findings where !findings.contains(where: { $0.rule == f.rule && $0.offset == f.offset }) { findings.append(f) }
            for c in it.linspaceCalls where !linspace.contains(where: { $0.offset == c.offset && $0.source.path == span.source.path && $0.source.cell == span.source.cell }) {
                linspace.append(LinspaceFact(start: c.start, end: c.end, source: span.source, offset: c.offset, startName: c.startName, endName: c.endName, target: c.target))
            }
            guard let t, let returned = it.returned?.tensor, !returned.coefficients.values.contains(where: \.isNaN) else { continue }
            if integerSteps, let r = it.returned?.tensor { stepIndexScales.append(noiseScaleIsTheStep(r, t: t, tables: it.ownAlphaBarTables())) }
            // The note's own schedule, through Reference (one it refuses is not judged).
            let schedBetas = it.scheduleBetas()
            guard let bars = try? NoiseSchedule(betas: schedBetas).alphaBars, t < bars.count else { continue }
            let keys = returned.deterministicKeys
            // A positive coefficient of x_0: the v-target √ᾱ_t·ε − √(1 − ᾱ_t)·x_0 is not a sample.
            if keys == [.data], !returned.noiseKeys.isEmpty, returned.coefficient(.data) > 0 {
                let m = bars[t].squareRoot(), v = 1 - bars[t]
                // Code may index its tables from 1 (`t = t - 1`): a sample of another step is a
                // convention, not an error.
                let c = returned.coefficient(.data)
                let verdict = it.forwardSampleVerdict(c, returned.noiseVariance)
                // `return mu_q, std_q, xt`: when another value handed back is the forward sample,
                // the first is some other quantity of it (here the posterior mean).
                let sampleBeside = (it.returnedTuple ?? []).dropFirst().contains { value in
                    guard let f = value.tensor, f.deterministicKeys == [.data], !f.noiseKeys.isEmpty else { return false }
                    return it.forwardSampleVerdict(f.coefficient(.data), f.noiseVariance) == .right
                }
                if verdict == .wrong, !sampleBeside, !nearlyEqual(c, m) || !nearlyEqual(returned.noiseVariance, v) {
                    // With the mean right, the wrong value is the noise's coefficient: where a name
                    // for it is assigned, the finding stands there.
                    let at = nearlyEqual(c, m) ? noiseCoefficientAssignment(body) : nil
                    roleFindings.append(CodeFinding(rule: .wrongForwardSampleCode, offset: at ?? returnOffset(body) ?? span.start,
                                                    message: "the function returns a forward sample that is not √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε: at t = \(t) the coefficient of x_0 is \(FormulaJudge.format(returned.coefficient(.data))) (must be \(FormulaJudge.format(m))) and the noise variance \(FormulaJudge.format(returned.noiseVariance)) (must be \(FormulaJudge.format(v)))",
                                                    fix: "sqrt(alphas_cumprod[t]) * x_0 + sqrt(1 - alphas_cumprod[t]) * noise"))
                }
            } else if namesCleanEstimateFromNoise(name), keys == [.state(offset: 0), .predictedNoise] {
                if !it.scheduleArrayReported,
                   let finding = cleanEstimateFinding(returned, t: t, alphaBars: bars, at: returnOffset(body) ?? span.start) {
                    roleFindings.append(finding)
                }
            } else if keys.contains(.state(offset: 0)), keys.isSubset(of: [.state(offset: 0), .predictedNoise, .predictedData]),
                      !returnsOwnFunctionResult(body, userFunctions: userFunctions),
                      !namesPredictionConversion(name), !isNetworkForward(name, owner: owner),
                      !returnsTimeDerivative(name, returning: returnExpression(body)), !langevinStep {
                var check = it
                check.findings = []
                check.noiseTermOffset = returnExpression(body).flatMap { check.noiseTerm(in: $0) }
                check.epsilonCoefficientAt = returnExpression(body).flatMap { check.epsilonCoefficientOffset(in: $0) }
                check.checkMean(returned, name: "the returned sample", at: returnOffset(body) ?? span.start, t: t, betas: schedBetas)
                roleFindings += check.findings
            }
        }
        if hasT, mentionsTimestepComparison(body), !zeroesNoiseInPlace(body), !comparesTimeWithNamedEnd(body) {
            if handsBackItsMean { return findings }
            var it = setUp(0)
            it.switchOffDDIMEta()
            it.run(body)
            finish(it)
            // Noise the model has seen is the sample being denoised (the x_T a sampler starts
            // from), which reaches the result by design; only a step's own noise must stop.
            let seen = it.modelInputNoise
            // A step that draws its own noise: a noise-named parameter (`eps`) is the model's
            // prediction handed in, not a second draw.
            let parameterOffsets = drawsNoise(body) ? Set(params.map(\.offset)) : []
            if let r = it.returned?.tensor, !r.deterministicKeys.isDisjoint(with: [.state(offset: 0), .predictedNoise, .predictedData]),
               let occurrence = r.noiseKeys.compactMap({ k -> Int? in
                   if case .noise(let o) = k, !seen.contains(o), !it.gatedNoise.contains(o), !parameterOffsets.contains(it.noiseOrigins[o] ?? -1) { return o }
                   return nil
               }).min(),
               let origin = it.noiseOrigins[occurrence], !drawScaledByEta(origin, in: body) {
                if let gate = gateAtStepOne(body) {
                    // Steps counted from 1 (`alphas[t - 1]`, `t_idx = clamp(t - 1, 0, T - 1)`) make
                    // the gate at t = 1 the last step, as in Algorithm 2. Otherwise the gate is the
                    // line to change: it switches the noise off one step early. A gate on a counter
                    // handed in beside the step (`p_sample(i, x, t)` with `if i == 1`) says nothing
                    // of how the tables are indexed.
                    let separateCounter = params.contains { $0.name != gate.name && timestepNames.contains($0.name) } && readOnlyInTests(gate.name, body)
                    if !readsTablesOneStepBack(body), !separateCounter {
                        findings.append(CodeFinding(rule: .noiseStoppedAtOne, offset: gate.offset,
                                                    message: "the noise is switched off at t = 1, but these tables are indexed from 0: the step t = 0 still adds noise to the returned sample (and t = 1 loses its own)",
                                                    fix: "if t == 0: return mean"))
                    }
                } else {
                    findings.append(CodeFinding(rule: .noiseAtFinalStep, offset: origin,
                                                message: "at t = 0 this noise still reaches the returned sample: the last reverse step must return the mean without noise",
                                                fix: "noise = torch.randn_like(x) if t > 0 else 0"))
                }
            }
        }
        // A step that draws its noise with no test of t at all, and that no loop of the document
        // calls: nothing switches its noise off at the last step (Ho et al. 2020, Algorithm 2).
        // A step handed the level it goes to as well (`step(eps, x, t, t_prev)`) scales its noise
        // by that level's σ, which its caller sets to 0 at the end (Euler ancestral, DDIM).
        let stepsBetweenLevels = params.contains { p in
            let n = p.name.lowercased()
            return n.contains("prev") || n.contains("next") || n.hasSuffix("minus1") || n.hasSuffix("minus_1")
        }
        if hasT, !calledInALoop, !langevinStep, !stepsBetweenLevels, drawsNoise(body), !mentionsTimestepComparison(body), !zeroesNoiseInPlace(body) {
            if handsBackItsMean { return findings }
            var it = setUp(0)
            it.switchOffDDIMEta()
            it.run(body)
            finish(it)
            let seen = it.modelInputNoise
            let parameterOffsets = Set(params.map(\.offset))
            if let r = it.returned?.tensor, r.deterministicKeys.contains(.state(offset: 0)),
               !r.deterministicKeys.isDisjoint(with: [.predictedNoise, .predictedData]),
               let occurrence = r.noiseKeys.compactMap({ k -> Int? in
                   if case .noise(let o) = k, !seen.contains(o), !parameterOffsets.contains(it.noiseOrigins[o] ?? -1) { return o }
                   return nil
               }).min(),
               it.noiseOrigins[occurrence].map({ !drawScaledByEta($0, in: body) }) ?? false {
                // Where the noise joins the sample: that is the line to change.
                findings.append(CodeFinding(rule: .noiseAtFinalStep, offset: returnOffset(body) ?? span.start,
                                            message: "this reverse step draws its noise at every t and no loop here switches it off: at the last step (t = 0) the returned sample still carries noise",
                                            fix: "noise = torch.randn_like(x) if t > 0 else 0"))
            } else if let r = it.returned?.tensor, r.constant.isNaN || !r.deterministicKeys.contains(.state(offset: 0)),
                      r.noiseKeys.contains(where: { k in
                          guard case .noise(let o) = k, !seen.contains(o), it.noiseOrigins[o] != nil else { return false }
                          let c = r.coefficient(k)
                          return c.isFinite && c != 0
                      }),
                      returnsMeanPlusFreshNoise(params, body) {
                // The mean is beyond the interpreter, but the noise term at t = 0 is known (a
                // coefficient 0 there, β̃_0 = 0, is quiet): the step is judged by its form.
                findings.append(CodeFinding(rule: .noiseAtFinalStep, offset: returnOffset(body) ?? span.start,
                                            message: "this reverse step returns its mean plus freshly drawn noise at every t and no loop here switches it off: at the last step (t = 0) the returned sample still carries noise",
                                            fix: "noise = torch.randn_like(x) if t > 0 else 0"))
            }
        }
        if hasT, stepIndexScales.count == probes.count, stepIndexScales.allSatisfy({ $0 }), let first = probes.first ?? nil {
            roleFindings.insert(stepIndexScaleFinding(at: returnOffset(body) ?? span.start, t: first), at: 0)
        }
        if findings.isEmpty { findings = roleFindings.reduce(into: []) { acc, f in if !acc.contains(where: { $0.rule == f.rule }) { acc.append(f) } } }
        return findings
    }

    /// `return x, x_mean` after `x = x_mean + std * z`: the step hands back its mean beside the
    /// noisy sample, and the caller chooses which one ends the chain (score SDE's predictors and
    /// correctors return the mean at the last step). A clean estimate returned beside the sample
    /// (`return mean + sigma * z, x_0`) is another quantity and leaves the last step as it is.
    static func returnsNoiseFreeCompanion(_ body: [PyStatement]) -> Bool {
        guard case .returnValue(.tuple(let items, _)?, _)? = body.last(where: { if case .returnValue = $0 { return true } else { return false } }),
              items.count >= 2, let sample = items[0].dottedName else { return false }
        let companions = Set(items.dropFirst().compactMap(\.dottedName))
        var written: PyExpr?
        // The last write of the sample, in a corrector's inner loop too.
        PyStatement.forEach(in: body) { statement, _ in
            if case .assign(let targets, let value, _) = statement, targets.contains(where: { $0.dottedName == sample }) { written = value }
        }
        guard case .binary("+", let left, let right, _)? = written else { return false }
        for (mean, noise) in [(left, right), (right, left)] {
            guard let m = mean.dottedName, companions.contains(m) else { continue }
            var drawn = false
            noise.walk { node in
                if let n = node.dottedName?.split(separator: ".").last.map(String.init), namesNoiseItself(n) || PyInterpreter.gaussianNoise.contains(n) { drawn = true }
            }
            if drawn { return true }
        }
        return false
    }

    /// The names the body takes a square root of (`torch.sqrt(sigma)`, `sigma ** 0.5`,
    /// `sigma.sqrt()`): whatever their names say, they hold variances.
    static func squareRootedNames(_ body: [PyStatement]) -> Set<String> {
        var names = Set<String>()
        for s in body {
            visitExpressions(s) { e in
                e.walk { node in
                    switch node {
                    case .call(let f, let args, _, _) where f.dottedName?.split(separator: ".").last == "sqrt" && args.count == 1:
                        if let n = args[0].dottedName { names.insert(n) }
                    case .call(.attribute(let base, "sqrt", _), let args, _, _) where args.isEmpty:
                        if let n = base.dottedName { names.insert(n) }
                    case .binary("**", let base, .number(0.5, _), _):
                        if let n = base.dottedName { names.insert(n) }
                    default: break
                    }
                }
            }
        }
        return names
    }

    /// Whether the body draws Gaussian noise itself (`torch.randn_like(x)`).
    static func drawsNoise(_ body: [PyStatement]) -> Bool {
        var found = false
        for s in body where !found {
            visitExpressions(s) { e in if !found, holdsNoiseDraw(e) { found = true } }
        }
        return found
    }

    /// Whether the expression holds a Gaussian draw anywhere inside it.
    static func holdsNoiseDraw(_ e: PyExpr) -> Bool {
        var found = false
        e.walk { if isNoiseDraw($0) { found = true } }
        return found
    }

    /// `torch.randn_like(x)`, `np.random.normal(…)`: a call that draws Gaussian noise.
    static func isNoiseDraw(_ node: PyExpr) -> Bool {
        guard case .call(let f, _, _, _) = node, let n = f.dottedName?.split(separator: ".").last else { return false }
        return PyInterpreter.gaussianNoise.contains(String(n))
    }

    /// `t == 1`, `t > 1`, `t <= 1`: a test of the step against 1 (the 1-based last step).
    static func gateAtStepOne(_ body: [PyStatement]) -> (offset: Int, name: String)? {
        var found: (offset: Int, name: String)?
        for s in body where found == nil {
            visitExpressions(s) { e in if found == nil { found = stepOneTest(in: e) } }
        }
        return found
    }

    /// The first test of the step against 1 inside the expression (`t == 1`, `t > 1`, …).
    static func stepOneTest(in e: PyExpr) -> (offset: Int, name: String)? {
        var found: (offset: Int, name: String)?
        e.walk { node in
            guard found == nil, case .compare(let ops, let operands, let at) = node, ops.count == 1, operands.count == 2,
                  ["==", ">", "<=", "!="].contains(ops[0]), case .name(let n, _) = operands[0], timestepNames.contains(n),
                  case .number(1, _) = operands[1] else { return }
            found = (at, n)
        }
        return found
    }

    /// Whether the body switches its noise off by a test of the step against 1: the draw zeroed
    /// where the test holds (`z[t == 1] = 0`), drawn in one branch of `if t > 1:` only, or chosen
    /// by `randn_like(x) if t > 1 else 0`. A test that picks a table entry (`ab_prev[t > 1] = …`)
    /// is no gate of the noise.
    static func switchesNoiseOffAtStepOne(_ body: [PyStatement]) -> Bool {
        func testsStepOne(_ e: PyExpr) -> Bool { stepOneTest(in: e) != nil }
        var drawn = Set<String>()
        var found = false
        func visit(_ list: [PyStatement]) {
            for s in list {
                switch s {
                case .assign(let targets, let value, _):
                    for case .name(let n, _) in targets where holdsNoiseDraw(value) { drawn.insert(n) }
                    if case .number(0, _) = value,
                       targets.contains(where: { if case .subscripted(.name(let n, _), let items, _) = $0 { return drawn.contains(n) && items.contains(where: testsStepOne) }; return false }) {
                        found = true
                    }
                    if case .conditional(let a, let test, let b, _) = value, testsStepOne(test), holdsNoiseDraw(a) != holdsNoiseDraw(b) { found = true }
                case .ifChain(let branches, let orElse, _):
                    if branches.contains(where: { testsStepOne($0.test) }) {
                        let draws = (branches.map(\.body) + [orElse]).map(drawsNoise)
                        if draws.contains(true), draws.contains(false) { found = true }
                    }
                    branches.forEach { visit($0.body) }
                    visit(orElse)
                default: s.nestedBodies.forEach(visit)
                }
            }
        }
        visit(body)
        return found
    }

    /// Whether the body reads `name` only in comparisons (`if i == 1:`): a loop counter handed in
    /// beside the step that indexes the tables, whose range only the caller knows.
    static func readOnlyInTests(_ name: String, _ body: [PyStatement]) -> Bool {
        var reads = 0, tested = 0
        for s in body {
            visitExpressions(s) { e in
                e.walk { node in
                    if case .name(name, _) = node { reads += 1 }
                    if case .compare(_, let operands, _) = node { tested += operands.filter { if case .name(name, _) = $0 { return true }; return false }.count }
                }
            }
        }
        return reads > 0 && reads == tested
    }

    /// Whether the function reads a table one step back, at `t - 1` written in the subscript or
    /// in a name assigned from it (`t_idx = torch.clamp(t - 1, 0, T - 1)`): its t counts from 1.
    static func readsTablesOneStepBack(_ body: [PyStatement]) -> Bool {
        func isStepMinusOne(_ e: PyExpr) -> Bool {
            var found = false
            e.walk { node in
                if case .binary("-", .name(let n, _), .number(1, _), _) = node, timestepNames.contains(n) { found = true }
            }
            return found
        }
        // The names assigned from t - 1, in any block; then one walk over every expression.
        var shifted = Set<String>()
        func collect(_ list: [PyStatement]) {
            for s in list {
                if case .assign(let targets, let value, _) = s, isStepMinusOne(value) {
                    for case .name(let n, _) in targets { shifted.insert(n) }
                }
                switch s {
                case .ifChain(let branches, let orElse, _): branches.forEach { collect($0.body) }; collect(orElse)
                case .forLoop(_, _, let b, _), .whileLoop(_, let b, _), .block(let b, _): collect(b)
                default: break
                }
            }
        }
        collect(body)
        var reads = false
        for s in body {
            visitExpressions(s) { e in
                e.walk { node in
                    guard case .subscripted(_, let indices, _) = node else { return }
                    for index in indices {
                        if isStepMinusOne(index) { reads = true }
                        if case .name(let n, _) = index, shifted.contains(n) { reads = true }
                    }
                }
            }
        }
        return reads
    }

    /// `noise[t == 0] = 0`, `z[mask] = 0`: the step's noise is switched off per sample in place,
    /// which the interpreter does not follow.
    static func zeroesNoiseInPlace(_ body: [PyStatement]) -> Bool {
        var found = false
        func visit(_ list: [PyStatement]) {
            for s in list {
                switch s {
                case .assign(let targets, let value, _):
                    if targets.contains(where: { if case .subscripted = $0 { return true }; return false }),
                       case .number(0, _) = value { found = true }
                case .ifChain(let branches, let orElse, _): branches.forEach { visit($0.body) }; visit(orElse)
                case .forLoop(_, _, let b, _), .whileLoop(_, let b, _), .block(let b, _): visit(b)
                default: break
                }
            }
        }
        visit(body)
        return found
    }

    /// The (last component of the) names of the functions called inside a `for` or `while` loop.
    static func functionsCalledInLoops(_ statements: [PyStatement]) -> Set<String> {
        var names = Set<String>()
        func calls(_ list: [PyStatement]) {
            for s in list {
                visitExpressions(s) { e in
                    e.walk { node in
                        if case .call(let f, _, _, _) = node, let n = f.dottedName?.split(separator: ".").last { names.insert(String(n)) }
                    }
                }
            }
        }
        func visit(_ list: [PyStatement]) {
            for s in list {
                switch s {
                case .forLoop(_, _, let b, _), .whileLoop(_, let b, _): calls(b)
                default: s.nestedBodies.forEach(visit)
                }
            }
        }
        visit(statements)
        return names
    }

    /// `forward_diffusion`, `q_sample`, `add_noise`, `forward_var`: a function of the forward
    /// process, whose variances and scales are the marginal's, not a reverse step's. A module's
    /// plain `forward` may run a sampler, so it is not one.
    static func isForwardNoising(_ functionName: String) -> Bool {
        let n = functionName.lowercased()
        if n.hasPrefix("forward_") || n.hasSuffix("_forward") { return true }
        return ["q_sample", "perturb", "add_noise", "noise_image", "noise_images", "forward_diffusion", "diffuse", "q_xt", "noisy", "forward_process", "sample_forward"].contains { n.contains($0) }
    }

    static func drawsStepsFromOne(_ statements: [PyStatement]) -> Bool {
        var found = false
        for s in statements {
            visitExpressions(s) { e in
                e.walk { node in
                    if case .call(let f, let args, let kws, _) = node, f.dottedName?.hasSuffix("randint") == true {
                        if case .number(1, _)? = args.first { found = true }
                        if kws.contains(where: { $0.0 == "low" && { if case .number(1, _) = $0.1 { return true }; return false }($0) }) { found = true }
                    }
                }
            }
        }
        return found
    }

    static func returnExpression(_ body: [PyStatement]) -> PyExpr? {
        for s in body.reversed() { if case .returnValue(let e?, _) = s { return e } }
        return nil
    }

    /// Whether the function returns what one of the note's own functions computed (`mean =
    /// self.mean_from_eps(…)`, then `return mean, var`): that function is judged where it computes it.
    static func returnsOwnFunctionResult(_ body: [PyStatement], userFunctions: Set<String>) -> Bool {
        guard var returned = returnExpression(body) else { return false }
        if case .tuple(let items, _) = returned, let first = items.first { returned = first }
        if callsOwnFunction(returned, userFunctions) { return true }
        guard case .name(let n, _) = returned else { return false }
        for s in body.reversed() {
            if case .assign(let targets, let value, _) = s, targets.contains(where: { $0.dottedName == n }) { return callsOwnFunction(value, userFunctions) }
        }
        return false
    }

    /// `self.mean_from_eps(…)`, `p_mean(…)`: a call of one of the note's own functions.
    static func callsOwnFunction(_ e: PyExpr, _ userFunctions: Set<String>) -> Bool {
        guard case .call(let f, _, _, _) = e, let last = f.dottedName?.split(separator: ".").last else { return false }
        return userFunctions.contains(String(last))
    }

    /// Which text a block's offsets are positions in: the first block of the same text. A
    /// Markdown note's fences share one text; each notebook cell is a text of its own.
    static func sourceIndex(of span: CodeSpan, in spans: [CodeSpan]) -> Int {
        spans.firstIndex { $0.source.path == span.source.path && $0.source.cell == span.source.cell } ?? 0
    }

    /// `return a * x_0 + b * noise` (a tuple's first item, too): where the body assigns b, the
    /// coefficient of the term whose other factor names the noise.
    static func noiseCoefficientAssignment(_ body: [PyStatement]) -> Int? {
        guard var e = returnExpression(body) else { return nil }
        if case .tuple(let items, _) = e, let first = items.first { e = first }
        guard case .binary("+", let a, let b, _) = e else { return nil }
        func isNoise(_ x: PyExpr) -> Bool {
            guard let n = x.dottedName?.lowercased() else { return false }
            return noiseNames.contains(n) || n.contains("noise") || n.hasPrefix("eps")
        }
        for term in [a, b] {
            guard case .binary("*", let l, let r, _) = term else { continue }
            let coefficient = isNoise(r) ? l : (isNoise(l) ? r : nil)
            guard let name = coefficient?.dottedName, !isNoise(coefficient!) else { continue }
            let values = assignedValues(of: name, in: body)
            if values.count == 1 { return values[0].offset }
        }
        return nil
    }

    static func returnOffset(_ body: [PyStatement]) -> Int? {
        for s in body.reversed() { if case .returnValue(let e?, _) = s { return e.offset } }
        // `if t_index == 0: return mean` / `else: return mean + z * sigma`: the last return written,
        // inside a branch, is where the step's sample is made.
        var last: Int?
        PyStatement.forEach(in: body) { s, _ in
            if case .returnValue(let e?, _) = s { last = e.offset }
        }
        return last
    }

    static func mentionsTimestepComparison(_ body: [PyStatement]) -> Bool {
        var found = false
        for s in body {
            visitExpressions(s) { e in
                e.walk { node in
                    if case .compare(_, let operands, _) = node, operands.contains(where: readsTimestep) {
                        found = true
                    }
                    // `tf.equal(t, 0)`, `t.ne(0)`: the same test as a function of the library.
                    if case .call(let f, let args, _, _) = node, let name = f.dottedName.map(lastComponent) ?? { if case .attribute(_, let m, _) = f { return m }; return nil }(),
                       PyInterpreter.comparisonFunctions[name] != nil {
                        var operands = args
                        if case .attribute(let receiver, _, _) = f { operands.append(receiver) }
                        if operands.contains(where: readsTimestep) { found = true }
                    }
                }
            }
        }
        return found
    }

    /// Whether the function's t is a continuous time rather than a step: it never indexes a table
    /// with t (`betas[t]`, `extract(a, t, shape)`, `a.gather(-1, t)`) and uses t in arithmetic other
    /// than the neighbouring step `t - 1` (`beta_0 + t * (beta_1 - beta_0)`, `ratio ** t`), here or
    /// in a function of the note it hands t to (`std = self.marginal_std(t)`; one level deep).
    static func treatsStepAsContinuous(_ body: [PyStatement], definitions: [String: PyInterpreter.Definition] = [:]) -> Bool {
        var indexes = false, arithmetic = false
        func isStep(_ e: PyExpr) -> Bool { if case .name(let n, _) = e { return timestepNames.contains(n) } else { return false } }
        func mentionsStep(_ e: PyExpr) -> Bool {
            var found = false
            e.walk { if isStep($0) { found = true } }
            return found
        }
        for s in body {
            visitExpressions(s) { e in
                e.walk { node in
                    switch node {
                    case .subscripted(_, let index, _) where index.contains(where: mentionsStep):
                        indexes = true
                    case .call(let f, let args, let keywords, _):
                        let callee = f.dottedName?.split(separator: ".").last.map(String.init)?.lowercased() ?? ""
                        let gathers = ["extract", "gather", "index", "take", "lookup", "get"].contains { callee.contains($0) }
                        if gathers, (args + keywords.map(\.1)).contains(where: mentionsStep) { indexes = true }
                        if !gathers, (args + keywords.map(\.1)).contains(where: isStep), let name = f.dottedName,
                           let d = definitions[name], treatsStepAsContinuous(d.body) { arithmetic = true }
                        // `torch.cos(t)`, `torch.exp(-t)`: a function of the time itself (TrigFlow's
                        // cos t·x_0 + sin t·z) is no table lookup.
                        if ["cos", "sin", "tan", "exp", "log", "sigmoid"].contains(callee), args.count == 1, isStep(args[0]) { arithmetic = true }
                    case .binary(let op, let l, let r, _) where isStep(l) || isStep(r):
                        let other = isStep(l) ? r : l
                        // `1 - t` (but not `t - 1`): the complement of a time in [0, 1], as in a
                        // flow's σ_t = 1 − t. An integer step counts back as t − 1, never 1 − t.
                        if op == "-", isStep(r), case .number(1, _) = l { arithmetic = true; break }
                        if op == "+" || op == "-" {
                            if case .number(let v, _) = other, v == v.rounded() { break }
                            if case .name = other { break }
                        }
                        if ["**", "*", "/", "+", "-"].contains(op) { arithmetic = true }
                    default: break
                    }
                }
            }
        }
        return arithmetic && !indexes
    }

    /// `t`, `t[0]`, `t.item()`, `t[0].item()`, `int(t)`: the step index, or one element of a batch
    /// of steps that all hold the same value.
    static func readsTimestep(_ e: PyExpr) -> Bool {
        switch e {
        case .name(let n, _): return timestepNames.contains(n)
        case .subscripted(let base, _, _): return readsTimestep(base)
        case .call(.attribute(let base, let method, _), let args, _, _) where args.isEmpty && ["item", "min", "max", "long", "int", "float"].contains(method):
            return readsTimestep(base)
        case .call(let f, let args, _, _) where args.count == 1 && ["int", "float"].contains(f.dottedName ?? ""):
            return readsTimestep(args[0])
        default: return false
        }
    }

    /// Whether a schedule name is plural (`betas`, `alphas_cumprod`): the whole table, whatever the
    /// code does with it. A singular one (`beta`, `alpha_bar`) may be one step's value.
    static func namesWholeTable(_ name: String) -> Bool { name.hasSuffix("s") || name.contains("cumprod") }

    /// Functions that take a table value by value (a number in, a number out per step): handing a
    /// name to them says nothing of whether it is a table.
    static let elementwiseFunctions: Set<String> = ["sqrt", "log", "exp", "pow", "power", "abs", "float", "clip", "clamp", "maximum", "minimum", "tensor", "as_tensor", "asarray", "array", "full_like", "ones_like", "zeros_like", "rsqrt", "log1p", "expm1", "sin", "cos", "tan", "to", "float32", "float64", "item"]
    /// Attributes only a table has, or that read one of its steps. Shapes and reshapes
    /// (`alpha.shape[0]`, `alpha.unsqueeze(-1)`) are not among them: a batch of one value per
    /// sample, which a caller gathers and hands in (`apply_noise(x, alpha)`), has them too.
    static let tableMethods: Set<String> = ["gather", "index_select", "take", "cumprod", "cumsum", "flip"]

    /// Whether the body treats a name as a table of one value per step: indexes it (`betas[t]`),
    /// gathers from it (`alphas_cumprod.gather(-1, t)`), iterates over it, or hands it whole to a
    /// function that is not elementwise arithmetic
    /// (`extract(alphas_cumprod, t, x.shape)`, `len(betas)`). A parameter named `beta` that the
    /// body only multiplies, roots and raises (`np.power(1 - beta, t)`) is one number, whatever
    /// its name says.
    static func usesAsTable(_ name: String, in body: [PyStatement]) -> Bool {
        var found = false
        for s in body {
            if case .forLoop(_, .name(let n, _), _, _) = s, n == name { return true }
            visitExpressions(s) { e in
                e.walk { node in
                    guard !found else { return }
                    switch node {
                    case .subscripted(.name(let n, _), _, _) where n == name: found = true
                    case .attribute(.name(let n, _), let member, _) where n == name && tableMethods.contains(member): found = true
                    case .call(let f, let args, let keywords, _):
                        let callee = f.dottedName.map { lastComponent($0) } ?? ""
                        guard !elementwiseFunctions.contains(callee) else { return }
                        let bare = args + keywords.map(\.1)
                        if bare.contains(where: { if case .name(let n, _) = $0 { return n == name } else { return false } }) { found = true }
                    default: break
                    }
                }
            }
            if found { return true }
        }
        return false
    }

    /// Calls `body` with every top expression of a statement, recursively.
    static func visitExpressions(_ s: PyStatement, _ body: (PyExpr) -> Void) {
        switch s {
        case .assign(let targets, let value, _): targets.forEach(body); body(value)
        case .augmented(let t, _, let v, _): body(t); body(v)
        case .expression(let e, _): body(e)
        case .returnValue(let e, _): e.map(body)
        case .function(_, let params, let b, _): params.compactMap(\.defaultValue).forEach(body); b.forEach { visitExpressions($0, body) }
        case .classDef(_, let b, _), .block(let b, _): b.forEach { visitExpressions($0, body) }
        case .ifChain(let branches, let orElse, _):
            for br in branches { body(br.test); br.body.forEach { visitExpressions($0, body) } }
            orElse.forEach { visitExpressions($0, body) }
        case .forLoop(let t, let i, let b, _): body(t); body(i); b.forEach { visitExpressions($0, body) }
        case .whileLoop(let t, let b, _): body(t); b.forEach { visitExpressions($0, body) }
        default: break
        }
    }
}
