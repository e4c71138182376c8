import Foundation

/// How ties enter the Bradley-Terry model and the win-rate matrix.
public enum TiePolicy: String, Codable, Sendable {
    /// Ties are ignored.
    case drop
    /// A tie counts as half a win for each side.
    case half
}

/// Settings for `BradleyTerry.fit`.
public struct BradleyTerryOptions: Sendable {
    /// choix-style regularisation; 0 = plain maximum likelihood (reported undefined when it does not exist).
    public var alpha: Double = 0
    public var maxIterations: Int = 10_000
    /// Largest change of any centred log-strength at which the MM iteration stops.
    public var tolerance: Double = 1e-10
    /// Bootstrap resamples of the comparisons for confidence intervals (0 = none).
    public var bootstrapSamples: Int = 0
    public var confidence: Double = 0.95
    public var seed: UInt64 = 0
    /// Default options: alpha 0, tolerance 1e-10, no bootstrap.
    public init() {}
}

/// Model scores from pairwise comparisons.
public struct BradleyTerryResult: Codable, Sendable {
    /// One model's score and record.
    public struct Model: Codable, Sendable, Equatable {
        public let name: String
        /// Log-strength centred to mean 0 over all models (choix's parameters); nil when undefined.
        public let score: Double?
        /// Elo-like rating: 1000 + score * 400 / ln 10.
        public let elo: Double?
        /// Bootstrap percentile interval of `score`.
        public let ciLow: Double?
        public let ciHigh: Double?
        public let wins: Int
        public let losses: Int
        public let ties: Int

        enum CodingKeys: String, CodingKey {
            case name, score, elo, wins, losses, ties
            case ciLow = "ci_low"
            case ciHigh = "ci_high"
        }

        /// Encodes missing values as null so every model row has the same keys.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(score, forKey: .score)
            try c.encode(elo, forKey: .elo)
            try c.encode(ciLow, forKey: .ciLow)
            try c.encode(ciHigh, forKey: .ciHigh)
            try c.encode(wins, forKey: .wins)
            try c.encode(losses, forKey: .losses)
            try c.encode(ties, forKey: .ties)
        }
    }

    /// Models in input order.
    public let models: [Model]
    /// Model names by descending score (empty when undefined).
    public let ranking: [String]
    /// Why no scores were computed (the maximum-likelihood estimate does not exist and alpha is 0).
    public let undefinedReason: String?
    public let iterations: Int
    public let converged: Bool
    public let tiePolicy: TiePolicy
    public let alpha: Double
    public let bootstrapSamples: Int
    /// Resamples skipped because their estimate did not exist.
    public let bootstrapUndefined: Int
    /// winRate[i][j] = (wins of i over j, plus half the ties under `.half`) / games; nil without games.
    public let winRate: [[Double?]]

    enum CodingKeys: String, CodingKey {
        case models, ranking, iterations, converged, alpha
        case undefinedReason = "undefined_reason"
        case tiePolicy = "tie_policy"
        case bootstrapSamples = "bootstrap_samples"
        case bootstrapUndefined = "bootstrap_undefined"
        case winRate = "win_rate"
    }
}

/// Bradley-Terry model scores (maximum likelihood by MM, bootstrap intervals, win rates).
public enum BradleyTerry {
    /// Fits strengths for `modelNames` from decisive comparisons and ties (indices into `modelNames`).
    public static func fit(modelNames: [String], wins: [(winner: Int, loser: Int)],
                           ties: [(a: Int, b: Int)] = [], tiePolicy: TiePolicy = .half,
                           options: BradleyTerryOptions = BradleyTerryOptions()) throws -> BradleyTerryResult {
        let n = modelNames.count
        var events: [Event] = []
        for (index, c) in wins.enumerated() {
            try checkPair(c.winner, c.loser, n, "comparison \(index)")
            events.append(Event(a: c.winner, b: c.loser, tie: false))
        }
        for (index, t) in ties.enumerated() {
            try checkPair(t.a, t.b, n, "tie \(index)")
            events.append(Event(a: t.a, b: t.b, tie: true))
        }
        let used = tiePolicy == .drop ? events.filter { !$0.tie } : events
        let estimate = BradleyTerryEstimate.fit(winMatrix(used, n), names: modelNames, alpha: options.alpha,
                                                maxIterations: options.maxIterations, tolerance: options.tolerance)
        var intervals: [(Double, Double)?] = Array(repeating: nil, count: n)
        var undefinedResamples = 0
        if estimate.params != nil, options.bootstrapSamples > 0, !used.isEmpty {
            (intervals, undefinedResamples) = bootstrap(used, modelNames, options)
        }
        var record = Array(repeating: (wins: 0, losses: 0, ties: 0), count: n)
        for e in events {
            if e.tie { record[e.a].ties += 1; record[e.b].ties += 1 } else { record[e.a].wins += 1; record[e.b].losses += 1 }
        }
        let models = (0..<n).map { i in
            let score = estimate.params?[i]
            return BradleyTerryResult.Model(name: modelNames[i], score: score, elo: score.map(eloScale),
                                            ciLow: intervals[i]?.0, ciHigh: intervals[i]?.1,
                                            wins: record[i].wins, losses: record[i].losses, ties: record[i].ties)
        }
        let ranking = estimate.params.map { p in (0..<n).sorted { p[$0] > p[$1] }.map { modelNames[$0] } } ?? []
        return BradleyTerryResult(models: models, ranking: ranking, undefinedReason: estimate.undefinedReason,
                                  iterations: estimate.iterations, converged: estimate.converged,
                                  tiePolicy: tiePolicy, alpha: options.alpha,
                                  bootstrapSamples: options.bootstrapSamples, bootstrapUndefined: undefinedResamples,
                                  winRate: winRates(events, n, tiePolicy))
    }

    /// Elo-like rating of a centred log-strength (base 10, scale 400, 1000 at the mean).
    public static func eloScale(_ score: Double) -> Double { 1000 + score * 400 / M_LN10 }

    struct Event { let a: Int; let b: Int; let tie: Bool }

    private static func checkPair(_ a: Int, _ b: Int, _ n: Int, _ what: String) throws {
        guard a >= 0, a < n, b >= 0, b < n else {
            throw ConsensusError("\(what): model index (\(a), \(b)) is outside 0..<\(n)")
        }
        guard a != b else { throw ConsensusError("\(what): model \(a) is compared with itself") }
    }

    /// w[i][j] = wins of i over j; a tie adds half a win to each side.
    static func winMatrix(_ events: [Event], _ n: Int) -> [[Double]] {
        var w = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for e in events {
            if e.tie { w[e.a][e.b] += 0.5; w[e.b][e.a] += 0.5 } else { w[e.a][e.b] += 1 }
        }
        return w
    }

    private static func winRates(_ events: [Event], _ n: Int, _ policy: TiePolicy) -> [[Double?]] {
        let w = winMatrix(policy == .drop ? events.filter { !$0.tie } : events, n)
        return (0..<n).map { i in
            (0..<n).map { j in
                let games = w[i][j] + w[j][i]
                return i != j && games > 0 ? w[i][j] / games : nil
            }
        }
    }

    /// Percentile intervals over resampled comparison lists; resamples without an estimate are skipped.
    private static func bootstrap(_ events: [Event], _ names: [String],
                                  _ options: BradleyTerryOptions) -> ([(Double, Double)?], Int) {
        let n = names.count
        var rng = ConsensusRandom(seed: options.seed)
        var samples = [[Double]](repeating: [], count: n)
        var undefined = 0
        for _ in 0..<options.bootstrapSamples {
            let resample = (0..<events.count).map { _ in events[rng.next(below: events.count)] }
            let fit = BradleyTerryEstimate.fit(winMatrix(resample, n), names: names, alpha: options.alpha,
                                               maxIterations: options.maxIterations, tolerance: options.tolerance)
            guard let p = fit.params else { undefined += 1; continue }
            for i in 0..<n { samples[i].append(p[i]) }
        }
        let tail = (1 - options.confidence) / 2
        let intervals: [(Double, Double)?] = samples.map { s in
            guard !s.isEmpty else { return nil }
            let sorted = s.sorted()
            return (quantile(sorted, tail), quantile(sorted, 1 - tail))
        }
        return (intervals, undefined)
    }

    /// Linear-interpolation quantile of sorted values (numpy's default method).
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
    }
}
