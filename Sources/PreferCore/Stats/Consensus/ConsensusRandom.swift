/// Seeded draws for the Bradley-Terry bootstrap: SplitMix64 bits (shared with the agreement bootstrap) with
/// modulo-rejection sampling, kept so published bootstrap intervals stay reproducible.
struct ConsensusRandom {
    private var bits: SplitMix64

    init(seed: UInt64) { bits = SplitMix64(seed: seed) }

    mutating func next() -> UInt64 { bits.next() }

    /// Uniform integer in 0..<bound (rejection sampling, no modulo bias); bound must be > 0.
    mutating func next(below bound: Int) -> Int {
        let b = UInt64(bound)
        let limit = UInt64.max - UInt64.max % b
        var x = next()
        while x >= limit { x = next() }
        return Int(x % b)
    }
}
