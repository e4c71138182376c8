import XCTest
@testable import PreferCore

/// Annotator quality, vote tables and model comparisons on small hand-checkable cases.
final class QualityTests: XCTestCase {
    func testGoldAnswerIsComparedInResponsePositions() {
        // Gold B = the response at position 1 is better; the first response (lower id) is at position 0.
        XCTAssertEqual(AnnotatorQualityMeasure.goldCorrect(qualityVote(1, item: 1, annotator: "x", choice: 2, gold: .b)), true)
        XCTAssertEqual(AnnotatorQualityMeasure.goldCorrect(qualityVote(2, item: 1, annotator: "x", choice: -1, gold: .b)), false)
        XCTAssertEqual(AnnotatorQualityMeasure.goldCorrect(qualityVote(3, item: 1, annotator: "x", choice: 0, gold: .tie)), true)
        XCTAssertEqual(AnnotatorQualityMeasure.goldCorrect(qualityVote(4, item: 1, annotator: "x", choice: 0, bothBad: true, gold: .tie)), false)
        // The first response sits at position 1: preferring it ("A" in identity terms) is gold "B".
        XCTAssertEqual(AnnotatorQualityMeasure.goldCorrect(qualityVote(5, item: 1, annotator: "x", choice: -3, gold: .b, positions: (1, 0))), true)
        // A pair that is not the gold pair (positions 1 and 2) is not compared.
        XCTAssertNil(AnnotatorQualityMeasure.goldCorrect(qualityVote(6, item: 1, annotator: "x", choice: -3, gold: .a, positions: (1, 2))))
        XCTAssertNil(AnnotatorQualityMeasure.goldCorrect(qualityVote(7, item: 1, annotator: "x", choice: -3)))
    }

    func testLeftPaneChoiceUsesTheShownSide() {
        // First response better and shown left -> left; shown right -> right; second better and first shown right -> left.
        XCTAssertEqual(AnnotatorQualityMeasure.choseLeft(qualityVote(1, item: 1, annotator: "x", choice: -2, firstShownLeft: true)), true)
        XCTAssertEqual(AnnotatorQualityMeasure.choseLeft(qualityVote(2, item: 1, annotator: "x", choice: -2, firstShownLeft: false)), false)
        XCTAssertEqual(AnnotatorQualityMeasure.choseLeft(qualityVote(3, item: 1, annotator: "x", choice: 1, firstShownLeft: false)), true)
        XCTAssertEqual(AnnotatorQualityMeasure.choseLeft(qualityVote(4, item: 1, annotator: "x", choice: 1, firstShownLeft: true)), false)
        XCTAssertNil(AnnotatorQualityMeasure.choseLeft(qualityVote(5, item: 1, annotator: "x", choice: 0)))
        XCTAssertNil(AnnotatorQualityMeasure.choseLeft(qualityVote(6, item: 1, annotator: "x", choice: 0, bothBad: true)))
    }

    func testPositionBiasCountsLeftChoicesWithBinomialPValue() {
        // 9 left choices, 1 right, 2 ties: share 0.9, p = 2 * (C(10,0) + C(10,1)) / 2^10 = 22/1024.
        var votes: [VoteRecord] = []
        for k in 0..<9 { votes.append(qualityVote(Int64(k + 1), item: Int64(k + 1), annotator: "x", choice: k % 2 == 0 ? -1 : 1,
                                                  firstShownLeft: k % 2 == 0)) }
        votes.append(qualityVote(10, item: 10, annotator: "x", choice: -1, firstShownLeft: false))
        votes.append(qualityVote(11, item: 11, annotator: "x", choice: 0))
        votes.append(qualityVote(12, item: 12, annotator: "x", choice: 0, bothBad: true))
        let q = AnnotatorQualityMeasure.compute(ChoiceUnits(votes))[0]
        XCTAssertEqual(q.positionBias.left, 9)
        XCTAssertEqual(q.positionBias.right, 1)
        XCTAssertEqual(q.positionBias.shareLeft ?? -1, 0.9, accuracy: 1e-12)
        XCTAssertEqual(q.positionBias.pValue, 22.0 / 1024.0, accuracy: 1e-12)
    }

    func testLeaveOneOutAgreementAndMedianTime() throws {
        // Unit 1: A, A, B. Each A vote faces others {A, B}: a tie, not compared. The B vote faces {A, A}: disagrees.
        // Unit 2: A, A, A: every vote agrees with the others' majority.
        let votes = [
            qualityVote(1, item: 1, annotator: "p", choice: -1, active: 4), qualityVote(2, item: 1, annotator: "q", choice: -2, active: 8),
            qualityVote(3, item: 1, annotator: "r", choice: 3, active: 30),
            qualityVote(4, item: 2, annotator: "p", choice: -1, active: 2), qualityVote(5, item: 2, annotator: "q", choice: -1, active: 1),
            qualityVote(6, item: 2, annotator: "r", choice: -1, active: 10),
        ]
        let units = ChoiceUnits(votes)
        XCTAssertEqual(AnnotatorQualityMeasure.leaveOneOutOutcomes(units, bothBad: .category), [nil, nil, false, true, true, true])
        let q = AnnotatorQualityMeasure.compute(units)
        XCTAssertEqual(q.map(\.consensusCompared), [1, 1, 2])
        XCTAssertEqual(q.map(\.consensusAgreed), [1, 1, 1])
        XCTAssertEqual(q[2].consensusAgreement, 0.5)
        XCTAssertEqual(q.map(\.medianActiveSeconds), [3, 4.5, 20])
        // The same shares as the consensus module's own leave-one-out function.
        let reference = Consensus.leaveOneOutAgreement(try units.labelSet(bothBad: .category))
        XCTAssertEqual(reference.map(\.share), q.map(\.consensusAgreement))
    }

    func testDriftWindowsFollowSubmissionOrder() {
        // 250 votes of "x" on units shared with "y", given in reverse time order; x agrees on the first 100 in time only.
        var votes: [VoteRecord] = []
        for k in (0..<250).reversed() {
            let item = Int64(k + 1)
            votes.append(qualityVote(Int64(2 * k + 1), item: item, annotator: "x", choice: k < 100 ? -1 : 1, at: Double(k)))
            votes.append(qualityVote(Int64(2 * k + 2), item: item, annotator: "y", choice: -1, at: Double(k)))
        }
        let x = AnnotatorQualityMeasure.compute(ChoiceUnits(votes), drift: .judgments(100)).first { $0.annotator == "x" }
        XCTAssertEqual(x?.drift.map(\.window), ["1-100", "101-200", "201-250"])
        XCTAssertEqual(x?.drift.map(\.judgments), [100, 100, 50])
        XCTAssertEqual(x?.drift.map(\.agreement), [1, 0, 0])
    }

    func testISOWeeksAreUTCAndUseTheWeekBasedYear() {
        func date(_ s: String) -> Date { ISO8601DateFormatter().date(from: s) ?? .distantPast }
        XCTAssertEqual(AnnotatorQualityMeasure.isoWeek(date("2026-11-22T23:59:59Z")), "2026-W47")  // a Sunday
        XCTAssertEqual(AnnotatorQualityMeasure.isoWeek(date("2026-11-23T00:00:00Z")), "2026-W48")  // the next Monday
        XCTAssertEqual(AnnotatorQualityMeasure.isoWeek(date("2027-01-01T12:00:00Z")), "2026-W53")  // 2026 has 53 weeks
        XCTAssertEqual(AnnotatorQualityMeasure.isoWeek(date("2024-12-30T12:00:00Z")), "2025-W01")
        let votes = [qualityVote(1, item: 1, annotator: "x", choice: -1, at: date("2026-11-23T10:00:00Z").timeIntervalSince1970),
                     qualityVote(2, item: 2, annotator: "x", choice: -1, at: date("2026-11-20T10:00:00Z").timeIntervalSince1970),
                     qualityVote(3, item: 3, annotator: "x", choice: -1, at: date("2026-11-24T10:00:00Z").timeIntervalSince1970)]
        let q = AnnotatorQualityMeasure.compute(ChoiceUnits(votes), drift: .isoWeek)[0]
        XCTAssertEqual(q.drift.map(\.window), ["2026-W47", "2026-W48"])
        XCTAssertEqual(q.drift.map(\.judgments), [1, 2])
        XCTAssertEqual(DriftWindow("week"), .isoWeek)
        XCTAssertEqual(DriftWindow("50"), .judgments(50))
        XCTAssertNil(DriftWindow("0"))
        XCTAssertNil(DriftWindow("month"))
    }

    func testMedianOfEvenAndOddCounts() {
        XCTAssertEqual(AnnotatorQualityMeasure.median([3, 1, 2]), 2)
        XCTAssertEqual(AnnotatorQualityMeasure.median([4, 1, 3, 2]), 2.5)
        XCTAssertNil(AnnotatorQualityMeasure.median([]))
    }

    func testChoiceTablesCodeTheChoiceAndHandleBothBad() {
        let votes = [
            qualityVote(1, item: 1, annotator: "p", choice: -3), qualityVote(2, item: 1, annotator: "q", choice: 2),
            qualityVote(3, item: 1, annotator: "r", choice: 0, bothBad: true),
            qualityVote(4, item: 2, annotator: "p", choice: 0), qualityVote(5, item: 2, annotator: "q", choice: -1),
            // q changes their mind on item 2 (a later judgment id replaces the earlier one).
            qualityVote(6, item: 2, annotator: "q", choice: 0),
        ]
        let units = ChoiceUnits(votes)
        XCTAssertEqual(units.units, ["1/1-2", "2/3-4"])
        XCTAssertEqual(units.votes.map(\.judgmentID), [1, 2, 3, 4, 6])
        let nominal = units.nominalTable(bothBad: .category)
        XCTAssertEqual(nominal.values(ofItem: 0), [0, 1, 3])  // A, B, both_bad
        XCTAssertEqual(nominal.values(ofItem: 1), [2, 2])     // tie, tie
        XCTAssertEqual(units.nominalTable(bothBad: .drop).values(ofItem: 0), [0, 1])
        let ordinal = units.ordinalTable()
        XCTAssertEqual(ordinal.values(ofItem: 0), [-3, 2])  // both-bad is not on the strength scale
        // Item 2 agrees perfectly, item 1 not at all: percent agreement (item mean) = (0 + 1) / 2.
        let report = AgreementReport.compute(nominal, level: .nominal)
        XCTAssertEqual(report.percentAgreement.value ?? -1, 0.5, accuracy: 1e-12)
    }

    func testCriterionUnitsAreResponses() {
        let votes = [
            qualityVote(1, item: 1, annotator: "p", choice: -1, scores: ["helpful": SidePair(left: 5, right: 2)]),
            qualityVote(2, item: 1, annotator: "q", choice: -1, scores: ["helpful": SidePair(left: 4, right: 2), "safe": SidePair(left: 1, right: 1)]),
        ]
        let t = CriterionTable.table(votes, criterion: "helpful")
        XCTAssertEqual(t.items, ["1/1", "1/2"])
        XCTAssertEqual(t.values(ofItem: 0), [5, 4])
        XCTAssertEqual(t.values(ofItem: 1), [2, 2])
        XCTAssertEqual(CriterionTable.criteria(in: votes), ["helpful", "safe"])
    }

    func testModelComparisonsFollowResponseIdentity() {
        let votes = [
            qualityVote(1, item: 1, annotator: "p", choice: -2, firstShownLeft: false),  // m1 wins
            qualityVote(2, item: 2, annotator: "p", choice: 1),                          // m2 wins
            qualityVote(3, item: 3, annotator: "p", choice: 0, bothBad: true),           // tie
            qualityVote(4, item: 4, annotator: "p", choice: 1, models: ("m1", nil)),     // (unknown) wins
            qualityVote(5, item: 5, annotator: "p", choice: 1, models: ("m1", "m1")),    // same model
        ]
        let grouped = ModelComparisons(votes, unknown: .group)
        XCTAssertEqual(grouped.models, ["(unknown)", "m1", "m2"])
        XCTAssertEqual(grouped.wins.map { [$0.winner, $0.loser] }, [[1, 2], [2, 1], [0, 1]])
        XCTAssertEqual(grouped.ties.map { [$0.a, $0.b] }, [[1, 2]])
        XCTAssertEqual(grouped.sameModel, 1)
        let excluded = ModelComparisons(votes, unknown: .exclude)
        XCTAssertEqual(excluded.models, ["m1", "m2"])
        XCTAssertEqual(excluded.unknownExcluded, 1)
        XCTAssertEqual(excluded.wins.count, 2)
    }

    func testAdjudicationOverridesMajorityAndDawidSkene() throws {
        let votes = [
            qualityVote(1, item: 1, annotator: "p", choice: -1), qualityVote(2, item: 1, annotator: "q", choice: -1),
            qualityVote(3, item: 1, annotator: "r", choice: 1),
            qualityVote(4, item: 2, annotator: "p", choice: -1), qualityVote(5, item: 2, annotator: "q", choice: 1),
        ]
        let adjudication = AdjudicationRecord(id: 1, itemID: 1, firstResponseID: 1, secondResponseID: 2, label: .b, lead: "lee")
        let c = try UnitConsensusBuilder.build(ChoiceUnits(votes), bothBad: .category, adjudications: [adjudication])
        XCTAssertEqual(c[0].majority, "A")
        XCTAssertEqual(c[0].adjudicated, "B")
        XCTAssertEqual(c[0].finalMajority, "B")
        XCTAssertEqual(c[0].finalDawidSkene, "B")
        XCTAssertEqual(c[0].votes, ["A": 2, "B": 1])
        XCTAssertNil(c[1].majority, "a tie between labels is undecided")
        XCTAssertNil(c[1].finalMajority)
        XCTAssertEqual(try XCTUnwrap(c[1].dawidSkenePosterior).values.reduce(0, +), 1, accuracy: 1e-9)
        XCTAssertEqual(UnitConsensusBuilder.summary(c), ConsensusSummary(units: 2, majorityDecided: 1, majorityUndecided: 1,
                                                                          dawidSkeneDiffers: 0, adjudicated: 1))
    }

    func testOneAnnotatorGivesUndefinedStatisticsWithReasons() throws {
        let votes = [qualityVote(1, item: 1, annotator: "p", choice: -1), qualityVote(2, item: 2, annotator: "p", choice: 1)]
        let report = try MeasureReport.compute(votes: votes, adjudications: [], options: MeasureOptions(), sourceLabels: true)
        XCTAssertEqual(report.notes, ["only one annotator: agreement statistics are undefined"])
        let nominal = try XCTUnwrap(report.groups.first?.choiceNominal)
        XCTAssertNil(nominal.krippendorffAlpha.value)
        XCTAssertNotNil(nominal.krippendorffAlpha.reason)
        let json = try JSONSerialization.jsonObject(with: report.jsonData()) as? [String: Any]
        XCTAssertEqual(Set(json?.keys.map { $0 } ?? []), ["by", "both_bad", "source_labels", "drift_window", "n_votes",
                                                         "n_annotators", "notes", "groups", "consensus", "consensus_summary"])
        let empty = try MeasureReport.compute(votes: [], adjudications: [], options: MeasureOptions(), sourceLabels: true)
        XCTAssertEqual(empty.notes, ["no judgments yet: every statistic is undefined"])
        XCTAssertNil(empty.groups.first?.choiceNominal?.percentAgreement.value)
        XCTAssertFalse(empty.table().isEmpty)
    }

    func testRatingsConsensusByMajorityIsHandCheckable() throws {
        // i1: a, a, b -> a (shares 2/3, 1/3); i2: a, b -> undecided. Annotator x agrees with the others on i1 only.
        let t = RatingTable(items: ["i1", "i2"], annotators: ["x", "y", "z"],
                            ratings: [(0, 0, 0), (0, 1, 0), (0, 2, 1), (1, 0, 0), (1, 1, 1)])
        let c = RatingsConsensus.compute(t, labels: ["a", "b"], method: .majority)
        XCTAssertEqual(c.items.map(\.label), ["a", nil])
        XCTAssertEqual(c.items[0].posterior["a"] ?? 0, 2.0 / 3.0, accuracy: 1e-12)
        // x: i1 others {a, b} tie -> not compared; i2 others {b} -> disagrees. y: i1 others {a, b} -> no; i2 {a} -> no.
        // z: i1 others {a, a} -> disagrees.
        XCTAssertEqual(c.annotatorAccuracy, ["x": 0, "y": 0, "z": 0])
        let json = try JSONSerialization.jsonObject(with: RatingsReportJSON(
            report: AgreementReport.compute(t, level: .nominal), consensus: c).jsonData()) as? [String: Any]
        let items = try XCTUnwrap(json?["consensus"] as? [String: Any])
        XCTAssertEqual(Set(items.keys), ["i1", "i2"])
        XCTAssertTrue((items["i2"] as? [String: Any])?["label"] is NSNull)
        XCTAssertNotNil(json?["annotator_accuracy"] as? [String: Double])
        XCTAssertEqual(json?["consensus_method"] as? String, "majority")
        XCTAssertNotNil(json?["krippendorff_alpha"], "the agreement keys stay")
    }

    func testProjectCSVKeepsQuotedLineBreaksInOneRecord() throws {
        let votes = [qualityVote(1, item: 1, annotator: "a\nb", choice: -1), qualityVote(2, item: 1, annotator: "c", choice: -1)]
        var options = MeasureOptions()
        options.minShared = 1
        let csv = try MeasureReport.compute(votes: votes, adjudications: [], options: options, sourceLabels: true).csv()
        let records = csvRecords(csv)
        XCTAssertTrue(records.contains { $0.hasPrefix("all,choice_nominal,cohen_kappa,\"a\nb\",c,1,") }, csv)
        XCTAssertTrue(records.allSatisfy { $0.hasPrefix("all,") || $0.hasPrefix("group,") }, csv)
    }

    func testRatingsJSONWriterMatchesTheFoundationEncoder() throws {
        let t = RatingTable(items: ["i\"1", "i2", "i3"], annotators: ["x", "y\n", "z"],
                            ratings: [(0, 0, 0), (0, 1, 0), (0, 2, 1), (1, 0, 0), (1, 1, 1), (2, 0, 2), (2, 1, 2), (2, 2, 2)])
        for method in RatingsConsensusMethod.allCases {
            let document = RatingsReportJSON(report: AgreementReport.compute(t, level: .nominal, minShared: 1, bootstrap: 20),
                                             consensus: RatingsConsensus.compute(t, labels: ["a", "b", "c"], method: method))
            let fast = try JSONSerialization.jsonObject(with: document.jsonData()) as? NSDictionary
            let reference = try JSONSerialization.jsonObject(with: reportJSON(document)) as? NSDictionary
            XCTAssertNotNil(fast)
            XCTAssertEqual(fast, reference, method.rawValue)
        }
    }
}
