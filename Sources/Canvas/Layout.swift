/// How much of a split one part gets.
public enum Constraint: Hashable, Sendable {
    /// Exactly n cells (less only if the space runs out).
    case fixed(Int)
    /// A percentage (0-100) of the whole space.
    case percent(Int)
    /// At least n cells; shares what is left over equally with the other `min` parts.
    case min(Int)
}

/// Direction of a split.
public enum Axis: Sendable {
    /// Parts side by side, left to right (splits the width).
    case horizontal
    /// Parts stacked top to bottom (splits the height).
    case vertical
}

extension Rect {
    /// Splits this rectangle into consecutive parts along `axis`. Fixed and percent parts are sized
    /// first, `min` parts share the rest; if the space is too small, later parts shrink first.
    /// The parts always tile the rectangle without overlap and their sizes sum to at most its size.
    public func split(_ axis: Axis, _ constraints: [Constraint]) -> [Rect] {
        let total = axis == .horizontal ? width : height
        let sizes = Layout.sizes(total: total, constraints)
        var offset = 0
        return sizes.map { size in
            defer { offset += size }
            return axis == .horizontal
                ? Rect(x: x + offset, y: y, width: size, height: height)
                : Rect(x: x, y: y + offset, width: width, height: size)
        }
    }
}

/// Sizing arithmetic behind `Rect.split`.
public enum Layout {
    /// Sizes of the parts for a total length.
    public static func sizes(total: Int, _ constraints: [Constraint]) -> [Int] {
        var sizes = constraints.map { c -> Int in
            switch c {
            case .fixed(let n): return Swift.max(0, n)
            case .percent(let p): return total * Swift.min(100, Swift.max(0, p)) / 100
            case .min(let n): return Swift.max(0, n)
            }
        }
        let flexible = constraints.indices.filter { if case .min = constraints[$0] { return true } else { return false } }
        var spare = total - sizes.reduce(0, +)
        if spare > 0, !flexible.isEmpty {
            for (k, i) in flexible.enumerated() { sizes[i] += spare / flexible.count + (k < spare % flexible.count ? 1 : 0) }
            spare = 0
        }
        // Too little room: take cells back from the last parts first.
        var excess = -spare
        for i in sizes.indices.reversed() where excess > 0 {
            let take = Swift.min(sizes[i], excess)
            sizes[i] -= take
            excess -= take
        }
        return sizes
    }
}
