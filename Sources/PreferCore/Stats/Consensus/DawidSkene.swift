import Foundation

/// Result of Dawid-Skene EM: per-item posteriors, annotator confusion matrices and accuracies.
public struct DawidSkeneResult: Codable, Sendable {
    /// Consensus for one item.
    public struct Item: Codable, Sendable, Equatable {
        public let item: Int
        /// argmax of the posterior (lowest category on an exact tie); nil for an item without labels.
        public let label: Int?
        /// Posterior over all categories; nil for an item without labels.
        public let posterior: [Double]?
    }

    public let consensus: [Item]
    /// sum_c prior_c * P(annotator says c | truth c); nil for an annotator without labels.
    public let annotatorAccuracy: [Double?]
    /// Class priors (mean posterior over labelled items).
    public let priors: [Double]
    /// confusion[annotator][true][observed] = P(observed | true).
    public let confusion: [[[Double]]]
    /// EM iterations run (E-step + M-step pairs after the majority-vote initialisation).
    public let iterations: Int
    /// Final evidence lower bound divided by the number of labels (crowd-kit's `loss_history_[-1]`).
    public let logLikelihood: Double
    /// Whether the bound improved by less than the tolerance before the iteration cap.
    public let converged: Bool

    enum CodingKeys: String, CodingKey {
        case consensus, priors, confusion, iterations, converged
        case annotatorAccuracy = "annotator_accuracy"
        case logLikelihood = "log_likelihood"
    }
}

extension Consensus {
    /// Floor crowd-kit applies to confusion counts, priors and posteriors (its `_EPS`).
    static let dawidSkeneEpsilon = 1e-10

    /// Dawid & Skene (1979) EM, following crowd-kit 1.4.2 `DawidSkene(n_iter, tol)` step for step:
    /// initial posteriors are per-item vote proportions; the M-step floors each used (annotator, observed)
    /// cell at 1e-10 (no other smoothing); iteration stops when the bound (ELBO per label) improves by less
    /// than `tolerance` or after `maxIterations`. Categories that nobody used are left out of EM (posterior 0),
    /// as crowd-kit only knows the labels present in its data.
    public static func dawidSkene(_ set: LabelSet, maxIterations: Int = 100, tolerance: Double = 1e-5) -> DawidSkeneResult {
        let k = set.nCategories
        let byItem = set.labelsByItem()
        let tasks = byItem.indices.filter { !byItem[$0].isEmpty }
        var used = [Bool](repeating: false, count: k)
        for l in set.labels { used[l.category] = true }
        let active = (0..<k).filter { used[$0] }

        // Initialisation: vote proportions.
        var post = [[Double]](repeating: [Double](repeating: 0, count: k), count: set.nItems)
        for i in tasks {
            for l in byItem[i] { post[i][l.category] += 1 / Double(byItem[i].count) }
        }
        var priors = dsPriors(post, tasks, k)
        var errors = dsMStep(set, post, active)
        var loss = -Double.infinity
        var iterations = 0
        var converged = false
        for _ in 0..<max(1, maxIterations) { // at least one pass, so the bound is finite
            iterations += 1
            post = dsEStep(byItem, tasks, priors, errors, active, k)
            priors = dsPriors(post, tasks, k)
            errors = dsMStep(set, post, active)
            let newLoss = dsBound(set, post, tasks, priors, errors, active)
            if newLoss - loss < tolerance { loss = newLoss; converged = true; break }
            loss = newLoss
        }
        return dsResult(set, post, tasks, priors, errors, active, iterations, loss, converged)
    }

    private static func dsPriors(_ post: [[Double]], _ tasks: [Int], _ k: Int) -> [Double] {
        var p = [Double](repeating: 0, count: k)
        for i in tasks { for c in 0..<k { p[c] += post[i][c] } }
        return tasks.isEmpty ? p : p.map { $0 / Double(tasks.count) }
    }

    /// errors[a][observed][true]; only cells the annotator used are non-zero.
    private static func dsMStep(_ set: LabelSet, _ post: [[Double]], _ active: [Int]) -> [[[Double]]] {
        let k = set.nCategories
        var e = [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 0, count: k), count: k),
                             count: set.nAnnotators)
        var usedCell = [[Bool]](repeating: [Bool](repeating: false, count: k), count: set.nAnnotators)
        for l in set.labels {
            usedCell[l.annotator][l.category] = true
            for c in active { e[l.annotator][l.category][c] += post[l.item][c] }
        }
        for a in 0..<set.nAnnotators {
            let observed = (0..<k).filter { usedCell[a][$0] }
            for o in observed { for c in active { e[a][o][c] = max(e[a][o][c], dawidSkeneEpsilon) } }
            for c in active {
                let total = observed.reduce(0) { $0 + e[a][$1][c] }
                for o in observed { e[a][o][c] /= total }
            }
        }
        return e
    }

    private static func dsEStep(_ byItem: [[LabelSet.Label]], _ tasks: [Int], _ priors: [Double],
                                _ errors: [[[Double]]], _ active: [Int], _ k: Int) -> [[Double]] {
        var post = [[Double]](repeating: [Double](repeating: 0, count: k), count: byItem.count)
        let logErrors = dsLogErrors(errors, k)
        var logLik = [Double](repeating: -Double.infinity, count: k)
        for i in tasks {
            for c in active {
                var s = log(max(priors[c], dawidSkeneEpsilon))
                for l in byItem[i] { s += logErrors[(l.annotator * k + l.category) * k + c] }
                logLik[c] = s
            }
            let top = active.map { logLik[$0] }.max() ?? 0
            var total = 0.0
            for c in active { post[i][c] = exp(logLik[c] - top); total += post[i][c] }
            for c in active { post[i][c] /= total }
        }
        return post
    }

    /// Evidence lower bound per label, with crowd-kit's floors on priors and on posteriors in the entropy.
    private static func dsBound(_ set: LabelSet, _ post: [[Double]], _ tasks: [Int], _ priors: [Double],
                                _ errors: [[[Double]]], _ active: [Int]) -> Double {
        var joint = 0.0
        let k = set.nCategories
        let logErrors = dsLogErrors(errors, k)
        let logPriors = priors.map { log(max($0, dawidSkeneEpsilon)) }
        for l in set.labels {
            for c in active where post[l.item][c] > 0 {
                joint += post[l.item][c] * (logErrors[(l.annotator * k + l.category) * k + c] + logPriors[c])
            }
        }
        var entropy = 0.0
        for i in tasks {
            for c in active {
                let p = max(post[i][c], dawidSkeneEpsilon)
                entropy -= p * log(p)
            }
        }
        return (joint + entropy) / Double(max(1, set.labels.count))
    }

    /// log errors[a][observed][true], flattened as ((a * k) + observed) * k + true: computed once per pass
    /// instead of once per label (the logarithms dominated the run time on large label sets).
    private static func dsLogErrors(_ errors: [[[Double]]], _ k: Int) -> [Double] {
        var out = [Double](repeating: -Double.infinity, count: errors.count * k * k)
        for (a, e) in errors.enumerated() {
            for o in 0..<k { for c in 0..<k where e[o][c] > 0 { out[(a * k + o) * k + c] = log(e[o][c]) } }
        }
        return out
    }

    private static func dsResult(_ set: LabelSet, _ post: [[Double]], _ tasks: [Int], _ priors: [Double],
                                 _ errors: [[[Double]]], _ active: [Int], _ iterations: Int,
                                 _ loss: Double, _ converged: Bool) -> DawidSkeneResult {
        let k = set.nCategories
        let labelled = Set(tasks)
        let items = (0..<set.nItems).map { i -> DawidSkeneResult.Item in
            guard labelled.contains(i) else { return .init(item: i, label: nil, posterior: nil) }
            var best = active[0]
            for c in active where post[i][c] > post[i][best] { best = c }
            return .init(item: i, label: best, posterior: post[i])
        }
        var hasLabels = [Bool](repeating: false, count: set.nAnnotators)
        for l in set.labels { hasLabels[l.annotator] = true }
        // Transpose to confusion[a][true][observed] for readers.
        let confusion = errors.map { e in (0..<k).map { t in (0..<k).map { o in e[o][t] } } }
        let accuracy = (0..<set.nAnnotators).map { a -> Double? in
            hasLabels[a] ? active.reduce(0) { $0 + priors[$1] * errors[a][$1][$1] } : nil
        }
        return DawidSkeneResult(consensus: items, annotatorAccuracy: accuracy, priors: priors,
                                confusion: confusion, iterations: iterations, logLikelihood: loss,
                                converged: converged)
    }
}

extension DawidSkeneResult {
    /// Annotator accuracy keyed by annotator name (index i -> names[i]); annotators without labels are left out.
    public func accuracyByName(_ names: [String]) -> [String: Double] {
        var out: [String: Double] = [:]
        for (i, name) in names.enumerated() where i < annotatorAccuracy.count {
            if let a = annotatorAccuracy[i] { out[name] = a }
        }
        return out
    }
}
