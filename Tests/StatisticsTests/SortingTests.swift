import Testing
@testable import Statistics

/// The radix sort must agree element for element (bit for bit) with Swift's comparison sort,
/// above and below the threshold, for mixed signs, ±0, subnormals, huge magnitudes and ties.
@Test(arguments: [(10, 11), (40_000, 11), (200_003, 11), (200_003, 8), (200_003, 16)])
func radixSortMatchesComparisonSort(count: Int, digitBits: Int) throws {
    let generator = try GSLRandomGenerator(seed: 21)
    var values = generator.gaussians(count: count)
    let specials: [Double] = [0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 1e300, -1e300, .greatestFiniteMagnitude,
                              -.greatestFiniteMagnitude, 1, 1, -1, 2.2250738585072014e-308]
    for (i, special) in specials.enumerated() where i < values.count { values[i * 3 % values.count] = special }
    // Ties: repeat a block.
    for i in 0..<min(1000, count / 4) { values[count - 1 - i] = values[i] }
    let expected = values.sorted()
    let sorted = Sample.sortedFinite(values, digitBits: digitBits)
    #expect(sorted.count == expected.count)
    // -0 and +0 compare equal under `sorted()`, so compare values, then check that the radix
    // path puts -0 before +0.
    #expect(sorted == expected)
    if count >= Sample.radixSortThreshold, let negativeZero = sorted.firstIndex(where: { $0 == 0 && $0.sign == .minus }),
       let positiveZero = sorted.firstIndex(where: { $0 == 0 && $0.sign == .plus }) {
        #expect(negativeZero < positiveZero)
    }
}
