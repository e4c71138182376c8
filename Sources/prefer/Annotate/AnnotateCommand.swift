import ArgumentParser
import Canvas
import Foundation
import PreferCore
import PreferProject
import PreferStore
import PreferTerminal
import PreferUI

/// `prefer annotate`: the side-by-side keyboard screen annotators work in.
struct AnnotateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotate",
        abstract: "Judge items side by side in the terminal (press ? for keys, q to quit; every choice is saved at once).")

    @OptionGroup var projectOptions: ProjectOptions
    @OptionGroup var annotator: AnnotatorOption
    @Option(help: ArgumentHelp("Colour theme: default, light, high-contrast, mono, or a YAML file (default: PREFER_THEME, then the config).", valueName: "name"))
    var theme: String?

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        let bench = BenchLog.fromEnvironment(env)
        bench?.write("run", BenchLog.now())
        // Refuse before anything is written: a failed start must not register a name or reserve items.
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw UserError("prefer annotate needs a terminal (standard input and output must be a TTY)")
        }
        let (project, store) = try projectOptions.open()
        let name = annotator.resolved
        if name.hasPrefix("source:") { throw UserError("\"\(name)\" is reserved for imported labels; pass --as NAME") }
        if try !store.hasAnnotator(name) {
            try store.addAnnotator(name, role: .annotator)
        }
        let guidelinesFound = project.guidelinesText()
        let guidelines = guidelinesFound ?? ""
        let guideline = try store.recordGuidelines(guidelines)
        let rubric = try store.recordRubric(ConfigLoader.rubricJSON(project.config))
        var chosenTheme = try ThemeLoader.load(flag: theme, environment: env, configTheme: project.config.theme, projectRoot: project.root)
        let c = project.config
        let session = try AnnotateSession(store: store, annotator: name,
                                          policy: QueuePolicy(overlap: c.overlap, goldRate: c.goldRate, seed: c.seed),
                                          guidelineVersion: guideline.id, rubricVersion: rubric.id)
        var state = AnnotateState(projectName: c.name, annotator: name, config: c, guidelines: guidelines, progress: session.progress)
        state.load(try session.currentItem(), now: Date())

        let terminal: Terminal
        do { terminal = try Terminal(environment: env) } catch { throw UserError("\(error)") }
        defer { terminal.shutdown() }
        chosenTheme = chosenTheme.downgraded(to: terminal.colorTier)
        if guidelinesFound == nil {
            state.flash("no guidelines file at \(c.guidelinesFile): judgments record an empty guideline version", isError: true)
        }
        if let warning = terminal.warnings.first { state.flash(warning, isError: true) }
        if let signal = try RunLoop.run(terminal: terminal, state: &state, session: session, theme: chosenTheme, bench: bench) {
            terminal.shutdown()
            throw ExitCode(128 + signal) // the usual status for a process ended by a signal
        }
    }
}

/// The event loop: event -> update -> effects (store writes) -> render -> terminal.
enum RunLoop {
    /// Ticks once a second while waiting, for active-time accounting; no work is done on a tick beyond that.
    static let tickMilliseconds = 1000

    /// `bench` (PREFER_BENCH_LOG) times frames and keys for scripts/bench_annotate.sh; nil costs nothing.
    /// Returns the signal that ended the loop, or nil after `q`.
    static func run(terminal: Terminal, state: inout AnnotateState, session: AnnotateSession, theme: Theme,
                    bench: BenchLog? = nil) throws -> Int32? {
        state.resize(width: terminal.size.width, height: terminal.size.height)
        while true {
            let frame = state.render(width: terminal.size.width, height: terminal.size.height, theme: theme, mode: terminal.glyphMode)
            terminal.cursor(at: state.cursor)
            terminal.draw(frame)
            bench?.frameDrawn()
            // Work a key press left for after its frame: then draw again with the new progress.
            if session.topUpIfDue() {
                state.setProgress(session.progress)
                continue
            }
            switch terminal.nextEvent(timeout: tickMilliseconds) {
            case .timeout:
                state.tick(now: Date())
                session.idle()
            case .resize(let w, let h):
                state.resize(width: w, height: h)
            case .signal(let signal):
                return signal // nothing is unsaved: every submission was committed when it was made
            case .key(let event):
                bench?.keyWasReceived()
                let now = Date()
                for effect in state.handle(event, now: now) {
                    if effect == .quit { return nil }
                    let message: String?
                    do {
                        message = try session.perform(effect, now: now)
                        bench?.storeCommitted()
                    } catch {
                        // A failed write keeps the screen as it was: the annotator can retry.
                        state.flash("not saved: \(error)", isError: true)
                        continue
                    }
                    do {
                        // The write is committed: move on even if showing the next item fails.
                        let next = try session.currentItem()
                        state.load(next, now: Date())
                        state.setProgress(session.progress)
                        if let reason = next?.previous?.skipReason {
                            state.flash("you skipped this item: \(reason)", isError: false)
                        } else if let m = message {
                            state.flash(m, isError: false)
                        }
                    } catch {
                        state.load(nil, now: Date())
                        state.flash("\(message ?? "done"), but the next item could not be loaded: \(error)", isError: true)
                    }
                }
            }
        }
    }
}
