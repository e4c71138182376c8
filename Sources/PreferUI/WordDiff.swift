/// Word-level diff of two texts: which words of each side are not part of a longest common
/// subsequence of words. Bounded work: only the first `maxWords` words of each side are compared,
/// the common prefix and suffix are matched cheaply, and the exact LCS table is used only while
/// the differing middle is at most `maxCells` word pairs; beyond that a word counts as different
/// when it does not occur in the other side's middle at all (an approximation, reported).
public enum WordDiff {
    /// Words compared per side.
    public static let maxWords = 20_000
    /// Largest LCS table (differing-middle words of A times those of B).
    public static let maxCells = 4_000_000

    /// The result: indices (into each side's word list) of differing words.
    public struct Result: Hashable, Sendable {
        /// Differing words of the left text.
        public var left: Set<Int>
        /// Differing words of the right text.
        public var right: Set<Int>
        /// True when some words were not compared (beyond `maxWords`).
        public var truncated: Bool
        /// True when the middle was too large for the exact LCS.
        public var approximate: Bool
    }

    /// Diffs two word lists.
    public static func diff(_ a: [Substring], _ b: [Substring]) -> Result {
        let n = min(a.count, maxWords), m = min(b.count, maxWords)
        let truncated = a.count > maxWords || b.count > maxWords
        var prefix = 0
        while prefix < n, prefix < m, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < n - prefix, suffix < m - prefix, a[n - 1 - suffix] == b[m - 1 - suffix] { suffix += 1 }
        let aMid = Array(a[prefix..<(n - suffix)]), bMid = Array(b[prefix..<(m - suffix)])
        if aMid.count * bMid.count > maxCells {
            let inB = Set(bMid), inA = Set(aMid)
            let left = Set(aMid.indices.filter { !inB.contains(aMid[$0]) }.map { $0 + prefix })
            let right = Set(bMid.indices.filter { !inA.contains(bMid[$0]) }.map { $0 + prefix })
            return Result(left: left, right: right, truncated: truncated, approximate: true)
        }
        let (l, r) = lcsDifferences(aMid, bMid)
        return Result(left: Set(l.map { $0 + prefix }), right: Set(r.map { $0 + prefix }), truncated: truncated, approximate: false)
    }

    /// Exact LCS by dynamic programming (suffix table), then a forward walk collecting the
    /// indices not in the common subsequence.
    static func lcsDifferences(_ a: [Substring], _ b: [Substring]) -> ([Int], [Int]) {
        let n = a.count, m = b.count
        guard n > 0, m > 0 else { return (Array(0..<n), Array(0..<m)) }
        // Map words to ints so the inner loop compares integers.
        var ids: [Substring: Int] = [:]
        let ai = a.map { w -> Int in if let id = ids[w] { return id }; ids[w] = ids.count; return ids.count - 1 }
        let bi = b.map { ids[$0] ?? -1 }
        var table = [Int32](repeating: 0, count: (n + 1) * (m + 1))
        let cols = m + 1
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i * cols + j] = ai[i] == bi[j]
                    ? table[(i + 1) * cols + j + 1] + 1
                    : max(table[(i + 1) * cols + j], table[i * cols + j + 1])
            }
        }
        var left: [Int] = [], right: [Int] = []
        var i = 0, j = 0
        while i < n, j < m {
            if ai[i] == bi[j] { i += 1; j += 1 }
            else if table[(i + 1) * cols + j] >= table[i * cols + j + 1] { left.append(i); i += 1 }
            else { right.append(j); j += 1 }
        }
        left += Array(i..<n)
        right += Array(j..<m)
        return (left, right)
    }
}
