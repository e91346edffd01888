import ArrowIPC
import AssayFrame
import Foundation
import Testing

/// Streams written by pyarrow (Fixtures/make_fixtures.py) read to the values pyarrow reads.
struct ArrowFixtureTests {
    @Test(arguments: ArrowFixtures.names())
    func readsTheValuesPyarrowReads(_ name: String) throws {
        let fixture = try #require(try ArrowFixtures.expected()[name])
        let bytes = try ArrowFixtures.bytes(name)
        if let error = fixture.error {
            let thrown = #expect(throws: ArrowError.self) { try ArrowIPC.dataset(from: bytes) }
            #expect(thrown?.description == error)
            return
        }
        let dataset = try ArrowIPC.dataset(from: bytes)
        #expect(dataset.rowCount == fixture.rows)
        #expect(dataset.columnNames == fixture.columns.map(\.name))
        #expect(try ArrowIPC.schema(from: bytes) == dataset.schema)
        for expected in fixture.columns {
            let column = try #require(dataset.column(expected.name))
            #expect(column.type.rawValue == expected.type, "column \(expected.name)")
            #expect(column.cells == expected.values.map(\.cell), "column \(expected.name)")
        }
    }

    @Test func everyFixtureHasExpectedValues() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: ArrowFixtures.folder.path)
            .filter { $0.hasSuffix(".arrow") }.map { String($0.dropLast(6)) }
        #expect(Set(files) == Set(ArrowFixtures.names()))
    }

    /// A whole stream fed a few bytes at a time reads as it does in one piece.
    @Test(arguments: ["numbers", "dictionary_delta", "legacy", "concatenated"])
    func readsAStreamFedInPieces(_ name: String) throws {
        let bytes = try ArrowFixtures.bytes(name)
        let decoder = ArrowStreamDecoder()
        for start in stride(from: 0, to: bytes.count, by: 7) {
            try decoder.feed(bytes[start..<min(start + 7, bytes.count)])
        }
        #expect(try decoder.finish() == ArrowIPC.dataset(from: bytes))
    }
}

/// The fixtures folder and its expected.json.
enum ArrowFixtures {
    struct Fixture: Decodable {
        var rows: Int?
        var columns: [ExpectedColumn] = []
        var error: String?

        enum CodingKeys: CodingKey { case rows, columns, error }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            rows = try container.decodeIfPresent(Int.self, forKey: .rows)
            columns = try container.decodeIfPresent([ExpectedColumn].self, forKey: .columns) ?? []
            error = try container.decodeIfPresent(String.self, forKey: .error)
        }
    }

    struct ExpectedColumn: Decodable {
        var name: String
        var type: String
        var values: [ExpectedValue]
    }

    /// A JSON scalar: null, true/false, a number or a string.
    struct ExpectedValue: Decodable {
        var cell: Cell

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                cell = .missing
            } else if let flag = try? container.decode(Bool.self) {
                cell = .bool(flag)
            } else if let number = try? container.decode(Double.self) {
                cell = .number(number)
            } else {
                cell = .string(try container.decode(String.self))
            }
        }
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func expected() throws -> [String: Fixture] {
        try JSONDecoder().decode([String: Fixture].self, from: Data(contentsOf: folder.appendingPathComponent("expected.json")))
    }

    static func names() -> [String] {
        ((try? expected()) ?? [:]).keys.sorted()
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent("\(name).arrow")))
    }
}

extension Column {
    /// The column's values as cells, so missing reads `.missing` and NaN never spoils `==`.
    var cells: [Cell] { (0..<count).map { self[$0] } }
}
