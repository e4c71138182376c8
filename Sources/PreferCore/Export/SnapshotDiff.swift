/// Label changes between two snapshots, per (item, pair, annotator): in B and not A = added, in both with a
/// different choice or both-bad flag = changed, in A and not B = removed.
public struct SnapshotDiff: Hashable, Sendable {
    public var added = 0
    public var changed = 0
    public var removed = 0
    public var unchanged = 0

    /// Compares the labels of snapshot A with those of snapshot B.
    public static func between(_ a: [SnapshotLabel], _ b: [SnapshotLabel]) -> SnapshotDiff {
        struct Key: Hashable { let item: Int64, first: Int64, second: Int64, annotator: String }
        func index(_ labels: [SnapshotLabel]) -> [Key: SnapshotLabel] {
            Dictionary(labels.map { (Key(item: $0.itemID, first: $0.first, second: $0.second, annotator: $0.annotator), $0) },
                       uniquingKeysWith: { _, later in later })
        }
        let old = index(a), new = index(b)
        var d = SnapshotDiff()
        for (key, label) in new {
            guard let before = old[key] else { d.added += 1; continue }
            if before.choice != label.choice || before.bothBad != label.bothBad { d.changed += 1 } else { d.unchanged += 1 }
        }
        d.removed = old.keys.filter { new[$0] == nil }.count
        return d
    }
}
