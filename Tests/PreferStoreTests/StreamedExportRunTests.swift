import XCTest
import GRDB
@testable import PreferCore
@testable import PreferStore

/// Majority and unanimous exports select item by item while streaming; they must give exactly what selecting
/// over all votes at once gives (the path Dawid-Skene still takes): same bytes, dataset version and counts.
final class StreamedExportRunTests: XCTestCase {
    /// A store of 40 items (every third with three responses), random votes by three annotators (ties and
    /// both-bad included, some changed later) and a few lead adjudications, one on a pair nobody voted on.
    private func randomStore(_ dir: TempDir, seed: UInt64, judgeInRandomOrder: Bool = false) throws -> SQLiteStore {
        var rng = SplitMix64(seed: seed)
        let store = try SQLiteStore(path: dir.path("r.sqlite"), create: true)
        var responseIDs: [[Int64]] = []
        var next: Int64 = 1
        _ = try store.importBatch(batch("r.jsonl"), keepLabelsAs: nil, again: false) { sink in
            for i in 1...40 {
                let k = i % 3 == 0 ? 3 : 2
                try sink.add(ImportedItem(prompt: [Message(role: "user", content: "q\(i) \"quoted\"\n")],
                                          responses: (0..<k).map { ImportedResponse(text: "r\(i)-\($0)") }, line: i))
                responseIDs.append((0..<Int64(k)).map { next + $0 })
                next += Int64(k)
            }
        }
        for a in ["ann", "bob", "cat"] { try store.addAnnotator(a, role: .annotator) }
        try store.addAnnotator("lead", role: .lead)
        // In random item order, judgment ids do not ascend with item ids (as when annotators work through a queue).
        var order = Array(responseIDs.indices)
        if judgeInRandomOrder { order.shuffle(using: &rng) }
        for index in order {
            let ids = responseIDs[index]
            let item = Int64(index + 1)
            for a in ["ann", "bob", "cat"] where Int.random(in: 0..<4, using: &rng) > 0 {
                let pairs = ids.count == 3 ? [(ids[0], ids[1]), (ids[1], ids[2])] : [(ids[0], ids[1])]
                for (x, y) in pairs {
                    let (left, right) = Bool.random(using: &rng) ? (x, y) : (y, x)
                    let bothBad = Int.random(in: 0..<10, using: &rng) == 0
                    let choice = bothBad ? 0 : Int.random(in: -3...3, using: &rng)
                    let id = try store.appendJudgment(NewJudgment(itemID: item, annotator: a, leftResponseID: left,
                                                                  rightResponseID: right, choice: choice, bothBad: bothBad))
                    if Int.random(in: 0..<8, using: &rng) == 0 {  // changed later: only the new one counts
                        _ = try store.appendJudgment(NewJudgment(itemID: item, annotator: a, leftResponseID: left, rightResponseID: right,
                                                             choice: -choice, bothBad: false, supersedes: id))
                    }
                }
            }
            if index % 7 == 3 {  // a lead's word; on three-response items, on the pair nobody voted on
                let (x, y) = ids.count == 3 ? (ids[0], ids[2]) : (ids[0], ids[1])
                try store.pool.write { db in
                    try db.execute(sql: """
                        INSERT INTO adjudication (item_id, lead, first_response_id, second_response_id, label, created_at)
                        VALUES (?, 'lead', ?, ?, ?, 0)
                        """, arguments: [item, x, y, ["A", "B", "tie", "both_bad"][index % 4]])
                }
            }
        }
        return store
    }

    private func assertSame(_ store: SQLiteStore, _ request: ExportRequest, file: StaticString = #filePath, line: UInt = #line) throws {
        let streamedSink = ExportDigest(options: request.options), allSink = ExportDigest(options: request.options)
        let streamed = try ExportRun.run(store: store, request: request, sink: streamedSink)
        let all = try ExportRun.runWithAllVotes(store: store, request: request, sink: allSink)
        XCTAssertEqual(streamedSink.finish().map(\.sha256), allSink.finish().map(\.sha256), file: file, line: line)
        XCTAssertEqual(streamedSink.counts, allSink.counts, file: file, line: line)
        XCTAssertEqual(streamed.datasetVersion, all.datasetVersion, file: file, line: line)
        XCTAssertEqual(streamed.batchIDs, all.batchIDs, file: file, line: line)
        XCTAssertEqual(streamed.itemsUsed, all.itemsUsed, file: file, line: line)
        let s = streamed.selection, a = all.selection
        XCTAssertEqual(s.dropped, a.dropped, file: file, line: line)
        XCTAssertEqual(s.judgmentsUsed, a.usedJudgments.count, file: file, line: line)
        XCTAssertEqual(s.usedAdjudications, a.usedAdjudications, file: file, line: line)
        XCTAssertEqual(s.itemsWithCycles, a.itemsWithCycles, file: file, line: line)
        XCTAssertEqual(s.ratedPairs, a.ratedPairs, file: file, line: line)
        XCTAssertEqual(s.agreement, a.agreement, file: file, line: line)
        func byName(_ r: ExportRunResult) -> [String: Int] {
            Dictionary(uniqueKeysWithValues: r.selection.judgmentsPerAnnotator.map { (r.annotatorNames[Int($0.key)], $0.value) })
        }
        XCTAssertEqual(byName(streamed), byName(all), file: file, line: line)
    }

    func testStreamedSelectionEqualsSelectionOverAllVotes() throws {
        for seed: UInt64 in [1, 2, 3] {
            let dir = try TempDir()
            let store = try randomStore(dir, seed: seed)
            for method in [ConsensusMethod.majority, .unanimous] {
                for format in [ExportFormat.trl, .kto, .reward] {
                    let options = ExportOptions(format: format, withMetadata: true, keepBothBad: format == .kto)
                    try assertSame(store, ExportRequest(options: options, selection: SelectionOptions(method: method), filter: VoteFilter()))
                }
                let strict = SelectionOptions(method: method, minAgreement: 0.6, minJudgments: 2, minStrength: 1.5)
                try assertSame(store, ExportRequest(options: ExportOptions(format: .trl), selection: strict, filter: VoteFilter()))
                try assertSame(store, ExportRequest(options: ExportOptions(format: .trl), selection: SelectionOptions(method: method),
                                                    filter: VoteFilter(excludeAnnotators: ["bob"])))
            }
        }
    }

    func testJudgmentsMadeOutOfItemOrderGiveTheSameDatasetVersion() throws {
        // The streamed run meets used judgments in item order and re-reads them by id for the dataset hash.
        for seed: UInt64 in [5, 6] {
            let dir = try TempDir()
            let store = try randomStore(dir, seed: seed, judgeInRandomOrder: true)
            for method in [ConsensusMethod.majority, .unanimous] {
                try assertSame(store, ExportRequest(options: ExportOptions(format: .trl), selection: SelectionOptions(method: method),
                                                    filter: VoteFilter()))
            }
        }
    }

    func testALateJudgmentOnAnEarlierItemGivesTheSameDatasetVersion() throws {
        // 1,500 items judged once each in item order, then a second judgment on item 1,499: the run hashes
        // judgments as they stream (more than one batch of them reach the writer thread) until item 1,500 shows
        // the order broken, then starts over from the store, by id.
        let dir = try TempDir()
        let store = try SQLiteStore(path: dir.path("late.sqlite"), create: true)
        let n = 1_500
        _ = try store.importBatch(batch("late.jsonl"), keepLabelsAs: nil, again: false) { sink in
            for i in 1...n {
                try sink.add(ImportedItem(prompt: [Message(role: "user", content: "q\(i)")],
                                          responses: [ImportedResponse(text: "a\(i)"), ImportedResponse(text: "b\(i)")], line: i))
            }
        }
        for a in ["ann", "bob"] { try store.addAnnotator(a, role: .annotator) }
        let responses = try store.pool.read { db in try Row.fetchAll(db, sql: "SELECT item_id, id FROM response ORDER BY id") }
        var ids: [Int64: [Int64]] = [:]
        for r in responses { ids[r[0], default: []].append(r[1]) }
        func judge(_ item: Int64, _ annotator: String) throws {
            guard let pair = ids[item], pair.count == 2 else { return XCTFail("item \(item) has no two responses") }
            _ = try store.appendJudgment(NewJudgment(itemID: item, annotator: annotator, leftResponseID: pair[0],
                                                     rightResponseID: pair[1], choice: -1, bothBad: false))
        }
        for item in 1...Int64(n) { try judge(item, "ann") }
        try judge(Int64(n) - 1, "bob")
        try assertSame(store, ExportRequest(options: ExportOptions(format: .trl), selection: SelectionOptions(), filter: VoteFilter()))
    }

    func testAFailingSinkFailsTheExport() throws {
        final class FailingSink: ExportPairSink {
            struct Full: Error {}
            var counts = ExportCounts()
            var added = 0
            func add(_ pair: ExportPair) throws {
                added += 1
                if added == 3 { throw Full() }
            }
        }
        let dir = try TempDir()
        let store = try randomStore(dir, seed: 8)
        for method in [ConsensusMethod.majority, .dawidSkene] {
            let sink = FailingSink()
            let request = ExportRequest(options: ExportOptions(format: .trl), selection: SelectionOptions(method: method), filter: VoteFilter())
            XCTAssertThrowsError(try ExportRun.run(store: store, request: request, sink: sink)) { XCTAssertTrue($0 is FailingSink.Full, "\($0)") }
            XCTAssertEqual(sink.added, 3, "nothing reaches the sink after its error")
        }
    }

    func testStreamedRunExportsPairsOnlyAnAdjudicationDecided() throws {
        let dir = try TempDir()
        let store = try randomStore(dir, seed: 4)
        let run = try ExportRun.run(store: store, request: ExportRequest(options: ExportOptions(format: .trl),
                                                                         selection: SelectionOptions(), filter: VoteFilter()),
                                    sink: ExportDigest(options: ExportOptions(format: .trl)))
        XCTAssertFalse(run.selection.usedAdjudications.isEmpty, "the lead's labels enter the export")
    }
}
