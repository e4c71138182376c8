import ArgumentParser
import Foundation
import PreferCore
import PreferProject
import PreferStore

/// `--project`, shared by every command that works on a project.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The project folder (default: found from the current folder upwards, or PREFER_PROJECT).", valueName: "path"))
    var project: String?

    /// Loads the project config.
    func load() throws -> Project {
        try Project.locate(explicit: project, environment: ProcessInfo.processInfo.environment,
                           cwd: FileManager.default.currentDirectoryPath)
    }

    /// Loads the project and opens its database.
    func open() throws -> (Project, SQLiteStore) {
        let p = try load()
        return (p, try SQLiteStore(path: p.databasePath))
    }
}

/// `--as`, the annotator identity.
struct AnnotatorOption: ParsableArguments {
    @Option(name: .customLong("as"), help: ArgumentHelp("Who you are (default: PREFER_ANNOTATOR, else the OS user).", valueName: "name"))
    var name: String?

    var resolved: String { Project.annotatorName(flag: name, environment: ProcessInfo.processInfo.environment) }
}

/// A user-facing failure: printed as `Error: <message>` with a non-zero exit, never a stack trace.
struct UserError: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// Writes a line to standard error.
func printError(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}
