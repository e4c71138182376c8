/// Per rated item, how many ratings fell in each category it received (compressed rows, one row per item
/// with at least one rating). Every coefficient except Cohen's kappa is a function of these counts alone.
struct ItemCategoryCounts: Sendable {
    /// Row r's (category, count) entries are `start[r] ..< start[r + 1]`.
    var start: [Int] = [0]
    /// Category index of each entry.
    var category: [Int32] = []
    /// Number of ratings in that category for that item.
    var count: [Double] = []
    /// Number of ratings of each row (m_u).
    var total: [Double] = []
    /// Number of categories in the table.
    let categoryCount: Int

    /// Groups a table's ratings by item and category in one linear pass.
    init(_ t: RatingTable) {
        categoryCount = t.categories.count
        var perCategory = [Int](repeating: 0, count: categoryCount)
        var touched = [Int32]()
        for i in 0..<t.items.count {
            let lo = t.itemStart[i], hi = t.itemStart[i + 1]
            guard hi > lo else { continue }
            for s in lo..<hi {
                let c = t.entryCategory[s]
                if perCategory[Int(c)] == 0 { touched.append(c) }
                perCategory[Int(c)] += 1
            }
            for c in touched {
                category.append(c)
                count.append(Double(perCategory[Int(c)]))
                perCategory[Int(c)] = 0
            }
            touched.removeAll(keepingCapacity: true)
            start.append(category.count)
            total.append(Double(hi - lo))
        }
    }

    /// Number of rows (rated items).
    var rowCount: Int { total.count }

    /// Rows with at least one rating (Fleiss' π_k and Gwet's coefficients use them all).
    var ratedRows: [Int] { (0..<rowCount).filter { total[$0] >= 1 } }

    /// Rows with at least two ratings: the only ones that carry information about agreement.
    var pairableRows: [Int] { (0..<rowCount).filter { total[$0] >= 2 } }

    /// Σ_k n_k² of row r.
    func sumOfSquares(_ r: Int) -> Double {
        var s = 0.0
        for e in start[r]..<start[r + 1] { s += count[e] * count[e] }
        return s
    }
}

/// Reasons shared by the coefficients when they are undefined.
enum UndefinedReason {
    static let noPairableItems = "no item has two or more ratings"
    static let unordered = "weighted coefficients need ordinal, interval or ratio level"
    static let oneCategory = "all ratings have the same value, so chance agreement is 1 (expected disagreement 0)"
}
