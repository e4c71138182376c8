import Foundation

/// `prefer scores`: Bradley-Terry model strengths from the project's votes, with a win-rate matrix.
public struct ModelScoresReport: Sendable {
    public var comparisons: ModelComparisons
    public var result: BradleyTerryResult
    public var unknownPolicy: UnknownModelPolicy
    public var seed: UInt64
    public var nVotes: Int
    /// Things the reader should know (e.g. fewer than two models).
    public var notes: [String]

    /// Fits Bradley-Terry (choix conventions) to one comparison per vote.
    public static func compute(_ votes: [VoteRecord], ties: TiePolicy, bootstrap: Int, seed: UInt64,
                               unknown: UnknownModelPolicy) throws -> ModelScoresReport {
        let c = ModelComparisons(votes, unknown: unknown)
        var options = BradleyTerryOptions()
        options.bootstrapSamples = bootstrap
        options.seed = seed
        let result = try BradleyTerry.fit(modelNames: c.models, wins: c.wins, ties: c.ties, tiePolicy: ties, options: options)
        var notes: [String] = []
        if votes.isEmpty { notes.append("no judgments yet") }
        if c.unknownVotes > 0 {
            notes.append(unknown == .group
                ? "\(c.unknownVotes) judgments compare a response without a model name: grouped as \(ModelComparisons.unknownName)"
                : "\(c.unknownExcluded) judgments compare a response without a model name: left out")
        }
        if c.sameModel > 0 { notes.append("\(c.sameModel) judgments compare two responses of the same model: left out") }
        if let r = result.undefinedReason { notes.append("no scores: \(r)") }
        return ModelScoresReport(comparisons: c, result: result, unknownPolicy: unknown, seed: seed,
                                 nVotes: votes.count, notes: notes)
    }
}

extension ModelScoresReport: Encodable {
    /// Keys: n_votes, n_decisive, n_ties, same_model_votes, unknown_model_votes, unknown_models, tie_policy,
    /// bootstrap, seed, iterations, converged, undefined_reason, bootstrap_undefined, notes, ranking,
    /// models [{name, score, elo, ci_low, ci_high, wins, losses, ties}], win_rate {row model: {column model: rate}}.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: ReportKey.self)
        try c.encodeFields([
            "n_votes": nVotes, "n_decisive": comparisons.wins.count, "n_ties": comparisons.ties.count,
            "same_model_votes": comparisons.sameModel, "unknown_model_votes": comparisons.unknownVotes,
            "unknown_models": unknownPolicy.rawValue, "tie_policy": result.tiePolicy.rawValue,
            "bootstrap": result.bootstrapSamples, "seed": seed, "iterations": result.iterations,
            "converged": result.converged, "undefined_reason": result.undefinedReason,
            "bootstrap_undefined": result.bootstrapUndefined, "notes": notes, "ranking": result.ranking,
            "models": result.models,
        ])
        var matrix = c.nestedContainer(keyedBy: ReportKey.self, forKey: ReportKey("win_rate"))
        for (i, row) in result.winRate.enumerated() where i < result.models.count {
            var cells = matrix.nestedContainer(keyedBy: ReportKey.self, forKey: ReportKey(result.models[i].name))
            for (j, rate) in row.enumerated() where j != i && j < result.models.count {
                try cells.encode(rate, forKey: ReportKey(result.models[j].name))
            }
        }
    }

    /// Pretty-printed JSON with sorted keys.
    public func jsonData() throws -> Data { try reportJSON(self) }

    /// Models by rank with score, Elo-like rating, interval and record, then the win-rate matrix.
    public func table() -> String {
        var out = "Bradley-Terry scores from \(comparisons.wins.count) decisive comparisons and \(comparisons.ties.count) ties "
            + "(ties: \(result.tiePolicy.rawValue)), \(result.bootstrapSamples) bootstrap resamples\n"
        for n in notes { out += "Note: \(n)\n" }
        let byName = Dictionary(result.models.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let order = result.ranking.isEmpty ? result.models.map(\.name) : result.ranking
        var rows = [["rank", "model", "score", "elo", "95% CI", "wins", "losses", "ties"]]
        for (k, name) in order.enumerated() {
            guard let m = byName[name] else { continue }
            let ci = m.ciLow.flatMap { lo in m.ciHigh.map { "[\(fmt(lo)), \(fmt($0))]" } } ?? "-"
            rows.append([result.ranking.isEmpty ? "-" : String(k + 1), printable(name), m.score.map(fmt) ?? "-",
                         m.elo.map { String(format: "%.0f", $0) } ?? "-", ci,
                         String(m.wins), String(m.losses), String(m.ties)])
        }
        out += "\n" + aligned(rows)
        guard result.models.count >= 2 else { return out }
        var matrix = [["win rate (row vs column)"] + result.models.map { printable($0.name) }]
        for (i, row) in result.winRate.enumerated() where i < result.models.count {
            matrix.append([printable(result.models[i].name)] + row.map { $0.map { String(format: "%.2f", $0) } ?? "-" })
        }
        return out + "\n" + aligned(matrix)
    }

    /// CSV: one row per model (model,rank,score,elo,ci_low,ci_high,wins,losses,ties); the win-rate matrix is in
    /// the table and JSON outputs.
    public func csv() -> String {
        var lines = ["model,rank,score,elo,ci_low,ci_high,wins,losses,ties"]
        func num(_ x: Double?) -> String { x.map { String($0) } ?? "" }
        for m in result.models {
            let rank = result.ranking.firstIndex(of: m.name).map { String($0 + 1) } ?? ""
            lines.append([csvField(m.name), rank, num(m.score), num(m.elo), num(m.ciLow), num(m.ciHigh),
                          String(m.wins), String(m.losses), String(m.ties)].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
