import Foundation
import Reference
import Testing
@testable import ScheduleCheck

@Suite("VS401–VS403: a provided array against Reference, and which schedule it is")
struct ArrayCheckTests {
    @Test("VS401: Stable Diffusion's β stored as float32 matches the named schedule; DDPM's linear does not")
    func mismatch() throws {
        let sd = referenceBetas(spec(.scaledLinear, 0.00085, 0.012))
        let file = writeTemporary("sd.npy", npyBytes(sd, dtype: "<f4"))
        var r = request("scaled_linear")
        r.betasPath = file
        let good = try verify(r)
        #expect(good.status("VS401") == .passed)
        r.betasPath = writeTemporary("linear.npy", npyBytes(referenceBetas(spec(.linear))))
        let bad = try verify(r)
        #expect(bad.status("VS401") == .fired(.error))
        let finding = try #require(bad.finding("VS401"))
        #expect(finding.message.contains("from index 0"))
        #expect(finding.message.contains("it looks like linear 0.0001 → 0.02"))
        #expect(finding.details.contains { $0.name == "firstIndex" && $0.value == "0" })
    }

    @Test("VS401 finds the first disagreeing index of an almost-right array")
    func firstIndex() throws {
        var betas = referenceBetas(spec(.linear))
        betas[700] *= 1 + 1e-9  // above the float64 tolerance 1e-12
        let v = try verifyArray(betas, specification: spec(.linear))
        #expect(v.finding("VS401")?.details.contains { $0.name == "firstIndex" && $0.value == "700" } == true)
        betas[700] = referenceBetas(spec(.linear))[700] * (1 + 1e-13)  // below it
        #expect(try verifyArray(betas, specification: spec(.linear)).status("VS401") == .passed)
    }

    @Test("identification names linear, scaled linear, sigmoid, cosine and zero-SNR arrays", arguments: [
        (spec(.linear), "linear 0.0001 → 0.02"),
        (spec(.scaledLinear, 0.00085, 0.012), "scaled linear 0.00085 → 0.012"),
        (spec(.sigmoid), "sigmoid 0.0001 → 0.02"),
        (spec(.cosine), "cosine s = 0.008, cap 0.999"),
        (spec(.scaledLinear, 0.00085, 0.012, zeroSNR: true), "scaled linear 0.00085 → 0.012, zero-SNR rescaled"),
    ])
    func identify(specification: ScheduleSpecification, name: String) throws {
        let array = ProvidedArray(values: referenceBetas(specification), kind: .betas, source: "a", precision: .float64)
        let identified = try #require(ScheduleIdentification.identify(array))
        #expect(identified.name == name)
        #expect(identified.agreement.agrees)
        #expect(!identified.isKnownBug)
    }

    @Test("VS402: a quadratic schedule matches nothing (note); DDPM's linear array is recognised")
    func unrecognised() throws {
        let quadratic = (0..<1000).map { 1e-4 + (0.02 - 1e-4) * pow(Double($0) / 999, 2) }
        let v = try verifyArray(quadratic)
        #expect(v.status("VS402") == .fired(.note))
        #expect(try verifyArray(referenceBetas(spec(.linear))).status("VS402") == .passed)
    }

    @Test("VS403: cos instead of cos² is identified as a known bug; a cosine written another way is not (false alarm)")
    func knownBug() throws {
        // cos instead of cos²: ᾱ(τ) = g(τ)/g(0), g(τ) = cos((τ/T + s)/(1 + s)·π/2).
        func g(_ t: Double) -> Double { cos((t / 1000 + 0.008) / 1.008 * .pi / 2) }
        let wrong = (0..<1000).map { min(1 - g(Double($0 + 1)) / g(Double($0)), 0.999) }
        let bad = try verifyArray(wrong)
        #expect(bad.status("VS403") == .fired(.error))
        #expect(bad.finding("VS403")?.message.contains("cos instead of cos²") == true)
        // The same cosine schedule written as in many repositories: x = linspace(0, T, T + 1),
        // ᾱ = cos²(((x/T) + s)/(1 + s)·π/2), ᾱ /= ᾱ[0], β = clip(1 − ᾱ[1:]/ᾱ[:-1], 0, 0.999).
        let x = numpyLinspace(0.0, 1000, count: 1001)
        let f = x.map { pow(cos(($0 / 1000 + 0.008) / 1.008 * .pi / 2), 2) }
        let normalised = f.map { $0 / f[0] }
        let rewritten = (0..<1000).map { min(max(1 - normalised[$0 + 1] / normalised[$0], 0), 0.999) }
        let good = try verifyArray(rewritten)
        #expect(good.status("VS403") == .passed)
        #expect(good.diagnostics.filter { $0.severity == .error }.isEmpty)
        #expect(good.outcome("VS402")?.summary.hasPrefix("matches cosine s = 0.008, cap 0.999") == true)
    }

    @Test("VS403 also diagnoses the shifted cosine ᾱ array that VS102 flags")
    func shiftedCosine() throws {
        func f(_ t: Double) -> Double { pow(cos((t / 1000 + 0.008) / 1.008 * .pi / 2), 2) }
        let shifted = (0..<1000).map { f(Double($0)) / f(0) }
        let v = try verifyArray(shifted, kind: .alphaBars)
        #expect(v.fired("VS102"))
        #expect(v.finding("VS403")?.message.contains("shifted by one index") == true)
    }
}
