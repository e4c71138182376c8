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
    private let batchRows = 512
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
        while !finished {
            condition.lock()
            var released = spent
            spent = []
            condition.unlock()
            released.removeAll()
            var batch = Batch()
            batch.rows.reserveCapacity(batchRows)
            let startBytes = pipeline.bytesRead
            while batch.rows.count < batchRows && pipeline.bytesRead - startBytes < batchBytes {
                do {
                    guard let row = try pipeline.next() else {
                        batch.end = .finished(sha256: pipeline.digest ?? "")
                        break
                    }
                    // Encoding here takes it off the writer, which is the busier thread.
                    batch.rows.append(row.map(EncodedItem.init))
                } catch let error as ImportFileError {
                    batch.end = .failed(error)
                    break
                } catch {
                    batch.end = .failed(ImportFileError(file: pipeline.path, message: "\(error)"))
                    break
                }
            }
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
}
