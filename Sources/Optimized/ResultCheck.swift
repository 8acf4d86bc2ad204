/// What the array-returning entry points check before they return.
///
/// A NaN or an infinity in a result has one of two causes: a non-finite input (refused as
/// `.invalidInput`, naming the first one) or finite inputs whose result leaves the range of the
/// element type (`.resultOutOfRange`). The check is a read of the result after the kernel, paid
/// only by the array forms. The `into:` forms are the fast paths a sampling loop calls on every
/// step and do not check: like BLAS, a NaN in gives a NaN out. Validate the inputs once per run,
/// or call the array forms, when the data is not trusted.
extension OptimizedSchedule {
    static func checkResult<T: BinaryFloatingPoint>(_ result: [T], _ name: String, inputs: [(String, [T])]) throws(OptimizedError) {
        guard let i = result.firstIndex(where: { !$0.isFinite }) else { return }
        for (inputName, values) in inputs {
            if let j = values.firstIndex(where: { !$0.isFinite }) {
                throw OptimizedError(.invalidInput, "expected finite \(inputName), got \(inputName)[\(j)] = \(values[j])")
            }
        }
        throw OptimizedError(.resultOutOfRange,
                             "\(name)[\(i)] = \(result[i]) leaves the floating-point range although every input is finite: scale the inputs down")
    }

    static func checkResult<T: BinaryFloatingPoint & Sendable>(_ out: StepOutput<T>, inputs: [(String, [T])]) throws(OptimizedError) {
        try checkResult(out.prev, "prev", inputs: inputs)
        try checkResult(out.predX0, "predX0", inputs: inputs)
    }
}

extension StepNoise {
    /// The explicit noise values, if the caller gave them.
    var values: [Scalar] {
        if case .values(let v) = self { return v }
        return []
    }
}
