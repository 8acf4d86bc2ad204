import CheckerCore

/// Comments that silence findings:
///
///     <!-- checker-lint: ignore DL101 -->        (alone on a line: the next line; codes or slugs)
///     x = torch.rand(3)  # checker-lint: ignore uniform-noise
///     <!-- checker-lint: ignore-file DL303 -->   (the whole file)
///
/// Without a code, every rule is silenced there.
enum Suppressions {
    static let marker = "checker-lint:"

    struct Directive {
        var fileWide: Bool
        /// A comment alone on its line silences the next line; a trailing comment its own line.
        var standalone = false
        var rules: Set<String>
        func covers(_ d: Diagnostic) -> Bool { rules.isEmpty || rules.contains(d.code.lowercased()) || rules.contains(d.slug) }
    }

    static func directive(in line: String) -> Directive? {
        guard let r = line.range(of: marker) else { return nil }
        var rest = line[r.upperBound...].trimmingPrefixSpaces()
        let fileWide: Bool
        if rest.hasPrefix("ignore-file") { fileWide = true; rest = rest.dropFirst("ignore-file".count) } else if rest.hasPrefix("ignore") { fileWide = false; rest = rest.dropFirst("ignore".count) } else { return nil }
        let stop = rest.range(of: "-->")?.lowerBound ?? rest.endIndex
        let codes = rest[..<stop].split { $0 == " " || $0 == "," || $0 == "=" }.map { $0.lowercased() }.filter { !$0.isEmpty && $0 != "-->" }
        let before = line[..<r.lowerBound].filter { !" \t#<!-%/".contains($0) }
        return Directive(fileWide: fileWide, standalone: before.isEmpty, rules: Set(codes))
    }

    static func apply(to diagnostics: [Diagnostic], sources: [SourceText]) -> [Diagnostic] {
        var lineDirectives: [String: [Int: Directive]] = [:]
        var fileDirectives: [String: [Directive]] = [:]
        // Code blocks share their document's text: each (file, cell) is scanned once, or a note
        // with many blocks would be scanned once per block.
        var scanned: Set<String> = []
        for s in sources {
            let key = "\(s.path)#\(s.cell ?? -1)"
            guard scanned.insert(key).inserted else { continue }
            for line in 1...s.lineCount {
                let r = s.lineRange(line)
                let text = s.slice(r.lowerBound, r.upperBound)
                guard let d = directive(in: text) else { continue }
                if d.fileWide { fileDirectives[s.path, default: []].append(d) } else { lineDirectives[key, default: [:]][line + s.lineOffset] = d }
            }
        }
        return diagnostics.filter { d in
            guard let loc = d.location else { return true }
            if fileDirectives[loc.file]?.contains(where: { $0.covers(d) }) == true { return false }
            let lines = lineDirectives["\(loc.file)#\(loc.cell ?? -1)"] ?? [:]
            if let x = lines[loc.line], x.covers(d) { return false }
            if let x = lines[loc.line - 1], x.standalone, x.covers(d) { return false }
            return true
        }
    }
}

extension Substring {
    func trimmingPrefixSpaces() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        return s
    }
}

extension String {
    func range(of target: String) -> Range<String.Index>? {
        Substring(self).range(of: target)
    }
}
