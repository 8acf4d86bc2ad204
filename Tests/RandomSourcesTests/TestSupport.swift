import RandomSources
import Testing

/// True where the C library is glibc, the one the expected values below were computed with
/// (PyTorch 2.13 CPU, NumPy 2.4 and CPython's `math` on Debian 13, x86-64).
let usesGlibc: Bool = {
    #if canImport(Glibc)
    true
    #else
    false
    #endif
}()

/// FNV-1a over 32-bit words: a fingerprint of a whole float32 array, bit for bit.
///
/// The expected fingerprints were computed in Python over `numpy.ndarray.view(np.uint32)` with
/// h = 0xcbf29ce484222325, h = (h ^ word) · 0x100000001b3 mod 2⁶⁴ for each word.
func fingerprint(_ values: [Float]) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for v in values { h = (h ^ UInt64(v.bitPattern)) &* 0x100_0000_01B3 }
    return h
}

/// FNV-1a over 64-bit words (`view(np.uint64)`), as ``fingerprint(_:)-([Float])``.
func fingerprint(_ values: [Double]) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for v in values { h = (h ^ v.bitPattern) &* 0x100_0000_01B3 }
    return h
}

/// Values that go through the C library's log, log1p, sin or cos: bit-exact under glibc (where
/// the expectations were computed); elsewhere a C library may round differently, so 4 ulps.
func expectLibmValues(
    _ actual: [Double], _ expected: [Double], sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.count == expected.count, sourceLocation: sourceLocation)
    for (a, e) in zip(actual, expected) {
        if usesGlibc {
            #expect(a.bitPattern == e.bitPattern, "\(a) != \(e)", sourceLocation: sourceLocation)
        } else {
            #expect(abs(a - e) <= 4 * e.ulp, "\(a) != \(e)", sourceLocation: sourceLocation)
        }
    }
}

/// The Float form of ``expectLibmValues(_:_:sourceLocation:)-([Double],_,_)``: exact under glibc,
/// else 2 float ulps (a value computed in double and rounded once).
func expectLibmValues(
    _ actual: [Float], _ expected: [Float], sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.count == expected.count, sourceLocation: sourceLocation)
    for (a, e) in zip(actual, expected) {
        if usesGlibc {
            #expect(a.bitPattern == e.bitPattern, "\(a) != \(e)", sourceLocation: sourceLocation)
        } else {
            #expect(abs(a - e) <= 2 * e.ulp, "\(a) != \(e)", sourceLocation: sourceLocation)
        }
    }
}

/// Exact, platform-independent values (integer arithmetic and exactly rounded float operations).
func expectBitIdentical(
    _ actual: [Float], _ expected: [Float], sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.count == expected.count, sourceLocation: sourceLocation)
    for (index, (a, e)) in zip(actual, expected).enumerated() {
        #expect(a.bitPattern == e.bitPattern, "element \(index): \(a) != \(e)", sourceLocation: sourceLocation)
    }
}
