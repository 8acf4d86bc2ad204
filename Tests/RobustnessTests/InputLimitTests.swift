import Testing
import CheckerCore
import Reference
import ScheduleCheck

/// The readers' limits on claims that drive allocation, and the fuzz checks turning red when a
/// property breaks.
@Suite("Input limits and fuzz checks")
struct InputLimitTests {
    static func scheduleCase(timesteps: String) -> String {
        """
        {"format": "ddpm-golden/1", "cases": [{"id": "a", "op": "schedule",
          "schedule": {"kind": "linear", "timesteps": \(timesteps)}, "expect": {}, "tolerance": {"abs": 0, "rel": 0}}]}
        """
    }

    @Test("T above the limit is refused with G003 at the timesteps value, before anything is allocated")
    func timestepLimit() throws {
        // Found by the `golden` target: T = 99999999999999 made the runner allocate 8·10¹⁴ bytes.
        let error = try #require(throws: GoldenFileError.self) {
            try GoldenFile.parse(Self.scheduleCase(timesteps: "99999999999999"), path: "big.json")
        }
        #expect(error.code == "G003")
        #expect(error.jsonPath == "$.cases[0].schedule.timesteps")
        #expect(error.position == TextPosition(line: 2, column: 47))
        #expect(error.message.contains("limit of 100000"))
        #expect(throws: GoldenFileError.self) { try GoldenFile.parse(Self.scheduleCase(timesteps: "100001"), path: "x.json") }
    }

    @Test("T at the limit is accepted and runs")
    func timestepAtLimit() throws {
        let file = try GoldenFile.parse(Self.scheduleCase(timesteps: "100000"), path: "x.json")
        #expect(GoldenFile.maximumTimesteps == 100_000)
        let report = GoldenRunner(implementations: GoldenImplementations.all).verify([file])
        #expect(report.passed)
    }

    @Test("a scheduler config's num_train_timesteps above the limit is refused with VS007 at its value")
    func configTimestepLimit() throws {
        // Found by the `config` target: num_train_timesteps = 999999999 made the checks allocate 8 GB.
        let text = "{\"_class_name\": \"DDPMScheduler\",\n \"num_train_timesteps\": 999999999}"
        let error = try #require(throws: ScheduleCheckError.self) { try SchedulerConfig.parse(text, path: "c.json") }
        #expect(error == .invalidConfigValue(path: "c.json", key: "num_train_timesteps", line: 2, column: 25, expected: "an integer from 1 to 100000", found: "1e+09"))
        let atLimit = try SchedulerConfig.parse("{\"_class_name\": \"DDPMScheduler\", \"num_train_timesteps\": 100000}", path: "c.json")
        #expect(atLimit.specification?.timesteps == SchedulerConfig.maximumTimesteps)
    }

    @Test("an escaped line break is refused at the break, inside its line")
    func escapedLineBreak() throws {
        // Found by the `config` target: the position was one column past the end of its line.
        let text = "{\"a\": \"x\\\ny\"}"
        let error = try #require(throws: JSONSyntaxError.self) { try JSONValue.parse(text) }
        #expect(error.position == TextPosition(line: 1, column: 10))
        #expect(error.message.hasPrefix("invalid escape"))
    }

    @Test("nesting past the reader's depth limit is a positioned refusal, not a stack overflow")
    func deepNesting() throws {
        let depth = 100_000
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let error = try #require(throws: JSONSyntaxError.self) { try JSONValue.parse(text) }
        #expect(error.position == TextPosition(line: 1, column: JSONValue.maximumDepth + 1))
        #expect(JSONCheck.run(Array(text.utf8)).isEmpty)
    }

    /// An implementation that answers NaN to everything: the golden check must flag it.
    struct NaNImplementation: GoldenImplementation {
        var name: String { "NaN" }
        var toleranceFloor: GoldenTolerance { GoldenTolerance(abs: 0, rel: 0) }
        func evaluate(_ operation: GoldenOperation) -> Result<[String: [Double]], ImplementationError> {
            .success(["xt": [.nan]])
        }
    }

    /// An implementation that refuses with a code outside the stable `Rnnn` set.
    struct UnstableCodeImplementation: GoldenImplementation {
        var name: String { "Unstable" }
        var toleranceFloor: GoldenTolerance { GoldenTolerance(abs: 0, rel: 0) }
        func evaluate(_ operation: GoldenOperation) -> Result<[String: [Double]], ImplementationError> {
            .failure(ImplementationError(code: "oops", slug: "oops", message: "no"))
        }
    }

    @Test("the golden check flags a silent NaN and an unstable refusal code")
    func checkCanFail() {
        let text = """
            {"format": "ddpm-golden/1", "cases": [{"id": "q", "op": "qSample",
              "schedule": {"kind": "linear", "timesteps": 10}, "inputs": {"t": 3, "x0": [1], "noise": [0.5]},
              "expect": {"xt": [0]}, "tolerance": {"abs": 1, "rel": 0}}]}
            """
        let bytes = Array(text.utf8)
        #expect(GoldenFileCheck.run(bytes).isEmpty)
        #expect(!GoldenFileCheck.run(bytes, implementations: [NaNImplementation()]).isEmpty)
        #expect(!GoldenFileCheck.run(bytes, implementations: [UnstableCodeImplementation()]).isEmpty)
        // Outside the finite domain (|x0| > 10⁶) a NaN is not the check's business.
        let huge = Array(text.replacingOccurrences(of: "\"x0\": [1]", with: "\"x0\": [1e300]").utf8)
        #expect(GoldenFileCheck.run(huge, implementations: [NaNImplementation()]).isEmpty)
    }

    @Test("refusal positions must lie inside the text")
    func textBounds() {
        let bounds = TextBounds("ab\ncdé\n")
        #expect(bounds.lineLengths == [2, 3, 0])
        #expect(bounds.contains(line: 1, column: 3))
        #expect(!bounds.contains(line: 1, column: 4))
        #expect(bounds.contains(line: 2, column: 4))
        #expect(bounds.contains(line: 3, column: 1))
        #expect(!bounds.contains(line: 4, column: 1))
        #expect(!bounds.contains(line: 0, column: 1))
    }
}
