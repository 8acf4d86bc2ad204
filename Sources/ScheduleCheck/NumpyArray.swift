import Foundation

/// A one-dimensional float array read from NumPy's `.npy` format.
///
/// Format (numpy.lib.format): the magic `\x93NUMPY`, major and minor version bytes, the header
/// length (UInt16 little-endian in version 1, UInt32 in versions 2 and 3), a Python dict literal
/// header `{'descr': '<f8', 'fortran_order': False, 'shape': (1000,), }` (UTF-8 in version 3),
/// then the data. Accepted dtypes: float16, float32, float64 in either byte order (`<`, `>`,
/// `=` native, which is little-endian on every platform Swift targets here). Shapes (n,), (n, 1)
/// and (1, n) are accepted; anything else is refused.
public struct NumpyArray: Sendable {
    public var values: [Double]
    public var precision: StoragePrecision

    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]

    public static func parse(_ data: Data, path: String) throws(ScheduleCheckError) -> NumpyArray {
        let bytes = [UInt8](data)
        guard bytes.count >= 10 else {
            if bytes.count < 6 || Array(bytes[0..<6]) == magic {
                throw .npyTruncated(path: path, expectedBytes: 10, actualBytes: bytes.count, part: "preamble (magic, version, header length)")
            }
            throw .npyMalformed(path: path, reason: "the file does not start with the .npy magic \\x93NUMPY")
        }
        guard Array(bytes[0..<6]) == magic else {
            throw .npyMalformed(path: path, reason: "the file does not start with the .npy magic \\x93NUMPY")
        }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else {
                throw .npyTruncated(path: path, expectedBytes: 12, actualBytes: bytes.count, part: "preamble of a version \(major) file")
            }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        default:
            throw .npyMalformed(path: path, reason: "format version \(major).\(bytes[7]) is not 1.x, 2.x or 3.x")
        }
        let dataStart = headerStart + headerLength
        guard bytes.count >= dataStart else {
            throw .npyTruncated(path: path, expectedBytes: dataStart, actualBytes: bytes.count, part: "header")
        }
        guard let header = String(bytes: bytes[headerStart..<dataStart], encoding: major == 3 ? .utf8 : .isoLatin1) else {
            throw .npyMalformed(path: path, reason: "the header is not text")
        }
        let descr = try headerValue("descr", in: header, path: path)
        let fortran = try headerValue("fortran_order", in: header, path: path)
        let shapeText = try headerValue("shape", in: header, path: path)
        let (littleEndian, itemSize, precision) = try dtype(descr, path: path)
        let shape = try parseShape(shapeText, path: path)
        let count: Int
        switch shape.count {
        case 0: count = 1
        case 1: count = shape[0]
        case 2 where shape[0] == 1 || shape[1] == 1: count = max(shape[0], shape[1]) * min(shape[0], shape[1])
        default:
            throw .npyMalformed(path: path, reason: "shape \(shapeText) is not one-dimensional; expected (T,)")
        }
        _ = fortran  // a vector is the same in either order
        guard count <= bytes.count else {
            // Cannot fit (every item has at least 2 bytes); also keeps count × itemSize from overflowing.
            throw .npyTruncated(path: path, expectedBytes: count, actualBytes: bytes.count, part: "data of \(count) × \(descr) (shape \(shapeText)), at least")
        }
        let needed = dataStart + count * itemSize
        guard bytes.count >= needed else {
            throw .npyTruncated(path: path, expectedBytes: needed, actualBytes: bytes.count, part: "data of \(count) × \(descr) (shape \(shapeText))")
        }
        var values: [Double] = []
        values.reserveCapacity(count)
        for i in 0..<count {
            let start = dataStart + i * itemSize
            var bits: UInt64 = 0
            for k in 0..<itemSize {
                let byte = UInt64(bytes[start + (littleEndian ? k : itemSize - 1 - k)])
                bits |= byte << (8 * UInt64(k))
            }
            switch itemSize {
            case 2: values.append(Double(Float16(bitPattern: UInt16(bits))))
            case 4: values.append(Double(Float(bitPattern: UInt32(bits))))
            default: values.append(Double(bitPattern: bits))
            }
        }
        return NumpyArray(values: values, precision: precision)
    }

    /// The text of `'key': value` in the header dict, up to the next top-level comma or brace.
    static func headerValue(_ key: String, in header: String, path: String) throws(ScheduleCheckError) -> String {
        guard let keyRange = header.range(of: "'\(key)'") ?? header.range(of: "\"\(key)\"") else {
            throw .npyMalformed(path: path, reason: "the header has no '\(key)': \(header.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        var rest = header[keyRange.upperBound...].drop { $0 == " " }
        guard rest.first == ":" else { throw .npyMalformed(path: path, reason: "the header entry '\(key)' has no value") }
        rest = rest.dropFirst().drop { $0 == " " }
        var depth = 0
        var value = ""
        for c in rest {
            if c == "(" { depth += 1 }
            if c == ")" { depth -= 1 }
            if depth == 0 && (c == "," || c == "}") { break }
            value.append(c)
            if depth < 0 { break }
        }
        return value.trimmingCharacters(in: .whitespaces)
    }

    static func dtype(_ descr: String, path: String) throws(ScheduleCheckError) -> (littleEndian: Bool, itemSize: Int, precision: StoragePrecision) {
        let d = descr.trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
        guard d.count == 3, let order = d.first else {
            throw .npyMalformed(path: path, reason: "dtype \(descr) is not a float16, float32 or float64 array")
        }
        let kind = d.dropFirst().prefix(1)
        let size = d.suffix(1)
        let littleEndian: Bool
        switch order {
        case "<", "=": littleEndian = true
        case ">": littleEndian = false
        default: throw .npyMalformed(path: path, reason: "dtype \(descr) has an unknown byte order")
        }
        guard kind == "f" else {
            throw .npyMalformed(path: path, reason: "dtype \(descr) is not a floating-point type; expected <f2, <f4, <f8 (or >)")
        }
        switch size {
        case "2": return (littleEndian, 2, .float16)
        case "4": return (littleEndian, 4, .float32)
        case "8": return (littleEndian, 8, .float64)
        default: throw .npyMalformed(path: path, reason: "dtype \(descr) is not float16, float32 or float64")
        }
    }

    static func parseShape(_ text: String, path: String) throws(ScheduleCheckError) -> [Int] {
        guard text.hasPrefix("("), text.hasSuffix(")") else {
            throw .npyMalformed(path: path, reason: "shape \(text) is not a tuple")
        }
        let inner = text.dropFirst().dropLast()
        var shape: [Int] = []
        for part in inner.split(separator: ",") {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let digits = trimmed.hasSuffix("L") ? String(trimmed.dropLast()) : trimmed
            guard let n = Int(digits), n >= 0, n < 1 << 40 else {
                throw .npyMalformed(path: path, reason: "shape \(text) holds \(trimmed), not a size")
            }
            shape.append(n)
        }
        return shape
    }
}
