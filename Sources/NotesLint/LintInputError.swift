import CheckerCore

/// Input the linter cannot read: a missing file, an unknown file type, a notebook that is not
/// valid JSON or not a notebook. `checker lint` exits with status 2 on these.
///
/// Codes follow the project's scheme (`VS0xx` verify-schedule's input, `G0xx` case files): `DL0xx`
/// are lint's input errors, below the rules' `DL1xx`–`DL3xx`. The slug is the name these errors
/// had before they were numbered, kept for `--explain` and for anyone who searched for it.
public struct LintInputError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, CaseIterable, Sendable {
        case unreadableFile = "unreadable-file"
        case unsupportedFile = "unsupported-file"
        case notebookJSON = "notebook-json"
        case notebookStructure = "notebook-structure"

        /// Stable: DL001 … DL004, in the order of the cases.
        public var code: String {
            switch self {
            case .unreadableFile: return "DL001"
            case .unsupportedFile: return "DL002"
            case .notebookJSON: return "DL003"
            case .notebookStructure: return "DL004"
            }
        }

        public var slug: String { rawValue }

        /// What causes the error, for `--explain` and `--list-rules`.
        public var summary: String {
            switch self {
            case .unreadableFile: return "a file that does not exist, cannot be read, or is not UTF-8 text"
            case .unsupportedFile: return "a file named on the command line whose extension is not .md, .markdown, .ipynb, .py or .tex"
            case .notebookJSON: return "an .ipynb file that is not valid JSON (named with line:column)"
            case .notebookStructure: return "an .ipynb file that is JSON but not a notebook: no \"cells\" array, a cell without cell_type or source"
            }
        }

        /// The kind named by a code (`DL003`, any case) or a slug (`notebook-json`).
        public static func named(_ codeOrSlug: String) -> Kind? {
            allCases.first { $0.code == codeOrSlug.uppercased() || $0.slug == codeOrSlug }
        }
    }

    public var kind: Kind
    public var path: String
    public var message: String
    /// Where in the file, when the problem has a place (a JSON syntax error in a notebook).
    public var position: TextPosition? = nil

    public init(_ kind: Kind, path: String, message: String, position: TextPosition? = nil) {
        self.kind = kind
        self.path = path
        self.message = message
        self.position = position
    }

    /// The stable code, `DL001` … `DL004`.
    public var code: String { kind.code }

    /// The error in the checker's one shape: `FILE[:LINE:COLUMN]: error: MESSAGE [CODE]`.
    public var description: String {
        ErrorLine(file: path, line: position?.line, column: position?.column, message: message, code: code).description
    }
}
