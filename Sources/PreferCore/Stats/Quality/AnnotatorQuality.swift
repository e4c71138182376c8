import Foundation

/// How an annotator's judgments are cut into windows to follow their agreement over time.
public enum DriftWindow: Sendable, Equatable {
    /// Consecutive runs of this many judgments in submission order (the last window may be shorter).
    case judgments(Int)
    /// ISO 8601 weeks (UTC) of the submission time.
    case isoWeek

    /// Parses "100" (any positive count) or "week".
    public init?(_ text: String) {
        if text == "week" { self = .isoWeek; return }
        guard let n = Int(text), n > 0 else { return nil }
        self = .judgments(n)
    }
}

/// One drift window: how often the annotator agreed with the leave-one-out consensus in it.
public struct DriftPoint: Sendable, Equatable {
    /// "1-100", "101-200", ... (judgment ranks) or "2026-W48" (ISO week).
    public var window: String
    public var judgments: Int
    /// Judgments where the other annotators had a majority.
    public var compared: Int
    public var agreed: Int
    /// agreed / compared, nil when nothing could be compared.
    public var agreement: Double?
}

/// Quality indicators of one annotator over their current judgments.
public struct AnnotatorQuality: Sendable, Equatable {
    public var annotator: String
    public var role: AnnotatorRole
    public var judgments: Int
    /// Judgments on gold items whose pair is the gold pair (responses 0 and 1).
    public var goldCompared: Int
    public var goldCorrect: Int
    /// goldCorrect / goldCompared; nil without gold judgments.
    public var goldAccuracy: Double?
    /// Judgments where the other annotators of the unit had a majority (see `LeaveOneOutAgreement`).
    public var consensusCompared: Int
    public var consensusAgreed: Int
    /// consensusAgreed / consensusCompared; nil when nothing could be compared.
    public var consensusAgreement: Double?
    /// Choices for the left vs the right pane (ties and both-bad excluded), with the binomial p-value
    /// (no choices for imported labels, which were never shown).
    public var positionBias: PositionBias
    /// Median active seconds per judgment; nil without judgments made on screen.
    public var medianActiveSeconds: Double?
    /// Agreement with the leave-one-out consensus per window, in time order.
    public var drift: [DriftPoint]
}

/// Annotator quality measures over un-swapped votes (pure functions).
public enum AnnotatorQualityMeasure {
    /// One row per annotator (in order of first appearance). The consensus compared against is the majority
    /// of the OTHER annotators of the same unit on the nominal choice (both-bad per `bothBad`).
    public static func compute(_ units: ChoiceUnits, bothBad: BothBadPolicy = .category,
                               drift: DriftWindow = .judgments(100)) -> [AnnotatorQuality] {
        let outcome = leaveOneOutOutcomes(units, bothBad: bothBad)
        var byAnnotator = [[Int]](repeating: [], count: units.annotators.count)
        for k in units.votes.indices { byAnnotator[units.annotatorOfVote[k]].append(k) }
        return units.annotators.indices.map { a in
            // Counted vote by vote: copies of an annotator's vote records (two per annotator) were most of
            // `prefer agreement`'s memory on a large project.
            let mine = byAnnotator[a]
            var goldCompared = 0, goldRight = 0, compared = 0, agreed = 0, left = 0, right = 0
            var activeSeconds: [Double] = []
            for k in mine {
                if let correct = goldCorrect(units.votes[k]) {
                    goldCompared += 1
                    if correct { goldRight += 1 }
                }
                if let agrees = outcome[k] {
                    compared += 1
                    if agrees { agreed += 1 }
                }
                // Imported labels (role source) were never shown on a screen: no sides, no time.
                guard units.votes[k].role != .source else { continue }
                if let l = choseLeft(units.votes[k]) { if l { left += 1 } else { right += 1 } }
                activeSeconds.append(units.votes[k].activeSeconds)
            }
            return AnnotatorQuality(
                annotator: units.annotators[a], role: mine.first.map { units.votes[$0].role } ?? .annotator, judgments: mine.count,
                goldCompared: goldCompared, goldCorrect: goldRight, goldAccuracy: share(goldRight, goldCompared),
                consensusCompared: compared, consensusAgreed: agreed, consensusAgreement: share(agreed, compared),
                positionBias: Consensus.positionBias(left: left, right: right),
                medianActiveSeconds: median(activeSeconds),
                drift: driftPoints(mine, units, outcome, drift))
        }
    }

    /// For each kept vote: whether it equals the majority of the other annotators' votes on its unit,
    /// nil when it has no category or the others have no majority (none, or a tie between top labels).
    public static func leaveOneOutOutcomes(_ units: ChoiceUnits, bothBad: BothBadPolicy) -> [Bool?] {
        let codes = units.nominalCodes(bothBad: bothBad)
        var counts = [[Int]](repeating: [Int](repeating: 0, count: ChoiceCategory.names.count), count: units.unitKeys.count)
        for k in codes.indices { if let c = codes[k] { counts[units.unitOfVote[k]][c] += 1 } }
        return codes.indices.map { k -> Bool? in
            guard let c = codes[k] else { return nil }
            var others = counts[units.unitOfVote[k]]
            others[c] -= 1
            return Consensus.majority(others).map { $0 == c }
        }
    }

    /// Whether the vote agrees with its item's gold answer; nil when there is no gold answer for this pair.
    /// Gold is given in response positions (A = position 0); both-bad never matches a gold answer.
    public static func goldCorrect(_ v: VoteRecord) -> Bool? {
        guard let gold = v.gold, Set([v.firstPosition, v.secondPosition]) == [0, 1] else { return nil }
        let firstIsA = v.firstPosition == 0
        switch v.preference {
        case .bothBad: return false
        case .tie: return gold == .tie
        case .a: return gold == (firstIsA ? .a : .b)
        case .b: return gold == (firstIsA ? .b : .a)
        }
    }

    /// Whether the annotator chose the response shown on the LEFT; nil for a tie or both-bad.
    public static func choseLeft(_ v: VoteRecord) -> Bool? {
        guard !v.bothBad, v.choice != 0 else { return nil }
        return (v.choice < 0) == v.firstShownLeft
    }

    static func share(_ part: Int, _ whole: Int) -> Double? { whole > 0 ? Double(part) / Double(whole) : nil }

    /// The median (mean of the two middle values for an even count); nil when empty.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted(), m = s.count / 2
        return s.count % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2
    }

    /// Windows over one annotator's votes (`positions` into `units.votes`) in submission order.
    static func driftPoints(_ positions: [Int], _ units: ChoiceUnits, _ outcome: [Bool?],
                            _ window: DriftWindow) -> [DriftPoint] {
        let ordered = positions.sorted {
            let a = units.votes[$0], b = units.votes[$1]
            return a.submittedAt != b.submittedAt ? a.submittedAt < b.submittedAt : a.judgmentID < b.judgmentID
        }
        var groups: [(name: String, members: [Int])] = []
        switch window {
        case .judgments(let size):
            for start in stride(from: 0, to: ordered.count, by: size) {
                let end = min(start + size, ordered.count)
                groups.append(("\(start + 1)-\(end)", Array(ordered[start..<end])))
            }
        case .isoWeek:
            for k in ordered {
                let name = isoWeek(units.votes[k].submittedAt)
                if groups.last?.name == name { groups[groups.count - 1].members.append(k) } else { groups.append((name, [k])) }
            }
        }
        return groups.map { g in
            let compared = g.members.compactMap { outcome[$0] }
            let agreed = compared.filter { $0 }.count
            return DriftPoint(window: g.name, judgments: g.members.count, compared: compared.count, agreed: agreed,
                              agreement: share(agreed, compared.count))
        }
    }

    /// "YYYY-Www" of a date in UTC (ISO 8601 week-numbering year).
    public static func isoWeek(_ date: Date) -> String {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
        let week = c.weekOfYear ?? 0
        return "\(c.yearForWeekOfYear ?? 0)-W\(week < 10 ? "0" : "")\(week)"
    }
}
