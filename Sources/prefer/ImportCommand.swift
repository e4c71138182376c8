import ArgumentParser
/// Placeholder until the import parser lands.
struct ImportCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "import") }
