/// An export computed in memory: the same encoding and split routing as `ExportWriter`, but each output
/// is only hashed, never written. `prefer verify` compares these hashes with the manifest's.
public final class ExportDigest: ExportPairSink {
    /// One output being hashed.
    final class Output {
        let split: String?
        var hash: SHA256? = SHA256()
        var rows = 0
        init(split: String?) { self.split = split }
    }

    public let encoder: ExportEncoder
    public private(set) var counts = ExportCounts()
    private let splits: SplitSpec?
    private let seed: UInt64
    private let outputs: [Output]
    /// The current pair's rows, reused from pair to pair.
    private var scratch: [UInt8] = []

    /// A digest for one set of options and splits.
    public init(options: ExportOptions, splits: SplitSpec? = nil, seed: UInt64 = 0) {
        encoder = ExportEncoder(options: options)
        self.splits = splits
        self.seed = seed
        outputs = (splits.map { $0.parts.map(\.name) } ?? [nil]).map(Output.init(split:))
    }

    /// Encodes one pair and hashes its rows, each followed by a newline as in the file.
    public func add(_ pair: ExportPair) throws {
        scratch.removeAll(keepingCapacity: true)
        let outcome = try encoder.encode(pair, into: &scratch)
        if case .rows(let n) = outcome {
            let name = splits?.split(for: pair.prompt, seed: seed)
            guard let out = outputs.first(where: { $0.split == name }) else { return }
            scratch.withUnsafeBytes { out.hash?.update($0) }
            out.rows += n
        }
        counts.record(outcome: outcome)
    }

    /// SHA-256 and row count per split (nil split without `--split`), in split order.
    public func finish() -> [(split: String?, rows: Int, sha256: String)] {
        outputs.map { o in (o.split, o.rows, o.hash.take()?.finalizeHex() ?? "") }
    }
}
