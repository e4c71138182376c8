import XCTest
@testable import PreferCore
@testable import PreferStore

/// Agreement, annotator quality, consensus and model scores computed from judgments stored in SQLite.
final class MeasureTests: XCTestCase {
    /// A store with `items` two-response items (models m1, m2) in one batch and the named annotators.
    private func store(_ dir: TempDir, items: Int, gold: GoldAnswer? = nil, annotators: [String]) throws -> SQLiteStore {
        let store = try SQLiteStore(path: dir.path("m.sqlite"), create: true)
        _ = try store.importBatch(batch("m.jsonl"), keepLabelsAs: nil, again: false) { sink in
            for n in 1...items { try sink.add(pairItem(n, gold: gold)) }
        }
        for a in annotators { try store.addAnnotator(a, role: .annotator) }
        return store
    }

    /// The response ids of an item in import order (position 0, position 1).
    private func responses(_ store: SQLiteStore, _ item: Int64) throws -> (Int64, Int64) {
        let ids = try store.displayItem(item).responses.keys.sorted()
        return (ids[0], ids[1])
    }

    /// Appends a judgment with the responses shown in import order or swapped.
    @discardableResult
    private func judge(_ store: SQLiteStore, _ item: Int64, _ annotator: String, choice: Int, swapped: Bool = false,
                       bothBad: Bool = false, at seconds: Double = 0, active: Double = 5, guideline: Int64? = nil,
                       scores: [String: SidePair<Int>] = [:]) throws -> Int64 {
        let (a, b) = try responses(store, item)
        return try store.appendJudgment(NewJudgment(
            itemID: item, annotator: annotator, leftResponseID: swapped ? b : a, rightResponseID: swapped ? a : b,
            choice: choice, bothBad: bothBad, scores: scores, guidelineVersion: guideline,
            submittedAt: Date(timeIntervalSince1970: 1_800_000_000 + seconds), activeSeconds: active))
    }

    private func report(_ store: SQLiteStore, _ options: MeasureOptions = MeasureOptions()) throws -> MeasureReport {
        try MeasureReport.compute(votes: store.votes(), adjudications: store.adjudications(), options: options, sourceLabels: true)
    }

    func testSwappedJudgmentCountsForTheRightResponse() throws {
        let dir = try TempDir()
        let s = try store(dir, items: 1, annotators: ["ann", "bob"])
        // ann sees the second response on the left and says "left much better"; bob sees import order, "right better".
        try judge(s, 1, "ann", choice: -3, swapped: true)
        try judge(s, 1, "bob", choice: 1)
        let r = try report(s)
        let group = try XCTUnwrap(r.groups.first)
        XCTAssertEqual(group.choiceNominal?.percentAgreement.value, 1, "both prefer the second response")
        XCTAssertEqual(ChoiceUnits(try s.votes()).ordinalTable().values(ofItem: 0), [3, 1])
        XCTAssertEqual(r.consensus.first?.majority, "B")
        let scores = try ModelScoresReport.compute(try s.votes(), ties: .half, bootstrap: 0, seed: 1, unknown: .group)
        XCTAssertEqual(scores.result.models.map(\.wins), [0, 2], "m2 (the second response) wins both")
    }

    func testPositionBiasIsComputedOnShownSides() throws {
        let dir = try TempDir()
        let s = try store(dir, items: 6, annotators: ["lefty"])
        // Always the left pane, with the display order alternating: in identity terms the choices alternate A, B.
        for item in 1...6 { try judge(s, Int64(item), "lefty", choice: -1, swapped: item % 2 == 0) }
        XCTAssertEqual(try s.votes().map(\.preference), [.a, .b, .a, .b, .a, .b])
        let q = try XCTUnwrap(try report(s).groups.first?.annotators.first)
        XCTAssertEqual(q.positionBias.left, 6)
        XCTAssertEqual(q.positionBias.right, 0)
        XCTAssertEqual(q.positionBias.pValue, 2.0 / 64.0, accuracy: 1e-12)  // two-sided exact binomial, 6 of 6
    }

    func testGoldAccuracyAgainstTheUnswappedPreference() throws {
        let dir = try TempDir()
        let s = try store(dir, items: 3, gold: .b, annotators: ["gina"])
        try judge(s, 1, "gina", choice: 2)                  // right = second response = gold B: correct
        try judge(s, 2, "gina", choice: -2, swapped: true)  // left = second response: correct
        try judge(s, 3, "gina", choice: 2, swapped: true)   // right = first response: wrong
        let q = try XCTUnwrap(try report(s).groups.first?.annotators.first)
        XCTAssertEqual(q.goldCompared, 3)
        XCTAssertEqual(q.goldCorrect, 2)
        XCTAssertEqual(q.goldAccuracy ?? -1, 2.0 / 3.0, accuracy: 1e-12)
    }

    func testDriftWindowsInSubmissionOrder() throws {
        let dir = try TempDir()
        let s = try store(dir, items: 150, annotators: ["x", "y"])
        // x agrees with y on the first 100 judgments in time, then always disagrees.
        for item in (1...150).reversed() {
            try judge(s, Int64(item), "y", choice: -1, at: Double(item))
            // Shown swapped on every third item: the screen choice flips so the response preferred stays the same.
            let swapped = item % 3 == 0
            try judge(s, Int64(item), "x", choice: (item <= 100 ? -1 : 1) * (swapped ? -1 : 1), swapped: swapped, at: Double(item))
        }
        let x = try XCTUnwrap(try report(s).groups.first?.annotators.first { $0.annotator == "x" })
        XCTAssertEqual(x.drift.map(\.window), ["1-100", "101-150"])
        XCTAssertEqual(x.drift.map(\.agreement), [1, 0])
        XCTAssertEqual(x.consensusAgreement ?? -1, 100.0 / 150.0, accuracy: 1e-12)
    }

    func testBradleyTerryScoresFromJudgmentsWithModelNames() throws {
        let dir = try TempDir()
        let s = try store(dir, items: 5, annotators: ["p"])
        try judge(s, 1, "p", choice: 2)                 // m2
        try judge(s, 2, "p", choice: -1, swapped: true) // left = m2
        try judge(s, 3, "p", choice: 3)                 // m2
        try judge(s, 4, "p", choice: -1)                // m1
        try judge(s, 5, "p", choice: 0, bothBad: true)  // tie, dropped with --ties drop
        let r = try ModelScoresReport.compute(try s.votes(), ties: .drop, bootstrap: 0, seed: 1, unknown: .group)
        // Two models, m2 wins 3 of 4: P(m2 beats m1) = 3/4, so s2 - s1 = ln 3, centred at 0.
        XCTAssertEqual(r.result.ranking, ["m2", "m1"])
        XCTAssertEqual(r.result.models[1].score ?? .nan, log(3) / 2, accuracy: 1e-8)
        XCTAssertEqual(r.result.winRate[1][0] ?? .nan, 0.75, accuracy: 1e-12)
        XCTAssertEqual(r.result.models.map(\.ties), [1, 1])
        let half = try ModelScoresReport.compute(try s.votes(), ties: .half, bootstrap: 50, seed: 3, unknown: .group)
        // With the tie as half a win each: 3.5 of 5, s2 - s1 = ln(3.5 / 1.5).
        XCTAssertEqual(half.result.models[1].score ?? .nan, log(3.5 / 1.5) / 2, accuracy: 1e-8)
        XCTAssertNotNil(half.result.models[1].ciLow)
        let json = try JSONSerialization.jsonObject(with: half.jsonData()) as? [String: Any]
        XCTAssertEqual((json?["win_rate"] as? [String: [String: Double]])?["m2"]?["m1"] ?? .nan, 0.7, accuracy: 1e-12)
        XCTAssertTrue(json?["undefined_reason"] is NSNull)
    }

    func testGroupingByBatchGuidelineAnnotatorAndCriterion() throws {
        let dir = try TempDir()
        let s = try store(dir, items: 2, annotators: ["p", "q", "r"])
        _ = try s.importBatch(batch("second.jsonl"), keepLabelsAs: nil, again: false) { sink in
            for n in 3...4 { try sink.add(pairItem(n)) }
        }
        let v1 = try s.recordGuidelines("v1").id, v2 = try s.recordGuidelines("v2").id
        let helpful = ["helpful": SidePair(left: 4, right: 2)]
        for item in 1...4 {
            try judge(s, Int64(item), "p", choice: -1, guideline: item == 4 ? v2 : v1, scores: helpful)
            try judge(s, Int64(item), "q", choice: -1, guideline: v1, scores: helpful)
        }
        try judge(s, 4, "r", choice: 1, guideline: v2)
        var o = MeasureOptions()
        o.criteria = ["helpful"]
        o.by = .batch
        let byBatch = try report(s, o).groups
        XCTAssertEqual(byBatch.map(\.group), ["1", "2"])
        XCTAssertEqual(byBatch.map(\.nVotes), [4, 5])
        XCTAssertEqual(byBatch[0].choiceNominal?.percentAgreement.value, 1)
        o.by = .guideline
        let byGuideline = try report(s, o).groups
        XCTAssertEqual(byGuideline.map(\.group), [String(v1), String(v2)])
        XCTAssertEqual(byGuideline.map(\.nVotes), [7, 2])
        o.by = .annotator
        let byAnnotator = try report(s, o).groups
        XCTAssertEqual(byAnnotator.map(\.group), ["p", "q", "r"])
        XCTAssertEqual(byAnnotator.map(\.nVotes), [9, 9, 3], "all votes on the units the annotator judged")
        XCTAssertEqual(byAnnotator.map { $0.annotators.map(\.annotator) }, [["p"], ["q"], ["r"]])
        o.by = .criterion
        let byCriterion = try report(s, o).groups
        XCTAssertEqual(byCriterion.map(\.group), ["helpful"])
        XCTAssertNil(byCriterion[0].choiceNominal)
        XCTAssertEqual(byCriterion[0].criteria.first?.report.nRatings, 16, "two responses x 4 items x 2 annotators")
        XCTAssertEqual(byCriterion[0].criteria.first?.report.percentAgreement.value, 1)
    }

    func testAdjudicationsAreReadInIdentityTermsAndOverrideTheMajority() throws {
        let dir = try TempDir()
        let s = try store(dir, items: 1, annotators: ["p", "q", "r"])
        try s.addAnnotator("lee", role: .lead)
        try judge(s, 1, "p", choice: -1)
        try judge(s, 1, "q", choice: -1)
        try judge(s, 1, "r", choice: 1)
        let (a, b) = try responses(s, 1)
        try s.pool.write { db in
            // Stored with the responses in the other order: "A" there is the second response here.
            try db.execute(sql: """
                INSERT INTO adjudication (id, item_id, lead, first_response_id, second_response_id, label, created_at)
                VALUES (1, 1, 'lee', ?, ?, 'tie', 0), (2, 1, 'lee', ?, ?, 'A', 0)
                """, arguments: [a, b, b, a])
            try db.execute(sql: "UPDATE adjudication SET supersedes_id = 1 WHERE id = 2")
        }
        XCTAssertEqual(try s.adjudications().map(\.label), [.b])
        XCTAssertEqual(try s.adjudications().first?.firstResponseID, a)
        let c = try XCTUnwrap(try report(s).consensus.first)
        XCTAssertEqual(c.majority, "A")
        XCTAssertEqual(c.finalMajority, "B")
        XCTAssertEqual(c.finalDawidSkene, "B")
    }
}
