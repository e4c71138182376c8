import Foundation
import XCTest

/// `prefer init` / `import` / `status` as a user runs them.
final class ImportCLITests: XCTestCase {
    var root: CLI!
    var cli: CLI!

    override func setUpWithError() throws {
        root = try CLI.temporary()
        try root.ok(["init", "proj"])
        cli = CLI(cwd: root.cwd.appendingPathComponent("proj"))
    }

    override func tearDown() { root?.remove() }

    func testInitWritesProjectFilesAndRefusesToOverwrite() throws {
        for f in ["prefer.yaml", "guidelines.md", "prefer.sqlite"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: cli.path(f)), f)
        }
        let again = try CLI(cwd: cli.cwd.deletingLastPathComponent()).run(["init", "proj"])
        XCTAssertNotEqual(again.status, 0)
        XCTAssertTrue(again.err.contains("already exists"), again.err)
    }

    func testRealHHFileImportsEveryRowWithLabels() throws {
        let hh = try CLI.sharedData("hh_rlhf/harmless-base_test.jsonl.gz")
        let out = try cli.ok(["import", hh.path, "--keep-labels"])
        XCTAssertTrue(out.contains("2312 items added"), out)
        let s = try cli.status()
        XCTAssertEqual(s["items"] as? Int, 2312)
        XCTAssertEqual(s["responses"] as? Int, 4624)
        XCTAssertEqual(s["judgments"] as? Int, 2312)
        let annotators = s["annotators"] as? [[String: Any]] ?? []
        XCTAssertEqual(annotators.first?["name"] as? String, "source:harmless-base_test")
        XCTAssertEqual(annotators.first?["role"] as? String, "source")
        // The same bytes again are refused, and nothing changes.
        let again = try cli.run(["import", hh.path])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.err.contains("already imported"), again.err)
        XCTAssertEqual(try cli.status()["items"] as? Int, 2312)
        // With --again every row is a duplicate.
        let forced = try cli.ok(["import", hh.path, "--again"])
        XCTAssertTrue(forced.contains("0 items added, 2312 duplicates skipped"), forced)
    }

    func testABadRowImportsNothingFromAnyFile() throws {
        try cli.write("good.jsonl", #"{"prompt": "p1", "response_a": "a", "response_b": "b"}"# + "\n")
        try cli.write("bad.jsonl", """
            {"prompt": "q1", "chosen": "c1", "rejected": "r1"}
            {"prompt": "q2", "chosen": 7, "rejected": "r2"}

            """)
        let r = try cli.run(["import", "good.jsonl", "bad.jsonl"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("bad.jsonl:2: field \"chosen\": expected a string or a list of messages, got a number"), r.err)
        XCTAssertTrue(r.err.contains("Nothing was imported"), r.err)
        XCTAssertFalse(r.err.contains("Fatal") || r.err.contains("Stack"), r.err)
        let s = try cli.status()
        XCTAssertEqual(s["items"] as? Int, 0)
        XCTAssertEqual((s["batches"] as? [Any])?.count, 0)
    }

    func testSkipInvalidImportsGoodRowsAndReportsBadOnes() throws {
        try cli.write("mixed.jsonl", """
            {"prompt": "q1", "chosen": "c1", "rejected": "r1"}
            {"prompt": "q2", "chosen": "c2"}
            not json
            {"prompt": "q4", "chosen": "c4", "rejected": "r4", "gold": "chosen"}

            """)
        let r = try cli.run(["import", "mixed.jsonl", "--skip-invalid"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("2 items added"), r.out)
        XCTAssertTrue(r.out.contains("2 rows rejected (see mixed.rejects.jsonl)"), r.out)
        let rejects = try String(contentsOfFile: cli.path("mixed.rejects.jsonl"), encoding: .utf8)
            .split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
        XCTAssertEqual(rejects.map { $0["line"] as? Int }, [2, 3])
        XCTAssertEqual(rejects[0]["field"] as? String, "rejected")
        XCTAssertEqual(rejects[1]["raw"] as? String, "not json")
        let s = try cli.status()
        XCTAssertEqual(s["items"] as? Int, 2)
        XCTAssertEqual(s["gold_items"] as? Int, 1)
    }

    func testAllRowsRejectedRollsBackSoTheFixedFileImports() throws {
        try cli.write("t.jsonl", #"{"prompt": "q", "chosen": 1, "rejected": "r"}"# + "\n")
        let r = try cli.run(["import", "t.jsonl", "--skip-invalid"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("every row was rejected"), r.err)
        XCTAssertEqual((try cli.status()["batches"] as? [Any])?.count, 0)
        try cli.write("t.jsonl", #"{"prompt": "q", "chosen": "c", "rejected": "r"}"# + "\n")
        XCTAssertTrue(try cli.ok(["import", "t.jsonl"]).contains("1 items added"))
        let twice = try cli.run(["import", "t.jsonl", "./t.jsonl"])
        XCTAssertNotEqual(twice.status, 0)
        XCTAssertTrue(twice.err.contains("listed twice"), twice.err)
    }

    func testKeepLabelsLaterAddsThemToItemsAlreadyImported() throws {
        let sample = CLI.repositoryRoot.appendingPathComponent("samples/hh-rlhf/harmless-base-200.jsonl.gz").path
        try cli.ok(["import", sample])
        XCTAssertEqual(try cli.status()["judgments"] as? Int, 0)
        let out = try cli.ok(["import", sample, "--again", "--keep-labels", "--source", "hh"])
        XCTAssertTrue(out.contains("0 items added, 200 duplicates skipped, 200 labels kept"), out)
        let s = try cli.status()
        XCTAssertEqual(s["judgments"] as? Int, 200)
        XCTAssertEqual((s["annotators"] as? [[String: Any]])?.first?["name"] as? String, "source:hh")
        // Once more: the source already labelled these items, nothing is added twice.
        XCTAssertTrue(try cli.ok(["import", sample, "--again", "--keep-labels", "--source", "source:hh"]).contains("0 items added"))
        XCTAssertEqual(try cli.status()["judgments"] as? Int, 200)
    }

    func testEachBadFileGetsAClearMessageAndNonZeroExit() throws {
        try cli.write("empty.jsonl", "")
        try cli.write("utf8.jsonl", bytes: Array(#"{"prompt": "ok", "response_a": "a", "response_b": "b"}"#.utf8) + [10]
                      + Array(#"{"prompt": "caf"#.utf8) + [0xC3, 0x28] + Array(#"", "response_a": "a", "response_b": "b"}"#.utf8) + [10])
        try cli.write("shape.jsonl", #"{"question": "q", "answer": "a"}"# + "\n")
        try cli.write("truncated.jsonl.gz", bytes: [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xAB, 0x56])
        let cases: [(String, String)] = [
            ("empty.jsonl", "empty"),
            ("utf8.jsonl", "byte"),
            ("shape.jsonl", "shape"),
            ("truncated.jsonl.gz", "truncated"),
            ("missing.jsonl", "missing.jsonl"),
        ]
        for (file, needle) in cases {
            let r = try cli.run(["import", file])
            XCTAssertNotEqual(r.status, 0, file)
            XCTAssertTrue(r.err.lowercased().contains(needle), "\(file): \(r.err)")
            XCTAssertTrue(r.err.hasPrefix("Error: "), "\(file): \(r.err)")
        }
        XCTAssertEqual(try cli.status()["items"] as? Int, 0)
    }

    func testProjectIsFoundFromSubfolderAndConfigErrorsNameLineAndKey() throws {
        try FileManager.default.createDirectory(atPath: cli.path("sub/dir"), withIntermediateDirectories: true)
        XCTAssertEqual(try CLI(cwd: cli.cwd.appendingPathComponent("sub/dir")).status()["items"] as? Int, 0)
        var yaml = try String(contentsOfFile: cli.path("prefer.yaml"), encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "overlap: 3", with: "overlap: lots")
        try cli.write("prefer.yaml", yaml)
        let r = try cli.run(["status"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("prefer.yaml:"), r.err)
        XCTAssertTrue(r.err.contains("key \"overlap\": expected a whole number, got \"lots\""), r.err)
    }

    func testAnnotatorsAddAndList() throws {
        try cli.ok(["annotators", "add", "alice", "--role", "lead"])
        try cli.ok(["annotators", "add", "bob"])
        let list = try cli.ok(["annotators", "list"])
        XCTAssertTrue(list.contains("alice") && list.contains("lead") && list.contains("bob"), list)
        XCTAssertNotEqual(try cli.run(["annotators", "add", "carol", "--role", "boss"]).status, 0)
        let version = try cli.ok(["--version"])
        XCTAssertFalse(version.isEmpty)
        XCTAssertTrue(try cli.ok(["help", "import"]).contains("--skip-invalid"))
    }
}

/// `prefer annotate` outside a terminal fails before it writes anything.
final class AnnotateWithoutTerminalTests: XCTestCase {
    func testNoTerminalRegistersNobodyAndReservesNothing() throws {
        let root = try CLI.temporary()
        defer { root.remove() }
        try root.ok(["init", "proj"])
        let cli = CLI(cwd: root.cwd.appendingPathComponent("proj"))
        try cli.write("p.jsonl", #"{"prompt": "q", "response_a": "a", "response_b": "b"}"# + "\n")
        try cli.ok(["import", "p.jsonl"])
        let r = try cli.run(["annotate", "--as", "typo"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("needs a terminal"), r.err)
        XCTAssertEqual((try cli.status()["annotators"] as? [Any])?.count, 0)
        let assignments = try SQLiteRows.query(cli.path("prefer.sqlite"), "SELECT COUNT(*) AS n FROM assignment")
        XCTAssertEqual(assignments.first?["n"] as? Int64, 0)
    }
}

/// A lead's adjudication wins over the votes in export.
final class AdjudicateCLITests: XCTestCase {
    func testLeadAdjudicationOverridesTheVotesInExport() throws {
        let root = try CLI.temporary()
        defer { root.remove() }
        try root.ok(["init", "proj"])
        let cli = CLI(cwd: root.cwd.appendingPathComponent("proj"))
        try cli.write("p.jsonl", """
            {"id": "x1", "prompt": "q1", "chosen": "good one", "rejected": "bad one"}
            {"id": "x2", "prompt": "q2", "chosen": "fine", "rejected": "worse"}

            """)
        try cli.ok(["import", "p.jsonl", "--keep-labels"])
        try cli.ok(["annotators", "add", "ann"])
        let refused = try cli.run(["adjudicate", "x1", "--prefer", "B", "--as", "ann"])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.err.contains("only a lead may adjudicate"), refused.err)
        try cli.ok(["annotators", "add", "lea", "--role", "lead"])
        // The file said "chosen" (A) is better for x1; the lead says B.
        XCTAssertTrue(try cli.ok(["adjudicate", "x1", "--prefer", "B", "--note", "A is wrong", "--as", "lea"]).contains("B"))
        try cli.ok(["export", "--format", "trl", "--out", "exports/new/out.jsonl"]) // a folder that does not exist yet
        let rows = try String(contentsOfFile: cli.path("exports/new/out.jsonl"), encoding: .utf8).split(separator: "\n")
            .map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String] ?? [:] }
        XCTAssertEqual(rows.first { $0["prompt"] == "q1" }?["chosen"], "bad one")
        XCTAssertEqual(rows.first { $0["prompt"] == "q2" }?["chosen"], "fine")
        let bad = try cli.run(["adjudicate", "nope", "--prefer", "A", "--as", "lea"])
        XCTAssertTrue(bad.err.contains("no item \"nope\""), bad.err)
    }
}
