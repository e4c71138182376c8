import Foundation
import TmuxTesting
import XCTest

/// End to end: `prefer-term-demo` in a real terminal (tmux), checking what a user sees.
final class TerminalTmuxTests: XCTestCase {
    /// The demo binary, built next to the test bundle (the test target depends on it).
    private var demoPath: String {
        // macOS: next to the .xctest bundle; Linux: the .xctest is the executable in the build folder.
        let folders = Bundle.allBundles.filter { $0.bundlePath.hasSuffix(".xctest") }.map { $0.bundleURL.deletingLastPathComponent() }
            + [Bundle.main.executableURL?.deletingLastPathComponent(), Bundle.main.bundleURL].compactMap { $0 }
        let candidates = folders.map { $0.appendingPathComponent("prefer-term-demo").path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    /// Runs the demo, then prints its exit status and the terminal modes, then idles. The shell
    /// traps SIGINT (Ctrl-C reaches the whole foreground group) so it outlives the demo.
    private func startDemo(term: String = "xterm-256color", locale: String = "C.UTF-8") throws -> TmuxSession {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: demoPath), "demo not built at \(demoPath)")
        let session = try TmuxSession(command: "sh -c 'trap : INT; \(demoPath); echo demo-exit=$?; stty -a; echo stty-done; exec sleep 60'", term: term, locale: locale)
        session.waitFor("events: 0")
        return session
    }

    /// The pane's terminal modes after the demo exited: canonical input and echo are back on.
    private func assertTerminalRestored(_ screen: String, file: StaticString = #filePath, line: UInt = #line) {
        let tokens = Set(screen.split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "\n" }).map(String.init))
        XCTAssertTrue(tokens.contains("icanon") && !tokens.contains("-icanon"), "icanon not restored:\n\(screen)", file: file, line: line)
        XCTAssertTrue(tokens.contains("echo") && !tokens.contains("-echo"), "echo not restored:\n\(screen)", file: file, line: line)
    }

    func testWithoutATerminalTheDemoExitsWithAClearMessage() throws {
        let result = spawnAndWait(demoPath, [], environment: ["LANG": "C.UTF-8", "TERM": "xterm-256color"])
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.output.contains("must be a terminal"), result.output)
    }

    func testWideCharactersAndEmojiLandOnTheirColumns() throws {
        let session = try startDemo()
        // 中 and 文 take two columns each, so X (column 4) follows them directly; 界 at 6, Y at 8.
        let screen = session.capture()
        XCTAssertTrue(screen.contains("\n中文X 界Y\n"), screen)
        XCTAssertTrue(screen.contains("\n👍Zé|\n"), screen)
    }

    func testNonUTF8LocaleFallsBackToASCIIKeepingColumns() throws {
        let session = try startDemo(locale: "C")
        let screen = session.capture()
        XCTAssertTrue(screen.contains("glyphs: ascii"), screen)
        // Each wide grapheme becomes two `?`, so what follows stays on its column.
        XCTAssertTrue(screen.contains("\n????X ??Y\n"), screen)
        XCTAssertTrue(screen.contains("\n??Z?|\n"), screen)
    }

    func testColoursUse256PaletteOnXterm256AndBasicRedOnXterm() throws {
        let rich = try startDemo()
        XCTAssertTrue(rich.capture().contains("tier: palette256"))
        XCTAssertTrue(rich.capture(escapes: true).contains("\u{1B}[38;5;196mRED"), rich.capture(escapes: true))
        rich.close()

        let basic = try startDemo(term: "xterm")
        XCTAssertTrue(basic.capture().contains("tier: ansi8"))
        // Palette 196 (#ff0000) downgraded to the nearest of the 8 colours: red, SGR 31.
        XCTAssertTrue(basic.capture(escapes: true).contains("\u{1B}[31mRED"), basic.capture(escapes: true))
    }

    func testKeysAreDecoded() throws {
        let session = try startDemo()
        let cases: [(send: () -> Void, shows: String)] = [
            ({ session.send("Up") }, "key: ↑"),
            ({ session.send("C-d") }, "key: C-d"),
            ({ session.send("M-x") }, "key: M-x"),
            ({ session.send("Escape") }, "key: Esc"),
            ({ session.type("é") }, "key: é"),
            ({ session.type("中") }, "key: 中"),
            ({ session.send("Enter") }, "key: Enter"),
            ({ session.send("BTab") }, "key: S-Tab"),
            ({ session.send("F5") }, "key: F5"),
            ({ session.send("BSpace") }, "key: Bksp"),
        ]
        for (index, step) in cases.enumerated() {
            step.send()
            // Waiting for the event count too tells a repeated label from a stale one.
            let screen = session.waitFor("events: \(index + 1)")
            XCTAssertTrue(screen.contains("\(step.shows)\n"), "expected \(step.shows):\n\(screen)")
        }
    }

    func testResizeReportsTheNewSize() throws {
        let session = try startDemo()
        XCTAssertTrue(session.capture().contains("size: 80x24"))
        session.run(["resize-window", "-x", "100", "-y", "30"])
        let screen = session.waitFor("size: 100x30")
        // The whole screen was repainted for the new size, wide characters included.
        XCTAssertTrue(screen.contains("\n中文X 界Y\n"), screen)
    }

    func testCursorIsHiddenUntilAFieldAsksForIt() throws {
        let session = try startDemo()
        let cursor = { session.run(["display-message", "-p", "#{cursor_flag} #{cursor_x} #{cursor_y}"]).output }
        XCTAssertTrue(cursor().hasPrefix("0 "), cursor())
        session.type("c")
        session.waitFor("events: 1")
        // The cursor move ends the same refresh; poll in case tmux has not parsed it yet.
        let deadline = Date().addingTimeInterval(10)
        var shown = cursor().trimmingCharacters(in: .whitespacesAndNewlines)
        while shown != "1 5 5" && Date() < deadline {
            usleep(30_000)
            shown = cursor().trimmingCharacters(in: .whitespacesAndNewlines)
        }
        XCTAssertEqual(shown, "1 5 5")
    }

    func testQuitRestoresTheTerminalAndShowsStderr() throws {
        let session = try startDemo()
        session.send("q")
        let screen = session.waitFor("stty-done")
        XCTAssertTrue(screen.contains("demo-exit=0"), screen)
        XCTAssertFalse(screen.contains("DEMO-SCREEN"), "the demo's screen was left behind:\n\(screen)")
        XCTAssertTrue(screen.contains("demo: this went to stderr while drawing"), screen)
        assertTerminalRestored(screen)
    }

    func testSigtermRestoresTheTerminal() throws {
        let session = try startDemo()
        let screen = session.capture()
        let pidText = screen.components(separatedBy: "pid=").dropFirst().first?.prefix { $0.isNumber } ?? ""
        let pid = try XCTUnwrap(Int32(pidText), "no pid on screen:\n\(screen)")
        XCTAssertEqual(kill(pid, SIGTERM), 0)
        let after = session.waitFor("stty-done")
        XCTAssertTrue(after.contains("demo-exit=143"), after)
        XCTAssertTrue(after.contains("demo: stopped by signal 15"), after)
        assertTerminalRestored(after)
    }

    func testCtrlCArrivesAsSigintAndRestoresTheTerminal() throws {
        let session = try startDemo()
        session.send("C-c")
        let screen = session.waitFor("stty-done")
        XCTAssertTrue(screen.contains("demo: stopped by signal 2"), screen)
        XCTAssertTrue(screen.contains("demo-exit=130"), screen)
        assertTerminalRestored(screen)
    }

    func testCrashRestoresTheTerminalAndPrintsTheFatalError() throws {
        let session = try startDemo()
        session.type("!")
        let screen = session.waitFor("stty-done", history: true)
        XCTAssertTrue(screen.contains("Fatal error: demo crash requested"), screen)
        // ud2 (SIGILL) on x86_64, brk (SIGTRAP) on arm64: the crash signal reached the default action.
        XCTAssertTrue(screen.contains("demo-exit=132") || screen.contains("demo-exit=133"), screen)
        assertTerminalRestored(screen)
    }
}
