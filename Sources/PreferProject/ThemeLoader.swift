import Canvas
import Foundation
import Yams

/// Finds and loads a theme by name or path: `--theme`, else PREFER_THEME, else the project config; NO_COLOR
/// forces the built-in mono theme.
public enum ThemeLoader {
    /// Resolves which theme to use and loads it. Errors name the file and the key.
    public static func load(flag: String?, environment: [String: String], configTheme: String?, projectRoot: URL?,
                            executablePath: String = CommandLine.arguments.first ?? "") throws -> Theme {
        if let nc = environment["NO_COLOR"], !nc.isEmpty { return Theme.builtinMono }
        let name = flag ?? environment["PREFER_THEME"].flatMap { $0.isEmpty ? nil : $0 } ?? configTheme ?? "default"
        if name == "mono" { return Theme.builtinMono }
        guard let path = locate(name, environment: environment, projectRoot: projectRoot, executablePath: executablePath) else {
            if name == "default" { return Theme.builtinMono } // a stripped install: degrade, never fail
            throw ConfigError(file: name, line: nil, key: nil,
                              message: "no such theme (looked for \(name).yaml in the project's Themes/, PREFER_THEMES_DIR and prefer's Themes/)")
        }
        return try decode(path: path)
    }

    /// Parses one theme file.
    public static func decode(path: String) throws -> Theme {
        let display = Project.displayPath(path)
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: display, line: nil, key: nil, message: "cannot read the theme file")
        }
        let object: Any?
        do {
            object = try Yams.load(yaml: text)
        } catch let e as YamlError {
            throw ConfigError(file: display, line: YAMLNode.line(of: e), key: nil, message: "invalid YAML: \(YAMLNode.problem(of: e))")
        }
        guard let dict = object as? [String: Any] else {
            throw ConfigError(file: display, line: nil, key: nil, message: "expected a mapping with name and roles")
        }
        return try Theme.decode(from: dict, file: display)
    }

    /// The theme file for a name or path, searching the usual folders.
    static func locate(_ name: String, environment: [String: String], projectRoot: URL?, executablePath: String) -> String? {
        let fm = FileManager.default
        if name.contains("/") || name.hasSuffix(".yaml") {
            return fm.fileExists(atPath: name) ? name : nil
        }
        var dirs: [URL] = []
        if let root = projectRoot { dirs.append(root.appendingPathComponent("Themes")) }
        if let d = environment["PREFER_THEMES_DIR"], !d.isEmpty { dirs.append(URL(fileURLWithPath: d)) }
        // prefer's own Themes/: beside the binary or in an ancestor folder (a build inside the repository).
        var dir = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            dirs.append(dir.appendingPathComponent("Themes"))
            dirs.append(dir.appendingPathComponent("share/prefer/Themes"))
            dir.deleteLastPathComponent()
        }
        return dirs.map { $0.appendingPathComponent(name + ".yaml").path }.first { fm.fileExists(atPath: $0) }
    }
}
