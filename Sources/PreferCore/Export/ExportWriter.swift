import Foundation

/// One export in progress: encodes pairs, counts drops, routes rows to the target file or to one file per
/// split (by the pair's prompt, see `SplitSpec`), and commits all files together. Constant memory.
///
/// Use: `add` every pair, then `commit()`; on any thrown error call `abort()` (dropping the value
/// without committing also removes the temporary files). No file appears at a target before `commit()`.
public final class ExportWriter {
    public let encoder: ExportEncoder
    /// Drops and rows so far.
    public private(set) var counts = ExportCounts()

    private let splits: SplitSpec?
    private let seed: UInt64
    /// (path as given, split name, writer), in split order.
    private let outputs: [(path: String, split: String?, writer: JSONLFileWriter)]
    /// The current pair's rows, reused from pair to pair.
    private var scratch: [UInt8] = []

    /// Opens the temporary files: `target` itself, or `SplitSpec.path(for:split:)` for each split.
    public init(options: ExportOptions, target: String, splits: SplitSpec? = nil, seed: UInt64 = 0,
                bufferCapacity: Int = 1 << 20) throws {
        encoder = ExportEncoder(options: options)
        self.splits = splits
        self.seed = seed
        let names: [String?] = splits.map { $0.parts.map(\.name) } ?? [nil]
        var opened: [(path: String, split: String?, writer: JSONLFileWriter)] = []
        for name in names {
            let path = name.map { SplitSpec.path(for: target, split: $0) } ?? target
            let writer = try JSONLFileWriter(target: URL(fileURLWithPath: path), bufferCapacity: bufferCapacity)
            opened.append((path, name, writer))
        }
        outputs = opened
    }

    /// Encodes one pair and writes its rows (or counts its drop); throws `ExportEncodingError` or a file error.
    public func add(_ pair: ExportPair) throws {
        scratch.removeAll(keepingCapacity: true)
        let outcome = try encoder.encode(pair, into: &scratch)
        if case .rows(let n) = outcome { try output(for: pair.prompt).writeLines(scratch, count: n) }
        counts.record(outcome: outcome)
    }

    /// Flushes, fsyncs and closes every file (done already if `rowsComplete()` ran): nothing may be added after.
    func prepareCommit() throws {
        for o in outputs { try o.writer.prepareCommit() }
    }

    /// Syncs every file, then renames each over its target; returns the manifest's `files` entries.
    public func commit() throws -> [ExportManifest.File] {
        do {
            try prepareCommit()
            return try outputs.map { o in
                let written = try o.writer.commit()
                return ExportManifest.File(path: o.path, split: o.split, rows: written.rows, sha256: written.sha256)
            }
        } catch {
            abort()
            throw error
        }
    }

    /// Removes every temporary file; targets not yet committed are left as they were.
    public func abort() { for o in outputs { o.writer.abort() } }

    private func output(for prompt: [Message]) throws -> JSONLFileWriter {
        guard let splits else { return outputs[0].writer }
        let name = splits.split(for: prompt, seed: seed)
        guard let match = outputs.first(where: { $0.split == name }) else {
            throw ExportFileError(path: name, action: "find the output of split", errno: ENOENT)
        }
        return match.writer
    }
}
