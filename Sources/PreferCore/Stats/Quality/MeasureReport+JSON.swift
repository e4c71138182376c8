import Foundation

// JSON of `prefer agreement` on a project. Every key is always present (null when undefined), so scripts can
// rely on the key set; the keys are listed in the README.

extension KeyedEncodingContainer where Key == ReportKey {
    /// Encodes each (key, value) pair in order; nil optionals become null rather than a missing key.
    mutating func encodeFields(_ fields: KeyValuePairs<String, any Encodable>) throws {
        for (key, value) in fields { try encode(value, forKey: ReportKey(key)) }
    }
}

/// Pretty-printed JSON with sorted keys, the format of every prefer report.
func reportJSON(_ value: some Encodable) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(value)
}

extension DriftPoint: Encodable {
    /// Keys: window, judgments, compared, agreed, agreement.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: ReportKey.self)
        try c.encodeFields(["window": window, "judgments": judgments, "compared": compared, "agreed": agreed,
                            "agreement": agreement])
    }
}

extension AnnotatorQuality: Encodable {
    /// Keys: annotator, role, judgments, gold_*, consensus_*, position_*, median_active_seconds, drift.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: ReportKey.self)
        try c.encodeFields([
            "annotator": annotator, "role": role.rawValue, "judgments": judgments,
            "gold_compared": goldCompared, "gold_correct": goldCorrect, "gold_accuracy": goldAccuracy,
            "consensus_compared": consensusCompared, "consensus_agreed": consensusAgreed,
            "consensus_agreement": consensusAgreement,
            "position_left": positionBias.left, "position_right": positionBias.right,
            "position_share_left": positionBias.shareLeft, "position_p_value": positionBias.pValue,
            "median_active_seconds": medianActiveSeconds, "drift": drift,
        ])
    }
}

extension UnitConsensus: Encodable {
    /// Keys: votes, majority, dawid_skene, dawid_skene_posterior, adjudicated, final_majority, final_dawid_skene.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: ReportKey.self)
        try c.encodeFields([
            "votes": votes, "majority": majority, "dawid_skene": dawidSkene, "dawid_skene_posterior": dawidSkenePosterior,
            "adjudicated": adjudicated, "final_majority": finalMajority, "final_dawid_skene": finalDawidSkene,
        ])
    }
}

extension ConsensusSummary: Encodable {
    /// Keys: units, majority_decided, majority_undecided, dawid_skene_differs, adjudicated.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: ReportKey.self)
        try c.encodeFields(["units": units, "majority_decided": majorityDecided, "majority_undecided": majorityUndecided,
                            "dawid_skene_differs": dawidSkeneDiffers, "adjudicated": adjudicated])
    }
}

extension MeasureGroup: Encodable {
    /// Keys: group, n_votes, choice_nominal, choice_ordinal, criteria (id -> report), annotators.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: ReportKey.self)
        try c.encodeFields(["group": group, "n_votes": nVotes, "choice_nominal": choiceNominal,
                            "choice_ordinal": choiceOrdinal, "annotators": annotators])
        var criteriaContainer = c.nestedContainer(keyedBy: ReportKey.self, forKey: ReportKey("criteria"))
        for c in criteria { try criteriaContainer.encode(c.report, forKey: ReportKey(c.id)) }
    }
}

extension MeasureReport: Encodable {
    /// Keys: by, both_bad, source_labels, drift_window, n_votes, n_annotators, notes, groups, consensus
    /// (unit -> consensus), consensus_summary.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: ReportKey.self)
        try c.encodeFields([
            "by": by?.rawValue, "both_bad": bothBad.rawValue, "source_labels": sourceLabels, "drift_window": driftWindow,
            "n_votes": nVotes, "n_annotators": nAnnotators, "notes": notes, "groups": groups,
            "consensus_summary": consensusSummary,
        ])
        var units = c.nestedContainer(keyedBy: ReportKey.self, forKey: ReportKey("consensus"))
        for u in consensus { try units.encode(u, forKey: ReportKey(u.unit)) }
    }

    /// Pretty-printed JSON with sorted keys.
    public func jsonData() throws -> Data { try reportJSON(self) }
}
