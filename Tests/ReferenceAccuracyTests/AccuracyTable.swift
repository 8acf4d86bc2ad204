#if arch(x86_64) && !os(Windows) && !os(Android)
import Foundation

/// The README's measured table: per function and schedule family, the worst error after (accurate
/// arithmetic) and before (literal arithmetic), in ulps, with the stated bound.
enum AccuracyTable {
    static let columns = ["linear", "scaled linear", "cosine", "sigmoid", "zero SNR", "extreme", "bound"]

    static func markdown(after: AccuracySurvey, before: AccuracySurvey) -> String {
        func figure(_ x: Double) -> String {
            if x == 0 { return "0" }
            if x < 10 { return String(format: "%.2g", x) }
            if x < 1e5 { return String(format: "%.0f", x) }
            if x < 1e6 { return String(format: "%.2e", x) }
            return String(format: "%.1e", x)
        }
        var lines = ["| function | " + columns.joined(separator: " | ") + " | max relative after (before) | tolerance |",
                     "|---|" + String(repeating: "---|", count: columns.count + 2)]
        for (function, bound) in AccuracyContract.bounds {
            var cells: [String] = []
            var relativeAfter = 0.0, relativeBefore = 0.0
            for column in columns {
                let a = after.worst[function]?[column], b = before.worst[function]?[column]
                relativeAfter = max(relativeAfter, a?.relative ?? 0)
                relativeBefore = max(relativeBefore, b?.relative ?? 0)
                if let a { cells.append("\(figure(a.ulps)) (\(b.map { figure($0.ulps) } ?? "—"))") } else { cells.append("—") }
            }
            lines.append("| \(function) | " + cells.joined(separator: " | ")
                         + " | \(String(format: "%.1e", relativeAfter)) (\(relativeBefore > 0 ? String(format: "%.1e", relativeBefore) : "—")) | \(figure(bound.ulps)) ulps |")
        }
        lines.append("")
        lines.append("Worst points (after):")
        for (function, _) in AccuracyContract.bounds {
            guard let columns = after.worst[function], let worst = columns.values.max(by: { $0.ulps < $1.ulps }) else { continue }
            lines.append("- \(function): \(figure(worst.ulps)) ulps at \(worst.point)")
        }
        lines.append("")
        lines.append("\(after.measured) values measured.")
        return lines.joined(separator: "\n")
    }
}
#endif
