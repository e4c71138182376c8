import Foundation
@testable import PreferCore

/// A vote in identity terms for quality tests: item `item` compares responses 2*item-1 (position 0, model m1)
/// and 2*item (position 1, model m2) unless told otherwise.
func qualityVote(_ id: Int64, item: Int64, annotator: String, choice: Int, bothBad: Bool = false, firstShownLeft: Bool = true,
                 gold: GoldAnswer? = nil, positions: (Int, Int) = (0, 1), models: (String?, String?) = ("m1", "m2"),
                 scores: [String: SidePair<Int>] = [:], at seconds: Double = 0, active: Double = 10,
                 batch: Int64 = 1, guideline: Int64? = nil) -> VoteRecord {
    VoteRecord(judgmentID: id, itemID: item, annotator: annotator, role: .annotator,
               firstResponseID: 2 * item - 1, secondResponseID: 2 * item, firstPosition: positions.0, secondPosition: positions.1,
               firstModel: models.0, secondModel: models.1, choice: choice, bothBad: bothBad, firstShownLeft: firstShownLeft,
               scores: scores, flags: [], confidence: nil, guidelineVersion: guideline, rubricVersion: nil, batchID: batch,
               submittedAt: Date(timeIntervalSince1970: seconds), activeSeconds: active, gold: gold)
}
