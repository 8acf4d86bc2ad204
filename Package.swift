// swift-tools-version: 6.0
import PackageDescription

/// Hot numeric loops stay optimized in debug (test) builds: a -Onone SIMD loop is 20–100× slower,
/// which would turn the statistical tests from seconds into many minutes.
let optimizedInDebug: [SwiftSetting] = [
    .unsafeFlags(["-O"], .when(configuration: .debug)),
]

let package = Package(
    name: "DiffusionCheck",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "checker", targets: ["Checker"]),
        .library(name: "Reference", targets: ["Reference"]),
        .library(name: "Optimized", targets: ["Optimized"]),
        .library(name: "RandomSources", targets: ["RandomSources"]),
        .library(name: "Statistics", targets: ["Statistics"]),
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
        // The literal, slow, Double implementation of every equation.
        .target(
            name: "Reference",
            dependencies: ["CGSL", .product(name: "RealModule", package: "swift-numerics")]
        ),
        // The independent SIMD, multi-core implementation. It never imports Reference.
        .target(name: "Optimized", swiftSettings: optimizedInDebug),
        // Hypothesis tests over GSL: KS, chi-square, Anderson–Darling, moments.
        .target(name: "Statistics", dependencies: ["CGSL"], swiftSettings: optimizedInDebug),
        // The statistical equivalence gate: Optimized against Reference as distributions.
        .target(
            name: "Equivalence",
            dependencies: ["Statistics", "Reference", "Optimized", "RandomSources"],
            swiftSettings: optimizedInDebug
        ),
        // Golden cases, JSON, diagnostics and report formats shared by every command.
        .target(name: "CheckerCore", dependencies: ["Reference", "Optimized", "RandomSources"]),
        // `checker verify-schedule`.
        .target(name: "ScheduleCheck", dependencies: ["CheckerCore", "Reference"]),
        // `checker lint`.
        .target(name: "NotesLint", dependencies: ["CheckerCore", "Reference"]),
        .executableTarget(
            name: "Checker",
            dependencies: [
                "CheckerCore", "ScheduleCheck", "NotesLint", "Statistics", "Equivalence", "Optimized",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ReferenceTests", dependencies: ["Reference"]),
        .testTarget(name: "RandomSourcesTests", dependencies: ["RandomSources"]),
        .testTarget(name: "OptimizedTests", dependencies: ["Optimized", "RandomSources", "Reference"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics"], swiftSettings: optimizedInDebug),
        .testTarget(name: "EquivalenceTests", dependencies: ["Equivalence"], swiftSettings: optimizedInDebug),
        .testTarget(name: "CheckerCoreTests", dependencies: ["CheckerCore"], exclude: ["Oracle"]),
        .testTarget(name: "CheckerTests", dependencies: ["Checker"]),
        .testTarget(name: "ScheduleCheckTests", dependencies: ["ScheduleCheck"], resources: [.copy("Configs")]),
        .testTarget(name: "NotesLintTests", dependencies: ["NotesLint"]),
        // Fuzz-found regressions, the properties the fuzz targets check, and numeric property tests.
        .testTarget(name: "RobustnessTests", dependencies: ["CheckerCore", "Reference", "ScheduleCheck"], exclude: ["Regressions"]),
    ]
)
