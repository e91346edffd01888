@testable import ArrowIPC
import Testing

/// What the builder writes, the reader reads back.
struct FlatBufferTests {
    @Test func aTableOfEveryFieldKind() throws {
        let root = FlatObject.table([
            .uint8(200), nil, .int16(-3), .int32(70_000), .int64(-(1 << 40)),
            .object(.string("héllo")),
            .object(.structs(HandMadeStream.littleEndian([Int64(1), 2, 3, 4]), count: 2, alignment: 8)),
            .object(.tables([.table([.int32(1)]), .table([])])),
        ])
        let bytes = FlatBufferBuilder.build(root)
        try bytes.withUnsafeBytes { raw in
            let table = try FlatBuffer(bytes: raw).root()
            #expect(try table.scalar(0, default: UInt8(0)) == 200)
            #expect(try table.scalar(1, default: Int16(9)) == 9)
            #expect(try table.scalar(2, default: Int16(0)) == -3)
            #expect(try table.scalar(3, default: Int32(0)) == 70_000)
            #expect(try table.scalar(4, default: Int64(0)) == -(1 << 40))
            #expect(try table.string(5) == "héllo")
            let structs = try #require(try table.vector(6, stride: 16))
            #expect(structs.count == 2)
            #expect(try structs.load(Int64.self, element: 1, offset: 8) == 4)
            let tables = try #require(try table.tables(7))
            #expect(try tables.map { try $0.scalar(0, default: Int32(5)) } == [1, 5])
            #expect(try table.table(9) == nil)
        }
    }
}
