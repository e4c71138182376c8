import Foundation

/// Which consensus `prefer agreement --ratings ... --consensus` adds.
public enum RatingsConsensusMethod: String, CaseIterable, Sendable {
    case majority
    case dawidSkene = "dawid-skene"
}

/// Consensus over a ratings file: a label per item and an accuracy per annotator.
public struct RatingsConsensus: Sendable {
    /// One item's consensus.
    public struct Item: Sendable, Equatable {
        public var item: String
        /// The consensus label; nil when undecided (majority tie).
        public var label: String?
        /// Dawid-Skene posterior, or (majority) the share of the item's votes, per category label.
        public var posterior: [String: Double]
    }

    public var method: RatingsConsensusMethod
    /// Items with at least one rating, in table order.
    public var items: [Item]
    /// Dawid-Skene: sum_c prior_c * P(says c | truth c). Majority: share of the annotator's ratings equal to
    /// the majority of the other annotators (items where the others tie are not counted).
    public var annotatorAccuracy: [String: Double]

    /// Runs the method on the table's categories; `labels` names the categories (nil: their numeric values).
    public static func compute(_ t: RatingTable, labels: [String]?, method: RatingsConsensusMethod) -> RatingsConsensus {
        let names = labels ?? t.categories.map(Self.numberText)
        let set = LabelSet(table: t)
        var items: [Item] = []
        var accuracy: [String: Double] = [:]
        func posterior(_ p: [Double]) -> [String: Double] {
            var out: [String: Double] = [:]
            for (c, x) in p.enumerated() where c < names.count { out[names[c]] = x }
            return out
        }
        switch method {
        case .majority:
            for m in Consensus.majorityVote(set) {
                let total = m.votes.reduce(0, +)
                guard total > 0 else { continue }
                items.append(Item(item: t.items[m.item], label: m.label.map { names[$0] },
                                  posterior: posterior(m.votes.map { Double($0) / Double(total) })))
            }
            for l in Consensus.leaveOneOutAgreement(set) { if let s = l.share { accuracy[t.annotators[l.annotator]] = s } }
        case .dawidSkene:
            let ds = Consensus.dawidSkene(set)
            for c in ds.consensus {
                guard let p = c.posterior else { continue }
                items.append(Item(item: t.items[c.item], label: c.label.map { names[$0] }, posterior: posterior(p)))
            }
            accuracy = ds.accuracyByName(t.annotators)
        }
        return RatingsConsensus(method: method, items: items, annotatorAccuracy: accuracy)
    }

    /// "3" for whole numbers, otherwise the shortest decimal text.
    static func numberText(_ x: Double) -> String {
        x.rounded() == x && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }
}

extension LabelSet {
    /// The table's ratings as labels (category = index into `t.categories`). The table already holds at most one
    /// rating per (item, annotator) with valid indices, so the checking initialiser's hashing is skipped.
    init(table t: RatingTable) {
        var labels: [Label] = []
        labels.reserveCapacity(t.ratingCount)
        for i in 0..<t.items.count {
            for s in t.itemStart[i]..<t.itemStart[i + 1] {
                labels.append(Label(item: i, annotator: Int(t.entryAnnotator[s]), category: Int(t.entryCategory[s])))
            }
        }
        self.nItems = t.items.count
        self.nAnnotators = t.annotators.count
        self.nCategories = max(1, t.categories.count)
        self.labels = labels
    }
}

/// `prefer agreement --ratings` JSON: the AgreementReport keys, plus `consensus_method`, `consensus`
/// (item -> {label, posterior}) and `annotator_accuracy` (name -> number) when a consensus was asked for.
public struct RatingsReportJSON: Encodable {
    public var report: AgreementReport
    public var consensus: RatingsConsensus?

    /// Wraps a report and an optional consensus.
    public init(report: AgreementReport, consensus: RatingsConsensus?) {
        self.report = report; self.consensus = consensus
    }

    /// Writes the report's keys and the consensus keys into one object.
    public func encode(to encoder: Encoder) throws {
        try report.encode(to: encoder)
        guard let consensus else { return }
        var c = encoder.container(keyedBy: ReportKey.self)
        try c.encode(consensus.method.rawValue, forKey: ReportKey("consensus_method"))
        var items = c.nestedContainer(keyedBy: ReportKey.self, forKey: ReportKey("consensus"))
        for item in consensus.items {
            var one = items.nestedContainer(keyedBy: ReportKey.self, forKey: ReportKey(item.item))
            try one.encode(item.label, forKey: ReportKey("label"))
            try one.encode(item.posterior, forKey: ReportKey("posterior"))
        }
        try c.encode(consensus.annotatorAccuracy, forKey: ReportKey("annotator_accuracy"))
    }

    /// Pretty-printed JSON with sorted keys: the same document as `encode(to:)` through JSONEncoder, written
    /// directly because the encoder needs about 1 s and 250 MB for 100,000 consensus items. Each item is one
    /// compact line.
    public func jsonData() throws -> Data {
        let base = try reportJSON(report)
        guard let consensus else { return base }
        // Top-level entries of the report start with two spaces and a quote; values may span lines.
        var entries: [(key: String, text: String)] = []
        let text = String(decoding: base, as: UTF8.self)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst() {
            if line.hasPrefix("  \""), let end = line.dropFirst(3).firstIndex(of: "\"") {
                entries.append((String(line[line.index(line.startIndex, offsetBy: 3)..<end]), String(line)))
            } else if !entries.isEmpty, line != "}" {
                entries[entries.count - 1].text += "\n" + line
            }
        }
        entries = entries.map { e in (e.key, e.text.hasSuffix(",") ? String(e.text.dropLast()) : e.text) }
        var accuracy: [String: JSONValue] = [:]
        for (name, a) in consensus.annotatorAccuracy { accuracy[name] = .number(a) }
        entries.append(("annotator_accuracy", "  \"annotator_accuracy\" : " + JSONValue.object(accuracy).canonicalJSON))
        entries.append(("consensus_method", "  \"consensus_method\" : " + JSONValue.quote(consensus.method.rawValue)))
        var items = consensus.items.map { item -> (String, String) in
            let value = JSONValue.object(["label": item.label.map(JSONValue.string) ?? .null,
                                          "posterior": .object(item.posterior.mapValues(JSONValue.number))])
            return (item.item, "    " + JSONValue.quote(item.item) + " : " + value.canonicalJSON)
        }
        items.sort { $0.0 < $1.0 }
        entries.append(("consensus", "  \"consensus\" : {\n" + items.map(\.1).joined(separator: ",\n") + "\n  }"))
        entries.sort { $0.key < $1.key }
        return Data(("{\n" + entries.map(\.text).joined(separator: ",\n") + "\n}").utf8)
    }
}
