import Statistics

extension Gate {
    /// (a) The Gaussian noise source, Double and Float: n draws against N(0, 1).
    ///
    /// KS, χ² on 100 equiprobable bins, Anderson–Darling, mean, variance, skewness, kurtosis,
    /// the counts beyond 3.5σ and 4.5σ (truncation or heavy tails), lag-1, lag-2 and lag-8
    /// autocorrelation, the cross-correlation of SIMD lanes 0 and 1 and of lanes 3 and 4 (the
    /// stream cut into 8 interleaved lanes, as an 8-wide generator writes it), and a two-sample KS
    /// test against the independent generator.
    ///
    /// The draws are streamed (see ``NoiseStreamSummary``): every test but the three that need
    /// order statistics sees all n draws while memory holds only the first
    /// ``GateConfiguration/sortedSampleLimit`` of them, which KS, AD and the two-sample test use.
    static var noiseChecks: [Check] {
        [
            Check(name: "noise.double", plannedTests: 15, load: .noise) { context in
                let seed = context.configuration.derivedSeed("noise.double")
                return try noiseOutcome("noise.double", context: context) { first, count in
                    try context.sampler.doubleNoise(seed, first, count)
                }
            },
            Check(name: "noise.float", plannedTests: 15, load: .noise) { context in
                let seed = context.configuration.derivedSeed("noise.float")
                return try noiseOutcome("noise.float", context: context) { first, count in
                    try context.sampler.floatNoise(seed, first, count).map(Double.init)
                }
            },
        ]
    }

    static func noiseOutcome(
        _ name: String, context: Context, draws: (_ first: Int, _ count: Int) throws -> [Double]
    ) throws -> GateCheckOutcome {
        let n = context.configuration.samples
        let summary = try NoiseStreamSummary(count: n, headCount: context.configuration.sortedSamples, draws: draws)
        let sorted = summary.sortedHead
        let nd = Double(n)
        var tests = [
            try KolmogorovSmirnov.oneSample(sorted, against: .standard),
            try AndersonDarling.test(sorted, against: .standard),
            try MomentTests.mean(sampleMean: summary.mean, count: n, hypothesis: .standard),
            try MomentTests.variance(sumOfSquares: summary.sumOfSquaresAboutZero, count: n, hypothesis: .standard),
            try ChiSquareGoodnessOfFit.test(counts: summary.binCounts),
            try MomentTests.skewness(m2: summary.centralSums[0] / nd, m3: summary.centralSums[1] / nd, count: n),
            try MomentTests.kurtosis(m2: summary.centralSums[0] / nd, m4: summary.centralSums[2] / nd, count: n),
        ]
        for (threshold, count) in zip(NoiseStreamSummary.tailThresholds, summary.tailCounts) {
            tests.append(try TailExceedance.test(count: count, sampleSize: n, threshold: threshold))
        }
        for (lag, sum) in zip(NoiseStreamSummary.lags, summary.laggedProductSums) {
            tests.append(try SerialCorrelation.autocorrelation(laggedProductSum: sum, m2: summary.centralSums[0] / nd, count: n, lag: lag))
        }
        let perLane = Double(summary.perLane)
        for (k, (a, b)) in NoiseStreamSummary.lanePairs.enumerated() {
            let result = try SerialCorrelation.crossCorrelation(
                laggedProductSum: summary.lanePairProducts[k], m2First: summary.laneSquares[a] / perLane,
                m2Second: summary.laneSquares[b] / perLane, count: summary.perLane)
            tests.append(contentsOf: labelled([result], "lanes \(a), \(b)"))
        }
        let independent = try SortedSample(independentNormals(sorted.count, seed: context.configuration.derivedSeed(name + ".independent")))
        tests.append(contentsOf: labelled([try KolmogorovSmirnov.twoSample(sorted, independent)], "vs GSL"))
        return GateCheckOutcome(name: name, sampleSize: n, tests: tests, exact: [])
    }
}

/// The sums and counts of the noise tests over a stream of n draws, in two passes over chunks
/// (the stream is a function of the index, so the second pass draws the same values again).
///
/// Pass 1: Σx, Σx², the 100-bin histogram, the tail counts, the lane sums and the first
/// `headCount` draws (kept for the order-statistic tests). Pass 2, about the mean: Σ(x − x̄)ᵏ
/// for k = 2, 3, 4, the lagged products Σ(xᵢ − x̄)(xᵢ₊ₖ − x̄) across chunk boundaries, and the
/// lanes' centred sums. Sums run over blocks of 1024 draws added in order, in fixed chunks, so
/// the result does not depend on threads.
struct NoiseStreamSummary {
    static let chunk = 1 << 20
    static let bins = 100
    static let tailThresholds = [3.5, 4.5]
    static let lags = [1, 2, 8]
    static let lanes = 8
    /// Lanes compared: two neighbours, and two neighbours across the middle of an 8-wide vector.
    static let lanePairs = [(0, 1), (3, 4)]

    var count: Int
    var mean: Double
    var sumOfSquaresAboutZero: Double
    var binCounts: [Int]
    var tailCounts: [Int]
    /// Σ(x − x̄)², Σ(x − x̄)³, Σ(x − x̄)⁴.
    var centralSums: [Double]
    var laggedProductSums: [Double]
    /// Values per lane: element 8j + l is value j of lane l, j < n div 8.
    var perLane: Int
    /// Σ(a − ā)² per lane.
    var laneSquares: [Double]
    /// Σ(a − ā)(b − b̄) per pair of ``lanePairs``.
    var lanePairProducts: [Double]
    var sortedHead: SortedSample

    init(count n: Int, headCount: Int, draws: (Int, Int) throws -> [Double]) throws {
        let valuesPerLane = n / Self.lanes
        let edges = ChiSquareGoodnessOfFit.edges(bins: Self.bins, of: .standard)
        let laneLimit = valuesPerLane * Self.lanes
        var head = [Double]()
        head.reserveCapacity(headCount)
        var sum = 0.0, squares = 0.0
        var bins = [Int](repeating: 0, count: Self.bins)
        var tails = [Int](repeating: 0, count: Self.tailThresholds.count)
        var laneSums = [Double](repeating: 0, count: Self.lanes)
        try Self.forEachChunk(n, draws) { first, x in
            if head.count < headCount { head += x.prefix(headCount - head.count) }
            try Self.checkFinite(x, first: first)
            Self.blocked(x.count) { r in
                var s = 0.0, q = 0.0
                for i in r {
                    s += x[i]
                    q += x[i] * x[i]
                }
                sum += s
                squares += q
            }
            var laneBlock = [Double](repeating: 0, count: Self.lanes)
            for i in 0..<x.count {
                let v = x[i]
                bins[ChiSquareGoodnessOfFit.bin(of: v, edges: edges)] += 1
                for (k, c) in Self.tailThresholds.enumerated() where abs(v) > c { tails[k] += 1 }
                if first + i < laneLimit { laneBlock[(first + i) % Self.lanes] += v }
            }
            for l in 0..<Self.lanes { laneSums[l] += laneBlock[l] }
        }
        let average = sum / Double(n)
        let laneMeans = laneSums.map { $0 / Double(max(valuesPerLane, 1)) }
        var central = SIMD4<Double>.zero
        var lagged = [Double](repeating: 0, count: Self.lags.count)
        var laneSquares = [Double](repeating: 0, count: Self.lanes)
        var pairProducts = [Double](repeating: 0, count: Self.lanePairs.count)
        // The last centred values of the previous chunk, for the lags that cross a boundary.
        var carry: [Double] = []
        try Self.forEachChunk(n, draws) { first, x in
            let d = x.map { $0 - average }
            Self.blocked(d.count) { r in
                var block = SIMD4<Double>.zero
                for i in r {
                    let d2 = d[i] * d[i]
                    block += SIMD4(d2, d2 * d[i], d2 * d2, 0)
                }
                central += block
            }
            for (k, lag) in Self.lags.enumerated() {
                // Pairs (i, i + lag) whose second element is in this chunk.
                var total = 0.0
                for j in 0..<min(lag, d.count) where carry.count >= lag - j {
                    total += carry[carry.count - (lag - j)] * d[j]
                }
                Self.blocked(max(0, d.count - lag)) { r in
                    var block = 0.0
                    for i in r { block += d[i] * d[i + lag] }
                    total += block
                }
                lagged[k] += total
            }
            carry = Array((carry + d).suffix(Self.lags.max() ?? 0))
            var squareBlock = [Double](repeating: 0, count: Self.lanes)
            var pairBlock = [Double](repeating: 0, count: Self.lanePairs.count)
            // Chunks start at multiples of 8, so lane l of this chunk is x[8j + l].
            let vectors = min(x.count, max(0, laneLimit - first)) / Self.lanes
            for j in 0..<vectors {
                let base = Self.lanes * j
                for l in 0..<Self.lanes {
                    let a = x[base + l] - laneMeans[l]
                    squareBlock[l] += a * a
                }
                for (k, (a, b)) in Self.lanePairs.enumerated() {
                    pairBlock[k] += (x[base + a] - laneMeans[a]) * (x[base + b] - laneMeans[b])
                }
            }
            for l in 0..<Self.lanes { laneSquares[l] += squareBlock[l] }
            for k in pairBlock.indices { pairProducts[k] += pairBlock[k] }
        }
        count = n
        perLane = valuesPerLane
        mean = average
        sumOfSquaresAboutZero = squares
        binCounts = bins
        tailCounts = tails
        centralSums = [central[0], central[1], central[2]]
        laggedProductSums = lagged
        self.laneSquares = laneSquares
        lanePairProducts = pairProducts
        sortedHead = try SortedSample(head)
    }

    /// `body(first, draws)` over consecutive chunks of ``chunk`` draws.
    static func forEachChunk(_ n: Int, _ draws: (Int, Int) throws -> [Double], _ body: (Int, [Double]) throws -> Void) throws {
        var first = 0
        while first < n {
            let count = min(chunk, n - first)
            let x = try draws(first, count)
            guard x.count == count else {
                throw EquivalenceError.samplerFailed(check: "noise", message: "asked for \(count) draws, got \(x.count)")
            }
            try body(first, x)
            first += count
        }
    }

    /// `body` over blocks of 1024 of `0 ..< count`, in order.
    static func blocked(_ count: Int, _ body: (Range<Int>) -> Void) {
        var start = 0
        while start < count {
            let end = min(start + 1024, count)
            body(start..<end)
            start = end
        }
    }

    /// A NaN or ±∞ draw is refused with its index, as the array tests refuse it.
    static func checkFinite(_ x: [Double], first: Int) throws {
        if let bad = x.firstIndex(where: { !$0.isFinite }) {
            throw StatisticsError.nonFiniteValue(name: "sample", index: first + bad)
        }
    }
}
