/// The linearly interpolated quantile of |x| used by dynamic thresholding, as `torch.quantile`
/// computes it: sort ascending, rank = q·(n − 1) (in Double), lower = ⌊rank⌋, upper = ⌈rank⌉,
/// result = v[lower] + (rank − lower)·(v[upper] − v[lower]), evaluated in Double.
///
/// The two order statistics are found by selection (Hoare's FIND with median-of-three pivots,
/// expected O(n)) on a copy of |x|. A NaN anywhere gives NaN, as torch does.
enum Quantile {
    static func ofAbsoluteValues<T: KernelScalar>(_ x: UnsafePointer<T>, count n: Int, q: Double) -> Double {
        guard n > 0 else { return .nan }
        return withUnsafeTemporaryAllocation(of: T.self, capacity: n) { buffer -> Double in
            let v = buffer.baseAddress!
            var hasNaN = false
            for i in 0..<n {
                let a = x[i].magnitude
                v[i] = a
                hasNaN = hasNaN || a.isNaN
            }
            if hasNaN { return .nan }
            let rank = q * Double(n - 1)
            let lower = Int(rank.rounded(.down)), upper = Int(rank.rounded(.up))
            select(v, count: n, k: lower)
            let low = v[lower]
            var high = low
            if upper != lower {
                // After selection every element right of `lower` is ≥ v[lower]: take their minimum.
                high = v[lower + 1]
                for i in (lower + 2)..<n where v[i] < high { high = v[i] }
            }
            let weight = rank - Double(lower)
            return Double(low) + weight * (Double(high) - Double(low))
        }
    }

    /// Rearranges v so that v[k] is the k-th smallest, smaller ones to its left, larger to its right.
    static func select<T: KernelScalar>(_ v: UnsafeMutablePointer<T>, count n: Int, k: Int) {
        var lo = 0, hi = n - 1
        while hi > lo {
            if hi - lo < 16 {
                // Insertion sort of the small remaining range.
                for i in (lo + 1)...hi {
                    let key = v[i]
                    var j = i - 1
                    while j >= lo && v[j] > key {
                        v[j + 1] = v[j]
                        j -= 1
                    }
                    v[j + 1] = key
                }
                return
            }
            let mid = lo + (hi - lo) / 2
            if v[mid] < v[lo] { swapAt(v, mid, lo) }
            if v[hi] < v[lo] { swapAt(v, hi, lo) }
            if v[hi] < v[mid] { swapAt(v, hi, mid) }
            let pivot = v[mid]
            var i = lo, j = hi
            while i <= j {
                while v[i] < pivot { i += 1 }
                while v[j] > pivot { j -= 1 }
                if i <= j {
                    swapAt(v, i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return }
        }
    }

    @inline(__always)
    static func swapAt<T>(_ v: UnsafeMutablePointer<T>, _ a: Int, _ b: Int) {
        let t = v[a]
        v[a] = v[b]
        v[b] = t
    }
}
