/// Streams one file: plain or gzip (detect by magic bytes 1f 8b, not by extension), JSONL or CSV (by extension .csv / .csv.gz, else JSONL).
public final class ImportReader {
    /// The path as given, used in error messages.
    public let path: String
    public let options: ImportOptions
    /// Known after the first row (or forced by the options).
    public private(set) var shape: ImportShape?
    /// "jsonl" | "jsonl.gz" | "csv" | "csv.gz".
    public let format: String
    /// Rows read so far (items and row errors; blank lines do not count).
    public private(set) var rowsRead = 0

    private let source: ByteSource
    private let rows: RowSource
    private var interpreter: RowInterpreter?
    private var digest: String?

    /// Opens the file; throws `ImportFileError` when it cannot be opened.
    public init(path: String, options: ImportOptions = .init()) throws {
        self.path = path
        self.options = options
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

    /// Next row: .success(item), .failure(rowError); nil at end of file. Throws ImportFileError for file-level errors.
    public func next() throws -> Result<ImportedItem, ImportRowError>? {
        guard let raw = try rows.next() else {
            if rowsRead == 0 { throw ImportFileError(file: path, message: "empty file: no rows") }
            if digest == nil { digest = try source.sha256() }
            return nil
        }
        rowsRead += 1
        switch raw {
        case .problem(let p, let line, let text):
            return .failure(rowError(p, line: line, raw: text))
        case .fields(let fields, let line, let text):
            if interpreter == nil {
                guard let detected = ShapeDetection.shape(of: fields.keys) else {
                    throw ShapeDetection.unknownShape(file: path, line: line, fields: fields.keys)
                }
                shape = detected
                interpreter = RowInterpreter(shape: detected)
            }
            do {
                return .success(try interpreter!.item(from: fields, line: line))
            } catch let p as RowProblem {
                return .failure(rowError(p, line: line, raw: text))
            }
        }
    }

    /// SHA-256 (hex) of the file's bytes as stored on disk (compressed bytes for .gz); valid once next() returned nil.
    public var sha256: String { digest ?? "" }

    private func rowError(_ p: RowProblem, line: Int, raw: RawText) -> ImportRowError {
        ImportRowError(file: path, line: line, field: p.field, message: p.message, rawLine: raw.string)
    }
}
