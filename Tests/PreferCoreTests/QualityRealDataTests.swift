import XCTest
@testable import PreferCore

/// `prefer agreement --ratings` and `prefer scores` inputs built from the MT-Bench human judgments (shared/data,
/// skipped when absent), checked against crowd-kit, choix and the krippendorff package.
final class QualityRealDataTests: XCTestCase {
    private struct Judgment: Decodable {
        let judge: String, model_a: String, model_b: String, question_id: Int, turn: Int, winner: String
    }

    private func judgments() throws -> [Judgment] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("../shared/data/mtbench_human_judgments/human.jsonl").standardized
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw XCTSkip("MT-Bench data not found at \(url.path)") }
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Judgment.self, from: Data($0.utf8)) }
    }

    private struct Stored: Decodable {
        struct MTBench: Decodable { let models: [String]; let bt_half_scores: [Double]; let ds_accuracy: [String: Double?] }
        let mtbench: MTBench
    }

    private func fixture() throws -> Stored.MTBench {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "consensus_vectors", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Stored.self, from: Data(contentsOf: url)).mtbench
    }

    /// The conversion of scripts/mtbench_to_ratings.py: item (question, turn, sorted model pair), value A/B/tie
    /// by model identity, the first vote kept when a judge voted twice on one item.
    private func ratingsCSV(_ all: [Judgment]) -> String {
        var seen = Set<String>()
        var lines = ["item,annotator,value"]
        for j in all {
            let pair = [j.model_a, j.model_b].sorted()
            let item = "q\(j.question_id)/t\(j.turn)/\(pair[0])|\(pair[1])"
            let winner = j.winner == "model_a" ? j.model_a : j.winner == "model_b" ? j.model_b : nil
            let value = winner == nil ? "tie" : winner == pair[0] ? "A" : "B"
            guard seen.insert(item + "\u{1F}" + j.judge).inserted else { continue }
            lines.append("\(item),\(j.judge),\(value)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func testMTBenchRatingsGiveFiniteAgreementAndDawidSkene() throws {
        let all = try judgments()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("prefer-mtbench-\(UUID().uuidString).csv")
        try ratingsCSV(all).write(to: dir, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (table, labels) = try RatingTable.load(path: dir.path, level: .nominal)
        XCTAssertEqual(labels, ["A", "B", "tie"])
        XCTAssertEqual(table.ratingCount, 3354)
        let report = AgreementReport.compute(table, level: .nominal)
        for e in [report.percentAgreement, report.krippendorffAlpha, report.fleissKappa, report.gwetAC1] {
            XCTAssertTrue(e.value?.isFinite ?? false, e.reason ?? "undefined")
        }
        // krippendorff 0.9.0 (Python), nominal, on the same CSV.
        XCTAssertEqual(report.krippendorffAlpha.value ?? .nan, 0.4848956965883727, accuracy: 1e-9)

        let consensus = RatingsConsensus.compute(table, labels: labels, method: .dawidSkene)
        XCTAssertEqual(consensus.items.count, 1814)
        XCTAssertTrue(consensus.items.allSatisfy { $0.label != nil && $0.posterior.values.allSatisfy(\.isFinite) })
        // crowd-kit 1.4.2 DawidSkene on the same labels (scripts/crosscheck_consensus.py).
        let expected = try fixture().ds_accuracy
        XCTAssertEqual(consensus.annotatorAccuracy.count, 65)
        for (judge, accuracy) in expected {
            XCTAssertEqual(consensus.annotatorAccuracy[judge] ?? .nan, accuracy ?? .nan, accuracy: 1e-6, judge)
        }
        let json = try JSONSerialization.jsonObject(with: RatingsReportJSON(report: report, consensus: consensus).jsonData())
        XCTAssertEqual(((json as? [String: Any])?["consensus"] as? [String: Any])?.count, 1814)
    }

    func testMTBenchVotesGiveChoixBradleyTerryScores() throws {
        // Every vote becomes a judgment on (question, pair, turn) with responses in sorted-model order, shown in
        // the judge's display order: the comparison must follow the models, whatever side they were shown on.
        let all = try judgments()
        var votes: [VoteRecord] = []
        for (k, j) in all.enumerated() {
            let pair = [j.model_a, j.model_b].sorted()
            let winner = j.winner == "model_a" ? j.model_a : j.winner == "model_b" ? j.model_b : nil
            let choice = winner == nil ? 0 : winner == pair[0] ? -2 : 2
            votes.append(VoteRecord(
                judgmentID: Int64(k + 1), itemID: Int64(j.question_id * 10 + j.turn), annotator: j.judge, role: .annotator,
                firstResponseID: 1, secondResponseID: 2, firstPosition: 0, secondPosition: 1, firstModel: pair[0],
                secondModel: pair[1], choice: choice, bothBad: false, firstShownLeft: j.model_a == pair[0], scores: [:],
                flags: [], confidence: nil, guidelineVersion: nil, rubricVersion: nil, batchID: 1,
                submittedAt: Date(timeIntervalSince1970: Double(k)), activeSeconds: 0, gold: nil))
        }
        let report = try ModelScoresReport.compute(votes, ties: .half, bootstrap: 0, seed: 1, unknown: .group)
        let stored = try fixture()
        XCTAssertEqual(report.result.models.map(\.name), stored.models)
        for (model, expected) in zip(report.result.models, stored.bt_half_scores) {
            XCTAssertEqual(model.score ?? .nan, expected, accuracy: 1e-6, model.name)  // choix mm_pairwise
        }
        XCTAssertEqual(report.comparisons.wins.count + report.comparisons.ties.count, all.count)
        XCTAssertTrue(report.notes.isEmpty, "\(report.notes)")
    }
}
