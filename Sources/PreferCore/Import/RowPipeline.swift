/// Reads one file row by row on the calling thread: raw rows -> shape detection -> items or row errors.
/// Used by one thread at a time (the prefetch worker takes it over whole), hence `@unchecked Sendable`.
final class RowPipeline: @unchecked Sendable {
    let path: String
    let format: String
    private(set) var shape: ImportShape?
    private(set) var rowsRead = 0
    private(set) var digest: String?
    private let source: ByteSource
    private let rows: RowSource
    private var interpreter: RowInterpreter?

    init(path: String, options: ImportOptions) throws {
        self.path = path
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
        switch consume raw {
        case .problem(let p, let line, let text):
            return .failure(rowError(p, line: line, raw: text))
        case .fields(let fields, let line, let text):
            let interpreter = try self.interpreter ?? detect(fields, line: line)
            do {
                return .success(try interpreter.item(from: fields, line: line))
            } catch let p as RowProblem {
                return .failure(rowError(p, line: line, raw: text))
            }
        }
    }

    /// Fixes the file's shape from its first row, or throws the unknown-shape file error.
    private func detect(_ fields: [String: JSONValue], line: Int) throws -> RowInterpreter {
        guard let detected = ShapeDetection.shape(of: fields.keys) else {
            throw ShapeDetection.unknownShape(file: path, line: line, fields: fields.keys)
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
