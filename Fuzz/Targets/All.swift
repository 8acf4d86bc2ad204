// Every fuzz target; `scripts/fuzz.sh TARGET SECONDS` runs one of them.

extension FuzzTarget {
    static let all: [FuzzTarget] = [.golden, .json, .config, .npy, .csv, .markdown, .python, .notebook]
}
