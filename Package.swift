// swift-tools-version: 6.0
import Foundation
import PackageDescription

/// Hot numeric loops stay optimized in debug (test) builds: a -Onone SIMD loop is 20–100× slower,
/// which would turn the statistical tests from seconds into many minutes.
let optimizedInDebug: [SwiftSetting] = [
    .unsafeFlags(["-O"], .when(configuration: .debug)),
]

/// The Optimized target's code-generation flags: AVX2 + FMA on x86-64 hosts unless a portable
/// build is asked for; the baseline elsewhere.
let optimizedCPUFlags: [String] = {
    var flags = ["-Xcc", "-fno-math-errno"]
    #if arch(x86_64)
    if ProcessInfo.processInfo.environment["DIFFUSIONCHECK_PORTABLE"] != "1" {
        flags += ["-target-cpu", "haswell"]
    }
    #endif
    return flags
}()

let package = Package(
    name: "DiffusionCheck",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "checker", targets: ["Checker"]),
        .library(name: "DiffusionOptions", targets: ["DiffusionOptions"]),
        .library(name: "Reference", targets: ["Reference"]),
        .library(name: "Optimized", targets: ["Optimized"]),
        .library(name: "RandomSources", targets: ["RandomSources"]),
        .library(name: "Statistics", targets: ["Statistics"]),
        .library(name: "Equivalence", targets: ["Equivalence"]),
        .library(name: "CheckerCore", targets: ["CheckerCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
    ],
    targets: [
        // GNU Scientific Library: random generators, CDFs and tails for the statistical gate.
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        // Bit-exact random streams: Philox4x32-10, PyTorch's CPU randn, NumPy's legacy randn.
        .target(name: "RandomSources", swiftSettings: optimizedInDebug),
        // The option types both implementations speak (DDPMOptions, DDIMOptions, PredictionType, …):
        // vocabulary only, no equations. Reference and Optimized re-export it.
        .target(name: "DiffusionOptions"),
        // The literal, slow, Double implementation of every equation. It does not link GSL.
        .target(
            name: "Reference",
            dependencies: ["DiffusionOptions", .product(name: "RealModule", package: "swift-numerics")]
        ),
        // The independent SIMD, multi-core implementation. It never imports Reference.
        // x86-64 with AVX2 and FMA (Haswell, Zen and later): without a target CPU the SIMD code is
        // SSE2 and FMA is a library call per lane; without -fno-math-errno every vector square
        // root is a scalar sqrtf call. Both measured: 3× slower Gaussian source.
        // DIFFUSIONCHECK_PORTABLE=1 builds for the baseline CPU instead (e.g. x86-64 without AVX2).
        .target(name: "Optimized", dependencies: ["DiffusionOptions"], swiftSettings: optimizedInDebug + [.unsafeFlags(optimizedCPUFlags)]),
        // Hypothesis tests over GSL: KS, chi-square, Anderson–Darling, moments; GSL's MT19937
        // normal source for Reference-driven samplers and the fixture generator.
        .target(name: "Statistics", dependencies: ["CGSL"], swiftSettings: optimizedInDebug),
        // The statistical equivalence gate: Optimized against Reference as distributions.
        .target(
            name: "Equivalence",
            dependencies: ["Statistics", "Reference", "Optimized", "RandomSources"],
            swiftSettings: optimizedInDebug
        ),
        // Golden cases, JSON, diagnostics and report formats shared by every command.
        .target(name: "CheckerCore", dependencies: ["Reference", "Optimized", "RandomSources", "Statistics"]),
        // `checker verify-schedule`.
        .target(name: "ScheduleCheck", dependencies: ["CheckerCore", "Reference"]),
        // `checker lint`.
        .target(name: "NotesLint", dependencies: ["CheckerCore", "Reference"]),
        // `checker conform` and `checker serve`: the golden cases and a sampling check of any
        // implementation, spoken to over the ddpm-conform/1 line protocol (docs/conform-protocol.md).
        .target(
            name: "Conformance",
            dependencies: ["CheckerCore", "Statistics", "Reference", "Optimized", "RandomSources"]
        ),
        // A small independent Double port of the protocol with switchable planted bugs, run by the
        // conformance tests through the real subprocess path (not a product; it imports nothing of
        // the suite).
        .executableTarget(name: "PlantedPort"),
        .executableTarget(
            name: "Checker",
            dependencies: [
                "CheckerCore", "ScheduleCheck", "NotesLint", "Statistics", "Equivalence", "Optimized",
                "Reference", "RandomSources", "Conformance",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ReferenceTests", dependencies: ["Reference", "Statistics"]),
        .testTarget(name: "RandomSourcesTests", dependencies: ["RandomSources"]),
        .testTarget(name: "OptimizedTests", dependencies: ["Optimized", "RandomSources", "Reference"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics"], swiftSettings: optimizedInDebug),
        .testTarget(name: "EquivalenceTests", dependencies: ["Equivalence"], swiftSettings: optimizedInDebug),
        .testTarget(name: "CheckerCoreTests", dependencies: ["CheckerCore"], exclude: ["Oracle"]),
        .testTarget(name: "CheckerTests", dependencies: ["Checker"]),
        // The protocol, its error handling, and the planted bugs through the real subprocess path.
        .testTarget(name: "ConformanceTests", dependencies: ["Conformance", "CheckerCore"]),
        .testTarget(name: "ScheduleCheckTests", dependencies: ["ScheduleCheck"], resources: [.copy("Configs")]),
        .testTarget(name: "NotesLintTests", dependencies: ["NotesLint"], resources: [.copy("Corpus")]),
        .testTarget(name: "PeerParityTests", dependencies: ["Reference", "RandomSources", "Optimized", "CheckerCore"]),
        // Every Reference function against an extended-precision evaluation (Float80 on x86-64), the
        // fixtures measured too, and the measured table of the README's accuracy contract.
        .testTarget(name: "ReferenceAccuracyTests", dependencies: ["Reference", "Optimized", "CheckerCore"]),
        // Fuzz-found regressions, the properties the fuzz targets check, and numeric property tests.
        .testTarget(
            name: "RobustnessTests",
            dependencies: ["CheckerCore", "Reference", "Optimized", "ScheduleCheck", "NotesLint"],
            exclude: ["Regressions"]
        ),
    ]
)
