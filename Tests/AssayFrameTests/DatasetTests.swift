import AssayFrame
import Testing

@Suite struct DatasetTests {
    @Test func columnsMustHaveEqualLengthsAndDistinctNames() {
        #expect(throws: FrameError.self) { try Dataset(columns: [Column("a", numbers: [1, 2]), Column("b", numbers: [1])]) }
        #expect(throws: FrameError.self) { try Dataset(columns: [Column("a", numbers: [1]), Column("a", numbers: [2])]) }
    }

    @Test func takeGathersEveryColumn() throws {
        let d = try Dataset(columns: [
            Column("x", numbers: [1, .nan, 3]), Column("s", strings: ["a", nil, "a"]), Column("b", bools: [true, false, nil]),
        ])
        let t = d.take([2, 0])
        #expect(t.rowCount == 2)
        #expect(t.column("x")?[0] == .number(3))
        #expect(t.column("s")?[1] == .string("a"))
        #expect(t.column("b")?[0] == .missing)
        #expect(d.column("x")?.isMissing(1) == true)
    }

    @Test func stringsAreDictionaryEncodedInOrderOfAppearance() {
        let s = StringColumn(["b", "a", nil, "b"])
        #expect(s.dictionary == ["b", "a"])
        #expect(s.codes == [0, 1, -1, 0])
    }
}
