import Foundation

/// Python files linted together as one package: a `from .distributions import sigma_hat` or
/// `from model.distributions import sigma_hat` in one of them is resolved to another of the
/// inputs, and what that function returns is known where it is called. Only the files given are
/// read; nothing else on disk is searched, so a module that is not among them stays unknown.
enum SiblingModules {
    /// For each Python path among `paths`: local name → what the imported function returns
    /// (only functions ``CodeAnalysis/varianceFunctions(_:)`` recognises).
    static func importedVarianceFunctions(_ paths: [String]) -> [String: [String: String]] {
        let python = paths.filter { $0.hasSuffix(".py") }
        guard python.count > 1 else { return [:] }
        var texts: [String: String] = [:]
        var provided: [String: [String: String]] = [:]
        for path in python {
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else { continue }
            texts[path] = text
            let scalars = Array(text.unicodeScalars)
            let parsed = PythonParser.parse(scalars, from: 0, to: scalars.count)
            let functions = CodeAnalysis.varianceFunctions(parsed.statements)
            if !functions.isEmpty { provided[normalized(path)] = functions }
        }
        guard !provided.isEmpty else { return [:] }
        var result: [String: [String: String]] = [:]
        for (path, text) in texts {
            var imported: [String: String] = [:]
            for (module, names) in fromImports(text) {
                guard let target = resolve(module, from: normalized(path), among: Array(provided.keys)), let functions = provided[target] else { continue }
                for (original, local) in names { if let what = functions[original] { imported[local] = what } }
            }
            if !imported.isEmpty { result[path] = imported }
        }
        return result
    }

    static func normalized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// `from M import a, b as c` lines (parenthesised lists may span lines): (M, [(a, a), (b, c)]).
    static func fromImports(_ text: String) -> [(module: String, names: [(String, String)])] {
        var result: [(String, [(String, String)])] = []
        let lines = text.components(separatedBy: "\n")
        var i = 0
        while i < lines.count {
            let line = lines[i].trimmingCharacters(in: .whitespaces)
            i += 1
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard words.count >= 4, words[0] == "from", words[2] == "import" else { continue }
            var list = words[3...].joined(separator: " ")
            if list.hasPrefix("(") {
                while !list.contains(")"), i < lines.count { list += " " + lines[i]; i += 1 }
            }
            if let hash = list.firstIndex(of: "#") { list = String(list[..<hash]) }
            let cleaned = list.replacingOccurrences(of: "(", with: " ").replacingOccurrences(of: ")", with: " ").replacingOccurrences(of: "\\", with: " ")
            var names: [(String, String)] = []
            for item in cleaned.split(separator: ",") {
                let parts = item.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
                if parts.count == 1 { names.append((parts[0], parts[0])) }
                else if parts.count == 3, parts[1] == "as" { names.append((parts[0], parts[2])) }
            }
            result.append((String(words[1]), names))
        }
        return result
    }

    /// The input a module name denotes: relative (`.m`, `..pkg.m`) from the importing file's
    /// directory; absolute (`pkg.m`) as the one input whose path ends in `pkg/m.py`. Ambiguity
    /// resolves to nothing.
    static func resolve(_ module: String, from importer: String, among candidates: [String]) -> String? {
        let dots = module.prefix { $0 == "." }.count
        let components = module.dropFirst(dots).split(separator: ".").map(String.init)
        guard !components.isEmpty else { return nil }
        let tail = components.joined(separator: "/") + ".py"
        if dots > 0 {
            var directory = URL(fileURLWithPath: importer).deletingLastPathComponent()
            for _ in 1..<dots { directory.deleteLastPathComponent() }
            let wanted = directory.appendingPathComponent(tail).standardizedFileURL.path
            return candidates.contains(wanted) ? wanted : nil
        }
        let matches = candidates.filter { $0 == tail || $0.hasSuffix("/" + tail) }
        return matches.count == 1 ? matches[0] : nil
    }
}
