import Foundation
import Testing

/// `checker --version` reports the CPU kernel set, and DIFFUSIONCHECK_KERNELS chooses it.
@Suite("kernel set selection through the command line")
struct KernelSelectionTests {
    /// Runs the built checker with `DIFFUSIONCHECK_KERNELS` set to `kernels` (unset when nil):
    /// exit status and standard output.
    func run(_ arguments: [String], kernels: String?) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(UsageExitTests.binary))
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DIFFUSIONCHECK_KERNELS"] = kernels
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("--version names the selected set, and the baseline when it is forced", .enabled(if: UsageExitTests.binary != nil))
    func versionReportsKernels() throws {
        let automatic = try run(["--version"], kernels: nil)
        #expect(automatic.status == 0)
        #expect(automatic.output.contains("kernels: "))
        let forced = try run(["--version"], kernels: "baseline")
        #expect(forced.status == 0)
        #expect(forced.output.contains("kernels: baseline-"))
        #expect(forced.output.contains("DIFFUSIONCHECK_KERNELS=baseline"))
    }

    @Test("a value of DIFFUSIONCHECK_KERNELS the selection does not know exits 2", .enabled(if: UsageExitTests.binary != nil))
    func unknownValueIsAUsageError() throws {
        #expect(try run(["--version"], kernels: "avx512").status == 2)
        #expect(try run(["--version"], kernels: "auto").status == 0)
    }
}
