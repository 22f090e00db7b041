// swift-tools-version: 6.0
import PackageDescription

// Code Zero: a FastCGI responder pool in Swift behind nginx, persisting to PostgreSQL.
// Only the C wrapper modules (FastCGI, Postgres, Signing, ProcessManager's syscalls) touch C;
// pure modules (Web, Domain) do no I/O. See README.md "Module map".

let package = Package(
    name: "codezero",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "codezero", targets: ["codezero"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // System libraries (Debian: libfcgi-dev, libpq-dev, libssl-dev).
        .systemLibrary(name: "CFastCGI", pkgConfig: "fcgi", providers: [.apt(["libfcgi-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // Linux headers Glibc's module leaves out (signalfd, prctl).
        .systemLibrary(name: "CLinux"),

        // Pure modules.
        // The one civil-date arithmetic (day numbers <-> year/month/day), shared by Domain, Web and Mail.
        .target(name: "CivilTime"),
        .target(name: "Web", dependencies: ["CivilTime"]),
        .target(name: "PlainText"),
        .target(name: "Domain", dependencies: ["PlainText", "CivilTime"]),
        .target(name: "Settings", dependencies: ["PlainText"]),
        // The one system-call layer: EINTR retries, write-all, read-all, sleep, waitpid, errno errors.
        .target(name: "SystemCalls"),
        // The one OpenMetrics text writer (/metrics, the status page, every store's families).
        .target(name: "OpenMetrics"),
        .target(
            name: "Pages", dependencies: ["Domain", "Web", "CivilTime"],
            resources: [.copy("Templates"), .copy("MailTemplates"), .copy("StaffTemplates")]),

        // Adapters: each wraps one external system.
        .target(name: "FastCGI", dependencies: ["CFastCGI", "CLinux", "Web", "SystemCalls"]),
        .target(name: "Postgres", dependencies: ["CLibPQ", "SystemCalls"]),
        .target(name: "Signing", dependencies: ["COpenSSL"]),
        // The development/test PostgreSQL cluster (initdb, pg_ctl, backups); never used in production.
        .target(name: "DevelopmentCluster", dependencies: ["Postgres", "SystemCalls", "PlainText"]),
        .target(
            name: "Storage",
            dependencies: [
                "Postgres", "Signing", "Domain", "OpenMetrics", "Web", .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "ProcessManager",
            dependencies: [
                "CLinux", "Settings", "SystemCalls", "OpenMetrics", "Web", "CivilTime",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "Jobs",
            dependencies: ["Postgres", "SystemCalls", "OpenMetrics", .product(name: "Logging", package: "swift-log")]),
        .target(name: "Mail", dependencies: ["CCurl", "PlainText", "CivilTime"]),
        .target(
            name: "Stripe",
            dependencies: ["Signing", "Web", "CCurl", "SystemCalls", .product(name: "Logging", package: "swift-log")]),

        // Application and executable.
        .target(
            name: "App",
            dependencies: [
                "Web", "Domain", "Pages", "FastCGI", "Postgres", "DevelopmentCluster", "Signing", "Storage",
                "ProcessManager", "Jobs",
                "Stripe", "Mail", "Settings", "SystemCalls", "OpenMetrics", "CivilTime",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "codezero",
            dependencies: ["App", "Stripe", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // Test helpers (throwaway PostgreSQL cluster, ...); production code never imports this.
        .target(
            name: "TestSupport", dependencies: ["Postgres", "DevelopmentCluster", "Storage", "Signing", "Web"],
            path: "Tests/Support"),

        .testTarget(name: "WebTests", dependencies: ["Web", "TestSupport"]),
        .testTarget(name: "DomainTests", dependencies: ["Domain", "CivilTime", "TestSupport"]),
        .testTarget(name: "SettingsTests", dependencies: ["Settings"]),
        .testTarget(name: "FastCGITests", dependencies: ["FastCGI", "TestSupport"]),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestSupport"]),
        .testTarget(name: "DevelopmentClusterTests", dependencies: ["DevelopmentCluster", "Postgres", "TestSupport"]),
        .testTarget(name: "SigningTests", dependencies: ["Signing", "COpenSSL"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "TestSupport"]),
        .testTarget(name: "ProcessManagerTests", dependencies: ["ProcessManager", "SystemCalls"]),
        .testTarget(name: "SystemCallsTests", dependencies: ["SystemCalls"]),
        .testTarget(name: "OpenMetricsTests", dependencies: ["OpenMetrics"]),
        .testTarget(
            name: "PagesTests",
            dependencies: ["Pages", "Domain", "TestSupport", .product(name: "Mustache", package: "swift-mustache")],
            exclude: ["Snapshots"]),
        .testTarget(name: "JobsTests", dependencies: ["Jobs", "TestSupport"]),
        .testTarget(
            name: "StripeTests", dependencies: ["Stripe", "Signing", "Web", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "AppTests", dependencies: ["App", "Web", "TestSupport"]),
        .testTarget(name: "MailTests", dependencies: ["Mail"]),
        .testTarget(
            name: "CodezeroTests",
            dependencies: [
                "codezero", "App", "TestSupport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
    ]
)

// One place for the settings every target of ours shares: warnings are errors, and the upcoming features
// the anchors use — `any` spelled out for existentials, a file sees only the members of modules it imports,
// and imports are internal unless a file says `public import` (so a module's public API names exactly the
// modules it exposes). All three fit every target, tests included.
for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.unsafeFlags(["-warnings-as-errors"]))
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    target.swiftSettings = settings
}
