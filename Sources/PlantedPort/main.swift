import Foundation

// The planted-bug port speaking ddpm-conform/1: `PlantedPort [BUG] [float32]`, BUG one of
// PlantedBug's cases; `float32` makes it a float32 implementation (see Port.float32).
let bugName = CommandLine.arguments.dropFirst().first ?? "none"
let float32 = CommandLine.arguments.dropFirst(2).first == "float32"
guard let bug = PlantedBug(rawValue: bugName) else {
    FileHandle.standardError.write(Data("unknown bug \(bugName); expected one of: \(PlantedBug.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
    exit(2)
}
let port = Port(bug: bug, float32: float32)

func encode(_ x: Double) -> String {
    if x.isNaN { return "\"NaN\"" }
    if x.isInfinite { return x > 0 ? "\"Infinity\"" : "\"-Infinity\"" }
    return "\(x)"
}

func quoted(_ s: String) -> String {
    let data = try! JSONSerialization.data(withJSONObject: [s])
    return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
}

func reply(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Noise of the port: Box–Muller on a seeded SplitMix64 (or, planted, a uniform of variance 1).
struct Noise {
    var state: UInt64
    var uniformBug: Bool
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992 }
    mutating func draw(_ n: Int) -> [Double] {
        (0..<n).map { _ in
            if uniformBug { return (2 * uniform() - 1) * 3.0.squareRoot() }
            return (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
        }
    }
}

let ops = """
{"schedule":{},"qSample":{},"velocity":{},"posterior":{},\
"ddpmStep":{"predictionType":true,"clipSample":true,"clipSampleRange":true,"varianceType":["fixedSmall","fixedSmallLog","fixedLarge","learnedRange"]},\
"ddimStep":{"eta":true,"predictionType":true,"clipSample":true,"clipSampleRange":true,"setAlphaToOne":true,"useClippedModelOutput":true},\
"timesteps":{"spacing":true,"stepsOffset":true}}
"""

while let line = readLine() {
    guard let request = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else { continue }
    let id = request["id"] as? String ?? ""
    switch request["type"] as? String {
    case "bye": exit(0)
    case "hello":
        reply("{\"id\":\"handshake\",\"protocol\":\"ddpm-conform/1\",\"name\":\"planted port (\(bug.rawValue))\",\"version\":\"1\",\"precision\":\"\(float32 ? "float32" : "float64")\",\"ops\":\(ops),\"sample\":[\"ddpmStep\",\"ddimStep\",\"noise\"]}")
    case let type?:
        let op = request["op"] as? String ?? ""
        let inputs = request["inputs"] as? [String: Any] ?? [:]
        var noise = Noise(state: (request["seed"] as? UInt64) ?? 1, uniformBug: bug == .uniformNoise)
        do {
            var outputs: [(String, [Double])]
            if type == "sample" && op == "noise" {
                outputs = [("noise", noise.draw(inputs["count"] as? Int ?? 0))]
            } else if type == "sample" {
                let repetitions = request["repetitions"] as? Int ?? 1
                var draws: [Double] = []
                for _ in 0..<repetitions {
                    let one = try port.evaluate(op: op, schedule: request["schedule"] as? [String: Any] ?? [:], inputs: inputs,
                                                options: request["options"] as? [String: Any] ?? [:], noise: { noise.draw($0) })
                    draws += one.first { $0.0 == "prev" }?.1 ?? []
                }
                outputs = [("prev", draws)]
            } else {
                outputs = try port.evaluate(op: op, schedule: request["schedule"] as? [String: Any] ?? [:], inputs: inputs,
                                            options: request["options"] as? [String: Any] ?? [:], noise: { Array(repeating: 0, count: $0) })
            }
            if float32 { outputs = outputs.map { ($0.0, $0.1.map { Double(Float($0)) }) } }
            let body = outputs.map { "\(quoted($0.0)):[\($0.1.map(encode).joined(separator: ","))]" }.joined(separator: ",")
            reply("{\"id\":\(quoted(id)),\"outputs\":{\(body)}}")
        } catch {
            let e = error as? PortError ?? PortError(code: "internal", message: "\(error)")
            reply("{\"id\":\(quoted(id)),\"error\":{\"code\":\(quoted(e.code)),\"message\":\(quoted(e.message))}}")
        }
    default: continue
    }
}
