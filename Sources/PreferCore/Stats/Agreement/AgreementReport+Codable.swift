import Foundation

/// A JSON key given by its (snake_case) name.
struct ReportKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension KeyedEncodingContainer where Key == ReportKey {
    /// Writes `name` (number or null) and `name_reason` (string or null): the key set never depends on the data.
    mutating func encodeEstimate(_ e: Estimate, _ name: String) throws {
        try encode(e.value, forKey: ReportKey(name))
        try encode(e.reason, forKey: ReportKey(name + "_reason"))
    }
}

extension KeyedDecodingContainer where Key == ReportKey {
    /// Reads what `encodeEstimate` wrote.
    func decodeEstimate(_ name: String) throws -> Estimate {
        Estimate(value: try decodeIfPresent(Double.self, forKey: ReportKey(name)),
                 reason: try decodeIfPresent(String.self, forKey: ReportKey(name + "_reason")))
    }
}

extension PairKappa: Codable {
    /// Encodes with the stable keys annotator_a, annotator_b, n, kappa, kappa_linear, kappa_quadratic (+ _reason).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: ReportKey.self)
        try c.encode(annotatorA, forKey: ReportKey("annotator_a"))
        try c.encode(annotatorB, forKey: ReportKey("annotator_b"))
        try c.encode(n, forKey: ReportKey("n"))
        try c.encodeEstimate(kappa, "kappa")
        try c.encodeEstimate(kappaLinear, "kappa_linear")
        try c.encodeEstimate(kappaQuadratic, "kappa_quadratic")
    }

    /// Decodes what `encode(to:)` wrote.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: ReportKey.self)
        self.init(annotatorA: try c.decode(String.self, forKey: ReportKey("annotator_a")),
                  annotatorB: try c.decode(String.self, forKey: ReportKey("annotator_b")),
                  n: try c.decode(Int.self, forKey: ReportKey("n")),
                  kappa: try c.decodeEstimate("kappa"), kappaLinear: try c.decodeEstimate("kappa_linear"),
                  kappaQuadratic: try c.decodeEstimate("kappa_quadratic"))
    }
}

extension AgreementReport: Codable {
    /// Stable snake_case keys; an undefined statistic is null with a sibling `*_reason` string.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: ReportKey.self)
        try c.encode(level, forKey: ReportKey("level"))
        try c.encode(nItems, forKey: ReportKey("n_items"))
        try c.encode(nPairableItems, forKey: ReportKey("n_pairable_items"))
        try c.encode(nAnnotators, forKey: ReportKey("n_annotators"))
        try c.encode(nRatings, forKey: ReportKey("n_ratings"))
        try c.encode(nCategories, forKey: ReportKey("n_categories"))
        try c.encodeEstimate(percentAgreement, "percent_agreement")
        try c.encodeEstimate(percentAgreementPooled, "percent_agreement_pooled")
        try c.encodeEstimate(krippendorffAlpha, "krippendorff_alpha")
        try c.encode(krippendorffAlphaCI, forKey: ReportKey("krippendorff_alpha_ci"))
        try c.encodeEstimate(fleissKappa, "fleiss_kappa")
        try c.encode(fleissKappaCI, forKey: ReportKey("fleiss_kappa_ci"))
        try c.encodeEstimate(gwetAC1, "gwet_ac1")
        try c.encodeEstimate(gwetAC2Linear, "gwet_ac2_linear")
        try c.encodeEstimate(gwetAC2Quadratic, "gwet_ac2_quadratic")
        try c.encode(cohenKappa, forKey: ReportKey("cohen_kappa"))
        try c.encode(minShared, forKey: ReportKey("min_shared"))
        try c.encode(bootstrap, forKey: ReportKey("bootstrap"))
        try c.encode(seed, forKey: ReportKey("seed"))
    }

    /// Decodes what `encode(to:)` wrote.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: ReportKey.self)
        func int(_ k: String) throws -> Int { try c.decode(Int.self, forKey: ReportKey(k)) }
        self.init(
            level: try c.decode(MeasurementLevel.self, forKey: ReportKey("level")),
            nItems: try int("n_items"), nPairableItems: try int("n_pairable_items"),
            nAnnotators: try int("n_annotators"), nRatings: try int("n_ratings"),
            nCategories: try int("n_categories"),
            percentAgreement: try c.decodeEstimate("percent_agreement"),
            percentAgreementPooled: try c.decodeEstimate("percent_agreement_pooled"),
            krippendorffAlpha: try c.decodeEstimate("krippendorff_alpha"),
            krippendorffAlphaCI: try c.decodeIfPresent(ConfidenceInterval.self, forKey: ReportKey("krippendorff_alpha_ci")),
            fleissKappa: try c.decodeEstimate("fleiss_kappa"),
            fleissKappaCI: try c.decodeIfPresent(ConfidenceInterval.self, forKey: ReportKey("fleiss_kappa_ci")),
            gwetAC1: try c.decodeEstimate("gwet_ac1"),
            gwetAC2Linear: try c.decodeEstimate("gwet_ac2_linear"),
            gwetAC2Quadratic: try c.decodeEstimate("gwet_ac2_quadratic"),
            cohenKappa: try c.decode([PairKappa].self, forKey: ReportKey("cohen_kappa")),
            minShared: try int("min_shared"), bootstrap: try int("bootstrap"),
            seed: try c.decode(UInt64.self, forKey: ReportKey("seed")))
    }

    /// Pretty-printed JSON with sorted keys (deterministic for the same input).
    public func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain numbers, strings and nulls cannot fail; an empty object is a safe fallback.
        return (try? encoder.encode(self)) ?? Data("{}".utf8)
    }
}
