import AssayFrame

/// Writes datasets as Arrow IPC streams: a schema message, record batches of at most
/// `batchRows` rows, and the end-of-stream marker. Numbers are written as Float64, strings as
/// plain Utf8 (not dictionary-encoded), booleans as Bool; missing values are nulls.
public struct ArrowStreamWriter: Sendable {
    /// Rows per record batch inside one stream (at least 1).
    public var batchRows: Int

    public init(batchRows: Int = 65_536) {
        self.batchRows = batchRows
    }

    /// One stream of the rows in `rows` (all of them when nil).
    public func stream(_ dataset: Dataset, rows: Range<Int>? = nil) throws(ArrowError) -> [UInt8] {
        let rows = rows ?? 0..<dataset.rowCount
        guard rows.lowerBound >= 0, rows.upperBound <= dataset.rowCount else {
            throw .rowsOutOfRange(rows, rowCount: dataset.rowCount)
        }
        return write(dataset, rows)
    }

    /// The dataset cut into independent streams of at most `rowsPerStream` rows each, made one
    /// at a time as the sequence is read (for uploads of bounded size). An empty dataset gives
    /// one stream with its schema and no batches.
    public func streams(_ dataset: Dataset, rowsPerStream: Int) -> some Sequence<[UInt8]> {
        let step = Swift.max(1, rowsPerStream)
        let starts = stride(from: 0, to: Swift.max(dataset.rowCount, 1), by: step)
        return starts.lazy.map { start in
            write(dataset, start..<Swift.min(start + step, dataset.rowCount))
        }
    }

    private func write(_ dataset: Dataset, _ rows: Range<Int>) -> [UInt8] {
        var out = EncapsulatedMessage.frame(EncapsulatedMessage.schema(dataset), body: [])
        let step = Swift.max(1, batchRows)
        // Batches still to write, the next one last; one whose text overflows Utf8's 32-bit
        // offsets is cut in two. (A single string of 2 GiB cannot be written.)
        var batches = stride(from: rows.lowerBound, to: rows.upperBound, by: step).reversed().map {
            $0..<Swift.min($0 + step, rows.upperBound)
        }
        while let batch = batches.popLast() {
            var body = BodyWriter()
            guard dataset.columns.allSatisfy({ body.add($0, batch) }) || batch.count == 1 else {
                let middle = batch.lowerBound + batch.count / 2
                batches += [middle..<batch.upperBound, batch.lowerBound..<middle]
                continue
            }
            out += EncapsulatedMessage.frame(EncapsulatedMessage.recordBatch(rows: batch.count, body), body: body.bytes)
        }
        out += EncapsulatedMessage.endOfStream
        return out
    }
}
