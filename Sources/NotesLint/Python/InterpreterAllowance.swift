/// The evaluations of expressions a document's code may take: each run of the interpreter (a
/// module's block, a function at one step) at most ``PyInterpreter/evaluationBudget``, and all
/// the runs of one document together at most ``PyInterpreter/documentEvaluationBudget``. What a run used is taken from the
/// document's share when it ends.
struct InterpreterAllowance {
    private(set) var documentLeft = PyInterpreter.documentEvaluationBudget

    /// Starts a run: no evaluations made, and a limit of what is left, up to a run's budget.
    func start(_ run: inout PyInterpreter) {
        run.evaluationsMade = 0
        run.evaluationLimit = min(PyInterpreter.evaluationBudget, max(0, documentLeft))
    }

    /// Ends a run: what it used (its limit at most) leaves the document's share.
    mutating func settle(_ run: PyInterpreter) {
        documentLeft -= min(run.evaluationsMade, run.evaluationLimit)
    }
}
