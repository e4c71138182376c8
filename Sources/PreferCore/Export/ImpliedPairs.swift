/// Transitive pairs for an item with three or more responses (see `PairSelection` for the rule).
enum ImpliedPairs {
    enum Outcome: Equatable { case cycle, pairs([SelectedPair]) }

    /// `strict`: every decided "winner better than loser" of the item; `selected`: the item's exported
    /// pairs; `judged`: every pair that was judged or adjudicated (those never get an implied verdict).
    static func derive(selected: [SelectedPair], strict: [(winner: Int64, loser: Int64)], judged: Set<PairKey>) -> Outcome {
        guard strict.count >= 2 else { return .pairs([]) }
        if hasCycle(strict) { return .cycle }
        var next: [Int64: [SelectedPair]] = [:]
        for p in selected where !p.bothBad { next[p.chosen, default: []].append(p) }
        for k in next.keys { next[k]?.sort { $0.rejected < $1.rejected } }
        var implied: [SelectedPair] = []
        for start in next.keys.sorted() {
            // Breadth-first, lower ids first: the path to each node is the shortest, and fixed.
            var weakest: [Int64: SelectedPair] = [:]
            var queue: [(node: Int64, link: SelectedPair?, depth: Int)] = [(start, nil, 0)]
            var seen: Set<Int64> = [start]
            var head = 0
            while head < queue.count {
                let (node, link, depth) = queue[head]
                head += 1
                for edge in next[node] ?? [] where seen.insert(edge.rejected).inserted {
                    let merged = link.map { weakerLink($0, edge) } ?? edge
                    queue.append((edge.rejected, merged, depth + 1))
                    if depth + 1 >= 2 && !judged.contains(PairKey(start, edge.rejected)) { weakest[edge.rejected] = merged }
                }
            }
            for (target, link) in weakest.sorted(by: { $0.key < $1.key }) {
                var p = link
                p.chosen = start; p.rejected = target; p.implied = true; p.adjudicated = false
                p.scoreChosen = nil; p.scoreRejected = nil
                implied.append(p)
            }
        }
        return .pairs(implied)
    }

    /// The weakest link of two: least strength, margin, judgment count and agreement.
    static func weakerLink(_ x: SelectedPair, _ y: SelectedPair) -> SelectedPair {
        var p = x
        p.strength = min(x.strength, y.strength)
        p.margin = min(x.margin, y.margin)
        p.nJudgments = min(x.nJudgments, y.nJudgments)
        switch (x.agreement, y.agreement) {
        case let (a?, b?): p.agreement = min(a, b)
        default: p.agreement = nil
        }
        return p
    }

    /// Whether the directed graph winner -> loser has a cycle (depth-first, three colours).
    static func hasCycle(_ edges: [(winner: Int64, loser: Int64)]) -> Bool {
        var out: [Int64: [Int64]] = [:]
        for e in edges { out[e.winner, default: []].append(e.loser) }
        var state: [Int64: Int] = [:]  // 1 on the stack, 2 done
        func visit(_ n: Int64) -> Bool {
            state[n] = 1
            for m in out[n] ?? [] {
                if state[m] == 1 { return true }
                if state[m] == nil && visit(m) { return true }
            }
            state[n] = 2
            return false
        }
        return out.keys.sorted().contains { state[$0] == nil && visit($0) }
    }
}
