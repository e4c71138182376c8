/// Left-pane vs right-pane choices of one annotator (ties excluded) and the exact binomial test against 50/50.
public struct PositionBias: Codable, Sendable, Equatable {
    public let left: Int
    public let right: Int
    /// left / (left + right); nil when there are no choices.
    public let shareLeft: Double?
    /// Two-sided exact binomial p-value vs p = 0.5 (scipy.stats.binomtest convention).
    public let pValue: Double

    enum CodingKeys: String, CodingKey {
        case left, right
        case shareLeft = "share_left"
        case pValue = "p_value"
    }
}

extension Consensus {
    /// Position bias from counts of choices for the left and the right pane.
    public static func positionBias(left: Int, right: Int) -> PositionBias {
        let n = max(0, left) + max(0, right)
        return PositionBias(left: left, right: right,
                            shareLeft: n > 0 ? Double(left) / Double(n) : nil,
                            pValue: binomialTwoSidedPValue(successes: max(0, left), trials: n))
    }
}
