/// Assembles the manifest of an export from what the run used and what the sink counted.
public enum ExportManifestBuilder {
    /// What the manifest's agreement figures are computed over.
    public static let agreementBasis = "votes on the exported judged pairs (implied pairs excluded), nominal labels"
        + " first/second/tie/both_bad, strength ignored"

    /// The manifest; `counts` merges the selection's drops (`SelectionDrop`) with the encoder's (`DropReason`).
    public static func manifest(commandLine: [String], createdAt: String, request: ExportRequest, run: ExportRunResult,
                                lineage: ExportLineage, counts: ExportCounts, files: [ExportManifest.File]) -> ExportManifest {
        var c = counts.manifestCounts
        for reason in SelectionDrop.allCases { c.dropped[reason.rawValue] = run.selection.dropped[reason, default: 0] }
        let annotators = run.selection.judgmentsPerAnnotator
            .map { ExportManifest.Annotator(name: run.annotatorNames[Int($0.key)], judgments: $0.value) }
            .sorted { $0.name < $1.name }
        let s = request.selection
        let consensus = ExportManifest.Consensus(method: s.method.rawValue, minAgreement: s.minAgreement,
                                                 minJudgments: s.minJudgments, minStrength: s.minStrength, useAdjudications: true)
        let sel = run.selection
        let percent = sel.agreement.percentAgreement
        let alpha = sel.agreement.alphaNominal
        func value(_ e: Estimate) -> JSONValue { e.value.map(JSONValue.number) ?? .null }
        let agreement: [String: JSONValue] = [
            "basis": .string(agreementBasis),
            "percent_agreement": value(percent.pooled),
            "percent_agreement_item_mean": value(percent.perItemMean),
            "pairs_with_two_or_more_votes": .number(Double(percent.items)),
            "krippendorff_alpha_nominal": value(alpha),
            "krippendorff_alpha_undefined_reason": alpha.reason.map(JSONValue.string) ?? .null,
            "items_with_preference_cycles": .number(Double(sel.itemsWithCycles)),
            "judgments_used": .number(Double(sel.judgmentsUsed)),
            "adjudications_used": .number(Double(sel.usedAdjudications.count)),
            "items_used": .number(Double(run.itemsUsed)),
        ]
        return ExportManifest(commandLine: commandLine, createdAt: createdAt, snapshot: request.filter.snapshot,
                              datasetVersion: run.datasetVersion, sourceBatches: lineage.batches,
                              guidelineVersions: lineage.guidelineVersions, rubricVersions: lineage.rubricVersions,
                              annotators: annotators, consensus: consensus,
                              options: ExportManifest.Options(request.options, split: request.split,
                                                              splitSeed: request.split == nil ? nil : request.seed),
                              counts: c, agreement: agreement, files: files)
    }
}
