/// Where the text of each cell of a Jupyter notebook sits in the `.ipynb` file itself.
///
/// Lint reads a notebook cell by cell and reports a line and column within the cell. A viewer of
/// the file (a SARIF viewer, a GitHub annotation, an editor) needs the line and column in the JSON
/// file: a cell's source is an array of strings (usually one per source line, each on its own line
/// of the file) or one string, and every character of it is somewhere in those JSON strings. This
/// map gives, for every Unicode scalar of a cell's joined source, the file position of the first
/// character of its (possibly escaped) spelling: `\n`, `\"` and `\u00e9` each start where their
/// backslash is.
///
/// Columns count Unicode scalars, as every position DiffusionCheck reports does.
public struct NotebookPositions: Sendable {
    /// One cell's source: the position of each scalar of the joined source, then the position
    /// just past the last one (the closing quote), and where each of the cell's lines starts.
    struct Cell: Sendable {
        var positions: [TextPosition] = []
        var lineStarts: [Int] = [0]
    }

    /// Per cell (0-based, as in the file); nil for a cell without a source.
    let cells: [Cell?]
    /// The position of each cell object, for a location that falls outside its source.
    let cellStarts: [TextPosition]

    /// Maps a notebook's text; nil when it is not valid JSON or has no `cells` array.
    public init?(notebookText: String) {
        let parsed: (JSONValue, JSONPositions)
        do {
            parsed = try JSONValue.parseWithPositions(notebookText)
        } catch {
            return nil
        }
        guard case .array(let cellValues)? = parsed.0["cells"] else { return nil }
        let bytes = parsed.1.bytes
        let offsets = parsed.1.offsets
        let lines = LineTable(bytes: bytes)
        var cells: [Cell?] = []
        var starts: [TextPosition] = []
        for (index, cell) in cellValues.enumerated() {
            let path = "$.cells[\(index)]"
            starts.append(offsets[path].map(lines.position) ?? TextPosition(line: 1, column: 1))
            var stringOffsets: [Int] = []
            switch cell["source"] {
            case .string?:
                if let o = offsets[path + ".source"] { stringOffsets = [o] }
            case .array(let parts)?:
                stringOffsets = parts.indices.compactMap { offsets[path + ".source[\($0)]"] }
                guard stringOffsets.count == parts.count else { cells.append(nil); continue }
            default:
                cells.append(nil)
                continue
            }
            var mapped = Cell()
            var end = starts[index]
            for offset in stringOffsets {
                let string = Self.scalarPositions(ofStringAt: offset, in: bytes, lines: lines)
                for (k, position) in string.positions.enumerated() {
                    if string.isLineBreak[k] { mapped.lineStarts.append(mapped.positions.count + 1) }
                    mapped.positions.append(position)
                }
                end = string.closing
            }
            mapped.positions.append(end)
            cells.append(mapped)
        }
        self.cells = cells
        self.cellStarts = starts
    }

    /// The file position of the 1-based `line` and `column` of cell `cell` (0-based). A column past
    /// the end of its line is clamped to the end of the cell's source; a cell the file does not have
    /// gives nil.
    public func filePosition(cell: Int, line: Int, column: Int) -> TextPosition? {
        guard cells.indices.contains(cell) else { return nil }
        guard let mapped = cells[cell] else { return cellStarts[cell] }
        let end = mapped.positions.count - 1
        guard line >= 1, line <= mapped.lineStarts.count else { return mapped.positions[end] }
        let offset = min(mapped.lineStarts[line - 1] + max(column, 1) - 1, end)
        return mapped.positions[offset]
    }

    /// The position of every decoded scalar of the JSON string whose opening quote is at `offset`,
    /// whether it is a line break, and the position of its closing quote. JSON strings hold no raw line break, so the line is
    /// that of the quote; the column advances by one per raw scalar of the spelling.
    static func scalarPositions(ofStringAt offset: Int, in bytes: [UInt8], lines: LineTable)
        -> (positions: [TextPosition], isLineBreak: [Bool], closing: TextPosition) {
        let quote = lines.position(offset)
        var positions: [TextPosition] = []
        var isLineBreak: [Bool] = []
        var column = quote.column + 1
        var i = offset + 1
        func hexAt(_ j: Int) -> UInt32? {
            guard j + 4 <= bytes.count else { return nil }
            var v: UInt32 = 0
            for k in j..<j + 4 {
                guard let d = hexDigit(bytes[k]) else { return nil }
                v = v * 16 + d
            }
            return v
        }
        while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
            positions.append(TextPosition(line: quote.line, column: column))
            if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count {
                let escaped = bytes[i + 1]
                isLineBreak.append(escaped == UInt8(ascii: "n") || (escaped == UInt8(ascii: "u") && hexAt(i + 2) == 0x0A))
                if escaped == UInt8(ascii: "u"), let code = hexAt(i + 2) {
                    // A surrogate pair is one scalar spelled in twelve characters.
                    if (0xD800...0xDBFF).contains(code), i + 7 < bytes.count, bytes[i + 6] == UInt8(ascii: "\\"),
                       bytes[i + 7] == UInt8(ascii: "u"), hexAt(i + 8) != nil {
                        i += 12; column += 12
                    } else {
                        i += 6; column += 6
                    }
                } else {
                    i += 2; column += 2
                }
            } else {
                // One scalar: a UTF-8 lead byte and its continuation bytes.
                isLineBreak.append(false)
                i += 1
                while i < bytes.count, bytes[i] & 0xC0 == 0x80 { i += 1 }
                column += 1
            }
        }
        return (positions, isLineBreak, TextPosition(line: quote.line, column: column))
    }

    static func hexDigit(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(b - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}

/// Line starts of a byte buffer, for turning byte offsets into 1-based line and scalar column.
struct LineTable {
    let bytes: [UInt8]
    let starts: [Int]

    init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 0x0A { starts.append(i + 1) }
        self.starts = starts
    }

    func position(_ offset: Int) -> TextPosition {
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return TextPosition(line: lo + 1, column: JSONPositions.column(in: bytes, lineStart: starts[lo], offset: offset))
    }
}
