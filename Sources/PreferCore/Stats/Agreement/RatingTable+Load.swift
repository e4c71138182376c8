import Foundation

/// A ratings file that cannot be used, with the place of the problem.
public struct RatingsLoadError: Error, CustomStringConvertible, Equatable {
    /// File path as given.
    public var file: String
    /// 1-based line, when the problem is on one line.
    public var line: Int?
    /// Column (CSV header name or JSON key), when the problem is in one field.
    public var column: String?
    /// What is wrong.
    public var message: String

    /// "file:line: column 'value': message".
    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        s += ": "
        if let column { s += "column '\(column)': " }
        return s + message
    }
}

/// Ratings as read from a file, before values are interpreted at a level: every field interned to an id.
struct RawRatings {
    var items = ByteInterner(), annotators = ByteInterner(), values = ByteInterner()
    var item: [Int32] = [], annotator: [Int32] = [], value: [Int32] = []
    /// Line of each rating, for error messages.
    var line: [Int32] = []
    /// Line where each distinct value first appears.
    var valueFirstLine: [Int] = []

    /// Reserves room for about `rows` ratings (one per line is a good guess for both formats).
    mutating func reserve(_ rows: Int) {
        item.reserveCapacity(rows); annotator.reserveCapacity(rows)
        value.reserveCapacity(rows); line.reserveCapacity(rows)
    }

    mutating func add(item i: UnsafeRawBufferPointer, annotator a: UnsafeRawBufferPointer,
                      value v: UnsafeRawBufferPointer, line l: Int) {
        item.append(items.intern(i).id)
        annotator.append(annotators.intern(a).id)
        let (vid, isNew) = values.intern(v)
        if isNew { valueFirstLine.append(l) }
        value.append(vid)
        line.append(Int32(truncatingIfNeeded: l))
    }
}

extension RatingTable {
    /// Loads long-format ratings from CSV (header with `item`, `annotator`, `value` in any order, other columns
    /// ignored) or JSONL (objects with those keys; `.jsonl`/`.ndjson`, or content starting with `{`).
    /// Rows with an empty value are skipped (no rating). Nominal values may be any string: categories are
    /// coded 0, 1, ... in sorted order (numeric order when all are numbers) and `labels` lists them. Other
    /// levels need numbers (ratio also >= 0); `labels` is then nil.
    /// Errors name file, line and column: missing column, value not fitting the level, no ratings,
    /// a single annotator, or one annotator rating one item twice.
    public static func load(path: String, level: MeasurementLevel) throws -> (RatingTable, labels: [String]?) {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw RatingsLoadError(file: path, message: "cannot read file: \(error.localizedDescription)")
        }
        let raw = try data.withUnsafeBytes { buf -> RawRatings in
            if isJSONLines(path: path, buf) { return try readJSONLines(buf, path: path) }
            return try readCSV(buf, path: path)
        }
        return try build(raw, level: level, path: path)
    }

    private static func isJSONLines(path: String, _ buf: UnsafeRawBufferPointer) -> Bool {
        let lower = path.lowercased()
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return true }
        if lower.hasSuffix(".csv") { return false }
        for b in buf where b != 0x20 && b != 0x09 && b != 0x0A && b != 0x0D { return b == UInt8(ascii: "{") }
        return false
    }

    static func readCSV(_ buf: UnsafeRawBufferPointer, path: String) throws -> RawRatings {
        var scanner = CSVScanner(buf)
        func fail(_ issue: CSVIssue) -> RatingsLoadError {
            RatingsLoadError(file: path, line: issue.line, message: issue.message)
        }
        let names = ["item", "annotator", "value"]
        var columns = [Int](repeating: -1, count: 3)
        do {
            guard try scanner.next() != nil else { throw RatingsLoadError(file: path, message: "file is empty") }
        } catch let issue as CSVIssue { throw fail(issue) }
        for k in 0..<scanner.fields.count {
            let name = scanner.string(k).trimmingCharacters(in: .whitespaces).lowercased()
            if let c = names.firstIndex(of: name), columns[c] < 0 { columns[c] = k }
        }
        if let missing = columns.firstIndex(of: -1) {
            throw RatingsLoadError(file: path, line: 1, column: names[missing],
                                   message: "header has no '\(names[missing])' column (needs item, annotator, value)")
        }
        let needed = columns.max() ?? 0
        var raw = RawRatings()
        raw.reserve(lineCount(buf))
        while true {
            let line: Int
            do {
                guard let l = try scanner.next() else { break }
                line = l
            } catch let issue as CSVIssue { throw fail(issue) }
            let fieldCount = scanner.fields.count
            if fieldCount == 1, scanner.fields[0].isEmpty { continue }  // blank line
            guard fieldCount > needed else {
                let missing = columns.firstIndex { $0 >= fieldCount } ?? 2
                throw RatingsLoadError(file: path, line: line, column: names[missing],
                                       message: "record has \(fieldCount) fields, the header has more")
            }
            if scanner.fields[columns[2]].isEmpty { continue }  // empty value: no rating
            for c in 0..<2 where scanner.fields[columns[c]].isEmpty {
                throw RatingsLoadError(file: path, line: line, column: names[c], message: "empty \(names[c])")
            }
            scanner.withField(columns[0]) { i in
                scanner.withField(columns[1]) { a in
                    scanner.withField(columns[2]) { v in raw.add(item: i, annotator: a, value: v, line: line) }
                }
            }
        }
        return raw
    }

    static func readJSONLines(_ buf: UnsafeRawBufferPointer, path: String) throws -> RawRatings {
        var raw = RawRatings()
        raw.reserve(lineCount(buf))
        var lineNumber = 0, lo = 0
        while lo < buf.count {
            lineNumber += 1
            var hi = lo
            while hi < buf.count, buf[hi] != 0x0A { hi += 1 }
            let next = hi + 1
            if hi > lo, buf[hi - 1] == 0x0D { hi -= 1 }
            let bytes = UnsafeRawBufferPointer(rebasing: buf[lo..<hi])
            lo = next
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            func fail(_ column: String?, _ message: String) -> RatingsLoadError {
                RatingsLoadError(file: path, line: lineNumber, column: column, message: message)
            }
            // Import's JSON reader (simdjson, Foundation for what it cannot hold).
            var object: FieldList
            do { object = try JSONRowParser.fields(bytes) } catch let problem as RowProblem {
                throw fail(nil, problem.message.hasPrefix("expected a JSON object") ? "line is not a JSON object" : "not valid JSON")
            }
            var fields = [String]()
            for key in ["item", "annotator", "value"] {
                switch object.take(key) {
                case .string(let s)?: fields.append(s)
                case .number(let n)?: fields.append(numberText(n))
                case nil, .null?: throw fail(key, "missing key '\(key)'")
                default: throw fail(key, "'\(key)' must be a string or a number")
                }
            }
            if fields[2].isEmpty { continue }
            for c in 0..<2 where fields[c].isEmpty { throw fail(["item", "annotator"][c], "empty \(["item", "annotator"][c])") }
            var (i, a, v) = (fields[0], fields[1], fields[2])
            i.withUTF8 { ib in a.withUTF8 { ab in v.withUTF8 { vb in
                raw.add(item: UnsafeRawBufferPointer(ib), annotator: UnsafeRawBufferPointer(ab),
                        value: UnsafeRawBufferPointer(vb), line: lineNumber)
            } } }
        }
        return raw
    }

    /// Number of line feeds: an upper bound of the records, to size arrays once.
    private static func lineCount(_ buf: UnsafeRawBufferPointer) -> Int {
        var n = 1
        for b in buf where b == 0x0A { n += 1 }
        return n
    }

    /// Shortest text that parses back to the same number ("3" rather than "3.0" for integers).
    private static func numberText(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }

    /// Interprets the values at `level`, checks annotators and repeats, and builds the table.
    static func build(_ raw: RawRatings, level: MeasurementLevel, path: String) throws -> (RatingTable, labels: [String]?) {
        guard !raw.item.isEmpty else { throw RatingsLoadError(file: path, message: "no ratings in file") }
        guard raw.annotators.count >= 2 else {
            throw RatingsLoadError(file: path, message:
                "only one annotator (\(raw.annotators.string(0))); agreement needs at least two")
        }
        let texts = raw.values.strings
        let numbers = texts.map { Double($0.trimmingCharacters(in: .whitespaces)) }
        var valueOfId = [Double](repeating: 0, count: texts.count)
        var labels: [String]?
        if level == .nominal {
            let allNumeric = numbers.allSatisfy { $0?.isFinite == true }
            let order = texts.indices.sorted { a, b in
                if allNumeric, let x = numbers[a], let y = numbers[b], x != y { return x < y }
                return texts[a] < texts[b]
            }
            for (rank, id) in order.enumerated() { valueOfId[id] = Double(rank) }
            labels = order.map { texts[$0] }
        } else {
            for (id, text) in texts.enumerated() {
                let line = raw.valueFirstLine[id]
                guard let x = numbers[id], x.isFinite else {
                    throw RatingsLoadError(file: path, line: line, column: "value",
                                           message: "'\(text)' is not a number (\(level.rawValue) level needs numbers)")
                }
                if level == .ratio, x < 0 {
                    throw RatingsLoadError(file: path, line: line, column: "value",
                                           message: "\(text) is negative (ratio level needs values >= 0)")
                }
                valueOfId[id] = x
            }
        }
        let (categories, codeOfId) = RatingTable.categoryCodes(valueOfId)
        var catIdx = [Int32](repeating: 0, count: raw.value.count)
        for k in 0..<raw.value.count { catIdx[k] = codeOfId[Int(raw.value[k])] }
        let items = raw.items.strings, annotators = raw.annotators.strings
        let table = RatingTable(items: items, annotators: annotators, categories: categories,
                                itemIdx: raw.item, annIdx: raw.annotator, catIdx: catIdx, ignored: 0,
                                duplicates: .report)
        if let d = table.firstDuplicate {
            throw RatingsLoadError(
                file: path, line: Int(raw.line[d.later]), column: "annotator",
                message: "annotator '\(annotators[Int(raw.annotator[d.later])])' rated item "
                    + "'\(items[Int(raw.item[d.later])])' again (first on line \(raw.line[d.earlier]))")
        }
        return (table, labels)
    }
}
