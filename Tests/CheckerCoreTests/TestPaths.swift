import Foundation

/// Paths inside the repository, found from this file's location so tests run from any directory.
enum TestPaths {
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var fixtures: String { repositoryRoot + "/fixtures" }

    /// The committed copy of the external oracle sample (computed by diffusers, improved-diffusion
    /// and mpmath). A test checks it is byte-identical to the project's shared copy when present.
    static var oracleSample: String { repositoryRoot + "/Tests/CheckerCoreTests/Oracle/external-sample.json" }
    static var sharedOracleSample: String { repositoryRoot + "/../shared/oracle/external-sample.json" }

    static func fixtureFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: fixtures).filter { $0.hasSuffix(".json") }.sorted().map { fixtures + "/" + $0 }
    }
}
