/// Reads one file row by row on the calling thread: raw rows -> shape detection -> items or row errors.
/// Used by one thread at a time (the prefetch worker takes it over whole), hence `@unchecked Sendable`.
final class RowPipeline: @unchecked Sendable {
    let path: String
    let format: String
    /// `ImportOptions.queueSeed`.
    let queueSeed: UInt64
    /// `ImportOptions.keepsItems`.
    let keepsItems: Bool
    private(set) var shape: ImportShape?
    private(set) var rowsRead = 0
    private(set) var digest: String?
    private let source: ByteSource
    private let rows: RowSource
    private var interpreter: RowInterpreter?

    init(path: String, options: ImportOptions) throws {
        self.path = path
        queueSeed = options.queueSeed
        keepsItems = options.keepsItems
        source = try ByteSource(path: path)
        let lower = path.lowercased()
        let isCSV = lower.hasSuffix(".csv") || lower.hasSuffix(".csv.gz")
        format = (isCSV ? "csv" : "jsonl") + (source.isGzip ? ".gz" : "")
        rows = isCSV ? try CSVRows(source: source, file: path, maxRecordBytes: options.maxLineBytes)
                     : JSONLRows(source: source, maxLineBytes: options.maxLineBytes)
        if let forced = options.shape {
            shape = forced
            interpreter = RowInterpreter(shape: forced)
        }
    }

    /// Uncompressed bytes read from the file so far (read-ahead included).
    var bytesRead: Int64 { source.offset }

    /// Next row: .success(item), .failure(rowError); nil at end of file. Throws ImportFileError for file-level errors.
    func next() throws -> Result<ImportedItem, ImportRowError>? {
        guard let raw = try rows.next() else {
            if rowsRead == 0 { throw ImportFileError(file: path, message: "empty file: no rows") }
            if digest == nil { digest = try source.sha256() }
            return nil
        }
        rowsRead += 1
        let interpreter: RowInterpreter
        if let known = self.interpreter {
            interpreter = known
        } else {
            switch raw {
            case .problem(let p, let line, let text): return .failure(rowError(p, line: line, raw: text))
            case .fields(let fields, let line, _): interpreter = try detect(fields.keys, line: line)
            }
        }
        return interpret(raw, with: interpreter)
    }

    /// An item encoded for the store, as the options ask.
    func encode(_ item: ImportedItem) -> EncodedItem {
        EncodedItem(item, queueSeed: queueSeed, keepingItem: keepsItems)
    }

    /// Whether rows can now be parsed on several threads: once the shape is known (from the first row). JSONL
    /// lines and CSV records are still read in order on one thread; turning them into items is what runs on all.
    var parsesInParallel: Bool { interpreter != nil }

    /// Copies the next rows, unparsed, into `batch` (`RowSource.nextBatch`); false at the end of the file, when
    /// the digest is known. On a file error the rows read before it stay in the batch. Only when `parsesInParallel`.
    func nextBatch(into batch: inout LineBatch, maxRows: Int, maxBytes: Int) throws -> Bool {
        let more = try rows.nextBatch(into: &batch, maxRows: maxRows, maxBytes: maxBytes)
        if !more && digest == nil { digest = try source.sha256() }
        return more
    }

    /// Row `i` of a batch as an item or a row error; nil for a blank one. Safe to call from several threads.
    func row(_ i: Int, of batch: LineBatch) -> Result<ImportedItem, ImportRowError>? {
        guard let interpreter else { return nil }
        return rows.withRow(i, of: batch) { raw in raw.map { interpret($0, with: interpreter) } }
    }

    /// The row as an item; the fields are consumed (not copied) as the interpreter takes them apart.
    private func interpret(_ raw: consuming RawRow, with interpreter: RowInterpreter) -> Result<ImportedItem, ImportRowError> {
        switch consume raw {
        case .problem(let p, let line, let text):
            return .failure(rowError(p, line: line, raw: text))
        case .fields(let fields, let line, let text):
            do {
                return .success(try interpreter.item(from: fields, line: line))
            } catch let p as RowProblem {
                return .failure(rowError(p, line: line, raw: text))
            } catch {
                return .failure(rowError(RowProblem(nil, "\(error)"), line: line, raw: text))
            }
        }
    }

    /// Fixes the file's shape from its first row, or throws the unknown-shape file error.
    private func detect(_ keys: [String], line: Int) throws -> RowInterpreter {
        guard let detected = ShapeDetection.shape(of: keys) else {
            throw ShapeDetection.unknownShape(file: path, line: line, fields: keys)
        }
        shape = detected
        let interpreter = RowInterpreter(shape: detected)
        self.interpreter = interpreter
        return interpreter
    }

    private func rowError(_ p: RowProblem, line: Int, raw: RawText) -> ImportRowError {
        ImportRowError(file: path, line: line, field: p.field, message: p.message, rawLine: raw.string)
    }
}
