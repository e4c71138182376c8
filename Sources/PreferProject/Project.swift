import Foundation
import PreferCore

/// A project folder: `prefer.yaml`, the guidelines file and the database, found like a git repository.
public struct Project: Sendable {
    /// The config file name every project folder has.
    public static let configFileName = "prefer.yaml"

    public let root: URL
    public let config: ProjectConfig

    /// Path of the config file.
    public var configPath: String { root.appendingPathComponent(Self.configFileName).path }
    /// Path of the database file.
    public var databasePath: String { resolve(config.database) }
    /// Path of the guidelines file.
    public var guidelinesPath: String { resolve(config.guidelinesFile) }

    func resolve(_ p: String) -> String {
        p.hasPrefix("/") ? p : root.appendingPathComponent(p).path
    }

    /// Loads the project at `root` (which must hold prefer.yaml).
    public init(root: URL) throws {
        self.root = root.standardizedFileURL
        let path = root.appendingPathComponent(Self.configFileName).path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, line: nil, key: nil, message: "cannot read the project config")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, line: nil, key: nil, message: "not valid UTF-8")
        }
        config = try ConfigLoader.parse(text, file: Self.displayPath(path))
    }

    /// Finds the project: `explicit` (from --project), else $PREFER_PROJECT, else the nearest folder upwards
    /// from `cwd` that holds prefer.yaml.
    public static func locate(explicit: String?, environment: [String: String], cwd: String) throws -> Project {
        if let p = explicit ?? environment["PREFER_PROJECT"], !p.isEmpty {
            var url = URL(fileURLWithPath: p, relativeTo: URL(fileURLWithPath: cwd, isDirectory: true))
            if url.lastPathComponent == configFileName { url.deleteLastPathComponent() }
            guard FileManager.default.fileExists(atPath: url.appendingPathComponent(configFileName).path) else {
                throw ConfigError(file: url.path, line: nil, key: nil, message: "no \(configFileName) here (run `prefer init \(p)`)")
            }
            return try Project(root: url)
        }
        var dir = URL(fileURLWithPath: cwd, isDirectory: true).standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent(configFileName).path) {
                return try Project(root: dir)
            }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        throw ConfigError(file: cwd, line: nil, key: nil,
                          message: "not inside a prefer project (no \(configFileName) here or above); run `prefer init`, or pass --project PATH or set PREFER_PROJECT")
    }

    /// A path relative to the current folder when shorter, for messages.
    public static func displayPath(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        if path.hasPrefix(cwd + "/") { return String(path.dropFirst(cwd.count + 1)) }
        return path
    }

    /// The guidelines text, or nil when the file is missing.
    public func guidelinesText() -> String? {
        FileManager.default.contents(atPath: guidelinesPath).flatMap { String(data: $0, encoding: .utf8) }
    }

    /// Who is annotating: `--as`, else $PREFER_ANNOTATOR, else the OS user.
    public static func annotatorName(flag: String?, environment: [String: String]) -> String {
        if let f = flag, !f.isEmpty { return f }
        if let e = environment["PREFER_ANNOTATOR"], !e.isEmpty { return e }
        if let u = environment["USER"] ?? environment["LOGNAME"], !u.isEmpty { return u }
        return NSUserName()
    }
}
