import Foundation

/// A judgment to append: what an annotator chose for the pair shown, in SCREEN terms.
public struct NewJudgment: Hashable, Sendable {
    public var itemID: Int64
    public var annotator: String
    /// The response shown on the left (as "A") and on the right (as "B").
    public var leftResponseID: Int64
    public var rightResponseID: Int64
    /// Signed choice relative to the screen (see `ChoiceScale`); nil for a skip.
    public var choice: Int?
    public var bothBad: Bool
    /// Rubric scores: criterion id -> score for the left and the right response.
    public var scores: [String: SidePair<Int>]
    public var flags: [String]
    /// Confidence 1...5, if given.
    public var confidence: Int?
    public var rationale: String
    /// Set when the item was skipped; the reason given.
    public var skipReason: String?
    public var guidelineVersion: Int64?
    public var rubricVersion: Int64?
    public var startedAt: Date
    public var submittedAt: Date
    public var activeSeconds: Double
    /// Id of the judgment this one supersedes (a change), if any.
    public var supersedes: Int64?

    public init(itemID: Int64, annotator: String, leftResponseID: Int64, rightResponseID: Int64, choice: Int?, bothBad: Bool = false,
                scores: [String: SidePair<Int>] = [:], flags: [String] = [], confidence: Int? = nil, rationale: String = "",
                skipReason: String? = nil, guidelineVersion: Int64? = nil, rubricVersion: Int64? = nil,
                startedAt: Date = Date(), submittedAt: Date = Date(), activeSeconds: Double = 0, supersedes: Int64? = nil) {
        self.itemID = itemID; self.annotator = annotator; self.leftResponseID = leftResponseID; self.rightResponseID = rightResponseID
        self.choice = choice; self.bothBad = bothBad; self.scores = scores; self.flags = flags; self.confidence = confidence
        self.rationale = rationale; self.skipReason = skipReason; self.guidelineVersion = guidelineVersion
        self.rubricVersion = rubricVersion; self.startedAt = startedAt; self.submittedAt = submittedAt
        self.activeSeconds = activeSeconds; self.supersedes = supersedes
    }
}

/// A pair of values for the left and right response (or A and B).
public struct SidePair<T: Hashable & Sendable>: Hashable, Sendable {
    public var left: T
    public var right: T
    public init(left: T, right: T) { self.left = left; self.right = right }
}

/// Un-swapping a screen-terms choice to response identity (`VoteRecord` holds the result).
public enum Vote {
    /// Builds the identity-terms vote from a screen-terms choice: a sign flip when the first response was on the right.
    public static func unswap(choice: Int, left: Int64, right: Int64) -> (first: Int64, second: Int64, choice: Int, firstShownLeft: Bool) {
        left < right ? (left, right, choice, true) : (right, left, -choice, false)
    }
}
