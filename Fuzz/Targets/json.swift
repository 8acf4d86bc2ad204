// Target `json`: the JSON reader (`JSONValue.parse`) and the writer's round trip.
// The properties are in Tests/RobustnessTests/Checks/JSONCheck.swift.

extension FuzzTarget {
    static let json = FuzzTarget(name: "json", mutator: .json(names: jsonNames)) { JSONCheck.run($0) }
}

/// Strings for the structure-aware mutator: escapes, surrogates, non-ASCII, and common keys.
private let jsonNames = [
    "a", "", "\\", "\"", "\u{1}", "\u{7F}", "\u{FEFF}", "é", "𝔼", "\u{10FFFF}", "line\nbreak", "tab\t", "NaN", "Infinity",
    "format", "cases", "cells", "source", "metadata", "beta_schedule", "num_train_timesteps",
]
