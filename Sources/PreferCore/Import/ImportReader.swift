/// Streams one file: plain or gzip (detect by magic bytes 1f 8b, not by extension), JSONL or CSV (by extension .csv / .csv.gz, else JSONL).
/// With `options.prefetch` the file is parsed a few batches ahead on a background thread; results are the same.
public final class ImportReader {
    /// The path as given, used in error messages.
    public let path: String
    /// The options the reader was opened with.
    public let options: ImportOptions
    /// "jsonl" | "jsonl.gz" | "csv" | "csv.gz".
    public let format: String
    /// Rows handed out so far (items and row errors; blank lines do not count).
    public private(set) var rowsRead = 0

    private let serial: RowPipeline?
    private let prefetcher: Prefetcher?
    private var batch = Prefetcher.Batch()
    private var index = 0
    private var prefetchedShape: ImportShape?
    private var digest: String?

    /// Opens the file; throws `ImportFileError` when it cannot be opened.
    public init(path: String, options: ImportOptions = .init()) throws {
        self.path = path
        self.options = options
        let pipeline = try RowPipeline(path: path, options: options)
        format = pipeline.format
        prefetchedShape = options.shape
        if options.prefetch {
            serial = nil
            prefetcher = Prefetcher(pipeline: pipeline)
        } else {
            serial = pipeline
            prefetcher = nil
        }
    }

    deinit { prefetcher?.cancel() }

    /// Known after the first row (or forced by the options).
    public var shape: ImportShape? { serial?.shape ?? prefetchedShape }

    /// Next row: .success(item), .failure(rowError); nil at end of file. Throws ImportFileError for file-level errors.
    public func next() throws -> Result<ImportedItem, ImportRowError>? {
        if serial != nil { return try serialNext() }
        precondition(options.keepsItems, "ImportReader.next() needs ImportOptions.keepsItems")
        return try nextEncoded()?.map { $0.item! }
    }

    /// `next()` with each item's JSON and content hash already encoded for the store (on the prefetch thread).
    public func nextEncoded() throws -> Result<EncodedItem, ImportRowError>? {
        if serial != nil { return try serialNext()?.map { EncodedItem($0, queueSeed: options.queueSeed, keepingItem: options.keepsItems) } }
        guard let prefetcher else { return nil }
        while index == batch.rows.count {
            switch batch.end {
            case .finished(let sha)?: digest = sha; return nil
            case .failed(let error)?: throw error
            case nil:
                // Move the spent batch out (no copy left here), so its memory is freed by the worker that
                // allocated it, not by a release on this thread racing the worker's (a cross-thread free).
                var spent = Prefetcher.Batch()
                swap(&spent, &batch)
                batch = prefetcher.take(returning: consume spent)
                index = 0
                prefetchedShape = batch.shape ?? prefetchedShape
            }
        }
        index += 1
        rowsRead += 1
        return batch.rows[index - 1]
    }

    /// The next row read on this thread (prefetching off).
    private func serialNext() throws -> Result<ImportedItem, ImportRowError>? {
        guard let serial else { return nil }
        let row = try serial.next()
        if row == nil { digest = serial.digest } else { rowsRead += 1 }
        return row
    }

    /// SHA-256 (hex) of the file's bytes as stored on disk (compressed bytes for .gz); valid once next() returned nil.
    public var sha256: String { digest ?? "" }
}
