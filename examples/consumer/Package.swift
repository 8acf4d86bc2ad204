// swift-tools-version: 6.0
// A package that uses DiffusionCheck the way a user's package does: by URL and version.
// scripts/check-consumer-package.sh sets DIFFUSIONCHECK_URL to a tagged clone of the repository;
// without it the manifest points at the repository this directory sits in (which then needs a
// tag at or above 0.1.0).
import PackageDescription

let url = Context.environment["DIFFUSIONCHECK_URL"] ?? "file://\(Context.packageDirectory)/../.."

let package = Package(
    name: "Consumer",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(url: url, from: "0.1.0"),
    ],
    targets: [
        .executableTarget(
            name: "Consumer",
            dependencies: [
                .product(name: "Reference", package: "DiffusionCheck"),
                .product(name: "Optimized", package: "DiffusionCheck"),
                .product(name: "RandomSources", package: "DiffusionCheck"),
            ]
        ),
    ]
)
