import Foundation

extension NotesLinter {
    /// The question of a multiple-choice list when the formula at `start` is one of its options
    /// ("Which one of the following equalities is true?" above items labelled A to D or ticked
    /// with a box), or nil. Such options are candidates the reader weighs, most of them wrong on
    /// purpose; the note claims none of them.
    static func multipleChoiceQuestion(at start: Int, in source: SourceText) -> String? {
        func text(_ line: Int) -> String {
            let range = source.lineRange(line)
            return source.slice(range.lowerBound, range.upperBound).trimmingCharacters(in: .whitespaces)
        }
        var line = source.line(of: start)
        guard isOption(text(line)) else { return nil }
        // Up past the other options and blank lines to the question; it may run over a few lines.
        while line > 1, isOption(text(line)) || text(line).isEmpty { line -= 1 }
        var above = 0
        while line >= 1, above < 3 {
            let candidate = text(line)
            if !candidate.isEmpty {
                if candidate.contains("?") || candidate.contains("？") { return String(candidate.prefix(80)) }
                above += 1
            }
            line -= 1
        }
        return nil
    }

    /// A list item labelled with one letter (`\item[\textbf{B}]`, `(b)`, `B.`, `- C)`) or ticked
    /// with an empty box (`\square`, `☐`, `- [ ]`): an option of a multiple-choice question.
    static func isOption(_ line: String) -> Bool {
        if ["\\square", "☐", "□"].contains(where: line.contains) || line.hasPrefix("- [ ]") || line.hasPrefix("* [ ]") { return true }
        var rest = Substring(line)
        if rest.hasPrefix("\\item[") {
            rest = rest.dropFirst("\\item[".count)
            guard let close = rest.firstIndex(of: "]") else { return false }
            return singleLetterLabel(rest[..<close])
        }
        if rest.hasPrefix("- ") || rest.hasPrefix("* ") { rest = rest.dropFirst(2) }
        rest = rest.drop { $0 == "*" }
        guard let end = rest.firstIndex(where: { $0 == "." || $0 == ")" }), rest.distance(from: rest.startIndex, to: end) <= 3 else { return false }
        return singleLetterLabel(rest[..<end]) && rest[rest.index(after: end)...].first == " "
    }

    /// `A`, `(b)`, `\textbf{C}`: a label that is one letter from A to F, in any case.
    private static func singleLetterLabel(_ label: Substring) -> Bool {
        var core = label.trimmingCharacters(in: .whitespaces)
        for wrapper in ["\\textbf{", "\\textit{", "\\emph{"] where core.hasPrefix(wrapper) && core.hasSuffix("}") {
            core = String(core.dropFirst(wrapper.count).dropLast())
        }
        if core.hasPrefix("(") { core.removeFirst() }
        if core.hasSuffix(")") { core.removeLast() }
        return core.count == 1 && "ABCDEFabcdef".contains(core)
    }
}
