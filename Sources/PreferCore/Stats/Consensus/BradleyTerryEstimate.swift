import Foundation

/// Bradley-Terry maximum likelihood on a weighted win matrix (w[i][j] = wins of i over j, ties already split).
struct BradleyTerryEstimate {
    /// Centred log-strengths (mean 0), or nil with `undefinedReason`.
    let params: [Double]?
    let undefinedReason: String?
    let iterations: Int
    let converged: Bool

    /// MM algorithm (Hunter 2004) exactly as choix 0.4 `mm_pairwise`: strengths rescaled to mean 1,
    /// w_i <- (wins_i + alpha) / (sum_j n_ij / (w_i + w_j) + alpha), parameters centred to mean 0.
    /// Stops when no centred log-strength moves by more than `tolerance`.
    static func fit(_ w: [[Double]], names: [String], alpha: Double,
                    maxIterations: Int, tolerance: Double) -> BradleyTerryEstimate {
        let n = w.count
        if alpha <= 0, let reason = mleUndefinedReason(w, names: names) {
            return BradleyTerryEstimate(params: nil, undefinedReason: reason, iterations: 0, converged: false)
        }
        let nums = (0..<n).map { i in w[i].reduce(0, +) }
        var params = [Double](repeating: 0, count: n)
        for iteration in 1...max(1, maxIterations) {
            let weights = meanOneWeights(params)
            var next = [Double](repeating: 0, count: n)
            for i in 0..<n {
                var denom = 0.0
                for j in 0..<n where j != i {
                    let games = w[i][j] + w[j][i]
                    if games > 0 { denom += games / (weights[i] + weights[j]) }
                }
                next[i] = log((nums[i] + alpha) / (denom + alpha))
            }
            let mean = next.reduce(0, +) / Double(n)
            next = next.map { $0 - mean }
            let change = zip(next, params).map { abs($0 - $1) }.max() ?? 0
            params = next
            if change < tolerance {
                return BradleyTerryEstimate(params: params, undefinedReason: nil, iterations: iteration, converged: true)
            }
        }
        return BradleyTerryEstimate(params: params, undefinedReason: nil, iterations: max(1, maxIterations), converged: false)
    }

    /// exp(params) scaled to arithmetic mean 1 (choix `exp_transform`).
    private static func meanOneWeights(_ params: [Double]) -> [Double] {
        let top = params.max() ?? 0
        let e = params.map { exp($0 - top) }
        let scale = Double(e.count) / e.reduce(0, +)
        return e.map { $0 * scale }
    }

    /// Why the unregularised MLE does not exist (Ford 1957: the "who beats whom" graph must be strongly
    /// connected), or nil when it does.
    static func mleUndefinedReason(_ w: [[Double]], names: [String]) -> String? {
        let n = w.count
        guard n >= 2 else { return "need at least two models" }
        for i in 0..<n where (0..<n).allSatisfy({ w[i][$0] + w[$0][i] == 0 }) {
            return "model '\(names[i])' has no comparisons"
        }
        let linked = reachable(from: 0, n) { a, b in w[a][b] + w[b][a] > 0 }
        if linked.count < n {
            return "comparison graph is disconnected: \(group(linked, names)) never meet the other models"
        }
        for i in 0..<n where w[i].reduce(0, +) == 0 { return "model '\(names[i])' never wins" }
        for i in 0..<n where (0..<n).allSatisfy({ w[$0][i] == 0 }) { return "model '\(names[i])' never loses" }
        let beatsUp = reachable(from: 0, n) { a, b in w[b][a] > 0 } // closed under "who beats me"
        if beatsUp.count < n {
            return "models \(group(beatsUp, names)) never lose to a model outside that group"
        }
        let beatsDown = reachable(from: 0, n) { a, b in w[a][b] > 0 } // closed under "whom I beat"
        if beatsDown.count < n {
            return "models \(group(beatsDown, names)) never beat a model outside that group"
        }
        return nil
    }

    private static func reachable(from start: Int, _ n: Int, _ edge: (Int, Int) -> Bool) -> Set<Int> {
        var seen: Set<Int> = [start]
        var stack = [start]
        while let a = stack.popLast() {
            for b in 0..<n where !seen.contains(b) && edge(a, b) {
                seen.insert(b)
                stack.append(b)
            }
        }
        return seen
    }

    private static func group(_ members: Set<Int>, _ names: [String]) -> String {
        "{" + members.sorted().map { "'\(names[$0])'" }.joined(separator: ", ") + "}"
    }
}
