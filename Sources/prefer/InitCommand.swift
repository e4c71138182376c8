import ArgumentParser
import Foundation
import PreferCore
import PreferProject
import PreferStore

/// `prefer init [DIR]`: creates a project folder.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a project: a commented prefer.yaml, a guidelines.md template and the database.")

    @Argument(help: "The project folder (created if missing; default: the current folder).")
    var directory: String = "."

    @Option(help: "The project name (default: the folder name).")
    var name: String?

    func run() throws {
        let fm = FileManager.default
        let root = URL(fileURLWithPath: directory, relativeTo: URL(fileURLWithPath: fm.currentDirectoryPath, isDirectory: true)).standardizedFileURL
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
        let configURL = root.appendingPathComponent(Project.configFileName)
        if fm.fileExists(atPath: configURL.path) {
            throw UserError("\(Project.displayPath(configURL.path)) already exists: this folder is a project already")
        }
        let projectName = name ?? root.lastPathComponent
        try ProjectTemplates.config(name: projectName).write(to: configURL, atomically: true, encoding: .utf8)
        let guidelinesURL = root.appendingPathComponent("guidelines.md")
        if !fm.fileExists(atPath: guidelinesURL.path) {
            try ProjectTemplates.guidelines.write(to: guidelinesURL, atomically: true, encoding: .utf8)
        }
        let project = try Project(root: root)
        let store = try SQLiteStore(path: project.databasePath, create: true)
        _ = try store.recordGuidelines(project.guidelinesText() ?? "")
        _ = try store.recordRubric(ConfigLoader.rubricJSON(project.config))
        try store.audit(actor: Project.annotatorName(flag: nil, environment: ProcessInfo.processInfo.environment),
                        action: "init", detail: .object(["name": .string(projectName)]))
        print("Created project \"\(projectName)\" in \(Project.displayPath(root.path))")
        print("  prefer.yaml    settings: scale, rubric, flags, overlap, gold rate, seed")
        print("  guidelines.md  what annotators read (press g while annotating)")
        print("  \(project.config.database)  the database")
        print("Next: prefer import FILE.jsonl")
    }
}
