import Foundation

/// Draws β, ᾱ and log-SNR against t as a standalone SVG (three stacked panels with labelled
/// axes and ticks; one coloured line per schedule, with a legend when there are several).
public enum SchedulePlot {
    static let colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"]
    static let width = 760.0
    static let panelHeight = 230.0
    static let margin = (left: 88.0, right: 24.0, top: 34.0, bottom: 46.0)

    public static func svg(_ curves: [ScheduleCurves], title: String? = nil) -> String {
        let panels: [(String, String, (ScheduleCurves) -> [Double])] = [
            ("β", "βₜ (forward-step variance)", { $0.betas }),
            ("ᾱ", "ᾱₜ = ∏(1 − βₛ)", { $0.alphaBars }),
            ("log-SNR", "log SNR = log ᾱ − log(1 − ᾱ)", { $0.logSNR }),
        ]
        let legendHeight = curves.count > 1 ? 22.0 * Double(curves.count) + 8 : 0
        let titleHeight = 30.0
        let height = titleHeight + legendHeight + panelHeight * Double(panels.count)
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">
            <rect x="0" y="0" width="\(Int(width))" height="\(Int(height))" fill="white"/>
            <text x="\(Int(width / 2))" y="20" text-anchor="middle" font-size="15" font-weight="bold">\(escape(title ?? (curves.count == 1 ? curves[0].label : "β, ᾱ and log-SNR of \(curves.count) schedules")))</text>

            """
        for (i, curve) in curves.enumerated() where curves.count > 1 {
            let y = titleHeight + 14 + 22 * Double(i)
            out += "<line x1=\"\(margin.left)\" y1=\"\(y - 4)\" x2=\"\(margin.left + 28)\" y2=\"\(y - 4)\" stroke=\"\(colors[i % colors.count])\" stroke-width=\"2.5\"/>"
            out += "<text x=\"\(margin.left + 36)\" y=\"\(y)\">\(escape(curve.label))</text>\n"
        }
        for (index, panel) in panels.enumerated() {
            let top = titleHeight + legendHeight + panelHeight * Double(index)
            out += drawPanel(curves: curves, values: curves.map(panel.2), name: panel.0, axisLabel: panel.1, top: top)
        }
        out += "</svg>\n"
        return out
    }

    static func drawPanel(curves: [ScheduleCurves], values: [[Double]], name: String, axisLabel: String, top: Double) -> String {
        let plotLeft = margin.left
        let plotRight = width - margin.right
        let plotTop = top + margin.top
        let plotBottom = top + panelHeight - margin.bottom
        let maxT = Double(max((values.map(\.count).max() ?? 1) - 1, 1))
        // β spanning more than two decades (cosine, zero-SNR) is drawn on a log₁₀ scale.
        let positive = values.flatMap { $0.filter { $0.isFinite && $0 > 0 } }
        let logScale = name == "β" && (positive.max() ?? 1) / (positive.min() ?? 1) > 100
        let values = logScale ? values.map { $0.map { $0 > 0 ? log10($0) : -.infinity } } : values
        let finite = values.flatMap { $0.filter(\.isFinite) }
        var low = finite.min() ?? 0
        var high = finite.max() ?? 1
        if name != "log-SNR" && !logScale { low = min(low, 0) }
        if logScale { low = floor(low); high = ceil(high) }
        if high <= low { high = low + 1 }
        let yTicks = logScale ? stride(from: low, through: high, by: 1).map { $0 } : niceTicks(low, high)
        low = min(low, yTicks.first ?? low)
        high = max(high, yTicks.last ?? high)
        func x(_ t: Double) -> Double { plotLeft + t / maxT * (plotRight - plotLeft) }
        func y(_ v: Double) -> Double { plotBottom - (v - low) / (high - low) * (plotBottom - plotTop) }
        let axisLabel = logScale ? "βₜ (log scale)" : axisLabel
        var out = "<g>\n"
        out += "<text x=\"\(plotLeft)\" y=\"\(top + 22)\" font-size=\"13\" font-weight=\"bold\">\(escape(name)) against t</text>\n"
        // Grid and y ticks.
        for tick in yTicks {
            let yy = y(tick)
            out += "<line x1=\"\(plotLeft)\" y1=\"\(r(yy))\" x2=\"\(plotRight)\" y2=\"\(r(yy))\" stroke=\"#e5e5e5\"/>"
            out += "<text x=\"\(plotLeft - 6)\" y=\"\(r(yy + 4))\" text-anchor=\"end\">\(escape(logScale ? "1e\(Int(tick))" : tickLabel(tick)))</text>\n"
        }
        for tick in niceTicks(0, maxT) where tick <= maxT {
            let xx = x(tick)
            out += "<line x1=\"\(r(xx))\" y1=\"\(plotBottom)\" x2=\"\(r(xx))\" y2=\"\(plotBottom + 5)\" stroke=\"black\"/>"
            out += "<text x=\"\(r(xx))\" y=\"\(plotBottom + 18)\" text-anchor=\"middle\">\(escape(tickLabel(tick)))</text>\n"
        }
        out += "<rect x=\"\(plotLeft)\" y=\"\(plotTop)\" width=\"\(r(plotRight - plotLeft))\" height=\"\(r(plotBottom - plotTop))\" fill=\"none\" stroke=\"black\"/>\n"
        out += "<text x=\"\(r((plotLeft + plotRight) / 2))\" y=\"\(r(plotBottom + 36))\" text-anchor=\"middle\">t (training timestep, 0-based)</text>\n"
        let midY = (plotTop + plotBottom) / 2
        out += "<text x=\"18\" y=\"\(r(midY))\" text-anchor=\"middle\" transform=\"rotate(-90 18 \(r(midY)))\">\(escape(axisLabel))</text>\n"
        for (i, series) in values.enumerated() {
            let color = colors[i % colors.count]
            var segments: [[String]] = [[]]
            for (t, v) in series.enumerated() {
                if v.isFinite {
                    segments[segments.count - 1].append("\(r(x(Double(t)))),\(r(y(v)))")
                } else if !(segments.last?.isEmpty ?? true) {
                    segments.append([])
                }
            }
            for points in segments where !points.isEmpty {
                out += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>\n"
            }
            let infinite = series.enumerated().filter { !$0.element.isFinite }
            if let first = infinite.first {
                let label = first.element.isNaN ? "NaN" : (first.element < 0 ? "−∞" : "+∞")
                out += "<text x=\"\(r(x(Double(first.offset)) - 4))\" y=\"\(r(plotBottom - 6 - 14 * Double(i)))\" text-anchor=\"end\" fill=\"\(color)\">\(label) at t = \(first.offset)\(infinite.count > 1 ? " (\(infinite.count) points)" : "")</text>\n"
            }
            _ = curves
        }
        out += "</g>\n"
        return out
    }

    /// About five round tick values covering [low, high].
    static func niceTicks(_ low: Double, _ high: Double) -> [Double] {
        let span = high - low
        guard span > 0, span.isFinite else { return [low] }
        let raw = span / 5
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var ticks: [Double] = []
        var v = floor(low / step) * step
        while v <= high + step * 1e-9 {
            ticks.append(abs(v) < step * 1e-9 ? 0 : v)
            v += step
        }
        if let last = ticks.last, last < high { ticks.append(last + step) }
        return ticks
    }

    static func tickLabel(_ v: Double) -> String {
        if v == 0 { return "0" }
        if abs(v) >= 1e-3 && abs(v) < 1e5 { return format(v, digits: 4) }
        return format(v, digits: 2)
    }

    static func r(_ v: Double) -> String { String(format: "%.2f", v) }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
