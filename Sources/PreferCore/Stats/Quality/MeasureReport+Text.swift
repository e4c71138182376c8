import Foundation

extension MeasureReport {
    /// Human-readable report: per group the choice and criteria coefficients, then annotator quality,
    /// then a consensus summary.
    public func table() -> String {
        var out = "\(nVotes) judgments by \(nAnnotators) annotator\(nAnnotators == 1 ? "" : "s"); both-bad: \(bothBad.rawValue); "
            + "labels imported with --keep-labels \(sourceLabels ? "included" : "excluded")\n"
        for n in notes { out += "Note: \(n)\n" }
        for g in groups {
            out += "\n== " + (by.map { "\($0.rawValue) \(printable(g.group))" } ?? "all judgments") + " (\(g.nVotes) judgments)\n\n"
            if let r = g.choiceNominal { out += "-- choice (A / B / tie\(bothBad == .category ? " / both-bad" : ""))\n" + r.table() + "\n" }
            if let r = g.choiceOrdinal { out += "-- choice strength (-3 ... 3)\n" + r.table() + "\n" }
            for c in g.criteria { out += "-- criterion \(printable(c.id))\n" + c.report.table() + "\n" }
            if !g.annotators.isEmpty { out += Self.qualityTable(g.annotators, driftWindow: driftWindow) }
        }
        let s = consensusSummary
        out += "\nConsensus over \(s.units) units (item, response pair): majority decided \(s.majorityDecided), "
            + "undecided \(s.majorityUndecided); Dawid-Skene differs from the majority on \(s.dawidSkeneDiffers); "
            + "adjudicated \(s.adjudicated)\n"
        return out
    }

    /// Annotator quality rows; drift is shown as the agreement of each window in order.
    static func qualityTable(_ rows: [AnnotatorQuality], driftWindow: String) -> String {
        var table: [[String]] = [["annotator", "role", "judgments", "gold acc", "consensus agr", "left share",
                                  "bias p", "median s", "drift (per \(driftWindow))"]]
        func pct(_ x: Double?) -> String { x.map(fmt) ?? "-" }
        for q in rows {
            table.append([printable(q.annotator), q.role.rawValue, String(q.judgments),
                          q.goldAccuracy.map { "\(fmt($0)) (\(q.goldCompared))" } ?? "-",
                          q.consensusAgreement.map { "\(fmt($0)) (\(q.consensusCompared))" } ?? "-",
                          pct(q.positionBias.shareLeft), fmt(q.positionBias.pValue),
                          q.medianActiveSeconds.map { String(format: "%.1f", $0) } ?? "-",
                          q.drift.map { $0.agreement.map { String(format: "%.2f", $0) } ?? "-" }.joined(separator: " ")])
        }
        return "-- annotator quality\n" + aligned(table)
    }

    /// CSV: columns group, measure, statistic, annotator_a, annotator_b, n, value, reason, ci_lower, ci_upper.
    /// Measures: choice_nominal, choice_ordinal, criterion:ID (rows as `AgreementReport.csv`), and annotator
    /// (statistics gold_accuracy, consensus_agreement, position_share_left, position_p_value,
    /// median_active_seconds, drift:WINDOW; annotator_a = the annotator, n = the count compared).
    public func csv() -> String {
        var lines = ["group,measure,statistic,annotator_a,annotator_b,n,value,reason,ci_lower,ci_upper"]
        func prefix(_ group: String, _ measure: String) -> String { csvField(group) + "," + csvField(measure) + "," }
        for g in groups {
            var reports: [(String, AgreementReport)] = []
            if let r = g.choiceNominal { reports.append(("choice_nominal", r)) }
            if let r = g.choiceOrdinal { reports.append(("choice_ordinal", r)) }
            for c in g.criteria { reports.append(("criterion:" + c.id, c.report)) }
            for (measure, r) in reports {
                lines += csvRecords(r.csv()).dropFirst().map { prefix(g.group, measure) + $0 }
            }
            for q in g.annotators {
                func add(_ statistic: String, _ n: Int?, _ value: Double?) {
                    let fields = [statistic, q.annotator, "", n.map { String($0) } ?? "", value.map { String($0) } ?? "", "", "", ""]
                    lines.append(prefix(g.group, "annotator") + fields.map(csvField).joined(separator: ","))
                }
                add("gold_accuracy", q.goldCompared, q.goldAccuracy)
                add("consensus_agreement", q.consensusCompared, q.consensusAgreement)
                add("position_share_left", q.positionBias.left + q.positionBias.right, q.positionBias.shareLeft)
                add("position_p_value", q.positionBias.left + q.positionBias.right, q.positionBias.pValue)
                add("median_active_seconds", q.judgments, q.medianActiveSeconds)
                for d in q.drift { add("drift:" + d.window, d.compared, d.agreement) }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The records of CSV text: split at line ends outside quoted fields (a quoted annotator name may hold one).
func csvRecords(_ text: String) -> [Substring] {
    var records: [Substring] = []
    var start = text.startIndex, quoted = false
    for i in text.indices {
        switch text[i] {
        case "\"": quoted.toggle()
        case "\n" where !quoted:
            records.append(text[start..<i])
            start = text.index(after: i)
        default: break
        }
    }
    if start < text.endIndex { records.append(text[start...]) }
    return records
}
