import Foundation
import Testing
@testable import ScheduleCheck

@Suite("Reading β and ᾱ arrays")
struct InputReadingTests {
    static let values = [0.0001, 0.00012345678901234, 0.02, 0.5]

    @Test("npy versions 1–3, float16/32/64, both byte orders", arguments: [
        ("<f8", UInt8(1)), (">f8", 1), ("<f4", 2), (">f4", 3), ("<f2", 1), (">f2", 2), ("=f8", 3),
    ])
    func npyRoundTrip(dtype: String, version: UInt8) throws {
        let path = writeTemporary("a.npy", npyBytes(Self.values, dtype: dtype, version: version))
        let array = try ArrayFile.load(path: path, kind: .betas)
        let precision: StoragePrecision = dtype.hasSuffix("2") ? .float16 : (dtype.hasSuffix("4") ? .float32 : .float64)
        #expect(array.precision == precision)
        // Exact: the stored value is the value rounded once to the dtype.
        #expect(array.values == Self.values.map { precision.round($0) })
    }

    @Test("a truncated npy names the file and the bytes missing")
    func npyTruncated() {
        let full = npyBytes(Self.values)
        let path = writeTemporary("short.npy", Array(full.dropLast(5)))
        #expect(throws: ScheduleCheckError.npyTruncated(path: path, expectedBytes: full.count, actualBytes: full.count - 5, part: "data of 4 × '<f8' (shape (4,))")) {
            try ArrayFile.load(path: path, kind: .betas)
        }
        let headerCut = writeTemporary("header.npy", Array(full.prefix(40)))
        do {
            _ = try ArrayFile.load(path: headerCut, kind: .betas)
            Issue.record("a cut header must be refused")
        } catch {
            #expect(error.code == "VS002")
            #expect(error.message.contains(headerCut) && error.message.contains("header"))
        }
    }

    @Test("npy with a wrong magic, an integer dtype or a matrix shape is refused as malformed")
    func npyMalformed() throws {
        var bytes = npyBytes(Self.values)
        bytes[1] = UInt8(ascii: "X")
        let badMagic = writeTemporary("magic.npy", bytes)
        #expect(throws: ScheduleCheckError.self) { try ArrayFile.load(path: badMagic, kind: .betas) }
        let ints = writeTemporary("ints.npy", npyBytes(Self.values, dtype: "<i8"))
        do {
            _ = try ArrayFile.load(path: ints, kind: .betas)
            Issue.record("an integer array must be refused")
        } catch {
            #expect(error.code == "VS003")
            #expect(error.message.contains("<i8"))
        }
        var matrix = npyBytes(Self.values)
        let header = String(decoding: matrix[10..<80], as: UTF8.self).replacingOccurrences(of: "(4,), ", with: "(2, 2)")
        matrix.replaceSubrange(10..<80, with: Array(header.utf8))
        let matrixPath = writeTemporary("m.npy", matrix)
        do {
            _ = try ArrayFile.load(path: matrixPath, kind: .betas)
            Issue.record("a 2×2 array must be refused")
        } catch {
            #expect(error.code == "VS003")
            #expect(error.message.contains("(2, 2)"))
        }
    }

    @Test("CSV and text: numbers in rows or columns, NaN kept, positions recorded")
    func textFormats() throws {
        let csv = writeTemporary("b.csv", text: "0.0001,0.0002\n0.0003, nan\n")
        let array = try ArrayFile.load(path: csv, kind: .betas)
        #expect(array.values.count == 4)
        #expect(array.values[3].isNaN)
        #expect(array.positions[2] == (line: 2, column: 1) || (array.positions[2].line == 2 && array.positions[2].column == 1))
        let text = writeTemporary("b.txt", text: "# betas\n0.0001\n  0.0002\n\n0.0003\n")
        let lines = try ArrayFile.load(path: text, kind: .betas)
        #expect(lines.values == [0.0001, 0.0002, 0.0003])
        #expect(lines.positions[1].line == 3 && lines.positions[1].column == 3)
        #expect(lines.precision == .float64)
    }

    @Test("CRLF line ends: a comment line keeps to itself, and positions count lines and scalars as editors do")
    func crlfAndScalars() throws {
        // Found by the `csv` target: Swift reads "\r\n" as one Character, so the comment line
        // "# …\r\n" was joined to the next line and its value silently dropped.
        let text = writeTemporary("crlf.txt", text: "# betas\r\n0.0001\r\n0.0002\n0.0003\r\n")
        let lines = try ArrayFile.load(path: text, kind: .betas)
        #expect(lines.values == [0.0001, 0.0002, 0.0003])
        #expect(lines.positions.map(\.line) == [2, 3, 4])
        let csv = writeTemporary("crlf.csv", text: "0.0001,0.0002\r\n0.0003,abc\r\n")
        #expect(throws: ScheduleCheckError.notANumber(path: csv, place: "2:8 (cell 2)", text: "abc")) {
            try ArrayFile.load(path: csv, kind: .betas)
        }
        // "e" + U+0301 is one Character and two scalars; a comma followed by a combining mark is
        // still a separator.
        let accented = writeTemporary("accent.csv", text: "0.0001,x\u{0301},\u{0301}0.1\n")
        #expect(throws: ScheduleCheckError.notANumber(path: accented, place: "1:8 (cell 2)", text: "x\u{0301}")) {
            try ArrayFile.load(path: accented, kind: .betas)
        }
    }

    @Test("a non-numeric CSV cell is named with its line, column and cell")
    func csvNotANumber() {
        let path = writeTemporary("bad.csv", text: "0.0001,0.0002\n0.0003,abc,0.1\n")
        #expect(throws: ScheduleCheckError.notANumber(path: path, place: "2:8 (cell 2)", text: "abc")) {
            try ArrayFile.load(path: path, kind: .betas)
        }
    }

    @Test("JSON arrays: plain, or under a known key; a string element is named by its JSON path")
    func jsonArrays() throws {
        let plain = writeTemporary("a.json", text: "[0.0001, 0.0002]")
        #expect(try ArrayFile.load(path: plain, kind: .betas).values == [0.0001, 0.0002])
        let keyed = writeTemporary("k.json", text: "{\"alphas_cumprod\": [0.9999, 0.9997]}")
        #expect(try ArrayFile.load(path: keyed, kind: .alphaBars).values == [0.9999, 0.9997])
        let bad = writeTemporary("s.json", text: "[0.0001,\n \"x\"]")
        #expect(throws: ScheduleCheckError.notANumber(path: bad, place: "2:2 ($[1])", text: "x")) {
            try ArrayFile.load(path: bad, kind: .betas)
        }
    }

    @Test("a missing file and an empty array are clear errors")
    func missingAndEmpty() {
        #expect(throws: ScheduleCheckError.fileNotFound(path: "/nonexistent/betas.npy")) {
            try ArrayFile.load(path: "/nonexistent/betas.npy", kind: .betas)
        }
        let empty = writeTemporary("e.txt", text: "\n# nothing\n")
        #expect(throws: ScheduleCheckError.emptyArray(path: empty)) { try ArrayFile.load(path: empty, kind: .betas) }
    }

    @Test("text precision is inferred: float32-exact numbers are a float32 array")
    func inferredPrecision() {
        #expect(ProvidedArray.inferredPrecision([Double(Float(0.0001)), Double(Float(0.02))]) == .float32)
        #expect(ProvidedArray.inferredPrecision([0.0001, 0.02]) == .float64)
        #expect(ProvidedArray.inferredPrecision([0.5, 0.25]) == .float16)
    }

    @Test("every truncation of a valid .npy is refused with VS002 or VS003, never a crash or a short array")
    func everyTruncation() {
        let full = npyBytes(Self.values, dtype: ">f4", version: 2)
        let directory = temporaryDirectory()
        for length in 0..<full.count {
            let path = directory + "/cut\(length).npy"
            _ = FileManager.default.createFile(atPath: path, contents: Data(full.prefix(length)))
            do {
                let array = try ArrayFile.load(path: path, kind: .betas)
                Issue.record("\(length) of \(full.count) bytes gave \(array.values.count) values")
            } catch {
                #expect(["VS002", "VS003", "VS009"].contains(error.code), "\(length) bytes: \(error)")
            }
        }
    }
}
