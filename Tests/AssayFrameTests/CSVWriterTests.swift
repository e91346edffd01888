import Foundation
import AssayFrame
import Testing

/// Equal datasets, counting missing numbers (NaN) as equal to each other.
func sameData(_ a: Dataset, _ b: Dataset) -> Bool {
    guard a.columnNames == b.columnNames, a.rowCount == b.rowCount else { return false }
    return zip(a.columns, b.columns).allSatisfy { x, y in
        guard x.type == y.type else { return false }
        return (0..<a.rowCount).allSatisfy { row in
            if case .number(let u) = x[row], case .number(let v) = y[row] {
                return u.bitPattern == v.bitPattern
            }
            return x[row] == y[row]
        }
    }
}

@Suite struct CSVWriterTests {
    @Test func quotesOnlyWhereNeeded() throws {
        let d = try Dataset(columns: [
            Column("name", strings: ["plain", "a, b", "say \"hi\"", " padded", "two\nlines", "", nil, "NA", "007", "true"]),
            Column("x", numbers: [1, 2.5, -0.0, .nan, 1e21, 0.1, 3, -7, 1e-7, .infinity]),
            Column("ok", bools: [true, false, nil, true, true, true, true, true, true, true]),
        ])
        let text = String(decoding: CSVWriter.encode(d), as: UTF8.self)
        #expect(text == #"""
            name,x,ok
            plain,1,true
            "a, b",2.5,false
            "say ""hi""",-0,
            " padded",,true
            "two
            lines",1e+21,true
            "",0.1,true
            ,3,true
            "NA",-7,true
            "007",1e-07,true
            "true",inf,true

            """#)
        #expect(sameData(try CSVReader.read(bytes: CSVWriter.encode(d), name: "d.csv"), d))
    }

    @Test func roundTripsThroughAFile() throws {
        let d = try SyntheticData.regression(rows: 500, features: 3, seed: 7)
        let path = "/tmp/assay-csv-writer-test-\(d.rowCount).csv"
        try CSVWriter.write(d, to: path)
        #expect(sameData(try CSVReader.read(path: path), d))
    }

    /// `save d to "x.tsv"` writes tabs, so `load "x.tsv"` reads it back.
    @Test func aTSVFileIsTabSeparated() throws {
        let d = try SampleData.load("penguins")
        let path = "/tmp/assay-csv-writer-test-\(d.rowCount).tsv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try CSVWriter.write(d, to: path)
        let header = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").first.map(String.init)
        #expect(header == d.columnNames.joined(separator: "\t"))
        #expect(sameData(try CSVReader.read(path: path), d))
    }

    @Test(arguments: SampleData.names)
    func samplesRoundTrip(_ name: String) throws {
        let d = try SampleData.load(name)
        #expect(sameData(try CSVReader.read(bytes: CSVWriter.encode(d), name: "\(name).csv"), d))
    }

    /// A one-column row whose value is missing must not become an empty line, which readers
    /// skip: 7 rows saved are 7 rows loaded, whatever the column's type.
    @Test(arguments: [
        Column("x", numbers: [1, .nan, 2.5, .nan, -3, 4, .nan]),
        Column("s", strings: ["a", nil, "", "NA", nil, "b", "c"]),
        Column("ok", bools: [true, nil, false, nil, true, true, false]),
        Column("x", numbers: [.nan, .nan, 1, 2, 3, 4, 5]),
        Column("s", strings: [nil, "", "x", nil, "y", "z", ""]),
    ])
    func oneColumnWithMissingValuesRoundTrips(_ column: Column) throws {
        let d = try Dataset(columns: [column])
        let bytes = CSVWriter.encode(d)
        let back = try CSVReader.read(bytes: bytes, name: "one.csv")
        #expect(back.rowCount == 7)
        #expect(sameData(back, d), "\(String(decoding: bytes, as: UTF8.self))")
    }

    /// pandas (like Python's csv module) writes a missing value alone on its line as `""`.
    @Test func aQuotedEmptyFieldIsMissingInNumberAndBoolColumnsAndEmptyInText() throws {
        let numbers = try CSVReader.read(bytes: Array("a\n1.5\n\"\"\n3.0\n".utf8), name: "pandas.csv")
        #expect(sameData(numbers, try Dataset(columns: [Column("a", numbers: [1.5, .nan, 3])])))
        let leading = try CSVReader.read(bytes: Array("a\n\"\"\n\"\"\n2\n".utf8), name: "pandas.csv")
        #expect(sameData(leading, try Dataset(columns: [Column("a", numbers: [.nan, .nan, 2])])))
        let bools = try CSVReader.read(bytes: Array("b,n\ntrue,1\n\"\",2\n".utf8), name: "b.csv")
        #expect(sameData(bools, try Dataset(columns: [Column("b", bools: [true, nil]), Column("n", numbers: [1, 2])])))
        let text = try CSVReader.read(bytes: Array("s\n\"\"\nx\n\"\"\nNA\n".utf8), name: "text.csv")
        #expect(sameData(text, try Dataset(columns: [Column("s", strings: ["", "x", "", nil])])))
        let onlyEmpty = try CSVReader.read(bytes: Array("s,n\n\"\",1\nNA,2\n\"\",3\n".utf8), name: "empty.csv")
        #expect(sameData(onlyEmpty, try Dataset(columns: [Column("s", strings: ["", nil, ""]), Column("n", numbers: [1, 2, 3])])))
        let numberThenText = try CSVReader.read(bytes: Array("s\n1\n\"\"\nx\n".utf8), name: "mixed.csv")
        #expect(sameData(numberThenText, try Dataset(columns: [Column("s", strings: ["1", "", "x"])])))
    }
}
