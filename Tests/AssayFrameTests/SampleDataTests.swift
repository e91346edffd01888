import AssayFrame
import Testing

@Suite struct SampleDataTests {
    @Test(arguments: [
        ("iris", 150, 5, "species", ColumnType.string),
        ("wine", 178, 14, "class", .string),
        ("breast_cancer", 569, 31, "diagnosis", .string),
        ("diabetes", 442, 11, "progression", .number),
        ("penguins", 344, 8, "species", .string),
        ("titanic", 1316, 4, "survived", .string),
    ])
    func shapes(_ name: String, _ rows: Int, _ columns: Int, _ target: String, _ type: ColumnType) throws {
        let d = try SampleData.load(name)
        #expect(d.rowCount == rows)
        #expect(d.columnCount == columns)
        #expect(d.column(target)?.type == type)
        #expect(SampleData.summary(name)?.hasPrefix("\(name): \(rows) rows × \(columns) columns") == true)
    }

    @Test func irisLooksLikeIris() throws {
        let d = try SampleData.load("iris")
        #expect(d.columnNames == ["sepal_length", "sepal_width", "petal_length", "petal_width", "species"])
        guard case .string(let species)? = d.column("species")?.values else {
            Issue.record("species is not a string column")
            return
        }
        #expect(species.dictionary == ["setosa", "versicolor", "virginica"])
        #expect(d.column("sepal_length")?[0] == .number(5.1))
    }

    @Test func penguinsKeepMissingValues() throws {
        let d = try SampleData.load("penguins")
        let sex = try #require(d.column("sex"))
        let bill = try #require(d.column("bill_length_mm"))
        #expect((0..<d.rowCount).filter { sex.isMissing($0) }.count == 11)
        #expect((0..<d.rowCount).filter { bill.isMissing($0) }.count == 2)
        #expect(d.column("island")?.type == .string)
        #expect(d.column("year")?.type == .number)
    }

    @Test func breastCancerIsBinary() throws {
        let d = try SampleData.load("breast_cancer")
        guard case .string(let diagnosis)? = d.column("diagnosis")?.values else {
            Issue.record("diagnosis is not a string column")
            return
        }
        #expect(Set(diagnosis.dictionary) == ["malignant", "benign"])
    }

    @Test func unknownSampleListsTheNames() {
        #expect(throws: FrameError(
            "unknown sample `irs`",
            help: "did you mean `iris`? the samples are `iris`, `wine`, `breast_cancer`, `diabetes`, `penguins`, `titanic`")) {
            try SampleData.load("irs")
        }
        #expect(SampleData.summary("irs") == nil)
    }
}
