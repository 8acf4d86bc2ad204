import CheckerCore
import Foundation

/// The files given to `checker conform`: golden case files and sampling files, told apart by
/// their `format`.
public struct ConformInput: Sendable {
    public var cases: [ConformCase] = []
    public var sampling: [SamplingCaseFile.Contents] = []

    public static func load(paths: [String]) throws(ConformError) -> ConformInput {
        var input = ConformInput()
        var goldenPaths: [String] = []
        for path in paths {
            if let data = StandardInput.contents(of: path), let text = String(data: data, encoding: .utf8),
               let root = try? JSONValue.parse(text), case .string(SamplingCaseFile.format)? = root["format"] {
                input.sampling.append(try SamplingCaseFile.parse(root, path: path))
            } else {
                goldenPaths.append(path)
            }
        }
        input.cases = try ConformCase.load(paths: goldenPaths)
        return input
    }

    /// The sampling plan: the files' points (and their repetitions) when sampling files were
    /// given, else `plan` unchanged.
    public func plan(_ plan: SamplingPlan) -> SamplingPlan {
        guard !sampling.isEmpty else { return plan }
        var replay = plan
        replay.points = sampling.flatMap(\.points)
        if let repetitions = sampling.compactMap(\.repetitions).max() { replay.repetitions = repetitions }
        if let noiseCount = sampling.compactMap(\.noiseCount).max() { replay.noiseCount = noiseCount }
        return replay
    }
}
