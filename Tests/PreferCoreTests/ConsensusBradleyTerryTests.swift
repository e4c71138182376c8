import XCTest
@testable import PreferCore

/// Bradley-Terry cases solved by hand, undefined estimates, win rates and bootstrap intervals.
final class ConsensusBradleyTerryTests: XCTestCase {
    private func wins(_ pairs: [(Int, Int)]) -> [(winner: Int, loser: Int)] { pairs.map { (winner: $0.0, loser: $0.1) } }

    func testTwoModelsHaveTheLogOddsOfTheirRecord() throws {
        // A beats B 3 times out of 4: p_A / p_B = 3, centred scores +-ln(3)/2.
        let r = try BradleyTerry.fit(modelNames: ["A", "B"], wins: wins([(0, 1), (0, 1), (0, 1), (1, 0)]))
        XCTAssertEqual(r.models[0].score!, log(3) / 2, accuracy: 1e-9)
        XCTAssertEqual(r.models[1].score!, -log(3) / 2, accuracy: 1e-9)
        XCTAssertEqual(r.ranking, ["A", "B"])
        XCTAssertEqual(r.models[0].elo!, 1000 + 400 * log10(3) / 2, accuracy: 1e-6)
    }

    func testTiePolicies() throws {
        // A 2 wins, B 1 win, 2 ties. half: 3 vs 2 -> ratio 1.5; drop: 2 vs 1 -> ratio 2.
        let w = wins([(0, 1), (0, 1), (1, 0)])
        let t = [(a: 0, b: 1), (a: 1, b: 0)]
        let half = try BradleyTerry.fit(modelNames: ["A", "B"], wins: w, ties: t, tiePolicy: .half)
        XCTAssertEqual(half.models[0].score! - half.models[1].score!, log(1.5), accuracy: 1e-9)
        XCTAssertEqual(half.winRate[0][1]!, 0.6, accuracy: 1e-12)
        XCTAssertEqual(half.models[0].ties, 2)
        let drop = try BradleyTerry.fit(modelNames: ["A", "B"], wins: w, ties: t, tiePolicy: .drop)
        XCTAssertEqual(drop.models[0].score! - drop.models[1].score!, log(2), accuracy: 1e-9)
        XCTAssertEqual(drop.winRate[1][0]!, 1.0 / 3.0, accuracy: 1e-12)
        XCTAssertNil(drop.winRate[0][0])
    }

    func testCycleGivesEqualScores() throws {
        let r = try BradleyTerry.fit(modelNames: ["A", "B", "C"], wins: wins([(0, 1), (1, 2), (2, 0)]))
        for m in r.models { XCTAssertEqual(m.score!, 0, accuracy: 1e-9) }
    }

    func testUndefinedEstimatesSayWhy() throws {
        let never = try BradleyTerry.fit(modelNames: ["A", "B", "C"], wins: wins([(0, 1), (1, 0), (0, 2), (1, 2)]))
        XCTAssertNil(never.models[0].score)
        XCTAssertEqual(never.undefinedReason, "model 'C' never wins")
        let split = try BradleyTerry.fit(modelNames: ["A", "B", "C", "D"], wins: wins([(0, 1), (1, 0), (2, 3), (3, 2)]))
        XCTAssertEqual(split.undefinedReason, "comparison graph is disconnected: {'A', 'B'} never meet the other models")
        // A and B beat each other and both beat C and D, who beat each other: every model wins and loses.
        let layered = try BradleyTerry.fit(modelNames: ["A", "B", "C", "D"],
                                           wins: wins([(0, 1), (1, 0), (2, 3), (3, 2), (0, 2), (1, 3)]))
        XCTAssertEqual(layered.undefinedReason, "models {'A', 'B'} never lose to a model outside that group")
        XCTAssertTrue(layered.ranking.isEmpty)
        // choix-style regularisation makes the estimate exist: C is last.
        var options = BradleyTerryOptions()
        options.alpha = 0.1
        let regularised = try BradleyTerry.fit(modelNames: ["A", "B", "C"], wins: wins([(0, 1), (1, 0), (0, 2), (1, 2)]),
                                               options: options)
        XCTAssertNil(regularised.undefinedReason)
        XCTAssertEqual(regularised.ranking.last, "C")
    }

    func testInvalidComparisonsThrow() {
        XCTAssertThrowsError(try BradleyTerry.fit(modelNames: ["A", "B"], wins: wins([(0, 2)])))
        XCTAssertThrowsError(try BradleyTerry.fit(modelNames: ["A", "B"], wins: [], ties: [(a: 1, b: 1)]))
    }

    func testBootstrapIntervalsAreSeededAndCoverTheEstimate() throws {
        var pairs: [(Int, Int)] = []
        for i in 0..<60 { pairs.append(i % 3 == 0 ? (1, 0) : (0, 1)); pairs.append(i % 4 == 0 ? (2, 1) : (1, 2)); pairs.append(i % 5 == 0 ? (2, 0) : (0, 2)) }
        var options = BradleyTerryOptions()
        options.bootstrapSamples = 200
        options.seed = 7
        let a = try BradleyTerry.fit(modelNames: ["A", "B", "C"], wins: wins(pairs), options: options)
        let b = try BradleyTerry.fit(modelNames: ["A", "B", "C"], wins: wins(pairs), options: options)
        XCTAssertEqual(a.models, b.models)
        for m in a.models {
            XCTAssertLessThan(m.ciLow!, m.score!)
            XCTAssertGreaterThan(m.ciHigh!, m.score!)
        }
        options.seed = 8
        let c = try BradleyTerry.fit(modelNames: ["A", "B", "C"], wins: wins(pairs), options: options)
        XCTAssertNotEqual(a.models[0].ciLow, c.models[0].ciLow)
    }

    func testSnakeCaseKeys() throws {
        let r = try BradleyTerry.fit(modelNames: ["A", "B"], wins: wins([(0, 1), (1, 0)]))
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(r)) as? [String: Any]
        XCTAssertNotNil(object?["win_rate"])
        XCTAssertNotNil(object?["tie_policy"])
        let model = (object?["models"] as? [[String: Any]])?.first
        XCTAssertEqual(model?["name"] as? String, "A")
        XCTAssertTrue(model?["ci_low"] is NSNull) // present as null without a bootstrap
    }

    func testBootstrapSkipsResamplesWithoutAnEstimate() throws {
        // B wins once in 8 games: about 1 - (7/8)^8 ~ 34% of resamples lose that win and have no MLE.
        let pairs = Array(repeating: (0, 1), count: 7) + [(1, 0)]
        var options = BradleyTerryOptions()
        options.bootstrapSamples = 100
        let r = try BradleyTerry.fit(modelNames: ["A", "B"], wins: wins(pairs), options: options)
        XCTAssertEqual(r.models[0].score!, log(7) / 2, accuracy: 1e-9)
        XCTAssertGreaterThan(r.bootstrapUndefined, 10)
        XCTAssertLessThan(r.bootstrapUndefined, 100)
        XCTAssertTrue(r.models[0].ciHigh!.isFinite)
    }
}
