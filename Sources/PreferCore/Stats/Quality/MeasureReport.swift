/// How `prefer agreement --by` splits a project's votes.
public enum MeasureGrouping: String, CaseIterable, Sendable, Codable {
    /// Per annotator: every vote on the units that annotator judged (theirs and the others').
    case annotator
    /// Per rubric criterion: that criterion's agreement only.
    case criterion
    /// Per import batch of the items.
    case batch
    /// Per guideline version the judgments were made under.
    case guideline
}

/// Settings of a project agreement report.
public struct MeasureOptions: Sendable {
    public var by: MeasureGrouping?
    public var bothBad: BothBadPolicy = .category
    public var drift: DriftWindow = .judgments(100)
    /// Rubric criteria to report (each at ordinal level).
    public var criteria: [String] = []
    /// Report criteria nobody scored (all statistics undefined) instead of leaving them out with a note.
    public var keepUnscoredCriteria = false
    public var minShared = 10
    public var bootstrap = 0
    public var seed: UInt64 = 1
    /// Default options: no grouping, both-bad as a category, drift per 100 judgments, no criteria.
    public init() {}
}

/// Agreement of one group of votes.
public struct MeasureGroup: Sendable, Equatable {
    /// "all", an annotator name, a criterion id, a batch id, or a guideline version id ("none" when unset).
    public var group: String
    public var nVotes: Int
    /// The choice on {A, B, tie[, both_bad]} (nil for criterion groups).
    public var choiceNominal: AgreementReport?
    /// The signed strength -3...3 (nil for criterion groups).
    public var choiceOrdinal: AgreementReport?
    /// Rubric criteria with their agreement at ordinal level (units: item, response).
    public var criteria: [CriterionReport]
    /// Annotator quality rows of this group.
    public var annotators: [AnnotatorQuality]
}

/// Agreement on one rubric criterion.
public struct CriterionReport: Sendable, Equatable {
    public var id: String
    public var report: AgreementReport
}

/// `prefer agreement` on a project: agreement per group, annotator quality and consensus per unit.
public struct MeasureReport: Sendable {
    public var by: MeasureGrouping?
    public var bothBad: BothBadPolicy
    /// Whether labels imported with --keep-labels were included.
    public var sourceLabels: Bool
    public var driftWindow: String
    public var nVotes: Int
    public var nAnnotators: Int
    /// Things the reader should know (e.g. a single annotator).
    public var notes: [String]
    public var groups: [MeasureGroup]
    /// Consensus per choice unit over all votes (not per group).
    public var consensus: [UnitConsensus]
    public var consensusSummary: ConsensusSummary

    /// Builds the report from un-swapped votes and the adjudications in force.
    public static func compute(votes: [VoteRecord], adjudications: [AdjudicationRecord], options: MeasureOptions,
                               sourceLabels: Bool) throws -> MeasureReport {
        let all = ChoiceUnits(votes)
        var o = options
        let quality = AnnotatorQualityMeasure.compute(all, bothBad: o.bothBad, drift: o.drift)
        let consensus = try UnitConsensusBuilder.build(all, bothBad: o.bothBad, adjudications: adjudications)
        var notes: [String] = []
        let scored = Set(CriterionTable.criteria(in: all.votes))
        if !o.keepUnscoredCriteria {
            for id in o.criteria where !scored.contains(id) { notes.append("criterion \(id): no scores yet") }
            o.criteria = o.criteria.filter(scored.contains)
        }
        if all.votes.isEmpty { notes.append("no judgments yet: every statistic is undefined") }
        else if all.annotators.count < 2 { notes.append("only one annotator: agreement statistics are undefined") }
        func group(_ name: String, _ units: ChoiceUnits, choice: Bool, criteria: [String],
                   annotators: [AnnotatorQuality]) -> MeasureGroup {
            func report(_ t: RatingTable, _ level: MeasurementLevel) -> AgreementReport {
                AgreementReport.compute(t, level: level, minShared: o.minShared, bootstrap: o.bootstrap, seed: o.seed)
            }
            return MeasureGroup(
                group: name, nVotes: units.votes.count,
                choiceNominal: choice ? report(units.nominalTable(bothBad: o.bothBad), .nominal) : nil,
                choiceOrdinal: choice ? report(units.ordinalTable(), .ordinal) : nil,
                criteria: criteria.map { CriterionReport(id: $0, report: report(CriterionTable.table(units.votes, criterion: $0), .ordinal)) },
                annotators: annotators)
        }
        var groups: [MeasureGroup] = []
        switch o.by {
        case nil:
            groups = [group("all", all, choice: true, criteria: o.criteria, annotators: quality)]
        case .criterion:
            groups = o.criteria.map { group($0, all, choice: false, criteria: [$0], annotators: []) }
        case .annotator:
            for (a, name) in all.annotators.enumerated() {
                var mine = Set<Int>()
                for k in all.votes.indices where all.annotatorOfVote[k] == a { mine.insert(all.unitOfVote[k]) }
                let subset = all.votes.indices.filter { mine.contains(all.unitOfVote[$0]) }.map { all.votes[$0] }
                groups.append(group(name, ChoiceUnits(subset), choice: true, criteria: o.criteria,
                                    annotators: quality.filter { $0.annotator == name }))
            }
        case .batch, .guideline:
            let key: (VoteRecord) -> String = o.by == .batch
                ? { String($0.batchID) } : { $0.guidelineVersion.map { String($0) } ?? "none" }
            var order: [String] = [], members: [String: [VoteRecord]] = [:]
            for v in all.votes {
                let k = key(v)
                if members[k] == nil { order.append(k) }
                members[k, default: []].append(v)
            }
            for k in order.sorted(by: numericFirst) {
                let units = ChoiceUnits(members[k] ?? [])
                groups.append(group(k, units, choice: true, criteria: o.criteria,
                                    annotators: AnnotatorQualityMeasure.compute(units, bothBad: o.bothBad, drift: o.drift)))
            }
        }
        let window: String
        switch o.drift { case .isoWeek: window = "week"; case .judgments(let n): window = String(n) }
        return MeasureReport(by: o.by, bothBad: o.bothBad, sourceLabels: sourceLabels, driftWindow: window,
                             nVotes: all.votes.count, nAnnotators: all.annotators.count, notes: notes, groups: groups,
                             consensus: consensus, consensusSummary: UnitConsensusBuilder.summary(consensus))
    }

    /// Orders "2" before "10" and names after numbers.
    static func numericFirst(_ a: String, _ b: String) -> Bool {
        switch (Int(a), Int(b)) {
        case let (x?, y?): return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return a < b
        }
    }
}
