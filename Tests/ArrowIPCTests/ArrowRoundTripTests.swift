import ArrowIPC
import AssayFrame
import Testing

/// Datasets written by `ArrowStreamWriter` read back equal, missing values included.
struct ArrowRoundTripTests {
    static let sample: Dataset = {
        let columns = [
            Column("x", numbers: [1.5, .nan, -2, 0, 1e300, .nan, 3, 4, 5, 6]),
            Column("name", strings: ["a", nil, "", "日本", "a", "b", nil, "c", "a", "é"]),
            Column("flag", bools: [true, false, nil, true, true, nil, false, false, true, true]),
            Column("gaps", numbers: Array(repeating: .nan, count: 10)),
        ]
        return (try? Dataset(columns: columns)) ?? .empty
    }()

    @Test func everyColumnTypeWithMissingValues() throws {
        let bytes = try ArrowStreamWriter().stream(Self.sample)
        #expect(try ArrowIPC.dataset(from: bytes) == Self.sample)
        #expect(try ArrowIPC.schema(from: bytes) == Self.sample.schema)
    }

    @Test(arguments: [1, 3, 10, 11])
    func batchesOfAnySize(_ batchRows: Int) throws {
        let bytes = try ArrowStreamWriter(batchRows: batchRows).stream(Self.sample)
        #expect(try ArrowIPC.dataset(from: bytes) == Self.sample)
    }

    @Test func aRowRange() throws {
        let bytes = try ArrowStreamWriter().stream(Self.sample, rows: 3..<8)
        #expect(try ArrowIPC.dataset(from: bytes) == Self.sample.slice(3..<8))
    }

    @Test func aRowRangeOutsideTheDataset() {
        let thrown = #expect(throws: ArrowError.self) { try ArrowStreamWriter().stream(Self.sample, rows: 5..<11) }
        #expect(thrown?.description == "rows 5..<11 are outside the dataset's 10 rows")
    }

    /// Streams cut by a row count, fed one after another, read as the whole dataset.
    @Test(arguments: [1, 4, 10, 100])
    func streamsOfBoundedRows(_ rowsPerStream: Int) throws {
        let streams = Array(ArrowStreamWriter(batchRows: 3).streams(Self.sample, rowsPerStream: rowsPerStream))
        #expect(streams.count == (10 + rowsPerStream - 1) / rowsPerStream)
        let decoder = ArrowStreamDecoder()
        for stream in streams { try decoder.feed(stream) }
        #expect(try decoder.finish() == Self.sample)
        #expect(decoder.rowCount == 10)
    }

    @Test func columnsWithNoRows() throws {
        let empty = Self.sample.slice(0..<0)
        let streams = Array(ArrowStreamWriter().streams(empty, rowsPerStream: 5))
        #expect(streams.count == 1)
        let read = try ArrowIPC.dataset(from: streams[0])
        #expect(read == empty)
        #expect(read.schema == Self.sample.schema)
    }

    @Test func noColumns() throws {
        let bytes = try ArrowStreamWriter().stream(.empty)
        let read = try ArrowIPC.dataset(from: bytes)
        #expect(read.columnCount == 0 && read.rowCount == 0)
    }

    @Test func nothingFedIsTheEmptyDataset() throws {
        #expect(try ArrowStreamDecoder().finish() == .empty)
    }

    /// Two streams whose columns differ cannot make one dataset.
    @Test func aLaterSchemaMustMatchTheFirst() throws {
        let decoder = ArrowStreamDecoder()
        try decoder.feed(ArrowStreamWriter().stream(Self.sample))
        let other = try Dataset(columns: [Column("x", strings: ["a"])])
        let thrown = #expect(throws: ArrowError.self) { try decoder.feed(ArrowStreamWriter().stream(other)) }
        #expect(thrown?.description == """
            arrow schema changed within the result: expected (x: number, name: string, flag: bool, gaps: number), \
            found (x: string)
            """)
        // The decoder keeps its failure.
        #expect(throws: ArrowError.self) { try decoder.finish() }
    }

}
