// Temporary entry point so `prefer agreement` can run; the integrator replaces this file.
import ArgumentParser

/// Root command (temporary): only the agreement subcommand for now.
struct Prefer: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "prefer", subcommands: [AgreementCommand.self])
}

Prefer.main()
