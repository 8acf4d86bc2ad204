import CheckerCore
import Foundation
@testable import Conformance

/// The repository root (two levels above this file's directory).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// A built executable of this package next to the test bundle (or in .build/debug).
func builtExecutable(_ name: String) -> String? {
    let bundle = Bundle.main.bundleURL.deletingLastPathComponent()
    for candidate in [bundle.appendingPathComponent(name).path, repositoryRoot + "/.build/debug/" + name]
    where FileManager.default.isExecutableFile(atPath: candidate) {
        return candidate
    }
    return nil
}

/// `checker serve` in-process: the same session the command runs, without a child.
final class InProcessTransport: ConformTransport {
    let session: ServeSession
    var closed = false
    init(_ implementation: ServeSession.Implementation) { session = ServeSession(implementation: implementation) }
    func exchange(_ request: JSONValue, id: String) throws(ConformError) -> JSONValue {
        // Through text, as on the wire.
        let answer = session.answer(request.serialized(indent: 0))!
        return try! JSONValue.parse(answer.serialized(indent: 0))
    }
    func close() { closed = true }
}

/// Cases of the fixture files, filtered.
func fixtureCases(_ files: [String], where keep: (ConformCase) -> Bool = { _ in true }) throws -> [ConformCase] {
    try ConformCase.load(paths: files.map { repositoryRoot + "/fixtures/" + $0 }).filter(keep)
}

/// A sampling plan with only the named points.
func plan(_ ids: [String]) -> SamplingPlan {
    var p = SamplingPlan()
    p.points = SamplingPoint.standard.filter { ids.contains($0.id) }
    return p
}

extension ConformReport {
    func row(_ name: String) -> Row? { rows.first { $0.name == name } }
    func outcome(_ id: String) -> SamplingOutcome? { sampling?.outcomes.first { $0.point.id == id } }
}
