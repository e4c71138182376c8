import Foundation

extension AgreementReport {
    /// Human-readable report: a summary table of coefficients, then the Cohen pairs, columns aligned.
    public func table() -> String {
        var out = "Agreement at \(level.rawValue) level: \(nItems) items (\(nPairableItems) with 2+ ratings), "
            + "\(nAnnotators) annotators, \(nRatings) ratings, \(nCategories) distinct values\n\n"
        var rows: [[String]] = [["statistic", "value", "note"]]
        func add(_ name: String, _ e: Estimate, _ ci: ConfidenceInterval? = nil) {
            var note = e.reason ?? ""
            if let ci { note = "\(Int((ci.level * 100).rounded()))% CI [\(fmt(ci.lower)), \(fmt(ci.upper))]" }
            rows.append([name, e.value.map(fmt) ?? "-", note])
        }
        add("percent agreement (item mean)", percentAgreement)
        add("percent agreement (pooled)", percentAgreementPooled)
        add("Krippendorff's alpha (\(level.rawValue))", krippendorffAlpha, krippendorffAlphaCI)
        add("Fleiss' kappa", fleissKappa, fleissKappaCI)
        if nItems > nPairableItems, fleissKappa.value != nil, fleissKappaCI == nil {
            // Gwet's generalisation: single-rated items shape the category shares; with many of them
            // (e.g. imported labels on every item, a second vote on few) the value can fall far below -1.
            rows[rows.count - 1][2] = "\(nItems - nPairableItems) single-rated items count in category shares"
        }
        add("Gwet's AC1", gwetAC1)
        if level != .nominal {
            add("Gwet's AC2 (linear)", gwetAC2Linear)
            add("Gwet's AC2 (quadratic)", gwetAC2Quadratic)
        }
        out += aligned(rows)
        out += "\nCohen's kappa, pairs with at least \(minShared) shared items: "
        guard !cohenKappa.isEmpty else { return out + "none\n" }
        out += "\(cohenKappa.count)\n\n"
        var pairs: [[String]] = [level == .nominal ? ["annotator A", "annotator B", "n", "kappa"]
                                                   : ["annotator A", "annotator B", "n", "kappa", "linear", "quadratic"]]
        for p in cohenKappa {
            var row = [printable(p.annotatorA), printable(p.annotatorB), String(p.n), p.kappa.value.map(fmt) ?? "-"]
            if level != .nominal { row += [p.kappaLinear.value.map(fmt) ?? "-", p.kappaQuadratic.value.map(fmt) ?? "-"] }
            pairs.append(row)
        }
        return out + aligned(pairs)
    }

    /// CSV: one row per statistic, then one per Cohen pair and weighting.
    /// Columns: statistic, annotator_a, annotator_b, n, value, reason, ci_lower, ci_upper.
    public func csv() -> String {
        var lines = ["statistic,annotator_a,annotator_b,n,value,reason,ci_lower,ci_upper"]
        func add(_ name: String, _ a: String, _ b: String, _ n: Int?, _ e: Estimate, _ ci: ConfidenceInterval? = nil) {
            let count: String = n.map { String($0) } ?? ""
            let value: String = e.value.map { String($0) } ?? ""
            let lower: String = ci.map { String($0.lower) } ?? ""
            let upper: String = ci.map { String($0.upper) } ?? ""
            let fields: [String] = [name, a, b, count, value, e.reason ?? "", lower, upper]
            lines.append(fields.map(csvField).joined(separator: ","))
        }
        add("percent_agreement", "", "", nPairableItems, percentAgreement)
        add("percent_agreement_pooled", "", "", nPairableItems, percentAgreementPooled)
        add("krippendorff_alpha", "", "", nPairableItems, krippendorffAlpha, krippendorffAlphaCI)
        add("fleiss_kappa", "", "", nPairableItems, fleissKappa, fleissKappaCI)
        add("gwet_ac1", "", "", nItems, gwetAC1)
        add("gwet_ac2_linear", "", "", nItems, gwetAC2Linear)
        add("gwet_ac2_quadratic", "", "", nItems, gwetAC2Quadratic)
        for p in cohenKappa {
            add("cohen_kappa", p.annotatorA, p.annotatorB, p.n, p.kappa)
            add("cohen_kappa_linear", p.annotatorA, p.annotatorB, p.n, p.kappaLinear)
            add("cohen_kappa_quadratic", p.annotatorA, p.annotatorB, p.n, p.kappaQuadratic)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Four decimals, the precision coefficients are usually reported with.
func fmt(_ x: Double) -> String { String(format: "%.4f", x) }

/// Annotator names come from input files: show control characters as "?" so they cannot move the cursor.
func printable(_ s: String) -> String {
    String(s.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : Character($0) })
}

/// RFC 4180 quoting when a field holds a comma, quote or line break.
func csvField(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

/// Left-aligned columns separated by two spaces, with a dashed line under the header.
func aligned(_ rows: [[String]]) -> String {
    let columns = rows.map(\.count).max() ?? 0
    var width = [Int](repeating: 0, count: columns)
    for r in rows { for (k, cell) in r.enumerated() { width[k] = max(width[k], cell.count) } }
    func line(_ r: [String]) -> String {
        r.enumerated().map { k, cell in
            k == r.count - 1 ? cell : cell + String(repeating: " ", count: width[k] - cell.count)
        }.joined(separator: "  ")
    }
    var out = [line(rows[0]), line(width.map { String(repeating: "-", count: $0) })]
    out += rows.dropFirst().map(line)
    return out.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n") + "\n"
}
