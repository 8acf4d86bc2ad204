import CheckerCore

/// Why `verify-schedule` could not read its input. Every case has a stable code (`VS001`…), a
/// slug, and a message that names the file and the place (line, column, JSON path, byte offset)
/// and what was expected there. Bad input exits with status 2.
public enum ScheduleCheckError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file does not exist.
    case fileNotFound(path: String)
    /// A `.npy` file ends before its header or its data says it should.
    case npyTruncated(path: String, expectedBytes: Int, actualBytes: Int, part: String)
    /// A `.npy` file whose magic, version, header or dtype cannot be read.
    case npyMalformed(path: String, reason: String)
    /// A cell of a CSV or text file, or an element of a JSON array, that is not a number.
    case notANumber(path: String, place: String, text: String)
    /// A schedule name that is not one of the known schedules.
    case unknownSchedule(name: String, place: String, known: [String])
    /// A JSON file that is not valid JSON.
    case malformedJSON(path: String, line: Int, column: Int, reason: String)
    /// A config key with a value of the wrong kind or outside its domain.
    case invalidConfigValue(path: String, key: String, line: Int, column: Int, expected: String, found: String)
    /// A command-line option outside its domain, or options that contradict each other.
    case invalidOption(name: String, value: String, expected: String)
    /// An array with no numbers in it.
    case emptyArray(path: String)
    /// Nothing to check: no schedule name, config or array was given.
    case noSchedule
    /// Reference refused to build the named schedule (its message says why).
    case scheduleRefused(what: String, reason: String)
    /// The file exists but cannot be read or decoded as text.
    case unreadableFile(path: String, reason: String)
    /// A scheduler class that is not modelled.
    case unknownSchedulerClass(path: String, found: String, supported: [String])
    /// A JSON file (or folder) that is not a scheduler config.
    case notASchedulerConfig(path: String, found: String)

    public var code: String {
        switch self {
        case .fileNotFound: return "VS001"
        case .npyTruncated: return "VS002"
        case .npyMalformed: return "VS003"
        case .notANumber: return "VS004"
        case .unknownSchedule: return "VS005"
        case .malformedJSON: return "VS006"
        case .invalidConfigValue: return "VS007"
        case .invalidOption: return "VS008"
        case .emptyArray: return "VS009"
        case .noSchedule: return "VS010"
        case .scheduleRefused: return "VS011"
        case .unreadableFile: return "VS012"
        case .unknownSchedulerClass: return "VS013"
        case .notASchedulerConfig: return "VS014"
        }
    }

    public var slug: String {
        switch self {
        case .fileNotFound: return "file-not-found"
        case .npyTruncated: return "npy-truncated"
        case .npyMalformed: return "npy-malformed"
        case .notANumber: return "not-a-number"
        case .unknownSchedule: return "unknown-schedule"
        case .malformedJSON: return "malformed-json"
        case .invalidConfigValue: return "invalid-config-value"
        case .invalidOption: return "invalid-option"
        case .emptyArray: return "empty-array"
        case .noSchedule: return "no-schedule"
        case .scheduleRefused: return "schedule-refused"
        case .unreadableFile: return "unreadable-file"
        case .unknownSchedulerClass: return "unknown-scheduler-class"
        case .notASchedulerConfig: return "not-a-scheduler-config"
        }
    }

    /// The input file the error is in, with `:line:column` when known; nil for options and the
    /// command line.
    public var location: String? {
        switch self {
        case .fileNotFound(let path), .npyTruncated(let path, _, _, _), .npyMalformed(let path, _), .emptyArray(let path),
             .unreadableFile(let path, _), .unknownSchedulerClass(let path, _, _), .notASchedulerConfig(let path, _):
            return path
        case let .notANumber(path, place, _):
            return "\(path):\(place)"
        case let .malformedJSON(path, line, column, _), let .invalidConfigValue(path, _, line, column, _, _):
            return "\(path):\(line):\(column)"
        case .unknownSchedule, .invalidOption, .noSchedule, .scheduleRefused:
            return nil
        }
    }

    /// What is wrong and what was expected, without the location.
    public var detail: String {
        switch self {
        case .fileNotFound:
            return "no such file"
        case let .npyTruncated(_, expected, actual, part):
            return "truncated .npy file: the \(part) needs \(expected) bytes, the file has \(actual)"
        case let .npyMalformed(_, reason):
            return "not a readable .npy array: \(reason)"
        case let .notANumber(_, _, text):
            return "expected a number, found \"\(text)\""
        case let .unknownSchedule(name, place, known):
            return "\(place): unknown schedule \"\(name)\"; expected one of \(known.joined(separator: ", "))"
        case let .malformedJSON(_, _, _, reason):
            return "malformed JSON: \(reason)"
        case let .invalidConfigValue(_, key, _, _, expected, found):
            return "\(key): expected \(expected), found \(found)"
        case let .invalidOption(name, value, expected):
            return "\(name) \(value): expected \(expected)"
        case .emptyArray:
            return "the array is empty; expected T ≥ 1 numbers"
        case .noSchedule:
            return "nothing to check: give a schedule name (--schedule), a scheduler config (--config) or an array (--betas/--alpha-bars)"
        case let .scheduleRefused(what, reason):
            return "\(what): \(reason)"
        case let .unreadableFile(_, reason):
            return "cannot read the file: \(reason)"
        case let .unknownSchedulerClass(_, found, supported):
            return "scheduler class \(found) is not modelled, so its schedule cannot be checked; supported: \(supported.joined(separator: ", "))"
        case let .notASchedulerConfig(_, found):
            return "not a scheduler config: \(found); expected a diffusers scheduler_config.json (with _class_name) or a model folder with model_index.json"
        }
    }

    /// The location and the detail in one line, as the machine formats' records carry it.
    public var message: String { location.map { "\($0): \(detail)" } ?? detail }

    /// The error in the checker's one shape: `FILE:LINE:COLUMN: error: MESSAGE [VS006]`.
    public var errorLine: ErrorLine { ErrorLine(location: location, message: detail, code: code) }

    public var description: String { errorLine.description }
}

extension ScheduleCheckError {
    /// The input errors, for `--explain` and `--list-rules`: code, slug and what causes them.
    public static let catalogue: [(code: String, slug: String, summary: String)] = [
        ("VS001", "file-not-found", "a --config, --betas, --alpha-bars or --compare file does not exist"),
        ("VS002", "npy-truncated", "a .npy file ends before its header or its data (shape × item size) is complete"),
        ("VS003", "npy-malformed", "a .npy file with a wrong magic, a version other than 1–3, a non-float dtype or a shape that is not (T,)"),
        ("VS004", "not-a-number", "a CSV cell, a text line or a JSON array element that is not a number (named with line:column and cell or JSON path)"),
        ("VS005", "unknown-schedule", "a schedule name other than linear, scaled_linear, squaredcos_cap_v2 (cosine) or sigmoid"),
        ("VS006", "malformed-json", "a JSON file that does not parse (named with line:column)"),
        ("VS007", "invalid-config-value", "a config key with a value of the wrong kind or outside its domain (named with line:column)"),
        ("VS008", "invalid-option", "a command-line option outside its domain, or options that contradict each other"),
        ("VS009", "empty-array", "an array file with no numbers"),
        ("VS010", "no-schedule", "no schedule name, config or array given"),
        ("VS011", "schedule-refused", "Reference refused the named schedule for its parameters (e.g. a zero-SNR rescale of T = 1)"),
        ("VS012", "unreadable-file", "a file that exists but cannot be read as text (or the plot cannot be written)"),
        ("VS013", "unknown-scheduler-class", "a _class_name or --scheduler that is not one of the modelled diffusers scheduler classes"),
        ("VS014", "not-a-scheduler-config", "a config without _class_name and without β keys (e.g. {}), or a model or pipeline config"),
    ]
}
