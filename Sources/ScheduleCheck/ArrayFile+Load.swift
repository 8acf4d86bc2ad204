import CheckerCore
import Foundation

/// Reads an explicit β or ᾱ array: `.npy` (NumPy format 1–3, float16/32/64, either byte order),
/// `.json` (an array of numbers, or an object with one array member such as `"betas"`), `.csv`
/// (cells separated by commas, in rows or a column) or any other file as numbers separated by
/// whitespace (one per line). Lines starting with `#` are comments in text files.
public enum ArrayFile {
    public static func load(path: String, kind: ArrayKind) throws(ScheduleCheckError) -> ProvidedArray {
        let data = try readData(path)
        // Standard input has no extension: its first bytes say what it is.
        let lower = StandardInput.isStandardInput(path) ? sniffedExtension(data) : path.lowercased()
        let values: [Double]
        var positions: [(line: Int, column: Int)] = []
        let precision: StoragePrecision
        if lower.hasSuffix(".npy") {
            let array = try NumpyArray.parse(data, path: path)
            values = array.values
            precision = array.precision
        } else {
            guard let text = String(data: data, encoding: .utf8) else {
                throw .unreadableFile(path: path, reason: "not UTF-8 text (a .npy file must end in .npy)")
            }
            if lower.hasSuffix(".json") {
                (values, positions) = try parseJSON(text, path: path)
            } else {
                (values, positions) = try parseText(text, path: path, separator: lower.hasSuffix(".csv") ? "," : nil)
            }
            precision = ProvidedArray.inferredPrecision(values)
        }
        guard !values.isEmpty else { throw .emptyArray(path: path) }
        return ProvidedArray(values: values, kind: kind, source: path, precision: precision, positions: positions)
    }

    /// What standard input holds, as the extension a file of that kind would have: `.npy` for
    /// NumPy's magic string, `.json` for text that starts with `[` or `{`, else text (numbers
    /// separated by whitespace, or by commas on a line that has one).
    static func sniffedExtension(_ data: Data) -> String {
        if data.starts(with: [0x93] + Array("NUMPY".utf8)) { return ".npy" }
        let text = String(decoding: data.prefix(4096), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("[") || text.hasPrefix("{") { return ".json" }
        let firstLine = text.split(whereSeparator: \.isNewline).first { !$0.hasPrefix("#") } ?? ""
        return firstLine.contains(",") ? ".csv" : ".txt"
    }

    /// The bytes of `path`, or of standard input for `-`.
    static func readData(_ path: String) throws(ScheduleCheckError) -> Data {
        if StandardInput.isStandardInput(path) { return StandardInput.data() }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .fileNotFound(path: path) }
        guard !isDirectory.boolValue else { throw .unreadableFile(path: path, reason: "it is a directory") }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadableFile(path: path, reason: error.localizedDescription)
        }
    }

    /// A number in a text cell: decimal or scientific notation, `nan`, `inf`, `-inf`.
    static func number(_ cell: Substring) -> Double? {
        let trimmed = cell.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        switch trimmed.lowercased() {
        case "nan": return .nan
        case "inf", "+inf", "infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default: break
        }
        // Only plain decimal syntax: Double("0x1p3") would also accept hexadecimal.
        guard trimmed.allSatisfy({ "0123456789+-.eE".contains($0) }) else { return nil }
        return Double(trimmed)
    }

    /// Reads a text array by Unicode scalar, so that lines and columns are what an editor shows.
    /// (Swift reads "\r\n" as one Character: splitting Characters at "\n" left a CRLF line joined
    /// to the next, so a CRLF comment line swallowed the value after it.)
    static func parseText(_ text: String, path: String, separator: Character?) throws(ScheduleCheckError) -> ([Double], [(line: Int, column: Int)]) {
        let separatorScalar = separator?.unicodeScalars.first
        let isBlank: (Unicode.Scalar) -> Bool = { CharacterSet.whitespaces.contains($0) }
        var values: [Double] = []
        var positions: [(line: Int, column: Int)] = []
        for (lineIndex, rawLine) in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.last == "\r" ? rawLine.dropLast() : rawLine
            let content = line.drop(while: isBlank)
            if content.allSatisfy(isBlank) || content.first == "#" { continue }
            // Each cell with the 1-based column of its first scalar.
            var cells: [(column: Int, scalars: Substring.UnicodeScalarView)] = []
            if let separatorScalar {
                var column = 1
                for part in line.split(separator: separatorScalar, omittingEmptySubsequences: false) {
                    cells.append((column, part))
                    column += part.count + 1
                }
            } else {
                var offset = 0
                var open: (column: Int, start: Substring.UnicodeScalarView.Index)?
                for index in line.indices {
                    if line[index] == " " || line[index] == "\t" {
                        if let cell = open { cells.append((cell.column, line[cell.start..<index])); open = nil }
                    } else if open == nil {
                        open = (offset + 1, index)
                    }
                    offset += 1
                }
                if let cell = open { cells.append((cell.column, line[cell.start...])) }
            }
            for (cellIndex, cell) in cells.enumerated() {
                let cellText = Substring(cell.scalars)
                guard let value = number(cellText) else {
                    let place = separator == nil ? "\(lineIndex + 1):\(cell.column)" : "\(lineIndex + 1):\(cell.column) (cell \(cellIndex + 1))"
                    throw .notANumber(path: path, place: place, text: String(cellText.trimmingCharacters(in: .whitespaces)))
                }
                values.append(value)
                positions.append((lineIndex + 1, cell.column))
            }
        }
        return (values, positions)
    }

    /// Keys accepted for an object holding the array.
    static let arrayKeys = ["betas", "trained_betas", "alpha_bars", "alphaBars", "alphas_cumprod", "values"]

    static func parseJSON(_ text: String, path: String) throws(ScheduleCheckError) -> ([Double], [(line: Int, column: Int)]) {
        let value: JSONValue
        let positions: JSONPositions
        do {
            (value, positions) = try JSONValue.parseWithPositions(text)
        } catch {
            throw .malformedJSON(path: path, line: error.position.line, column: error.position.column, reason: error.message)
        }
        var arrayPath = "$"
        var array: [JSONValue]
        switch value {
        case .array(let elements):
            array = elements
        case .object(let members):
            guard let member = members.first(where: { arrayKeys.contains($0.key) }), case .array(let elements) = member.value else {
                let p = positions["$"] ?? TextPosition(line: 1, column: 1)
                throw .invalidConfigValue(path: path, key: "$", line: p.line, column: p.column, expected: "an array of numbers or an object with one of \(arrayKeys.joined(separator: ", "))", found: "an object without such an array")
            }
            arrayPath = "$." + member.key
            array = elements
        default:
            throw .invalidConfigValue(path: path, key: "$", line: 1, column: 1, expected: "an array of numbers", found: value.kindName)
        }
        var values: [Double] = []
        var places: [(line: Int, column: Int)] = []
        for (i, element) in array.enumerated() {
            let elementPath = "\(arrayPath)[\(i)]"
            let p = positions[elementPath] ?? TextPosition(line: 1, column: 1)
            switch element {
            case .number(let x): values.append(x)
            case .string(let s) where ["NaN", "Infinity", "-Infinity"].contains(s):
                values.append(s == "NaN" ? .nan : (s == "Infinity" ? .infinity : -.infinity))
            case .string(let s):
                throw .notANumber(path: path, place: "\(p.line):\(p.column) (\(elementPath))", text: s)
            default:
                throw .notANumber(path: path, place: "\(p.line):\(p.column) (\(elementPath))", text: element.kindName)
            }
            places.append((p.line, p.column))
        }
        return (values, places)
    }
}
