import Foundation
import XCTest
import PreferCore
import PreferStore

/// `prefer export`, `prefer snapshot` and `prefer verify` as a user runs them: the real binary on a real project.
final class ExportEndToEndTests: XCTestCase {
    private var cli: CLI!
    private var root: URL { cli.cwd }

    override func setUpWithError() throws {
        cli = try CLI.temporary()
        try runOK(["init", "--name", "e2e"])
    }

    override func tearDownWithError() throws { cli?.remove() }

    // MARK: running the binary (CLITestSupport)

    private struct Outcome { var status: Int32; var stdout: String; var stderr: String }

    @discardableResult
    private func run(_ args: [String]) throws -> Outcome {
        let r = try cli.run(args, environment: ["PREFER_ANNOTATOR": "tester"])
        return Outcome(status: r.status, stdout: r.out, stderr: r.err)
    }

    @discardableResult
    private func runOK(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> Outcome {
        let o = try run(args)
        XCTAssertEqual(o.status, 0, "prefer \(args.joined(separator: " ")) failed: \(o.stderr)", file: file, line: line)
        return o
    }

    private func path(_ name: String) -> String { cli.path(name) }
    private func read(_ name: String) throws -> Data { try Data(contentsOf: root.appendingPathComponent(name)) }

    // MARK: data

    /// Imports `n` two-response items directly (response ids 2i-1, 2i) and has ann prefer the second response of each.
    private func populate(items n: Int) throws -> SQLiteStore {
        let store = try SQLiteStore(path: path("prefer.sqlite"))
        _ = try store.importBatch(BatchInfo(fileName: "d.jsonl", filePath: path("d.jsonl"), sha256: "sha-d", format: "jsonl",
                                            shape: "pairs", importedBy: "tester", seed: 42), keepLabelsAs: nil, again: false) { sink in
            for i in 1...n {
                try sink.add(ImportedItem(externalID: "q\(i)", prompt: [Message(role: "user", content: "question \(i)")],
                                          responses: [ImportedResponse(text: "first \(i)"), ImportedResponse(text: "second \(i)")], line: i))
            }
        }
        try store.addAnnotator("ann", role: .annotator)
        try store.addAnnotator("bob", role: .annotator)
        for i in Int64(1)...Int64(n) { try judge(store, i, "ann", 2) }
        return store
    }

    /// `who` votes on item `item` with a screen choice (responses shown in import order).
    private func judge(_ store: SQLiteStore, _ item: Int64, _ who: String, _ choice: Int) throws {
        _ = try store.appendJudgment(NewJudgment(itemID: item, annotator: who, leftResponseID: 2 * item - 1,
                                                 rightResponseID: 2 * item, choice: choice))
    }

    private func jsonLines(_ data: Data) throws -> [[String: Any]] {
        try data.split(separator: 0x0A).map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0)) as? [String: Any]) }
    }

    // MARK: tests

    func testExportWritesRowsAndAManifestThatVerifies() throws {
        _ = try populate(items: 4)
        let o = try runOK(["export", "--format", "trl", "--out", "out.jsonl", "--with-metadata"])
        XCTAssertTrue(o.stdout.contains("pairs exported: 4"), o.stdout)
        let rows = try jsonLines(try read("out.jsonl"))
        XCTAssertEqual(rows.map { $0["chosen"] as? String }, ["second 1", "second 2", "second 3", "second 4"])
        let manifest = try XCTUnwrap(JSONSerialization.jsonObject(with: try read("out.jsonl.manifest.json")) as? [String: Any])
        let files = try XCTUnwrap(manifest["files"] as? [[String: Any]])
        XCTAssertEqual(files.first?["rows"] as? Int, 4)
        XCTAssertEqual(files.first?["sha256"] as? String, SHA256.hex(of: try read("out.jsonl")))
        XCTAssertEqual((manifest["annotators"] as? [[String: Any]])?.first?["judgments"] as? Int, 4)
        XCTAssertEqual((manifest["source_batches"] as? [[String: Any]])?.first?["sha256"] as? String, "sha-d")
        XCTAssertEqual((manifest["counts"] as? [String: Any])?["exported"] as? Int, 4)
        XCTAssertTrue(manifest["snapshot"] is NSNull)
        XCTAssertTrue(try runOK(["verify", "out.jsonl"]).stdout.hasPrefix("OK"))
        let audit = try SQLiteStore(path: path("prefer.sqlite")).auditLog().filter { $0.action == "export" }
        XCTAssertEqual(audit.count, 1)
        XCTAssertTrue(audit.first?.detail.contains(manifest["dataset_version"] as? String ?? "?") == true)
    }

    func testTwoExportsAreByteIdentical() throws {
        _ = try populate(items: 5)
        try runOK(["export", "--format", "openai", "--out", "a.jsonl", "--split", "train=0.6,test=0.4", "--seed", "3"])
        try runOK(["export", "--format", "openai", "--out", "b.jsonl", "--split", "train=0.6,test=0.4", "--seed", "3"])
        for split in ["train", "test"] {
            XCTAssertEqual(try read("a.\(split).jsonl"), try read("b.\(split).jsonl"))
        }
        let total = try ["train", "test"].map { try jsonLines(try read("a.\($0).jsonl")).count }.reduce(0, +)
        XCTAssertEqual(total, 5)
        XCTAssertTrue(try runOK(["verify", "a.jsonl"]).stdout.contains("2 file(s) match"))
    }

    func testVerifyFailsAfterTamperingAndAfterTheDatabaseChanges() throws {
        let store = try populate(items: 3)
        try runOK(["export", "--format", "trl", "--out", "out.jsonl"])
        try runOK(["verify", "out.jsonl"])

        try judge(store, 2, "bob", -1)  // item 2 is now 1-1: no consensus, and its votes changed
        let changed = try run(["verify", "out.jsonl"])
        XCTAssertNotEqual(changed.status, 0)
        XCTAssertTrue(changed.stderr.contains("dataset version"), changed.stderr)
        XCTAssertFalse(changed.stderr.contains("was modified after export"), changed.stderr)

        try runOK(["export", "--format", "trl", "--out", "out.jsonl"])
        try runOK(["verify", "out.jsonl"])
        var bytes = try read("out.jsonl")
        bytes[bytes.startIndex + 2] = UInt8(ascii: "X")
        try bytes.write(to: root.appendingPathComponent("out.jsonl"))
        let tampered = try run(["verify", "out.jsonl"])
        XCTAssertNotEqual(tampered.status, 0)
        XCTAssertTrue(tampered.stderr.contains("was modified after export"), tampered.stderr)
        XCTAssertFalse(tampered.stderr.contains("dataset version"), tampered.stderr)
    }

    func testSnapshotExportIsUnchangedAfterMoreJudgments() throws {
        let store = try populate(items: 3)
        let created = try runOK(["snapshot", "create", "--tag", "v1", "--note", "first round"])
        XCTAssertTrue(created.stdout.contains("3 judgments"), created.stdout)
        try runOK(["export", "--format", "kto", "--out", "snap.jsonl", "--snapshot", "v1"])
        let before = try read("snap.jsonl")

        for i in Int64(1)...3 { try judge(store, i, "bob", -3) }  // bob disagrees everywhere: no consensus now
        try runOK(["export", "--format", "kto", "--out", "snap2.jsonl", "--snapshot", "v1"])
        XCTAssertEqual(try read("snap2.jsonl"), before)
        try runOK(["verify", "snap.jsonl"])  // a snapshot export stays verifiable after later annotation
        XCTAssertNotEqual(try run(["export", "--format", "kto", "--out", "live.jsonl"]).status, 0, "live: every item is 1-1")

        // A lead settles item 1 (then changes their mind) and item 2: adjudications are diffed per pair too.
        try runOK(["annotators", "add", "lea", "--role", "lead"])
        try runOK(["adjudicate", "1", "--prefer", "A", "--as", "lea"])
        try runOK(["snapshot", "create", "--tag", "v2"])
        try runOK(["adjudicate", "1", "--prefer", "B", "--as", "lea"])
        try runOK(["adjudicate", "2", "--prefer", "tie", "--as", "lea"])
        try runOK(["snapshot", "create", "--tag", "v3"])
        XCTAssertTrue(try runOK(["snapshot", "list"]).stdout.contains("first round"))
        let diff = try runOK(["snapshot", "diff", "v1", "v2"])
        XCTAssertTrue(diff.stdout.contains("added 3, changed 0, removed 0, unchanged 3"), diff.stdout)
        XCTAssertTrue(diff.stdout.contains("adjudications: added 1, changed 0, removed 0, unchanged 0"), diff.stdout)
        let later = try runOK(["snapshot", "diff", "v2", "v3"])
        XCTAssertTrue(later.stdout.contains("added 0, changed 0, removed 0, unchanged 6"), later.stdout)
        XCTAssertTrue(later.stdout.contains("adjudications: added 1, changed 1, removed 0, unchanged 0"), later.stdout)
        let manifest = try XCTUnwrap(JSONSerialization.jsonObject(with: try read("snap.jsonl.manifest.json")) as? [String: Any])
        XCTAssertEqual(manifest["snapshot"] as? String, "v1")
    }

    func testZeroRowsFailsWithAMessageUnlessAllowEmpty() throws {
        _ = try populate(items: 2)
        let empty = try run(["export", "--format", "trl", "--out", "none.jsonl", "--min-judgments", "2"])
        XCTAssertNotEqual(empty.status, 0)
        XCTAssertTrue(empty.stderr.contains("no rows to export"), empty.stderr)
        XCTAssertTrue(empty.stdout.contains("below_min_judgments 2"), empty.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("none.jsonl")))
        try runOK(["export", "--format", "trl", "--out", "none.jsonl", "--min-judgments", "2", "--allow-empty"])
        XCTAssertEqual(try read("none.jsonl"), Data())
    }

    func testSelectionOptionsFromTheCommandLine() throws {
        let store = try populate(items: 4)              // ann prefers the second response everywhere
        for i in Int64(1)...2 { try judge(store, i, "bob", -2) }   // bob: the first on items 1-2
        for i in Int64(3)...4 { try judge(store, i, "bob", 1) }    // and the second on items 3-4
        func exported(_ extra: [String]) throws -> (chosen: [String], manifest: [String: Any]) {
            let name = "sel-\(UUID().uuidString).jsonl"
            try runOK(["export", "--format", "trl", "--out", name] + extra)
            let manifest = try XCTUnwrap(JSONSerialization.jsonObject(with: try read(name + ".manifest.json")) as? [String: Any])
            return (try jsonLines(try read(name)).map { $0["chosen"] as? String ?? "" }, manifest)
        }
        let majority = try exported([])
        XCTAssertEqual(majority.chosen, ["second 3", "second 4"])
        XCTAssertEqual(((majority.manifest["counts"] as? [String: Any])?["dropped"] as? [String: Any])?["no_consensus"] as? Int, 2)
        let unanimous = try exported(["--consensus", "unanimous", "--min-agreement", "1"])
        XCTAssertEqual(unanimous.chosen, ["second 3", "second 4"])
        XCTAssertEqual((unanimous.manifest["consensus"] as? [String: Any])?["method"] as? String, "unanimous")
        XCTAssertEqual((unanimous.manifest["consensus"] as? [String: Any])?["min_agreement"] as? Double, 1)
        XCTAssertEqual(try exported(["--annotators", "bob"]).chosen, ["first 1", "first 2", "second 3", "second 4"])
        XCTAssertEqual(try exported(["--exclude-annotators", "bob"]).chosen, ["second 1", "second 2", "second 3", "second 4"])
        XCTAssertEqual(try exported(["--consensus", "dawid-skene"]).chosen.count, 4, "Dawid-Skene decides the 1-1 items too")
        // Items 3-4: ann's strength 2 and bob's 1 average 1.5.
        XCTAssertEqual(try exported(["--min-strength", "1.5"]).chosen, ["second 3", "second 4"])
        XCTAssertEqual(try exported(["--min-strength", "1.6", "--allow-empty"]).chosen, [])
    }

    func testBadOptionsAreClearErrors() throws {
        _ = try populate(items: 1)
        let format = try run(["export", "--format", "csv", "--out", "x.jsonl"])
        XCTAssertNotEqual(format.status, 0)
        XCTAssertTrue(format.stderr.contains("--format must be one of"), format.stderr)
        let split = try run(["export", "--format", "trl", "--out", "x.jsonl", "--split", "train=0.5"])
        XCTAssertTrue(split.stderr.contains("invalid --split"), split.stderr)
        let snapshot = try run(["export", "--format", "trl", "--out", "x.jsonl", "--snapshot", "nope"])
        XCTAssertTrue(snapshot.stderr.contains("no snapshot \"nope\""), snapshot.stderr)
        XCTAssertNotEqual(try run(["verify", "missing.jsonl"]).status, 0)
    }

    /// The public HH-RLHF harmless test set, imported with its labels, re-exports as it was.
    func testHHRLHFRoundTrip() throws {
        let data = try CLI.sharedData("hh_rlhf/harmless-base_test.jsonl.gz")
        let imported = try run(["import", data.path, "--keep-labels"])
        guard imported.status == 0 else { return XCTFail("prefer import failed (is the importer merged?): \(imported.stderr)") }
        try runOK(["export", "--format", "trl", "--prompt-template", "hh", "--out", "hh.jsonl", "--with-metadata"])
        let rows = try jsonLines(try read("hh.jsonl"))

        let gunzip = Process()
        gunzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gunzip.arguments = ["gzip", "-dc", data.path]
        let pipe = Pipe()
        gunzip.standardOutput = pipe
        try gunzip.run()
        let original = try jsonLines(pipe.fileHandleForReading.readDataToEndOfFile())
        gunzip.waitUntilExit()
        XCTAssertEqual(original.count, 2312)
        // A transcript ending in an empty assistant turn has an empty completion, which export never writes
        // (4 rows of this file): every other row must come back.
        func blankEnding(_ s: Any?) -> Bool {
            let text = (s as? String ?? "")
            return text.hasSuffix("\n\nAssistant:") || text.hasSuffix("\n\nAssistant: ")
        }
        let blank = original.filter { blankEnding($0["chosen"]) || blankEnding($0["rejected"]) }.count
        XCTAssertEqual(rows.count, 2312 - blank)
        let manifest = try XCTUnwrap(JSONSerialization.jsonObject(with: try read("hh.jsonl.manifest.json")) as? [String: Any])
        XCTAssertEqual(((manifest["counts"] as? [String: Any])?["dropped"] as? [String: Any])?["empty_completion"] as? Int, blank)
        for row in rows {
            // Items are numbered in file order (the file has no ids), so the row id names the source line.
            let line = try XCTUnwrap(Int(row["id"] as? String ?? ""), "row without a numeric id")
            guard (1...original.count).contains(line) else { return XCTFail("row id \(line) is not a line of the file") }
            let source = original[line - 1]
            let prompt = try XCTUnwrap(row["prompt"] as? String)
            XCTAssertEqual(prompt + (row["chosen"] as? String ?? ""), source["chosen"] as? String, "line \(line): chosen")
            XCTAssertEqual(prompt + (row["rejected"] as? String ?? ""), source["rejected"] as? String, "line \(line): rejected")
        }
    }
}
