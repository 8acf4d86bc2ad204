import Foundation

/// Which files `checker lint DIR` reads under a directory: the notes, notebooks and Python files,
/// but not what a project does not consider its own text.
///
/// Skipped: hidden files and directories (`.git`, `.venv`, …), `node_modules`, `__pycache__`,
/// `site-packages`, any directory holding a `pyvenv.cfg` (a virtual environment, whatever its
/// name), and, inside a git work tree, every file git ignores (`.gitignore`, `.git/info/exclude`
/// and the global excludes, as `git check-ignore` applies them; a tracked file is never ignored).
/// A directory that git itself ignores is linted whole when it is named on the command line.
/// `--exclude GLOB` patterns skip more (see ``excluded(name:relativePath:by:)``); they apply to
/// what a walk finds, never to a file named on the command line.
enum LintInputDiscovery {
    static let extensions = [".md", ".markdown", ".qmd", ".rmd", ".ipynb", ".py", ".tex"]
    static let skippedDirectoryNames: Set<String> = ["node_modules", "__pycache__", "site-packages"]

    /// The files under `directory`, sorted, as paths that start with `directory`.
    static func files(under directory: String, excluding excludes: [String] = []) -> [String] {
        var found: [String] = []
        walk(directory, relative: "", excluding: excludes, into: &found)
        found.sort()
        let paths = found.map { (directory as NSString).appendingPathComponent($0) }
        let ignored = gitIgnored(paths, in: directory)
        return paths.filter { !ignored.contains($0) }
    }

    /// Whether an exclude pattern matches a file or directory found by a walk: a pattern without
    /// `/` is matched against the name alone (`drafts`, `*.ipynb`, `test_*.py`), one with `/`
    /// against the path relative to the directory named on the command line (`docs/old/*`), with
    /// `*` not crossing `/` (fnmatch(3) with FNM_PATHNAME). A trailing `/` is ignored. A matching
    /// directory is skipped whole.
    static func excluded(name: String, relativePath: String, by patterns: [String]) -> Bool {
        patterns.contains { raw in
            var pattern = raw
            while pattern.count > 1 && pattern.hasSuffix("/") { pattern.removeLast() }
            if pattern.hasPrefix("./") { pattern.removeFirst(2) }
            return pattern.contains("/")
                ? fnmatch(pattern, relativePath, FNM_PATHNAME) == 0
                : fnmatch(pattern, name, 0) == 0
        }
    }

    private static func walk(_ root: String, relative: String, excluding excludes: [String], into found: inout [String]) {
        let here = relative.isEmpty ? root : (root as NSString).appendingPathComponent(relative)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: here) else { return }
        if !relative.isEmpty, names.contains("pyvenv.cfg") { return }
        for name in names where !name.hasPrefix(".") {
            let child = relative.isEmpty ? name : (relative as NSString).appendingPathComponent(name)
            if excluded(name: name, relativePath: child, by: excludes) { continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: (root as NSString).appendingPathComponent(child), isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                if !skippedDirectoryNames.contains(name) { walk(root, relative: child, excluding: excludes, into: &found) }
            } else if extensions.contains(where: { name.lowercased().hasSuffix($0) }) {
                found.append(child)
            }
        }
    }

    /// The paths git ignores, or none when git is missing, the directory is not in a work tree,
    /// or the directory itself is ignored (then the user asked for it by name).
    static func gitIgnored(_ paths: [String], in directory: String) -> Set<String> {
        guard !paths.isEmpty, git(["check-ignore", "-q", "."], in: directory, input: nil)?.status == 1 else { return [] }
        let input = paths.map { ($0 as NSString).isAbsolutePath ? $0 : absolute($0) }.joined(separator: "\0") + "\0"
        guard let result = git(["check-ignore", "-z", "--stdin"], in: directory, input: input),
              result.status == 0 || result.status == 1 else { return [] }
        let ignoredAbsolute = Set(result.output.split(separator: "\0").map(String.init))
        return Set(paths.filter { ignoredAbsolute.contains(($0 as NSString).isAbsolutePath ? $0 : absolute($0)) })
    }

    private static func absolute(_ path: String) -> String {
        (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
    }

    /// Runs git in `directory`; nil when it cannot be started.
    private static func git(_ arguments: [String], in directory: String, input: String?) -> (status: Int32, output: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        do { try process.run() } catch { return nil }
        if let input {
            // Written from another thread: git may fill the output pipe before it reads all input.
            let writer = stdin.fileHandleForWriting
            let data = Data(input.utf8)
            DispatchQueue.global().async {
                writer.write(data)
                try? writer.close()
            }
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
