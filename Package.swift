// swift-tools-version:6.1
import PackageDescription

// Layers (dependencies point down only), see README "Architecture":
// PreferCore (domain, statistics, import parsing, export encoding) knows no terminal and no database.
// PreferStore is the only module importing GRDB; PreferTerminal the only one importing ncurses.
let package = Package(
    name: "prefer",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "prefer", targets: ["prefer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    ],
    targets: [
        // zlib (gzip import) and libcrypto (SHA-256): system libraries, no vendored copies.
        .systemLibrary(name: "CSystemLibs", path: "Sources/CSystemLibs"),
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        // sqlite3_config wrappers (variadic in C) for the store.
        .systemLibrary(name: "CSQLiteConfig", path: "Sources/CSQLiteConfig"),
        // simdjson (Debian's libsimdjson-dev) for import's JSON, behind a small C interface.
        .target(name: "CJSONEvents", linkerSettings: [.linkedLibrary("simdjson")]),
        .target(name: "PreferCore", dependencies: ["CSystemLibs", "CJSONEvents"]),
        .target(name: "PreferStore", dependencies: [
            "PreferCore", "CSQLiteConfig", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        .target(name: "Canvas"),
        // Crash-safe restore: signal handlers live in C, not Swift.
        .target(name: "CTerminalGuard", linkerSettings: [.linkedLibrary("ncursesw")]),
        .target(name: "PreferTerminal", dependencies: ["CNcurses", "CTerminalGuard", "Canvas"]),
        .executableTarget(name: "prefer-term-demo", dependencies: ["PreferTerminal", "Canvas"]),
        .target(name: "PreferUI", dependencies: ["PreferCore", "Canvas"]),
        .target(name: "PreferProject", dependencies: ["PreferCore", "Canvas", "Yams"]),
        .executableTarget(name: "prefer", dependencies: [
            "PreferCore", "PreferStore", "Canvas", "PreferTerminal", "PreferUI", "PreferProject",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "PreferCoreTests", dependencies: ["PreferCore"], resources: [.copy("Fixtures")]),
        .executableTarget(name: "prefer-store-stress", dependencies: ["PreferCore", "PreferStore"]),
        .testTarget(name: "PreferStoreTests", dependencies: ["PreferStore", "PreferCore", "prefer-store-stress"]),
        .testTarget(name: "CanvasTests", dependencies: ["Canvas"]),
        .testTarget(name: "PreferUITests", dependencies: ["PreferUI", "Canvas", "PreferCore"], resources: [.copy("Goldens")]),
        .testTarget(name: "PreferProjectTests", dependencies: ["PreferProject", "PreferCore"]),
        // tmux driving for end-to-end tests of the real binaries (test support only).
        .target(name: "TmuxTesting", path: "Sources/TmuxTesting"),
        .testTarget(name: "EndToEndTests", dependencies: ["PreferCore", "PreferStore", "prefer", "TmuxTesting"]),
        .testTarget(name: "PreferTerminalTests", dependencies: ["PreferTerminal", "Canvas", "prefer-term-demo", "TmuxTesting"]),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)
