import Foundation
@testable import PreferCore

/// Builds rating tables for the agreement tests from the layouts published examples use.
enum AgreementFixtures {
    /// Reliability-data layout: one row per annotator, one column per item, nil = missing.
    static func table(annotatorRows: [[Double?]]) -> RatingTable {
        let itemCount = annotatorRows.map(\.count).max() ?? 0
        var ratings = [(item: Int, annotator: Int, value: Double)]()
        for (a, row) in annotatorRows.enumerated() {
            for (i, v) in row.enumerated() { if let v { ratings.append((i, a, v)) } }
        }
        return RatingTable(items: (0..<itemCount).map { "item\($0 + 1)" },
                           annotators: annotatorRows.indices.map { "rater\($0 + 1)" }, ratings: ratings)
    }

    /// Subject layout: one row per item listing its ratings (raters are different people per item).
    static func table(itemRows: [[Double]]) -> RatingTable {
        let raters = itemRows.map(\.count).max() ?? 0
        var ratings = [(item: Int, annotator: Int, value: Double)]()
        for (i, row) in itemRows.enumerated() {
            for (slot, v) in row.enumerated() { ratings.append((i, slot, v)) }
        }
        return RatingTable(items: itemRows.indices.map { "s\($0 + 1)" },
                           annotators: (0..<raters).map { "r\($0 + 1)" }, ratings: ratings)
    }

    /// Count layout (Fleiss): counts[i][k] raters put item i in category k (categories 1...q).
    static func table(counts: [[Int]]) -> RatingTable {
        table(itemRows: counts.map { row in
            row.enumerated().flatMap { k, n in Array(repeating: Double(k + 1), count: n) }
        })
    }

    /// Two raters from a contingency table: cell [k][l] items rated k + 1 by A and l + 1 by B.
    static func table(contingency: [[Int]]) -> RatingTable {
        var a = [Double?](), b = [Double?]()
        for (k, row) in contingency.enumerated() {
            for (l, n) in row.enumerated() {
                a += Array(repeating: Double(k + 1), count: n)
                b += Array(repeating: Double(l + 1), count: n)
            }
        }
        return table(annotatorRows: [a, b])
    }

    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 observers x 12 units, missing data.
    static let krippendorff2011: [[Double?]] = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3],
        [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil],
    ]

    /// Writes `text` to a fresh temporary file with the given extension and returns its path.
    static func file(_ text: String, ext: String = "csv") throws -> String {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("agreement-\(UUID().uuidString).\(ext)")
        try Data(text.utf8).write(to: url)
        return url.path
    }
}
