@testable import ArrowIPC
import AssayFrame
import Testing

/// Broken streams throw an `ArrowError` that says what is wrong; none traps.
struct ArrowMalformedTests {
    typealias Stream = HandMadeStream

    @Test func stringOffsetsPastTheData() {
        let body = Stream.littleEndian([Int32(0), 5]) + [97, 98, 99, 0, 0, 0, 0, 0]
        let bytes = Stream.schema([Stream.field("s", tag: 5)])
            + Stream.batch(rows: 1, nodes: [(1, 0)], buffers: [(0, 0), (0, 8), (8, 3)], body: body)
        #expect(Stream.error(reading: bytes)?.description
            == "malformed arrow stream: column `s` row 0 has string offsets 0..<5 outside its 3 bytes of data")
    }

    @Test func aBufferOutsideTheBody() {
        let bytes = Stream.schema([Stream.field("x", tag: 3, type: Stream.float64)])
            + Stream.batch(rows: 1, nodes: [(1, 0)], buffers: [(0, 0), (100, 8)], body: [UInt8](repeating: 0, count: 16))
        #expect(Stream.error(reading: bytes)?.description
            == "malformed arrow stream: buffer of column `x` at 100 of 8 bytes is outside the body of 16 bytes")
    }

    @Test func aDataBufferTooShortForTheRows() {
        let bytes = Stream.schema([Stream.field("x", tag: 3, type: Stream.float64)])
            + Stream.batch(rows: 4, nodes: [(4, 0)], buffers: [(0, 0), (0, 16)], body: [UInt8](repeating: 0, count: 16))
        #expect(Stream.error(reading: bytes)?.description
            == "malformed arrow stream: column `x` has a data buffer of 16 bytes for 4 values of 8 bytes")
    }

    @Test func nullsWithoutABitmap() {
        let bytes = Stream.schema([Stream.field("x", tag: 3, type: Stream.float64)])
            + Stream.batch(rows: 2, nodes: [(2, 1)], buffers: [(0, 0), (0, 16)], body: [UInt8](repeating: 0, count: 16))
        #expect(Stream.error(reading: bytes)?.description
            == "malformed arrow stream: column `x` has 1 nulls but a validity bitmap of 0 bytes for 2 rows")
    }

    @Test func tooFewFieldNodes() {
        let bytes = Stream.schema([Stream.field("x", tag: 3, type: Stream.float64)])
            + Stream.batch(rows: 0, nodes: [], buffers: [], body: [])
        #expect(Stream.error(reading: bytes)?.description
            == "malformed arrow stream: record batch has 0 field nodes, too few for column `x`")
    }

    @Test func aRecordBatchBeforeTheSchema() {
        let bytes = Stream.batch(rows: 0, nodes: [], buffers: [], body: [])
        #expect(Stream.error(reading: bytes)?.description == "malformed arrow stream: a record batch comes before the schema")
    }

    @Test func aDictionaryIndexPastTheDictionary() {
        let encoding = FlatObject.table([.int64(7)])
        let dictionary = Stream.batch(
            rows: 1, nodes: [(1, 0)], buffers: [(0, 0), (0, 8), (8, 1)],
            body: Stream.littleEndian([Int32(0), 1]) + [120, 0, 0, 0, 0, 0, 0, 0], dictionary: 7)
        let bytes = Stream.schema([Stream.field("d", tag: 5, dictionary: encoding)]) + dictionary
            + Stream.batch(rows: 1, nodes: [(1, 0)], buffers: [(0, 0), (0, 4)], body: Stream.littleEndian([Int32(3), 0]))
        #expect(Stream.error(reading: bytes)?.description
            == "malformed arrow stream: column `d` row 0 has dictionary index 3 of 1 entries")
    }

    @Test func aDictionaryNeverSent() {
        let bytes = Stream.schema([Stream.field("d", tag: 5, dictionary: .table([.int64(7)]))])
            + Stream.batch(rows: 1, nodes: [(1, 0)], buffers: [(0, 0), (0, 4)], body: Stream.littleEndian([Int32(0), 0]))
        #expect(Stream.error(reading: bytes)?.description
            == "malformed arrow stream: column `d` uses dictionary 7, which no dictionary batch sent before")
    }

    @Test func anUnsupportedType() {
        let bytes = Stream.schema([Stream.field("b", tag: 4)])
        #expect(Stream.error(reading: bytes) == .unsupportedType(field: "b", type: "binary"))
        #expect(Stream.error(reading: bytes)?.help != nil)
    }

    @Test func duplicateColumnNames() {
        let bytes = Stream.schema([Stream.field("x", tag: 6), Stream.field("x", tag: 5)])
        #expect(Stream.error(reading: bytes)?.description == "duplicate column name `x` in the arrow schema")
    }

    @Test func bigEndian() {
        #expect(Stream.error(reading: Stream.schema([], bigEndian: true)) == .bigEndian)
    }

    @Test func aNegativeMetadataLength() {
        #expect(Stream.error(reading: [0xFF, 0xFF, 0xFF, 0xFF, 0xF0, 0xFF, 0xFF, 0xFF])?.description
            == "malformed arrow stream: message metadata length -16 at byte 0")
    }

    @Test func aRootOffsetPastTheEnd() {
        let bytes: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 8, 0, 0, 0, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0]
        #expect(Stream.error(reading: bytes)?.description
            == "malformed arrow stream: flatbuffer offset at 0 points past the end (65535 of 8 bytes)")
    }

    @Test func aMessageCutShort() throws {
        let bytes = try ArrowStreamWriter().stream(ArrowRoundTripTests.sample)
        #expect(Stream.error(reading: Array(bytes.prefix(50)))?.description
            == "arrow stream ends early: 50 bytes after the last whole message")
    }

    /// Every prefix of a stream reads or throws; a cut inside a message always throws.
    @Test func everyPrefix() throws {
        let bytes = try ArrowStreamWriter(batchRows: 4).stream(ArrowRoundTripTests.sample)
        var failures = 0
        for count in 0..<bytes.count where Stream.error(reading: Array(bytes.prefix(count))) != nil { failures += 1 }
        #expect(failures > bytes.count - 10)
    }

    /// Every byte of a stream set to each of a few values: reads or throws, never traps.
    @Test(arguments: [UInt8(0x00), 0x01, 0x7F, 0x80, 0xFF])
    func everyByteChanged(_ value: UInt8) throws {
        var fixtures = [try ArrowStreamWriter(batchRows: 4).stream(ArrowRoundTripTests.sample)]
        for name in ["numbers", "dictionary_delta", "temporal", "strings"] { fixtures.append(try ArrowFixtures.bytes(name)) }
        for bytes in fixtures {
            for position in bytes.indices {
                var changed = bytes
                changed[position] = value
                _ = Stream.error(reading: changed)
            }
        }
    }

    /// Random changes of several bytes at once, from a fixed seed.
    @Test func randomChanges() throws {
        let originals = try ["numbers", "dictionary_replace", "temporal"].map(ArrowFixtures.bytes)
        var generator = SeededGenerator(seed: 7)
        for round in 0..<3000 {
            var changed = originals[round % originals.count]
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                changed[Int.random(in: 0..<changed.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            _ = Stream.error(reading: changed)
        }
    }
}
