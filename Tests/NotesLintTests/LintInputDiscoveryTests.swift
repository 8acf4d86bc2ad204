import Foundation
import Testing
@testable import NotesLint

/// `checker lint DIR`: what the directory walk reads and what it leaves out.
@Suite("lint directory walk")
struct LintInputDiscoveryTests {
    static let gitAvailable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "--version"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    /// notes/a.md, build/b.md (ignored by .gitignore), node_modules/pkg/c.md, env/lib/d.py in a
    /// virtual environment, .cache/e.md, __pycache__/f.py.
    func makeTree(git: Bool) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lint-walk-\(UUID().uuidString)")
        for (path, text) in [
            ("notes/a.md", "# a\n"), ("build/b.md", "# b\n"), ("node_modules/pkg/c.md", "# c\n"),
            ("env/pyvenv.cfg", "home = /usr/bin\n"), ("env/lib/d.py", "x = 1\n"), (".cache/e.md", "# e\n"),
            ("__pycache__/f.py", "y = 2\n"), (".gitignore", "build/\n"),
        ] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        if git {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", root.path, "init", "-q"]
            try process.run()
            process.waitUntilExit()
        }
        return root
    }

    func names(_ paths: [String], under root: URL) -> [String] {
        paths.map { String($0.dropFirst(root.path.count + 1)) }
    }

    @Test("a git work tree: notes only; ignored, vendored, virtual-environment and hidden files are left out", .enabled(if: gitAvailable))
    func gitWorkTree() throws {
        let root = try makeTree(git: true)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(names(LintInputDiscovery.files(under: root.path), under: root) == ["notes/a.md"])
        // Named on the command line, an ignored directory is read.
        #expect(LintInputDiscovery.files(under: root.appendingPathComponent("build").path).count == 1)
    }

    @Test("outside git: .gitignore is not consulted, the rest is still skipped")
    func noGit() throws {
        let root = try makeTree(git: false)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(names(LintInputDiscovery.files(under: root.path), under: root) == ["build/b.md", "notes/a.md"])
    }
}
