import Foundation
import TmuxTesting
import XCTest

/// `prefer annotate` driven in tmux as an annotator would, checking what lands in the database.
final class AnnotateTmuxTests: XCTestCase {
    var root: CLI!
    var cli: CLI!
    var tmux: TmuxSession?

    override func setUpWithError() throws {
        guard TmuxSession.tmuxPath != nil else { throw XCTSkip("tmux is not installed") }
        root = try CLI.temporary()
        try root.ok(["init", "proj"])
        cli = CLI(cwd: root.cwd.appendingPathComponent("proj"))
        var rows = ""
        for i in 1...12 {
            rows += #"{"id": "q\#(i)", "prompt": "Question \#(i)?", "response_a": "Answer one to \#(i).", "response_b": "Answer two to \#(i).", "model_a": "m1", "model_b": "m2"}"# + "\n"
        }
        try cli.write("pairs.jsonl", rows)
        try cli.ok(["import", "pairs.jsonl"])
    }

    override func tearDown() {
        tmux?.close()
        root?.remove()
    }

    /// Starts `prefer annotate --as NAME` in a 120x40 pane; the pane reports the exit status when it ends.
    @discardableResult
    private func annotate(as name: String) throws -> TmuxSession {
        tmux?.close()
        let t = try TmuxSession(command: "sh -c '\(CLI.binary.path) annotate --as \(name); echo EXITED-$?; exec sleep 60'",
                                width: 120, height: 40, cwd: cli.cwd.path)
        tmux = t
        return t
    }

    /// Sends a signal to the prefer process only (not the shell around it).
    private func signal(_ sig: String, annotator: String) {
        let r = spawnAndWait("/usr/bin/pkill", [sig, "-f", "^/.*/prefer annotate --as \(annotator)$"], environment: [:])
        XCTAssertEqual(r.status, 0, "pkill found no process: \(r.output)")
    }

    private func setConfig(_ from: String, _ to: String) throws {
        let yaml = try String(contentsOfFile: cli.path("prefer.yaml"), encoding: .utf8).replacingOccurrences(of: from, with: to)
        try cli.write("prefer.yaml", yaml)
    }

    /// Rows of the judgment table, via the sqlite3 CLI-free path: `prefer` has no dump command, so read with SQLite.
    private func judgments() throws -> [[String: Any]] {
        try SQLiteRows.query(cli.path("prefer.sqlite"), """
            SELECT j.id, j.kind, j.item_id, j.left_response_id, j.right_response_id, j.choice, j.both_bad, j.scores_json,
                   j.rationale, j.supersedes_id, j.annotator, j.active_seconds
            FROM judgment j ORDER BY j.id
            """)
    }

    func testJudgeFiveWithDifferentKeysUndoOneAndQuit() throws {
        try setConfig("rationale: weak", "rationale: never")
        let t = try annotate(as: "alice")
        t.waitFor("judged 0/12")
        t.send("1"); t.waitFor("judged 1/12")
        t.send("7"); t.waitFor("judged 2/12")
        t.send("4"); t.waitFor("judged 3/12")
        t.send("x"); t.waitFor("judged 4/12")
        // The fifth item: write a rationale first (r, type, Esc), then the choice key submits it all.
        t.send("r")
        t.type("B is clearer ✓")
        t.waitFor("B is clearer ✓")
        // Esc leaves the text field for the form (digits set scores there); Shift-Tab moves back to the panes.
        // Wait for each screen change: keys sent faster than ESCDELAY would read as Alt.
        t.send("Escape")
        t.waitFor("0-9 set")
        t.send("BTab")
        t.waitFor("1-7 choose")
        t.send("5"); t.waitFor("judged 5/12")
        t.send("u"); t.waitFor("undone")
        t.waitFor("judged 4/12")
        t.send("q")
        t.waitFor("EXITED-0")

        let rows = try judgments()
        XCTAssertEqual(rows.map { $0["kind"] as? String }, ["judgment", "judgment", "judgment", "judgment", "judgment", "undo"])
        guard rows.count == 6 else { return }
        XCTAssertEqual(rows.prefix(5).map { $0["choice"] as? Int64 }, [-3, 3, 0, nil, 1])
        XCTAssertEqual(rows[3]["both_bad"] as? Int64, 1)
        XCTAssertEqual(rows[4]["rationale"] as? String, "B is clearer ✓")
        XCTAssertEqual(rows[5]["supersedes_id"] as? Int64, rows[4]["id"] as? Int64)
        // Shown order is recorded and randomised: left/right are the item's two responses in some order.
        for r in rows {
            let l = r["left_response_id"] as? Int64 ?? 0, rr = r["right_response_id"] as? Int64 ?? 0
            XCTAssertEqual(abs(l - rr), 1)
        }
        let swapped = rows.prefix(5).filter { ($0["left_response_id"] as? Int64 ?? 0) > ($0["right_response_id"] as? Int64 ?? 0) }
        XCTAssertTrue(swapped.count > 0 && swapped.count < 5, "shown order should be randomised")
        let s = try cli.status()
        XCTAssertEqual(s["judgments"] as? Int, 4)
        // The terminal was restored: the shell prompt line is back and the screen is not the TUI.
        XCTAssertFalse(t.capture().contains("annotator: alice"))
    }

    func testASkipIsCountedApartFromJudgmentsUntilTheItemIsJudged() throws {
        try setConfig("rationale: weak", "rationale: never")
        let t = try annotate(as: "gina")
        t.waitFor("judged 0/12")
        t.send("1"); t.waitFor("judged 1/12")
        t.send("s"); t.type("unsure"); t.send("Enter")
        t.waitFor("judged 1/12, 1 skipped")
        t.send("p"); t.waitFor("item 2 of 12")
        t.send("2"); t.waitFor("judged 2/12 ")   // the skipped item judged after all: no skip left
        XCTAssertFalse(t.capture().contains("skipped |"))
        t.send("q"); t.waitFor("EXITED-0")
    }

    func testUndoAfterChangingAnEarlierJudgmentRestoresItThenUnjudgesIt() throws {
        try setConfig("rationale: weak", "rationale: never")
        let t = try annotate(as: "frank")
        t.waitFor("judged 0/12")
        t.send("1"); t.waitFor("judged 1/12")
        t.send("7"); t.waitFor("judged 2/12")
        t.send("3"); t.waitFor("judged 3/12")
        t.send("p"); t.waitFor("item 3 of 12")
        t.send("5"); t.waitFor("saved")           // a change of item 3: still 3 judged
        t.send("u"); t.waitFor("undone")          // item 3 back to its first choice
        let afterFirstUndo = try cli.status()["judgments"] as? Int
        t.send("u"); t.waitFor("judged 2/12")     // item 3's own judgment undone
        t.send("q"); t.waitFor("EXITED-0")
        XCTAssertEqual(afterFirstUndo, 3)
        let current = try SQLiteRows.query(cli.path("prefer.sqlite"), """
            SELECT j.choice FROM judgment j WHERE j.kind = 'judgment' AND j.annotator = 'frank'
              AND NOT EXISTS (SELECT 1 FROM judgment s WHERE s.supersedes_id = j.id) ORDER BY j.id
            """)
        XCTAssertEqual(current.map { $0["choice"] as? Int64 }, [-3, 3])
        let kinds = try judgments().map { $0["kind"] as? String ?? "" }
        XCTAssertEqual(kinds, ["judgment", "judgment", "judgment", "judgment", "judgment", "undo"])
    }

    func testRubricScoresAreStoredPerShownSide() throws {
        try setConfig("rationale: weak", "rationale: never")
        try setConfig("    required: false\n  - id: harmless", "    required: true\n  - id: harmless")
        let t = try annotate(as: "bob")
        t.waitFor("judged 0/12")
        t.send("2")               // choice recorded, focus moves to the missing required score
        t.waitFor("helpful")
        t.send("5")               // A's helpful score
        t.send("l")
        t.send("Down")
        t.send("2")
        t.send("Enter")
        let screen = t.waitFor("judged", seconds: 5)
        t.send("q")
        t.waitFor("EXITED-0")
        let rows = try judgments()
        XCTAssertEqual(rows.count, 1, screen)
        guard rows.count == 1 else { return }
        XCTAssertEqual(rows.first?["choice"] as? Int64, -2)
        let scores = try JSONSerialization.jsonObject(with: Data((rows.first?["scores_json"] as? String ?? "{}").utf8)) as? [String: [String: Int]]
        XCTAssertNotNil(scores?["helpful"]?["left"], "\(String(describing: scores))")
    }

    func testKillMinusNineRightAfterAChoiceKeepsIt() throws {
        try setConfig("rationale: weak", "rationale: never")
        let t = try annotate(as: "carol")
        t.waitFor("judged 0/12")
        t.send("3")
        t.waitFor("judged 1/12")
        // Kill the prefer process outright.
        signal("-9", annotator: "carol")
        t.waitFor("EXITED-137")
        let rows = try judgments()
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(rows.first?["choice"] as? Int64, -1)
        // Restart: resumes at the first unjudged item, the choice is still counted.
        let t2 = try annotate(as: "carol")
        t2.waitFor("judged 1/12")
        t2.waitFor("item 2 of 12")
        t2.send("q")
        t2.waitFor("EXITED-0")
    }

    func testResizeWhileTypingARationaleKeepsTheText() throws {
        let t = try annotate(as: "dave")
        t.waitFor("judged 0/12")
        t.send("r")
        t.type("half typed")
        t.waitFor("half typed")
        t.resize(width: 80, height: 24)
        t.waitFor("half typed")
        t.resize(width: 60, height: 15)
        t.waitFor("too small")
        t.resize(width: 120, height: 40)
        t.type(" and finished")
        t.waitFor("half typed and finished")
        t.send("Escape")
        t.waitFor("0-9 set")
        t.send("BTab")
        t.waitFor("1-7 choose")
        t.send("4")      // a tie needs the rationale (rationale: weak): it is there, Enter submits
        t.send("Enter")
        t.waitFor("judged 1/12")
        t.send("q")
        t.waitFor("EXITED-0")
        let rows = try judgments()
        XCTAssertEqual(rows.first?["rationale"] as? String, "half typed and finished")
        XCTAssertEqual(rows.first?["choice"] as? Int64, 0)
    }

    func testSigtermRestoresTheTerminalAndLosesNothing() throws {
        try setConfig("rationale: weak", "rationale: never")
        let t = try annotate(as: "erin")
        t.waitFor("judged 0/12")
        t.send("6")
        t.waitFor("judged 1/12")
        signal("-TERM", annotator: "erin")
        let screen = t.waitFor("EXITED-143") // 128 + SIGTERM, after restoring the terminal
        XCTAssertFalse(screen.contains("annotator: erin"), "the TUI is still on screen:\n\(screen)")
        XCTAssertEqual(try judgments().count, 1)
    }
}
