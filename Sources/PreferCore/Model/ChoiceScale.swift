/// The preference scale annotators choose on. A choice is stored as a signed integer relative
/// to the screen: negative = the LEFT (shown "A") response is better, 0 = tie, positive = RIGHT;
/// its magnitude is the strength. Un-swapping to response identity is a sign flip.
public struct ChoiceScale: Hashable, Sendable {
    /// Number of points: 7, 5, 3 or 2 (forced choice, no tie).
    public let points: Int

    /// Scales the config accepts.
    public static let supportedPoints = [7, 5, 3, 2]

    public init?(points: Int) {
        guard ChoiceScale.supportedPoints.contains(points) else { return nil }
        self.points = points
    }

    /// The default 7-point scale.
    public static let sevenPoint = ChoiceScale(points: 7)!

    /// Largest strength on this scale (3 for 7 points, 2 for 5, 1 for 3 and 2).
    public var maxStrength: Int { points == 2 ? 1 : (points - 1) / 2 }

    /// Whether a tie is a point of the scale.
    public var hasTie: Bool { points != 2 }

    /// The signed values in key order: key 1 is the first element.
    public var values: [Int] {
        if points == 2 { return [-1, 1] }
        return Array(-maxStrength...maxStrength)
    }

    /// The signed value for a number key (1-based), or nil when the key is not on the scale.
    public func value(forKey key: Int) -> Int? {
        guard key >= 1, key <= values.count else { return nil }
        return values[key - 1]
    }

    /// The number key (1-based) that selects a signed value.
    public func key(forValue value: Int) -> Int? {
        values.firstIndex(of: value).map { $0 + 1 }
    }

    /// The label of a signed value, in screen terms ("A much better" ... "B much better").
    public func label(for value: Int) -> String {
        if value == 0 { return "tie" }
        let side = value < 0 ? "A" : "B"
        let strength = abs(value)
        let words: String
        switch (maxStrength, strength) {
        case (3, 1): words = "slightly better"
        case (3, 3), (2, 2): words = "much better"
        default: words = "better"
        }
        return "\(side) \(words)"
    }
}

/// Which response a choice favours, in screen or identity terms.
public enum Preference: String, Hashable, Sendable, CaseIterable, Codable {
    case a = "A", b = "B", tie, bothBad = "both_bad"

    /// The preference a signed choice value expresses.
    public static func of(choice: Int, bothBad: Bool) -> Preference {
        if bothBad { return .bothBad }
        return choice < 0 ? .a : (choice > 0 ? .b : .tie)
    }
}
