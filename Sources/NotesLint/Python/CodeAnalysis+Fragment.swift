extension CodeAnalysis {
    /// The non-blank lines of a block, without their indentation: what an excerpt repeats.
    static func codeLines(_ text: String) -> Set<String> {
        Set(text.split(separator: "\n").map(trimmed).filter { !$0.isEmpty })
    }

    private static func trimmed(_ line: Substring) -> String {
        String(line.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }

    /// Whether a block is an excerpt rather than a program: its first line is indented (a line
    /// lifted out of a function body), or every line of it already stands in an earlier block.
    /// Such a block's names belong to the code it was cut from.
    static func isExcerpt(_ text: String, of earlierLines: Set<String>) -> Bool {
        let lines = text.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }
        guard let first = lines.first else { return false }
        if first.first == " " || first.first == "\t" { return true }
        return !earlierLines.isEmpty && lines.allSatisfy { earlierLines.contains(trimmed($0)) }
    }
}
