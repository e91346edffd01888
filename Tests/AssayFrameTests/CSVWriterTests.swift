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

    @Test(arguments: SampleData.names)
    func samplesRoundTrip(_ name: String) throws {
        let d = try SampleData.load(name)
        #expect(sameData(try CSVReader.read(bytes: CSVWriter.encode(d), name: "\(name).csv"), d))
    }
}
