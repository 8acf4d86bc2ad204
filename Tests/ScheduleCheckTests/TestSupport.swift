import CheckerCore
import Foundation
import Reference
@testable import ScheduleCheck

/// The path of a config shipped with the tests (Tests/ScheduleCheckTests/Configs).
func configPath(_ name: String) -> String {
    guard let directory = Bundle.module.url(forResource: "Configs", withExtension: nil) else { return "missing-Configs/\(name)" }
    return directory.appendingPathComponent(name).path
}

/// A fresh temporary directory for files written by a test.
func temporaryDirectory() -> String {
    let path = NSTemporaryDirectory() + "schedule-check-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Writes `text` (or bytes) to a new temporary file and returns its path.
func writeTemporary(_ name: String, _ bytes: [UInt8]) -> String {
    let path = temporaryDirectory() + "/" + name
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    return path
}

func writeTemporary(_ name: String, text: String) -> String {
    writeTemporary(name, Array(text.utf8))
}

/// A `.npy` file as numpy.save writes it: magic, version, header padded so that the data starts
/// at a multiple of 64 bytes (16 in version 1), then the data.
func npyBytes(_ values: [Double], dtype: String = "<f8", version: UInt8 = 1) -> [UInt8] {
    var header = "{'descr': '\(dtype)', 'fortran_order': False, 'shape': (\(values.count),), }"
    let preamble = version == 1 ? 10 : 12
    while (preamble + header.utf8.count + 1) % 64 != 0 { header += " " }
    header += "\n"
    var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [version, 0]
    let length = header.utf8.count
    bytes += version == 1 ? [UInt8(length & 0xFF), UInt8(length >> 8)] : [UInt8(length & 0xFF), UInt8((length >> 8) & 0xFF), 0, 0]
    bytes += Array(header.utf8)
    let bigEndian = dtype.hasPrefix(">")
    for v in values {
        var item: [UInt8]
        switch dtype.suffix(1) {
        case "2": item = withUnsafeBytes(of: Float16(v).bitPattern.littleEndian, Array.init)
        case "4": item = withUnsafeBytes(of: Float(v).bitPattern.littleEndian, Array.init)
        default: item = withUnsafeBytes(of: v.bitPattern.littleEndian, Array.init)
        }
        bytes += bigEndian ? item.reversed() : item
    }
    return bytes
}

/// A request for a named schedule (T = 1000 unless given).
func request(_ name: String, start: Double? = nil, end: Double? = nil, steps: Int? = nil,
             configure: (inout ScheduleRequest) -> Void = { _ in }) -> ScheduleRequest {
    var r = ScheduleRequest()
    r.scheduleName = name
    r.betaStart = start
    r.betaEnd = end
    r.trainSteps = steps
    configure(&r)
    return r
}

/// Runs the checks for a request.
func verify(_ r: ScheduleRequest) throws -> ScheduleVerification {
    try ScheduleChecker.check(try r.subject())
}

/// Runs the checks for a config file of the test bundle, with N inference steps.
func verifyConfig(_ name: String, inferenceSteps: Int? = nil, configure: (inout ScheduleRequest) -> Void = { _ in }) throws -> ScheduleVerification {
    var r = ScheduleRequest()
    r.configPath = configPath(name)
    r.inferenceSteps = inferenceSteps
    configure(&r)
    return try verify(r)
}

/// Checks an explicit β (or ᾱ) array held in memory, as if read from a float64 file.
func verifyArray(_ values: [Double], kind: ArrayKind = .betas, precision: StoragePrecision = .float64,
                 specification: ScheduleSpecification? = nil, settings: SamplerSettings = SamplerSettings()) throws -> ScheduleVerification {
    let array = ProvidedArray(values: values, kind: kind, source: "array.txt", precision: precision)
    return try ScheduleChecker.check(ScheduleSubject(specification: specification, array: array, settings: settings, precision: precision))
}

extension ScheduleVerification {
    /// The status of the check with this code.
    func status(_ code: String) -> CheckStatus? { outcome(code)?.status }
    /// The finding of the check with this code, if it fired.
    func finding(_ code: String) -> Diagnostic? { diagnostics.first { $0.code == code } }
    /// True when the check fired (at any severity).
    func fired(_ code: String) -> Bool { if case .fired = status(code) { return true } else { return false } }
}

/// The Reference schedule's arrays, for building test inputs.
func referenceBetas(_ spec: ScheduleSpecification) -> [Double] {
    (try? spec.make(Double.self).betas) ?? []
}

func spec(_ kind: ScheduleSpecification.Kind, _ start: Double = 0.0001, _ end: Double = 0.02, timesteps: Int = 1000, zeroSNR: Bool = false) -> ScheduleSpecification {
    var s = ScheduleSpecification(kind: kind, timesteps: timesteps)
    s.betaStart = start
    s.betaEnd = end
    s.rescaleZeroTerminalSNR = zeroSNR
    return s
}
