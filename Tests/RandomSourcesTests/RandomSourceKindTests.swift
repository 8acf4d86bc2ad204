import RandomSources
import Testing

@Suite struct RandomSourceKindTests {
    @Test func namesParse() throws {
        #expect(RandomSourceKind.allCases.map(\.rawValue) == ["philox", "torch", "numpy"])
        #expect(try RandomSourceKind(parsing: "torch") == .torch)
        #expect(throws: RandomSourceError.unknownKind("mt")) { try RandomSourceKind(parsing: "mt") }
        #expect(RandomSourceError.unknownKind("mt").description == "[rng.unknown-kind] expected one of philox, torch, numpy, got 'mt'")
    }

    /// Through the factory, each source gives what its own type gives, and keeps going.
    @Test(arguments: RandomSourceKind.allCases)
    func factorySourcesContinueTheirStreams(kind: RandomSourceKind) throws {
        var source = try kind.makeSource(seed: 12345)
        #expect(source.kind == kind)
        let first = try source.nextGaussianDoubles(count: 7)
        let second = try source.nextGaussianDoubles(count: 20)
        switch kind {
        case .philox:
            var expected = [Double](repeating: 0, count: 27)
            try PhiloxGaussian.fill(&expected, seed: 12345, startIndex: 0)
            #expect(first + second == expected)
        case .torch:
            var direct = TorchGenerator(seed: 12345)
            #expect(first == (try direct.randnDouble(count: 7)))
            #expect(second == (try direct.randnDouble(count: 20)))
        case .numpy:
            var direct = NumPyLegacyRandomState(seed: 12345)
            #expect(first + second == (try direct.randn(count: 27)))
        }
    }

    @Test func floatDrawsPerSource() throws {
        var philox = try RandomSourceKind.philox.makeSource(seed: 3)
        _ = try philox.nextGaussianDoubles(count: 5)
        var expected = [Float](repeating: 0, count: 4)
        try PhiloxGaussian.fill(&expected, seed: 3, startIndex: 5)
        #expect(try philox.nextGaussianFloats(count: 4) == expected)

        var torch = try RandomSourceKind.torch.makeSource(seed: 0)
        expectBitIdentical(try torch.nextGaussianFloats(count: 16), TorchGeneratorTests.seed0Randn16AVX2)
        if usesGlibc {
            var scalar = try RandomSourceKind.torch.makeSource(seed: 0, torchFloatKernel: .scalar)
            expectBitIdentical(try scalar.nextGaussianFloats(count: 16), TorchGeneratorTests.seed0Randn16Scalar)
        }

        var numpy = try RandomSourceKind.numpy.makeSource(seed: 0)
        var direct = NumPyLegacyRandomState(seed: 0)
        #expect(try numpy.nextGaussianFloats(count: 3) == (try direct.randn(count: 3)).map(Float.init))
    }

    @Test func differentSourcesDiffer() throws {
        var values = [[Double]]()
        for kind in RandomSourceKind.allCases {
            var source = try kind.makeSource(seed: 0)
            values.append(try source.nextGaussianDoubles(count: 4))
        }
        #expect(values[0] != values[1] && values[1] != values[2] && values[0] != values[2])
    }

    @Test func badRequestsThrow() throws {
        #expect(throws: RandomSourceError.seedOutOfRange(kind: .numpy, seed: 1 << 40, maximum: (1 << 32) - 1)) {
            try RandomSourceKind.numpy.makeSource(seed: 1 << 40)
        }
        var philox = try RandomSourceKind.philox.makeSource(seed: 0)
        #expect(throws: RandomSourceError.negativeCount(-1)) { try philox.nextGaussianFloats(count: -1) }
        #expect(throws: RandomSourceError.negativeIndex(-1)) { try PhiloxGaussianStream(seed: 0, startIndex: -1) }
        var late = try PhiloxGaussianStream(seed: 0, startIndex: Int.max - 2)
        #expect(throws: RandomSourceError.indexOverflow(startIndex: Int.max - 2, count: 3)) {
            try late.nextGaussianDoubles(count: 3)
        }
        #expect(late.nextIndex == Int.max - 2)
    }
}
