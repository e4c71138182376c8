import XCTest
@testable import PreferCore

/// Dawid-Skene and Bradley-Terry on the MT-Bench human judgments (shared/data, skipped when absent).
final class ConsensusRealDataTests: XCTestCase {
    private struct Vote: Decodable {
        let judge: String, model_a: String, model_b: String, question_id: Int, turn: Int, winner: String
    }
    private struct Item: Hashable { let question: Int, first: String, second: String, turn: Int }

    private func votes() throws -> [Vote] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let url = root.appendingPathComponent("../shared/data/mtbench_human_judgments/human.jsonl").standardized
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw XCTSkip("MT-Bench data not found at \(url.path)")
        }
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Vote.self, from: Data($0.utf8)) }
    }

    func testDawidSkeneOnMTBench() throws {
        let all = try votes()
        XCTAssertEqual(all.count, 3355)
        let judges = Array(Set(all.map(\.judge))).sorted()
        var items: [Item: Int] = [:]
        var seen = Set<[Int]>()
        var labels: [(item: Int, annotator: Int, category: Int)] = []
        for v in all {
            // Item = (question, unordered pair, turn); category by model identity in sorted order.
            let pair = [v.model_a, v.model_b].sorted()
            let key = Item(question: v.question_id, first: pair[0], second: pair[1], turn: v.turn)
            let item = items[key] ?? items.count
            items[key] = item
            let winner = v.winner == "model_a" ? v.model_a : v.winner == "model_b" ? v.model_b : nil
            let category = winner == nil ? 2 : winner == pair[0] ? 0 : 1
            let judge = judges.firstIndex(of: v.judge) ?? 0
            // One judge voted twice on one item (both display orders): keep the first vote, as the script does.
            guard seen.insert([item, judge]).inserted else { continue }
            labels.append((item: item, annotator: judge, category: category))
        }
        let set = try LabelSet(nItems: items.count, nAnnotators: judges.count, nCategories: 3, labels: labels)
        let result = Consensus.dawidSkene(set)
        XCTAssertTrue(result.consensus.allSatisfy { ($0.posterior ?? [.nan]).allSatisfy(\.isFinite) })
        XCTAssertTrue(result.annotatorAccuracy.allSatisfy { $0?.isFinite ?? false })
        XCTAssertTrue(result.logLikelihood.isFinite)

        // Independent numbers from crowd-kit 1.4.2 on the same items (scripts/crosscheck_consensus.py).
        let fixture = try XCTUnwrap(Bundle.module.url(forResource: "consensus_vectors", withExtension: "json",
                                                      subdirectory: "Fixtures"))
        let stored = try JSONDecoder().decode(Stored.self, from: Data(contentsOf: fixture)).mtbench
        XCTAssertEqual(labels.count, stored.ds_labels_used)
        XCTAssertEqual(result.iterations, stored.ds_iterations)
        XCTAssertEqual(result.logLikelihood, stored.ds_log_likelihood, accuracy: 1e-6)
        for (a, b) in zip(result.priors, stored.ds_priors) { XCTAssertEqual(a, b, accuracy: 1e-6) }
        let byName = result.accuracyByName(judges)
        XCTAssertEqual(byName.count, judges.count)
        for judge in judges {
            XCTAssertEqual(byName[judge] ?? .nan, (stored.ds_accuracy[judge] ?? nil) ?? .nan, accuracy: 1e-6, judge)
        }
    }

    func testBradleyTerryRanksGPT4First() throws {
        let all = try votes()
        let models = Array(Set(all.flatMap { [$0.model_a, $0.model_b] })).sorted()
        XCTAssertEqual(models.count, 6)
        let index = { (name: String) in models.firstIndex(of: name) ?? -1 }
        var wins: [(winner: Int, loser: Int)] = []
        var ties: [(a: Int, b: Int)] = []
        for v in all {
            let a = index(v.model_a), b = index(v.model_b)
            switch v.winner {
            case "model_a": wins.append((winner: a, loser: b))
            case "model_b": wins.append((winner: b, loser: a))
            default: ties.append((a: a, b: b))
            }
        }
        var options = BradleyTerryOptions()
        options.bootstrapSamples = 100
        options.seed = 1
        let result = try BradleyTerry.fit(modelNames: models, wins: wins, ties: ties, tiePolicy: .half, options: options)
        XCTAssertNil(result.undefinedReason)
        XCTAssertTrue(result.converged)
        XCTAssertEqual(result.ranking.first, "gpt-4") // as in Zheng et al. 2023
        for m in result.models {
            XCTAssertTrue([m.score, m.elo, m.ciLow, m.ciHigh].allSatisfy { $0?.isFinite ?? false }, m.name)
        }
        let fixture = try XCTUnwrap(Bundle.module.url(forResource: "consensus_vectors", withExtension: "json",
                                                      subdirectory: "Fixtures"))
        let stored = try JSONDecoder().decode(Stored.self, from: Data(contentsOf: fixture)).mtbench
        XCTAssertEqual(stored.models, models)
        for (m, choix) in zip(result.models, stored.bt_half_scores) {
            XCTAssertEqual(m.score ?? .nan, choix, accuracy: 1e-6, m.name) // choix mm_pairwise
        }
        let line = result.models.sorted { ($0.score ?? 0) > ($1.score ?? 0) }
            .map { "\($0.name) \(String(format: "%.3f [%.3f, %.3f] elo %.0f", $0.score ?? 0, $0.ciLow ?? 0, $0.ciHigh ?? 0, $0.elo ?? 0))" }
        print("MT-Bench Bradley-Terry (ties half, \(result.iterations) MM iterations):\n" + line.joined(separator: "\n"))
    }

    private struct Stored: Decodable { let mtbench: MTBench }
    private struct MTBench: Decodable {
        let models: [String]
        let bt_half_scores: [Double]
        let ds_labels_used: Int
        let ds_priors: [Double]
        let ds_iterations: Int
        let ds_log_likelihood: Double
        let ds_accuracy: [String: Double?]
    }
}
