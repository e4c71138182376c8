import XCTest
import GRDB
@testable import PreferCore
@testable import PreferStore

/// Export through the SQLite store: votes and adjudications as stored, texts streamed, rows parsed back.
final class ExportStoreTests: XCTestCase {
    /// A store with `n` two-response items (response ids 2i-1, 2i) and annotators ann, bob, cat and a lead.
    private func makeStore(_ dir: TempDir, items n: Int = 3, gold: [Int: GoldAnswer] = [:], labels: Bool = false) throws -> SQLiteStore {
        let store = try SQLiteStore(path: dir.path("e.sqlite"), create: true)
        _ = try store.importBatch(batch("e.jsonl", sha: "sha-e"), keepLabelsAs: labels ? "source:e" : nil, again: false) { sink in
            for i in 1...n { try sink.add(pairItem(i, gold: gold[i], label: labels ? SourceLabel(preferred: 0, other: 1) : nil)) }
        }
        for a in ["ann", "bob", "cat"] { try store.addAnnotator(a, role: .annotator) }
        try store.addAnnotator("lead", role: .lead)
        return store
    }

    /// Appends a screen-terms judgment.
    @discardableResult
    private func judge(_ store: SQLiteStore, _ item: Int64, _ who: String, left: Int64, right: Int64, _ choice: Int,
                       bothBad: Bool = false, guideline: Int64? = nil) throws -> Int64 {
        try store.appendJudgment(NewJudgment(itemID: item, annotator: who, leftResponseID: left, rightResponseID: right,
                                             choice: choice, bothBad: bothBad, guidelineVersion: guideline))
    }

    private func adjudicate(_ store: SQLiteStore, _ item: Int64, first: Int64, second: Int64, _ label: String,
                            supersedes: Int64? = nil) throws -> Int64 {
        try store.pool.write { db in
            try db.execute(sql: """
                INSERT INTO adjudication (item_id, lead, first_response_id, second_response_id, label, created_at, supersedes_id)
                VALUES (?, 'lead', ?, ?, ?, 0, ?)
                """, arguments: [item, first, second, label, supersedes])
            return db.lastInsertedRowID
        }
    }

    private struct Exported {
        var rows: [[String: Any]]
        var bytes: Data
        var run: ExportRunResult
        var counts: ExportCounts
    }

    private func export(_ store: SQLiteStore, _ dir: TempDir, format: ExportFormat = .trl, selection: SelectionOptions = SelectionOptions(),
                        filter: VoteFilter = VoteFilter(), keepBothBad: Bool = false) throws -> Exported {
        let path = dir.path("out-\(UUID().uuidString).jsonl")
        let request = ExportRequest(options: ExportOptions(format: format, withMetadata: true, keepBothBad: keepBothBad),
                                    selection: selection, filter: filter)
        let writer = try ExportWriter(options: request.options, target: path)
        let run = try ExportRun.run(store: store, request: request, sink: writer)
        _ = try writer.commit()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let rows = try bytes.split(separator: 0x0A).map { line in
            try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        }
        return Exported(rows: rows, bytes: bytes, run: run, counts: writer.counts)
    }

    func testEveryFormatThroughTheStoreFollowsResponseIdentity() throws {
        let dir = try TempDir()
        let store = try makeStore(dir, items: 1)
        // Both saw response 2 on the left and preferred the left one: response 2 ("answer B 1") is chosen.
        try judge(store, 1, "ann", left: 2, right: 1, -3)
        try judge(store, 1, "bob", left: 1, right: 2, 2)
        let trl = try export(store, dir, format: .trl)
        XCTAssertEqual(trl.rows.count, 1)
        XCTAssertEqual(trl.rows[0]["prompt"] as? String, "question 1")
        XCTAssertEqual(trl.rows[0]["chosen"] as? String, "answer B 1")
        XCTAssertEqual(trl.rows[0]["rejected"] as? String, "answer A 1")
        XCTAssertEqual(trl.rows[0]["id"] as? String, "item-1")
        XCTAssertEqual(trl.rows[0]["n_judgments"] as? Int, 2)
        XCTAssertEqual(trl.rows[0]["strength"] as? Double, 2.5)

        let conv = try export(store, dir, format: .trlConversational)
        XCTAssertEqual((conv.rows[0]["chosen"] as? [[String: String]])?.first?["content"], "answer B 1")
        XCTAssertEqual((conv.rows[0]["prompt"] as? [[String: String]])?.first?["role"], "user")

        let kto = try export(store, dir, format: .kto)
        XCTAssertEqual(kto.rows.map { $0["completion"] as? String }, ["answer B 1", "answer A 1"])
        XCTAssertEqual(kto.rows.map { $0["label"] as? Bool }, [true, false])

        let openai = try export(store, dir, format: .openai)
        XCTAssertEqual((openai.rows[0]["preferred_output"] as? [[String: String]])?.first?["content"], "answer B 1")
        XCTAssertEqual(((openai.rows[0]["input"] as? [String: Any])?["messages"] as? [[String: String]])?.first?["content"], "question 1")

        let reward = try export(store, dir, format: .reward)
        XCTAssertEqual(try XCTUnwrap(reward.rows[0]["margin"] as? Double), (3.0 + 2) / 2 / 3, accuracy: 1e-12)
    }

    func testAdjudicationInForceIsTheNewestNotSupersededAndFollowsIdentity() throws {
        let dir = try TempDir()
        let store = try makeStore(dir, items: 2)
        try judge(store, 1, "ann", left: 1, right: 2, -3)
        try judge(store, 1, "bob", left: 1, right: 2, -3)
        try judge(store, 2, "ann", left: 3, right: 4, -3)
        // Item 1: first "A" (response 1), then superseded by "B" written with the responses in reverse order,
        // so "B" names response 1 again; then a newer row for the same pair saying "A" (= response 2).
        let first = try adjudicate(store, 1, first: 1, second: 2, "A")
        _ = try adjudicate(store, 1, first: 2, second: 1, "B", supersedes: first)
        _ = try adjudicate(store, 1, first: 2, second: 1, "A")
        // Item 2: the lead calls it a tie.
        _ = try adjudicate(store, 2, first: 3, second: 4, "tie")
        let inForce = try store.exportAdjudications(snapshot: nil)
        XCTAssertEqual(inForce.map(\.label), [.b, .tie], "item 1: newest row, label flipped to the lower-id-first order")
        let out = try export(store, dir)
        XCTAssertEqual(out.rows.map { $0["chosen"] as? String }, ["answer B 1"], "the lead overrides two votes for response 1")
        XCTAssertEqual(out.run.selection.dropped, [.tie: 1])
    }

    func testVoteFiltersAndGold() throws {
        let dir = try TempDir()
        let store = try makeStore(dir, items: 3, gold: [3: .a], labels: true)
        let guideline = try store.recordGuidelines("v2").id
        try judge(store, 1, "ann", left: 1, right: 2, 3, guideline: guideline)   // response 2, against the source label
        try judge(store, 1, "bob", left: 1, right: 2, 3)
        let all = try export(store, dir)
        XCTAssertEqual(all.rows.map { $0["chosen"] as? String }, ["answer B 1", "answer A 2", "answer A 3"],
                       "item 1: ann and bob outvote the source label; items 2-3: the source labels")
        XCTAssertEqual(try export(store, dir, filter: VoteFilter(includeSources: false)).rows.count, 1)
        XCTAssertEqual(try export(store, dir, selection: SelectionOptions(excludeGold: true)).rows.count, 2)
        let onlyAnn = try export(store, dir, filter: VoteFilter(annotators: ["ann"]))
        XCTAssertEqual(onlyAnn.rows.map { $0["chosen"] as? String }, ["answer B 1"])
        // Without bob, item 1 is 1-1 between ann and the source label: no consensus.
        let noBob = try export(store, dir, filter: VoteFilter(excludeAnnotators: ["bob"]))
        XCTAssertEqual(noBob.run.selection.dropped, [.noConsensus: 1])
        XCTAssertEqual(try export(store, dir, filter: VoteFilter(guidelineVersion: guideline)).rows.count, 1)
        let names = Dictionary(uniqueKeysWithValues: all.run.selection.judgmentsPerAnnotator.map { (all.run.annotatorNames[Int($0.key)], $0.value) })
        XCTAssertEqual(names, ["source:e": 3, "ann": 1, "bob": 1])
    }

    func testThreeResponseItemExportsImpliedPair() throws {
        let dir = try TempDir()
        let store = try SQLiteStore(path: dir.path("k.sqlite"), create: true)
        _ = try store.importBatch(batch("k.jsonl"), keepLabelsAs: nil, again: false) { sink in
            try sink.add(ImportedItem(prompt: [Message(role: "user", content: "q")],
                                      responses: ["best", "middle", "worst"].map { ImportedResponse(text: $0) }, line: 1))
        }
        try store.addAnnotator("ann", role: .annotator)
        try judge(store, 1, "ann", left: 1, right: 2, -2)
        try judge(store, 1, "ann", left: 3, right: 2, 1)
        let out = try export(store, dir)
        XCTAssertEqual(out.rows.map { [$0["chosen"] as? String, $0["rejected"] as? String] },
                       [["best", "middle"], ["best", "worst"], ["middle", "worst"]])
    }

    func testSnapshotFreezesLabelsDiffsAndAudits() throws {
        let dir = try TempDir()
        let store = try makeStore(dir, items: 2)
        let j1 = try judge(store, 1, "ann", left: 1, right: 2, -2)
        try judge(store, 2, "ann", left: 3, right: 4, 1)
        let snap = try store.createSnapshot(tag: "v1", note: "first", by: "lead")
        XCTAssertEqual(snap.judgments, 2)
        XCTAssertThrowsError(try store.createSnapshot(tag: "v1", note: "", by: "lead"))
        let frozen = try export(store, dir, filter: VoteFilter(snapshot: "v1"))

        // Later: ann changes item 1, bob adds a vote on item 2, ann's item 2 vote is undone.
        try judge(store, 1, "ann", left: 1, right: 2, 3)
        try judge(store, 2, "bob", left: 3, right: 4, -1)
        let current = try store.currentJudgments(annotator: "ann").first { $0.itemID == 2 }
        _ = try store.undoJudgment(try XCTUnwrap(current).id, by: "ann")
        XCTAssertNotEqual(try export(store, dir).bytes, frozen.bytes)
        let again = try export(store, dir, filter: VoteFilter(snapshot: "v1"))
        XCTAssertEqual(again.bytes, frozen.bytes, "the snapshot exports exactly as before")
        XCTAssertEqual(again.run.datasetVersion, frozen.run.datasetVersion)

        _ = try store.createSnapshot(tag: "v2", note: "", by: "lead")
        let d = SnapshotDiff.between(try store.snapshotLabels(tag: "v1"), try store.snapshotLabels(tag: "v2"))
        XCTAssertEqual(d, SnapshotDiff(added: 1, changed: 1, removed: 1, unchanged: 0))
        XCTAssertEqual(try store.snapshots().map(\.tag), ["v1", "v2"])
        XCTAssertNotEqual(try store.snapshots().map(\.contentHash)[0], try store.snapshots().map(\.contentHash)[1])
        XCTAssertEqual(try store.auditLog().filter { $0.action == "snapshot" }.count, 2)
        XCTAssertThrowsError(try store.exportVotes(VoteFilter(snapshot: "nope"))) { error in
            XCTAssertTrue("\(error)".contains("no snapshot \"nope\""))
        }
        _ = j1
    }

    func testSameStateGivesSameBytesAndHashAndNewVotesChangeTheHash() throws {
        let dir = try TempDir()
        let store = try makeStore(dir, items: 3)
        for i in Int64(1)...3 { try judge(store, i, "ann", left: 2 * i, right: 2 * i - 1, -1) }
        let a = try export(store, dir), b = try export(store, dir)
        XCTAssertEqual(a.bytes, b.bytes)
        XCTAssertEqual(a.run.datasetVersion, b.run.datasetVersion)
        try judge(store, 2, "bob", left: 3, right: 4, 1)
        XCTAssertNotEqual(try export(store, dir).run.datasetVersion, a.run.datasetVersion)
    }

    func testStreamExportItemsJoinsTheRightTextsAndSkipsOthers() throws {
        let dir = try TempDir()
        let store = try makeStore(dir, items: 6)
        var seen: [(Int64, ResponseTexts)] = []
        try store.streamExportItems([2, 5, 6]) { seen.append(($0.id, $0.responses)) }
        XCTAssertEqual(seen.map(\.0), [2, 5, 6])
        XCTAssertEqual(seen.map(\.1.count), [2, 2, 2])
        XCTAssertEqual([seen[1].1[9], seen[1].1[10]], ["answer A 5", "answer B 5"])
        XCTAssertEqual([seen[2].1[11], seen[2].1[12]], ["answer A 6", "answer B 6"])
        XCTAssertNil(seen[2].1[9], "another item's response")
    }
}

extension ExportStoreTests {
    /// Agreement in the manifest, checked by hand (Krippendorff 2011 coincidence method):
    /// item 1 votes {first, first, second}, item 2 {second, second, second}. Percent agreement pooled:
    /// (1 + 3) agreeing pairs / 6 pairs. Alpha: o_AA = 1, o_AB = o_BA = 1, o_BB = 3; n_A = 2, n_B = 4, n = 6;
    /// D_o = 2/6, D_e = 2·2·4/(6·5) = 16/30, alpha = 1 − (2/6)/(16/30) = 0.375.
    func testManifestAgreementFiguresMatchAHandComputation() throws {
        let dir = try TempDir()
        let store = try SQLiteStore(path: dir.path("m.sqlite"), create: true)
        _ = try store.importBatch(batch("m.jsonl", sha: "sha-m"), keepLabelsAs: nil, again: false) { sink in
            for i in 1...2 { try sink.add(pairItem(i)) }
        }
        for a in ["ann", "bob", "cat"] { try store.addAnnotator(a, role: .annotator) }
        let votes: [(Int64, String, Int)] = [(1, "ann", -1), (1, "bob", -2), (1, "cat", 1), (2, "ann", 1), (2, "bob", 2), (2, "cat", 3)]
        for (item, who, choice) in votes {
            _ = try store.appendJudgment(NewJudgment(itemID: item, annotator: who, leftResponseID: 2 * item - 1,
                                                     rightResponseID: 2 * item, choice: choice))
        }
        let request = ExportRequest(options: ExportOptions(), selection: SelectionOptions(), filter: VoteFilter())
        let digest = ExportDigest(options: request.options)
        let run = try ExportRun.run(store: store, request: request, sink: digest)
        let lineage = try store.exportLineage(batchIDs: run.batchIDs, guidelineIDs: [], rubricIDs: [])
        let m = ExportManifestBuilder.manifest(commandLine: ["prefer", "export"], createdAt: "t", request: request, run: run,
                                               lineage: lineage, counts: digest.counts, files: [])
        let agreement = try XCTUnwrap(m.agreement)
        XCTAssertEqual(try XCTUnwrap(agreement["percent_agreement"]?.numberValue), 4.0 / 6, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(agreement["krippendorff_alpha_nominal"]?.numberValue), 0.375, accuracy: 1e-12)
        XCTAssertEqual(m.annotators.map(\.judgments), [2, 2, 2])
        XCTAssertEqual(m.sourceBatches.map(\.sha256), ["sha-m"])
        XCTAssertEqual(m.counts.dropped["no_consensus"], 0)
        XCTAssertEqual(m.counts.exported, 2)
    }
}
