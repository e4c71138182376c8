/// Assembles the manifest of an export from what the run used and what the sink counted.
public enum ExportManifestBuilder {
    /// How agreement is measured at export time (the agreement module is not in this build yet).
    public static let agreementMethod = "pairwise percent agreement over the exported judged pairs with two or more votes"
        + " (labels first/second/tie/both_bad, strength ignored); Krippendorff's alpha not computed here"

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
        let agreement: [String: JSONValue] = [
            "method": .string(agreementMethod),
            "percent_agreement": sel.votePairs > 0 ? .number(Double(sel.agreeingVotePairs) / Double(sel.votePairs)) : .null,
            "vote_pairs": .number(Double(sel.votePairs)),
            "krippendorff_alpha_nominal": .null,
            "items_with_preference_cycles": .number(Double(sel.itemsWithCycles)),
            "judgments_used": .number(Double(sel.usedJudgments.count)),
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
