/// Hands out ncurses colour-pair numbers for (foreground, background) colour numbers on demand.
/// `COLOR_PAIR(n)` breaks above 255 on this ncurses, so the registry never goes past 255: when it
/// is full, a new combination reuses the closest existing pair, or pair 0 (the terminal default).
public struct ColorPairRegistry: Sendable {
    /// The highest pair number `COLOR_PAIR` handles correctly.
    public static let maxPairs = 255

    /// How many pairs (1...capacity) this registry may allocate.
    public let capacity: Int
    private var numbers: [PairKey: Int16] = [:]
    private var order: [PairKey] = []

    private struct PairKey: Hashable, Sendable { let fg: Int32; let bg: Int32 }

    /// Creates a registry for a terminal that reports `colorPairs` pairs (pair 0 is reserved).
    public init(colorPairs: Int) {
        capacity = max(0, min(Self.maxPairs, colorPairs - 1))
    }

    /// The result of a lookup: the pair number, and whether the caller must `init_pair` it first.
    public struct Assignment: Hashable, Sendable {
        /// The pair number to draw with.
        public let pair: Int16
        /// True the first time a combination gets its own pair.
        public let isNew: Bool

        /// Creates an assignment.
        public init(pair: Int16, isNew: Bool) { self.pair = pair; self.isNew = isNew }
    }

    /// The pair for `fg`/`bg` (ncurses colour numbers, -1 = terminal default). Default on default
    /// is always pair 0; a full registry answers with the nearest existing pair (same foreground
    /// first, because text legibility matters most, then same background) or pair 0.
    public mutating func assign(fg: Int32, bg: Int32) -> Assignment {
        if fg == -1 && bg == -1 { return Assignment(pair: 0, isNew: false) }
        let key = PairKey(fg: fg, bg: bg)
        if let n = numbers[key] { return Assignment(pair: n, isNew: false) }
        if order.count < capacity {
            let n = Int16(order.count + 1)
            numbers[key] = n
            order.append(key)
            return Assignment(pair: n, isNew: true)
        }
        let nearest = order.first { $0.fg == fg } ?? order.first { $0.bg == bg }
        return Assignment(pair: nearest.flatMap { numbers[$0] } ?? 0, isNew: false)
    }

    /// The number of pairs allocated so far.
    public var count: Int { order.count }
}
