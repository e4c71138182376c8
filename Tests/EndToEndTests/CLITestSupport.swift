import Foundation
import XCTest

/// Runs the built `prefer` binary the way a user does, in a temporary folder.
struct CLI {
    let cwd: URL

    /// The folder holding the built executables (next to the test bundle).
    static var productsDirectory: URL {
        let bundle = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }
        return (bundle.map { URL(fileURLWithPath: $0.bundlePath) } ?? URL(fileURLWithPath: CommandLine.arguments[0])).deletingLastPathComponent()
    }

    static var binary: URL { productsDirectory.appendingPathComponent("prefer") }

    /// The repository root (this file is Tests/EndToEndTests/CLITestSupport.swift).
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// ../shared/data beside the repository, where the real data sets live.
    static func sharedData(_ path: String) throws -> URL {
        let url = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data").appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("real data not found at \(url.path)") }
        return url
    }

    /// A fresh temporary working folder.
    static func temporary() throws -> CLI {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("prefer-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return CLI(cwd: url)
    }

    func remove() { try? FileManager.default.removeItem(at: cwd) }

    func path(_ name: String) -> String { cwd.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: cwd.appendingPathComponent(name))
    }

    func write(_ name: String, bytes: [UInt8]) throws {
        try Data(bytes).write(to: cwd.appendingPathComponent(name))
    }

    /// Runs `prefer ARGS` and returns exit status, standard output and standard error.
    @discardableResult
    func run(_ args: [String], environment: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = args
        p.currentDirectoryURL = cwd
        var env = ProcessInfo.processInfo.environment
        env["PREFER_PROJECT"] = nil
        env["LANG"] = "C.UTF-8"
        env["TZ"] = "UTC"
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Read before waiting: a full pipe would block the child.
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// Runs and fails the test unless the command succeeded.
    @discardableResult
    func ok(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = try run(args)
        XCTAssertEqual(r.status, 0, "prefer \(args.joined(separator: " ")) failed: \(r.err)", file: file, line: line)
        return r.out
    }

    /// `prefer status --json` as a dictionary.
    func status() throws -> [String: Any] {
        let out = try ok(["status", "--json"])
        return try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any] ?? [:]
    }
}
