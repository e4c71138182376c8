/// Measurement level of rated values.
public enum MeasurementLevel: String, CaseIterable, Sendable, Codable {
    case nominal, ordinal, interval, ratio
}

/// A statistic that may be undefined: either a value, or nil with the reason it is undefined (never NaN).
public struct Estimate: Sendable, Codable, Equatable {
    /// The value, nil when the statistic is undefined.
    public var value: Double?
    /// Why the value is undefined (nil when it is defined).
    public var reason: String?

    /// Creates an estimate from a value and/or a reason.
    public init(value: Double?, reason: String? = nil) {
        self.value = value
        self.reason = reason
    }

    /// A defined estimate; a non-finite number becomes undefined so that NaN never leaks out.
    public static func of(_ value: Double) -> Estimate {
        value.isFinite ? Estimate(value: value) : Estimate(value: nil, reason: "not a finite number")
    }

    /// An undefined estimate with its reason.
    public static func undefined(_ reason: String) -> Estimate {
        Estimate(value: nil, reason: reason)
    }
}

/// Long-format ratings: one (item, annotator, value) per rating; nominal categories are coded as numbers too.
///
/// The table keeps the ratings grouped by item (compressed rows) with each value replaced by the index of
/// its category in `categories` (the distinct values, ascending), which every statistic works from.
public struct RatingTable: Sendable {
    /// Item identifiers; ratings refer to them by index.
    public let items: [String]
    /// Annotator identifiers; ratings refer to them by index.
    public let annotators: [String]
    /// Distinct rated values, ascending.
    public let categories: [Double]
    /// Ratings of item `i` are the entries `itemStart[i] ..< itemStart[i + 1]`.
    public let itemStart: [Int]
    /// Annotator index of each entry.
    public let entryAnnotator: [Int32]
    /// Category index (into `categories`) of each entry.
    public let entryCategory: [Int32]
    /// Ratings left out by the initializer: index out of range or value not finite.
    public let ignoredRatings: Int

    /// Number of ratings kept.
    public var ratingCount: Int { entryCategory.count }

    /// Builds the table. A repeated (item, annotator) rating replaces the earlier one (the loader rejects
    /// repeats instead); ratings with an out-of-range index or a non-finite value are ignored and counted.
    public init(items: [String], annotators: [String], ratings: [(item: Int, annotator: Int, value: Double)]) {
        var itemIdx = [Int32](), annIdx = [Int32](), values = [Double]()
        itemIdx.reserveCapacity(ratings.count); annIdx.reserveCapacity(ratings.count)
        values.reserveCapacity(ratings.count)
        var ignored = 0
        for r in ratings {
            guard r.item >= 0, r.item < items.count, r.annotator >= 0, r.annotator < annotators.count,
                  r.value.isFinite else { ignored += 1; continue }
            itemIdx.append(Int32(r.item)); annIdx.append(Int32(r.annotator)); values.append(r.value)
        }
        let (cats, codes) = RatingTable.categoryCodes(values)
        self.init(items: items, annotators: annotators, categories: cats,
                  itemIdx: itemIdx, annIdx: annIdx, catIdx: codes, ignored: ignored, duplicates: .replace)
    }

    /// What to do when one annotator rated one item twice.
    enum DuplicatePolicy { case replace, report }

    /// Positions (in input order) of the first repeated (item, annotator) rating, set when policy is `.report`.
    private(set) var firstDuplicate: (earlier: Int, later: Int)?

    /// Core builder from already-coded arrays (all indices valid); groups ratings by item with a counting sort.
    init(items: [String], annotators: [String], categories: [Double], itemIdx: [Int32], annIdx: [Int32],
         catIdx: [Int32], ignored: Int, duplicates: DuplicatePolicy) {
        self.items = items
        self.annotators = annotators
        self.categories = categories
        self.ignoredRatings = ignored
        let n = itemIdx.count
        var start = [Int](repeating: 0, count: items.count + 1)
        for i in itemIdx { start[Int(i) + 1] += 1 }
        for i in 0..<items.count { start[i + 1] += start[i] }
        var fill = start
        var order = [Int](repeating: 0, count: n)  // entry slot -> input position
        var ann = [Int32](repeating: 0, count: n), cat = [Int32](repeating: 0, count: n)
        for k in 0..<n {
            let i = Int(itemIdx[k]), slot = fill[i]
            fill[i] += 1
            order[slot] = k; ann[slot] = annIdx[k]; cat[slot] = catIdx[k]
        }
        // Repeated (item, annotator): an annotator -> slot stamp per item finds them in linear time.
        var seenSlot = [Int](repeating: -1, count: annotators.count)
        var seenItem = [Int](repeating: -1, count: annotators.count)
        var keep = [Bool](repeating: true, count: n)
        var dropped = 0
        var duplicate: (earlier: Int, later: Int)?
        for i in 0..<items.count {
            for s in start[i]..<start[i + 1] {
                let a = Int(ann[s])
                if seenItem[a] == i {
                    if duplicates == .report, duplicate == nil { duplicate = (order[seenSlot[a]], order[s]) }
                    keep[seenSlot[a]] = false  // the later rating wins
                    dropped += 1
                }
                seenItem[a] = i; seenSlot[a] = s
            }
        }
        if dropped > 0 {
            var newStart = [Int](repeating: 0, count: items.count + 1)
            var newAnn = [Int32](), newCat = [Int32]()
            newAnn.reserveCapacity(n - dropped); newCat.reserveCapacity(n - dropped)
            for i in 0..<items.count {
                for s in start[i]..<start[i + 1] where keep[s] { newAnn.append(ann[s]); newCat.append(cat[s]) }
                newStart[i + 1] = newAnn.count
            }
            start = newStart; ann = newAnn; cat = newCat
        }
        self.firstDuplicate = duplicate
        self.itemStart = start
        self.entryAnnotator = ann
        self.entryCategory = cat
    }

    /// Distinct values ascending and each value's index among them.
    static func categoryCodes(_ values: [Double]) -> ([Double], [Int32]) {
        var index = [Double: Int32]()
        for v in values where index[v] == nil { index[v] = 0 }
        let cats = index.keys.sorted()
        for (k, v) in cats.enumerated() { index[v] = Int32(k) }
        var codes = [Int32](repeating: 0, count: values.count)
        var lastValue = Double.nan, lastCode: Int32 = 0
        for (k, v) in values.enumerated() {
            if v != lastValue { lastValue = v; lastCode = index[v] ?? 0 }
            codes[k] = lastCode
        }
        return (cats, codes)
    }

    /// The value of each rating of item `i`, in input order.
    public func values(ofItem i: Int) -> [Double] {
        (itemStart[i]..<itemStart[i + 1]).map { categories[Int(entryCategory[$0])] }
    }

    /// Annotators that gave at least one rating.
    public var activeAnnotatorCount: Int {
        var seen = [Bool](repeating: false, count: annotators.count)
        var count = 0
        for a in entryAnnotator where !seen[Int(a)] { seen[Int(a)] = true; count += 1 }
        return count
    }

    /// Items that received at least one rating.
    public var ratedItemCount: Int {
        var count = 0
        for i in 0..<items.count where itemStart[i + 1] > itemStart[i] { count += 1 }
        return count
    }
}
