import Foundation

// JSON of `prefer agreement` on a project. Every key is always present (null when undefined), so scripts can
// rely on the key set; the keys are listed in the README.

extension DriftPoint: Encodable {
    /// Keys: window, judgments, compared, agreed, agreement.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: ReportKey.self)
        try c.encode(window, forKey: ReportKey("window"))
        try c.encode(judgments, forKey: ReportKey("judgments"))
        try c.encode(compared, forKey: ReportKey("compared"))
        try c.encode(agreed, forKey: ReportKey("agreed"))
        try c.encode(agreement, forKey: ReportKey("agreement"))
    }
}

extension AnnotatorQuality: Encodable {
    /// Keys: annotator, role, judgments, gold_*, consensus_*, position_*, median_active_seconds, drift.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: ReportKey.self)
        try c.encode(annotator, forKey: ReportKey("annotator"))
        try c.encode(role.rawValue, forKey: ReportKey("role"))
        try c.encode(judgments, forKey: ReportKey("judgments"))
        try c.encode(goldCompared, forKey: ReportKey("gold_compared"))
        try c.encode(goldCorrect, forKey: ReportKey("gold_correct"))
        try c.encode(goldAccuracy, forKey: ReportKey("gold_accuracy"))
        try c.encode(consensusCompared, forKey: ReportKey("consensus_compared"))
        try c.encode(consensusAgreed, forKey: ReportKey("consensus_agreed"))
        try c.encode(consensusAgreement, forKey: ReportKey("consensus_agreement"))
        try c.encode(positionBias.left, forKey: ReportKey("position_left"))
        try c.encode(positionBias.right, forKey: ReportKey("position_right"))
        try c.encode(positionBias.shareLeft, forKey: ReportKey("position_share_left"))
        try c.encode(positionBias.pValue, forKey: ReportKey("position_p_value"))
        try c.encode(medianActiveSeconds, forKey: ReportKey("median_active_seconds"))
        try c.encode(drift, forKey: ReportKey("drift"))
    }
}

extension UnitConsensus: Encodable {
    /// Keys: votes, majority, dawid_skene, dawid_skene_posterior, adjudicated, final_majority, final_dawid_skene.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: ReportKey.self)
        try c.encode(votes, forKey: ReportKey("votes"))
        try c.encode(majority, forKey: ReportKey("majority"))
        try c.encode(dawidSkene, forKey: ReportKey("dawid_skene"))
        try c.encode(dawidSkenePosterior, forKey: ReportKey("dawid_skene_posterior"))
        try c.encode(adjudicated, forKey: ReportKey("adjudicated"))
        try c.encode(finalMajority, forKey: ReportKey("final_majority"))
        try c.encode(finalDawidSkene, forKey: ReportKey("final_dawid_skene"))
    }
}

extension ConsensusSummary: Encodable {
    /// Keys: units, majority_decided, majority_undecided, dawid_skene_differs, adjudicated.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: ReportKey.self)
        try c.encode(units, forKey: ReportKey("units"))
        try c.encode(majorityDecided, forKey: ReportKey("majority_decided"))
        try c.encode(majorityUndecided, forKey: ReportKey("majority_undecided"))
        try c.encode(dawidSkeneDiffers, forKey: ReportKey("dawid_skene_differs"))
        try c.encode(adjudicated, forKey: ReportKey("adjudicated"))
    }
}

extension MeasureGroup: Encodable {
    /// Keys: group, n_votes, choice_nominal, choice_ordinal, criteria (id -> report), annotators.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: ReportKey.self)
        try c.encode(group, forKey: ReportKey("group"))
        try c.encode(nVotes, forKey: ReportKey("n_votes"))
        try c.encode(choiceNominal, forKey: ReportKey("choice_nominal"))
        try c.encode(choiceOrdinal, forKey: ReportKey("choice_ordinal"))
        var criteriaContainer = c.nestedContainer(keyedBy: ReportKey.self, forKey: ReportKey("criteria"))
        for (id, report) in criteria { try criteriaContainer.encode(report, forKey: ReportKey(id)) }
        try c.encode(annotators, forKey: ReportKey("annotators"))
    }
}

extension MeasureReport: Encodable {
    /// Keys: by, both_bad, source_labels, drift_window, n_votes, n_annotators, notes, groups, consensus
    /// (unit -> consensus), consensus_summary.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: ReportKey.self)
        try c.encode(by?.rawValue, forKey: ReportKey("by"))
        try c.encode(bothBad.rawValue, forKey: ReportKey("both_bad"))
        try c.encode(sourceLabels, forKey: ReportKey("source_labels"))
        try c.encode(driftWindow, forKey: ReportKey("drift_window"))
        try c.encode(nVotes, forKey: ReportKey("n_votes"))
        try c.encode(nAnnotators, forKey: ReportKey("n_annotators"))
        try c.encode(notes, forKey: ReportKey("notes"))
        try c.encode(groups, forKey: ReportKey("groups"))
        var units = c.nestedContainer(keyedBy: ReportKey.self, forKey: ReportKey("consensus"))
        for u in consensus { try units.encode(u, forKey: ReportKey(u.unit)) }
        try c.encode(consensusSummary, forKey: ReportKey("consensus_summary"))
    }

    /// Pretty-printed JSON with sorted keys.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
