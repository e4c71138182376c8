/// Text and blob values packed into one byte buffer, in a fixed order: the parse threads pack an item's
/// values once, and the database writer (the import's critical path) binds pointers into the buffer instead of
/// retaining a string per value and letting SQLite copy it. The read side is inlinable: the writer calls it
/// from the store module for every value of every row.
public struct PackedValues: Sendable {
    @usableFromInline var bytes: [UInt8] = []
    /// Per value: where its bytes start, and how many there are (-1 for NULL).
    @usableFromInline var spans: [(offset: Int32, count: Int32)] = []

    /// An empty buffer with room for about `bytes` bytes and `values` values.
    public init(reservingBytes capacity: Int = 0, values: Int = 0) {
        bytes.reserveCapacity(capacity)
        spans.reserveCapacity(values)
    }

    /// Number of values packed.
    public var count: Int { spans.count }

    /// Appends a text value (its UTF-8 bytes), or NULL.
    public mutating func append(_ text: String?) {
        guard var text else { spans.append((Int32(bytes.count), -1)); return }
        text.withUTF8 { append(bytes: $0) }
    }

    /// Appends a value that `write` appends to the buffer (text built in place, without a string of its own).
    public mutating func appendValue(_ write: (inout [UInt8]) -> Void) {
        let start = bytes.count
        write(&bytes)
        spans.append((Int32(start), Int32(bytes.count - start)))
    }

    /// Appends a blob value.
    public mutating func append<Bytes: Collection>(bytes value: Bytes) where Bytes.Element == UInt8 {
        spans.append((Int32(bytes.count), Int32(value.count)))
        bytes.append(contentsOf: value)
    }

    /// Value `i` as text, nil for NULL.
    public func string(_ i: Int) -> String? {
        withValues { values in values[i].map { String(decoding: $0, as: UTF8.self) } }
    }

    /// Calls `body` with a view whose pointers stay valid for the call.
    @inlinable
    public func withValues<R>(_ body: (Values) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes { buffer in
            try spans.withUnsafeBufferPointer { spans in try body(Values(base: buffer, spans: spans)) }
        }
    }

    /// The packed values, valid inside `withValues`.
    public struct Values {
        @usableFromInline let base: UnsafeRawBufferPointer
        @usableFromInline let spans: UnsafeBufferPointer<(offset: Int32, count: Int32)>

        @inlinable
        init(base: UnsafeRawBufferPointer, spans: UnsafeBufferPointer<(offset: Int32, count: Int32)>) {
            self.base = base
            self.spans = spans
        }

        /// Value `i`'s bytes, nil for NULL. An empty value may have a nil base address.
        @inlinable
        public subscript(i: Int) -> UnsafeRawBufferPointer? {
            let span = spans[i]
            guard span.count >= 0 else { return nil }
            guard let start = base.baseAddress else { return UnsafeRawBufferPointer(start: nil, count: 0) }
            return UnsafeRawBufferPointer(start: start + Int(span.offset), count: Int(span.count))
        }
    }
}
