import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a `RowPipeline` on a background thread, a few batches ahead of the consumer, so that parsing
/// overlaps with the caller's database writes (the machine has 2 cores). Memory stays bounded:
/// at most `maxBatches` batches, each cut at `batchRows` rows or `batchBytes` bytes of input.
final class Prefetcher: @unchecked Sendable {
    /// Rows parsed together, with how the file ended if it did.
    struct Batch {
        var rows: [Result<EncodedItem, ImportRowError>] = []
        var shape: ImportShape?
        var end: End?
    }

    enum End {
        case finished(sha256: String)
        case failed(ImportFileError)
    }

    private let condition = NSCondition()
    private var ready: [Batch] = []
    private var spent: [Batch] = []
    private var cancelled = false
    private let maxBatches = 4
    private let batchRows = 1024
    private let batchBytes: Int64 = 4 << 20

    init(pipeline: RowPipeline) {
        let thread = Thread { [self] in run(pipeline) }
        thread.stackSize = 8 << 20
        thread.name = "prefer-import"
        thread.start()
    }

    /// The next batch, waiting for the worker if none is ready. The consumed batch goes back to the worker
    /// to be released there: memory freed on the thread that allocated it is much cheaper for malloc.
    func take(returning spent: consuming Batch) -> Batch {
        condition.lock()
        defer { condition.unlock() }
        self.spent.append(spent)
        while ready.isEmpty { condition.wait() }
        condition.broadcast()
        return ready.removeFirst()
    }

    /// Stops the worker (the consumer went away).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    private func run(_ pipeline: RowPipeline) {
        Self.yieldToWriter()
        while !pipeline.parsesInParallel {
            var batch = serialBatch(pipeline)
            batch.shape = pipeline.shape
            let finished = batch.end != nil
            guard deliver(batch), !finished else { return }
        }
        runParallel(pipeline)
    }

    /// Hands a batch to the consumer, waiting while `maxBatches` are ready; false once cancelled. Frees the
    /// batches the consumer gave back.
    private func deliver(_ batch: Batch) -> Bool {
        condition.lock()
        var released = spent
        spent = []
        while ready.count >= maxBatches && !cancelled { condition.wait() }
        let open = !cancelled
        if open { ready.append(batch) }
        condition.broadcast()
        condition.unlock()
        released.removeAll()
        return open
    }

    /// Rows (JSONL lines, CSV records) read on this thread while the previous batch is parsed and encoded on the
    /// other cores: reading (copying lines, splitting records, hashing the file) is serial, and overlapping it
    /// with parsing keeps the parsers busy. Rows keep their file order.
    private func runParallel(_ pipeline: RowPipeline) {
        var lines = LineBatch(), nextLines = LineBatch()
        var end = readLines(pipeline, into: &lines)
        while true {
            let count = lines.count
            let results = ParallelSlots<Result<EncodedItem, ImportRowError>>(count: count)
            let chunks = min(count, 8)
            let input = lines
            let group = DispatchGroup()
            for chunk in 0..<chunks {
                DispatchQueue.global().async(group: group) {
                    Self.yieldToWriter()
                    for i in stride(from: chunk, to: count, by: chunks) {
                        results.set(i, pipeline.row(i, of: input).map { $0.map(pipeline.encode) })
                    }
                }
            }
            let nextEnd = end == nil ? readLines(pipeline, into: &nextLines) : nil
            group.wait()
            var batch = Batch()
            batch.rows = results.drain()
            batch.shape = pipeline.shape
            batch.end = end
            guard deliver(batch), end == nil else { return }
            swap(&lines, &nextLines)
            end = nextEnd
        }
    }

    /// The next lines into `lines`; how the file ended, if it did.
    private func readLines(_ pipeline: RowPipeline, into lines: inout LineBatch) -> End? {
        do {
            if try pipeline.nextBatch(into: &lines, maxRows: batchRows, maxBytes: Int(batchBytes)) { return nil }
            return .finished(sha256: pipeline.digest ?? "")
        } catch {
            return .failed(fileError(error, pipeline))
        }
    }

    /// Rows read and parsed one by one on this thread, until the file's shape is known (from its first row).
    private func serialBatch(_ pipeline: RowPipeline) -> Batch {
        var batch = Batch()
        batch.rows.reserveCapacity(batchRows)
        let startBytes = pipeline.bytesRead
        while batch.rows.count < batchRows && pipeline.bytesRead - startBytes < batchBytes && !pipeline.parsesInParallel {
            do {
                guard let row = try pipeline.next() else {
                    batch.end = .finished(sha256: pipeline.digest ?? "")
                    break
                }
                // Encoding here takes it off the writer, which is the busier thread.
                batch.rows.append(row.map(pipeline.encode))
            } catch {
                batch.end = .failed(fileError(error, pipeline))
                break
            }
        }
        return batch
    }

    /// Lowers the calling thread's scheduling priority (Linux: per-thread nice). The database writer is the
    /// import's critical path; with more parse threads than cores, fair scheduling would give it only a share of
    /// a core whenever parsers are runnable. Parsers at a lower priority use what the writer leaves.
    static func yieldToWriter() {
        #if os(Linux)
        // Linux keeps the nice value per thread; `who` 0 names the calling thread.
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        if getpriority(which, 0) < parserNice { setpriority(which, 0, parserNice) }
        #endif
    }

    private static let parserNice: Int32 = 10

    private func fileError(_ error: any Error, _ pipeline: RowPipeline) -> ImportFileError {
        error as? ImportFileError ?? ImportFileError(file: pipeline.path, message: "\(error)")
    }
}
