import CheckerCore

/// The text of one file (or one notebook cell) as Unicode scalars, with the mapping from a scalar
/// offset to the 1-based line and column that an editor shows.
///
/// Columns count Unicode scalars, as ``CheckerCore/TextPosition`` does: a Chinese character is one
/// column, like an ASCII letter.
public struct SourceText: Sendable {
    /// The path as the user gave it; findings name it.
    public let path: String
    /// The notebook cell (0-based) this text is, or nil for a plain file.
    public let cell: Int?
    public let scalars: [Unicode.Scalar]
    /// Offsets where each line starts; `lineStarts[0] == 0`.
    public let lineStarts: [Int]
    /// Added to every reported line (a cell's lines are reported from 1).
    public let lineOffset: Int

    public init(path: String, text: String, cell: Int? = nil, lineOffset: Int = 0) {
        self.path = path
        self.cell = cell
        self.lineOffset = lineOffset
        let scalars = Array(text.unicodeScalars)
        self.scalars = scalars
        var starts = [0]
        for (i, s) in scalars.enumerated() where s == "\n" {
            starts.append(i + 1)
        }
        self.lineStarts = starts
    }

    /// The 1-based line of a scalar offset.
    public func line(of offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    /// The location of a scalar offset (and optionally of the end of a range).
    public func location(_ offset: Int, end: Int? = nil) -> SourceLocation {
        let clamped = max(0, min(offset, scalars.count))
        let line = self.line(of: clamped)
        let column = clamped - lineStarts[line - 1] + 1
        var loc = SourceLocation(file: path, line: line + lineOffset, column: column, cell: cell)
        if let end, end > clamped {
            let e = min(end, scalars.count)
            let el = self.line(of: e)
            loc.endLine = el + lineOffset
            loc.endColumn = e - lineStarts[el - 1] + 1
        }
        return loc
    }

    /// The text between two offsets.
    public func slice(_ start: Int, _ end: Int) -> String {
        var s = String.UnicodeScalarView()
        let a = max(0, min(start, scalars.count)), b = max(a, min(end, scalars.count))
        s.append(contentsOf: scalars[a..<b])
        return String(s)
    }

    /// The scalar range of a 1-based line, without its newline.
    public func lineRange(_ line: Int) -> Range<Int> {
        let start = lineStarts[line - 1]
        let end = line < lineStarts.count ? lineStarts[line] - 1 : scalars.count
        return start..<max(start, end)
    }

    public var lineCount: Int { lineStarts.count }
}
