import Dispatch
import Foundation

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
        var finished = false
        var lines = LineBatch()
        while !finished {
            condition.lock()
            var released = spent
            spent = []
            condition.unlock()
            released.removeAll()
            var batch = pipeline.parsesInParallel ? parallelBatch(pipeline, &lines) : serialBatch(pipeline)
            batch.shape = pipeline.shape
            finished = batch.end != nil
            condition.lock()
            while ready.count >= maxBatches && !cancelled { condition.wait() }
            if cancelled { condition.unlock(); return }
            ready.append(batch)
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Rows read and parsed one by one on this thread (CSV, and JSONL until its shape is known).
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
                batch.rows.append(row.map(EncodedItem.init))
            } catch {
                batch.end = .failed(fileError(error, pipeline))
                break
            }
        }
        return batch
    }

    /// JSONL lines read on this thread, then parsed and encoded on all cores: parsing is the slower half of
    /// an import, and the database writer leaves part of a core free. Rows keep their file order.
    private func parallelBatch(_ pipeline: RowPipeline, _ lines: inout LineBatch) -> Batch {
        var batch = Batch()
        do {
            if !(try pipeline.nextLines(into: &lines, maxRows: batchRows, maxBytes: Int(batchBytes))) {
                batch.end = .finished(sha256: pipeline.digest ?? "")
            }
        } catch {
            batch.end = .failed(fileError(error, pipeline))
        }
        let count = lines.count
        let results = ParallelSlots<Result<EncodedItem, ImportRowError>>(count: count)
        let chunks = min(count, 8)
        let input = lines
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            for i in stride(from: chunk, to: count, by: chunks) {
                results.set(i, pipeline.row(i, of: input).map { $0.map(EncodedItem.init) })
            }
        }
        batch.rows = results.drain()
        return batch
    }

    private func fileError(_ error: any Error, _ pipeline: RowPipeline) -> ImportFileError {
        error as? ImportFileError ?? ImportFileError(file: pipeline.path, message: "\(error)")
    }
}
