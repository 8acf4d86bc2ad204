import Testing

/// The transpose that builds the peer's fixtures, checked element by element against its closed
/// form, so that the noise and the sample pair up as in the peer's tensors.
@Suite("the (3, 8, 8, 4) → (4, 3, 8, 8) layout")
struct LayoutTests {
    /// `arange(768).reshape(3, 8, 8, 4).permute(3, 0, 1, 2)[b, c, h, w]` is the stored element
    /// [c, h, w, b], whose value is k = ((c·8 + h)·8 + w)·4 + b; it sits at row-major position
    /// ((b·3 + c)·8 + h)·8 + w of the (4, 3, 8, 8) result.
    @Test("every element is where permute(3, 0, 1, 2) puts it")
    func closedForm() {
        let out = permuted(Array(0..<768), shape: DiffusersFixture.storedShape, permutation: DiffusersFixture.permutation)
        var wrong = 0
        for b in 0..<4 { for c in 0..<3 { for h in 0..<8 { for w in 0..<8 {
            let position = ((b * 3 + c) * 8 + h) * 8 + w
            let k = ((c * 8 + h) * 8 + w) * 4 + b
            if out[position] != k { wrong += 1 }
        } } } }
        #expect(wrong == 0)
        // By hand: the first row of batch 0 takes every fourth value; batch 1 starts at 1.
        #expect(Array(out[0..<4]) == [0, 4, 8, 12])
        #expect(out[192] == 1)
        #expect(out[767] == 767)
    }

    @Test("the inverse permutation (1, 2, 3, 0) undoes it")
    func inverse() {
        let values = Array(0..<768)
        let forward = permuted(values, shape: DiffusersFixture.storedShape, permutation: DiffusersFixture.permutation)
        #expect(permuted(forward, shape: DiffusersFixture.shape, permutation: [1, 2, 3, 0]) == values)
        #expect(forward != values)
    }

    @Test("sample and noise are transposed alike: k_noise = 767 − k_sample elementwise")
    func samplePairsWithNoise() {
        let sample = DiffusersFixture.indices(flipped: false)
        let noise = DiffusersFixture.indices(flipped: true)
        #expect(zip(sample, noise).allSatisfy { $0 + $1 == 767 })
        // Without the transpose the noise pairs with other sample values.
        let untransposed = DiffusersFixture.indices(flipped: true, layout: .untransposed)
        #expect(zip(sample, untransposed).filter { $0 + $1 == 767 }.count < 768)
        #expect(DiffusersFixture.sample(Float.self)[1] == Float(4) / 768)
        #expect(DiffusersFixture.noise(Double.self)[1] == 763.0 / 768)
    }

    @Test("the dummy model is x·t/(t + 1)")
    func dummyModel() {
        #expect(DiffusersFixture.model([0.5, -1.0], 3) == [0.375, -0.75])
        #expect(DiffusersFixture.model([0.5], 0) == [0])
    }
}
