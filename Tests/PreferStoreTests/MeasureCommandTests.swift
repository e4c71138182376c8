import XCTest
@testable import PreferCore
@testable import PreferStore

/// `prefer agreement` and `prefer scores` run as a process on a project made with `prefer init`.
final class MeasureCommandTests: XCTestCase {
    private struct Run { let status: Int32; let out: String; let err: String }

    private func prefer(_ args: [String]) throws -> Run {
        let tool = productsDirectory.appendingPathComponent("prefer")
        guard FileManager.default.isExecutableFile(atPath: tool.path) else { throw XCTSkip("prefer not built at \(tool.path)") }
        let p = Process()
        p.executableURL = tool
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "PREFER_PROJECT")
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    /// A project with 4 items judged by `annotators` (p prefers the first response, the others mostly too).
    private func project(_ dir: TempDir, annotators: [String]) throws -> String {
        let root = dir.path("proj")
        XCTAssertEqual(try prefer(["init", root]).status, 0)
        let store = try SQLiteStore(path: root + "/prefer.sqlite")
        _ = try store.importBatch(batch("p.jsonl"), keepLabelsAs: nil, again: false) { sink in
            for n in 1...4 { try sink.add(pairItem(n)) }
        }
        for (k, a) in annotators.enumerated() {
            try store.addAnnotator(a, role: .annotator)
            for item in Int64(1)...4 {
                let ids = try store.displayItem(item).responses.keys.sorted()
                let choice = k == 1 && item == 4 ? 2 : -1
                _ = try store.appendJudgment(NewJudgment(itemID: item, annotator: a, leftResponseID: ids[0], rightResponseID: ids[1],
                                                         choice: choice, scores: ["helpful": SidePair(left: 4, right: 2)]))
            }
        }
        return root
    }

    func testDisputesListsTheSplitItemUntilALeadSettlesIt() throws {
        let dir = try TempDir()
        let root = try project(dir, annotators: ["p", "q"])  // p and q disagree on item 4 only
        var run = try prefer(["disputes", "--project", root, "--format", "json"])
        XCTAssertEqual(run.status, 0, run.err)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        XCTAssertEqual(json["disputed"] as? Int, 1)
        XCTAssertEqual(json["units_with_votes"] as? Int, 4)
        let d = try XCTUnwrap((json["disputes"] as? [[String: Any]])?.first)
        XCTAssertEqual(d["item"] as? Int, 4)
        XCTAssertEqual(d["id"] as? String, "item-4", "the import file's id")
        XCTAssertEqual(d["responses"] as? [Int], [1, 2])
        XCTAssertEqual(d["votes"] as? [String: Int], ["A": 1, "B": 1])
        XCTAssertEqual((d["voters"] as? [[String: String]])?.map { $0["annotator"]! + " " + $0["label"]! }, ["p A", "q B"])
        XCTAssertTrue(d["majority"] is NSNull)

        run = try prefer(["disputes", "--project", root])
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertTrue(run.out.contains("1 disputed of 4 items with votes"), run.out)
        XCTAssertTrue(run.out.contains("p A, q B") && run.out.contains("item-4"), run.out)
        XCTAssertTrue(run.out.contains("prefer adjudicate 4 --responses 1,2"), run.out)

        XCTAssertEqual(try prefer(["annotators", "add", "boss", "--role", "lead", "--project", root]).status, 0)
        let settle = try prefer(["adjudicate", "4", "--prefer", "B", "--project", root, "--as", "boss"])
        XCTAssertEqual(settle.status, 0, settle.err)
        run = try prefer(["disputes", "--project", root])
        XCTAssertTrue(run.out.contains("0 disputed of 4 items with votes") && run.out.contains("Nothing to settle."), run.out)
        run = try prefer(["disputes", "--project", root, "--include-adjudicated", "--format", "json"])
        let settled = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])?["disputes"] as? [[String: Any]])
        XCTAssertEqual(settled.first?["adjudicated"] as? String, "B")
        XCTAssertNotEqual(try prefer(["disputes", "--project", root, "--format", "csv"]).status, 0)
    }

    func testAgreementAndScoresOnAProject() throws {
        let dir = try TempDir()
        let root = try project(dir, annotators: ["p", "q"])
        let run = try prefer(["agreement", "--project", root, "--format", "json"])
        XCTAssertEqual(run.status, 0, run.err)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        XCTAssertEqual(json["n_votes"] as? Int, 8)
        let group = try XCTUnwrap((json["groups"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(group.keys), ["group", "n_votes", "choice_nominal", "choice_ordinal", "criteria", "annotators"])
        // The template rubric has helpful and harmless; nobody scored harmless, so it is a note instead.
        XCTAssertEqual(Set((group["criteria"] as? [String: Any])?.keys.map { $0 } ?? []), ["helpful"])
        XCTAssertEqual(json["notes"] as? [String], ["criterion harmless: no scores yet"])
        let nominal = try XCTUnwrap(group["choice_nominal"] as? [String: Any])
        XCTAssertEqual(nominal["percent_agreement"] as? Double ?? .nan, 0.75, accuracy: 1e-12)  // 3 of 4 units agree

        let byAnnotator = try prefer(["agreement", "--project", root, "--by", "annotator", "--format", "csv"])
        XCTAssertEqual(byAnnotator.status, 0, byAnnotator.err)
        XCTAssertTrue(byAnnotator.out.hasPrefix("group,measure,statistic,annotator_a,annotator_b,n,value,reason,ci_lower,ci_upper\n"))
        XCTAssertTrue(byAnnotator.out.contains("\nq,annotator,gold_accuracy,q,"))

        let criterion = try prefer(["agreement", "--project", root, "--criterion", "nope"])
        XCTAssertNotEqual(criterion.status, 0)
        XCTAssertTrue(criterion.err.contains("no rubric criterion \"nope\""), criterion.err)

        let scores = try prefer(["scores", "--project", root, "--format", "json", "--bootstrap", "20"])
        XCTAssertEqual(scores.status, 0, scores.err)
        let s = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(scores.out.utf8)) as? [String: Any])
        XCTAssertEqual(s["ranking"] as? [String], ["m1", "m2"])
        XCTAssertEqual(s["n_decisive"] as? Int, 8)
        XCTAssertEqual(try prefer(["scores", "--project", root]).status, 0)
    }

    func testOneAnnotatorIsANoteAndAMissingProjectAnError() throws {
        let dir = try TempDir()
        let root = try project(dir, annotators: ["p"])
        let run = try prefer(["agreement", "--project", root, "--format", "json"])
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertTrue(run.err.contains("only one annotator"), run.err)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        let nominal = try XCTUnwrap((json["groups"] as? [[String: Any]])?.first?["choice_nominal"] as? [String: Any])
        XCTAssertTrue(nominal["krippendorff_alpha"] is NSNull)
        XCTAssertTrue(nominal["krippendorff_alpha_reason"] is String)

        let missing = try prefer(["agreement", "--project", dir.path("nowhere")])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertFalse(missing.err.isEmpty)
        let level = try prefer(["agreement", "--project", root, "--level", "ordinal"])
        XCTAssertNotEqual(level.status, 0)
        XCTAssertTrue(level.err.contains("--level applies to --ratings"), level.err)
    }
}
