// swift-tools-version: 6.0
import PackageDescription

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
        .target(name: "RandomSources"),
        // The option types both implementations speak (DDPMOptions, DDIMOptions, PredictionType, …):
        // vocabulary only, no equations. Reference and Optimized re-export it.
        .target(name: "DiffusionOptions"),
        // The literal, slow, Double implementation of every equation. It does not link GSL.
        .target(
            name: "Reference",
            dependencies: ["DiffusionOptions", .product(name: "RealModule", package: "swift-numerics")]
        ),
        // The hot loops of Optimized in C (the Gaussian source, the DDPM/DDIM step loop, the
        // forward operations) in an AVX2 + FMA set and a baseline set (SSE2 on x86-64, NEON on
        // arm64), bit-identical, one chosen per process at run time (DIFFUSIONCHECK_KERNELS=baseline
        // forces the baseline). No compiler flags: the AVX2 functions carry their target
        // attribute, so every product works as a versioned dependency and one binary runs on any
        // x86-64 CPU.
        .target(name: "OptimizedKernels"),
        // The independent SIMD, multi-core implementation. It never imports Reference.
        .target(name: "Optimized", dependencies: ["DiffusionOptions", "OptimizedKernels"]),
        // Hypothesis tests over GSL: KS, chi-square, Anderson–Darling, moments; GSL's MT19937
        // normal source for Reference-driven samplers and the fixture generator.
        .target(name: "Statistics", dependencies: ["CGSL"]),
        // The statistical equivalence gate: Optimized against Reference as distributions.
        .target(
            name: "Equivalence",
            dependencies: ["Statistics", "Reference", "Optimized", "RandomSources"]
        ),
        // Golden cases, JSON, diagnostics and report formats shared by every command.
        .target(name: "CheckerCore", dependencies: ["Reference", "Optimized", "RandomSources", "Statistics"]),
        // `checker verify-schedule`.
        .target(name: "ScheduleCheck", dependencies: ["CheckerCore", "Reference"]),
        // `checker lint`.
        .target(name: "NotesLint", dependencies: ["CheckerCore", "Reference", "ScheduleCheck"]),
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
        .testTarget(name: "OptimizedTests", dependencies: ["Optimized", "OptimizedKernels", "RandomSources", "Reference"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics"]),
        .testTarget(name: "EquivalenceTests", dependencies: ["Equivalence"]),
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
