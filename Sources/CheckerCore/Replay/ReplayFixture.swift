/// diffusers' deterministic scheduler-test tensors for a (B, C, …) shape.
///
///     sample = arange(n).reshape(C, …, B) / n, permuted so that B comes first
///     noise  = arange(n).flip(-1).reshape(C, …, B) / n, permuted the same way
///
/// For (4, 3, 8, 8) these are `dummy_sample_deter` and `dummy_noise_deter`
/// (`reshape(3, 8, 8, 4)`, `permute(3, 0, 1, 2)`).
public enum ReplayFixture {
    /// The values k (or n − 1 − k when `flipped`) on the batch-first tensor, row-major.
    public static func indices(shape: [Int], flipped: Bool) -> [Int] {
        let n = shape.reduce(1, *)
        let stored = flipped ? Array((0..<n).reversed()) : Array(0..<n)
        guard shape.count > 1 else { return stored }
        // Stored as (C, …, B): the batch axis last. Output axis 0 is stored axis r − 1, output
        // axis d ≥ 1 is stored axis d − 1.
        let storedShape = Array(shape.dropFirst()) + [shape[0]]
        let permutation = [shape.count - 1] + Array(0..<(shape.count - 1))
        return permutedRowMajor(stored, shape: storedShape, permutation: permutation)
    }

    public static func sample(shape: [Int]) -> [Double] {
        let n = Double(shape.reduce(1, *))
        return indices(shape: shape, flipped: false).map { Double($0) / n }
    }

    public static func noise(shape: [Int]) -> [Double] {
        let n = Double(shape.reduce(1, *))
        return indices(shape: shape, flipped: true).map { Double($0) / n }
    }
}

/// `values` laid out row-major with `shape`, permuted as `torch.permute(permutation)` and read
/// back row-major: output axis d is input axis `permutation[d]`.
///
/// - Precondition: `permutation` is a permutation of the axes and `values` fills `shape`
///   (callers build both).
func permutedRowMajor<Element>(_ values: [Element], shape: [Int], permutation: [Int]) -> [Element] {
    var inputStrides = [Int](repeating: 1, count: shape.count)
    for d in stride(from: shape.count - 2, through: 0, by: -1) {
        inputStrides[d] = inputStrides[d + 1] * shape[d + 1]
    }
    let outputShape = permutation.map { shape[$0] }
    let strides = permutation.map { inputStrides[$0] }
    var out: [Element] = []
    out.reserveCapacity(values.count)
    var index = [Int](repeating: 0, count: shape.count)
    for _ in 0..<values.count {
        var offset = 0
        for d in index.indices { offset += index[d] * strides[d] }
        out.append(values[offset])
        var d = index.count - 1
        while d >= 0 {
            index[d] += 1
            if index[d] < outputShape[d] { break }
            index[d] = 0
            d -= 1
        }
    }
    return out
}
