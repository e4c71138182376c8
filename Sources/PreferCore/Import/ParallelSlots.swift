/// One result slot per row of a batch, filled from several threads: each index is written by exactly one
/// thread and read only after all of them have finished (`DispatchQueue.concurrentPerform` returns).
struct ParallelSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<T?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    /// Fills slot `i`.
    func set(_ i: Int, _ value: T?) { slots[i] = value }

    /// The filled slots in order, skipping empty ones; frees the storage.
    func drain() -> [T] {
        var out: [T] = []
        out.reserveCapacity(slots.count)
        for case let value? in slots { out.append(value) }
        slots.deinitialize().deallocate()
        return out
    }
}
