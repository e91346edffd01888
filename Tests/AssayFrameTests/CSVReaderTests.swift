import AssayFrame
import Testing

/// Reads CSV text the way `load` does, with the file name the errors show.
func readCSV(_ text: String, name: String = "t.csv", options: CSVOptions = CSVOptions()) throws(FrameError) -> Dataset {
    try CSVReader.read(bytes: Array(text.utf8), name: name, options: options)
}

/// The error a read fails with, as a person sees it: location, message, help.
func csvError(_ bytes: [UInt8], name: String = "t.csv", options: CSVOptions = CSVOptions()) -> String? {
    do {
        _ = try CSVReader.read(bytes: bytes, name: name, options: options)
        return nil
    } catch {
        return "\(error)" + (error.help.map { "\nhelp: \($0)" } ?? "")
    }
}

func csvError(_ text: String, name: String = "t.csv", options: CSVOptions = CSVOptions()) -> String? {
    csvError(Array(text.utf8), name: name, options: options)
}

@Suite struct CSVReaderTests {
    @Test func readsNumbersStringsAndBools() throws {
        let d = try readCSV("a,b,c\n1,x,true\n2.5,y,FALSE\n-3e2,x,True\n")
        #expect(d.columnNames == ["a", "b", "c"])
        #expect(d.column("a")?.values == .number([1, 2.5, -300]))
        #expect(d.column("b")?.values == .string(StringColumn(dictionary: ["x", "y"], codes: [0, 1, 0])))
        #expect(d.column("c")?.values == .bool([1, 0, 1]))
    }

    @Test(arguments: [
        ("quotes", "a,b\n\"x, y\",1\n", "x, y"),
        ("doubled quotes", "a,b\n\"say \"\"hi\"\"\",1\n", "say \"hi\""),
        ("embedded newline", "a,b\n\"two\nlines\",1\n", "two\nlines"),
        ("embedded CRLF", "a,b\r\n\"two\r\nlines\",1\r\n", "two\r\nlines"),
        ("CRLF", "a,b\r\nplain,1\r\n", "plain"),
        ("no final newline", "a,b\nplain,1", "plain"),
        ("BOM", "\u{FEFF}a,b\nplain,1\n", "plain"),
        ("blank lines", "a,b\n\nplain,1\n\n", "plain"),
        ("quote inside unquoted field", "a,b\n5'10\",1\n", "5'10\""),
        ("non-ASCII", "a,b\nZürich ☃,1\n", "Zürich ☃"),
    ])
    func quoting(_ name: String, _ text: String, _ expected: String) throws {
        let d = try readCSV(text)
        #expect(d.columnNames == ["a", "b"], "\(name)")
        #expect(d.rowCount == 1, "\(name)")
        #expect(d.column("a")?[0] == .string(expected), "\(name)")
        #expect(d.column("b")?[0] == .number(1), "\(name)")
    }

    @Test func missingTokensInEveryType() throws {
        let d = try readCSV("n,s,b\n1,x,true\n,NA,\nNaN,null,NA\nnull,,null\n")
        #expect(d.column("n")?.type == .number)
        #expect(d.column("s")?.type == .string)
        #expect(d.column("b")?.type == .bool)
        for name in ["n", "s", "b"] {
            #expect((1...3).allSatisfy { d.column(name)?.isMissing($0) == true }, "\(name)")
            #expect(d.column(name)?.isMissing(0) == false, "\(name)")
        }
    }

    @Test func columnOfOnlyMissingValuesIsNumbers() throws {
        let d = try readCSV("a,b\n,1\nNA,2\n")
        #expect(d.column("a")?.type == .number)
        #expect(d.column("a")?.isMissing(0) == true)
    }

    @Test func quotedFieldsAreText() throws {
        let d = try readCSV("a,b,c\n\"007\",\"\",\"NA\"\n")
        #expect(d.column("a")?[0] == .string("007"))
        #expect(d.column("b")?[0] == .string(""))
        #expect(d.column("c")?[0] == .string("NA"))
    }

    @Test func numberThenTextKeepsTheOriginalText() throws {
        let d = try readCSV("zip\n01234\n1.50\n\nNA\nN1 4AB\n")
        #expect(d.column("zip")?.values == .string(StringColumn(["01234", "1.50", nil, "N1 4AB"])))
    }

    @Test func boolThenNumberIsText() throws {
        let d = try readCSV("a\ntrue\n1\n")
        #expect(d.column("a")?.values == .string(StringColumn(["true", "1"])))
    }

    @Test func typesOverrideInference() throws {
        let options = CSVOptions(types: ["zip": .string, "n": .number, "flag": .bool])
        let d = try readCSV("zip,n,flag\n01234,\"2.5\",true\n99,,\n", options: options)
        #expect(d.column("zip")?.values == .string(StringColumn(["01234", "99"])))
        #expect(d.column("n")?[0] == .number(2.5))
        #expect(d.column("n")?.isMissing(1) == true)
        #expect(d.column("flag")?.values == .bool([1, -1]))
    }

    @Test func separatorByExtensionAndOption() throws {
        let tsv = try readCSV("a\tb\n1,5\tx\n", name: "t.tsv")
        #expect(tsv.column("a")?[0] == .string("1,5"))
        let semicolon = try readCSV("a;b\n1;x\n", options: CSVOptions(separator: UInt8(ascii: ";")))
        #expect(semicolon.column("a")?[0] == .number(1))
    }

    @Test(arguments: [
        ("0.1", 0.1), ("1e-5", 1e-5), ("-0", -0.0), ("+7", 7), (".5", 0.5), ("5.", 5),
        ("123456789012345678901234", 123456789012345678901234.0), ("2.2250738585072014e-308", 2.2250738585072014e-308),
        ("0.30000000000000004", 0.30000000000000004), ("9007199254740993", 9007199254740993.0),
        ("1.7976931348623157e308", 1.7976931348623157e308), ("1e400", .infinity), ("inf", .infinity), ("-Infinity", -.infinity),
        (" 3.5 ", 3.5), ("4.35", 4.35), ("1e22", 1e22), ("1e23", 1e23), ("0.000001234", 0.000001234),
    ])
    func numbersAreCorrectlyRounded(_ text: String, _ expected: Double) throws {
        let d = try readCSV("x\n\(text)\n")
        guard case .number(let values)? = d.column("x")?.values else {
            Issue.record("`\(text)` is not a number")
            return
        }
        #expect(values[0] == expected && values[0].sign == expected.sign, "\(text)")
    }

    @Test func headerOnlyGivesNoRows() throws {
        let d = try readCSV("a,b\n")
        #expect(d.rowCount == 0)
        #expect(d.columnNames == ["a", "b"])
    }

    @Test func emptyHeaderNamesAreNumbered() throws {
        let d = try readCSV(",a\n1,2\n")
        #expect(d.columnNames == ["column_1", "a"])
    }

    // MARK: Errors

    @Test func raggedRows() {
        #expect(csvError("a,b,c\n1,2,3\n4,5,6,7,8\n") == """
            t.csv, line 3, column 7: row has 5 fields, the header has 3
            help: quote fields that contain the separator, like "a, b"
            """)
        #expect(csvError("a,b,c\n1,2,3\r\n4,5\r\n") == """
            t.csv, line 3, column 4: row has 2 fields, the header has 3
            help: leave a missing value empty but keep its separator
            """)
        #expect(csvError("a,b\n1") == """
            t.csv, line 2, column 2: row has 1 field, the header has 2
            help: leave a missing value empty but keep its separator
            """)
    }

    @Test func unterminatedQuote() {
        #expect(csvError("a,b\n1,\"abc\n2,3\n") == """
            t.csv, line 2, column 3: unterminated quoted field
            help: end the field with `"`, and write a quote inside a quoted field as `""`
            """)
    }

    @Test func textAfterClosingQuote() {
        #expect(csvError("a,b\n\"ab\"c,1\n") == """
            t.csv, line 2, column 5: unexpected `c` after the closing quote of a field
            help: write a quote inside a quoted field as `""`
            """)
    }

    @Test func invalidUTF8() {
        let bytes = Array("a,b\n1,ok\n2,caf".utf8) + [0xE9] + Array("\n".utf8)
        #expect(csvError(bytes) == """
            t.csv, line 3, column 3: invalid UTF-8 in column `b`
            help: save the file as UTF-8
            """)
        #expect(csvError(Array("a,b".utf8) + [0xFF] + Array("\n1,2\n".utf8)) == """
            t.csv, line 1, column 3: invalid UTF-8 in the header row
            help: save the file as UTF-8
            """)
    }

    @Test func emptyFile() {
        let expected = """
            t.csv, line 1, column 1: the file is empty
            help: a CSV file starts with a header row naming its columns
            """
        #expect(csvError("") == expected)
        #expect(csvError("\n\r\n") == expected)
    }

    @Test func duplicateHeaderNames() {
        #expect(csvError("a,b,a\n1,2,3\n") == """
            t.csv, line 1, column 5: duplicate column name `a`
            help: columns 1 and 3 of the header row are both `a`; rename one of them
            """)
    }

    @Test func unknownColumnInTypes() {
        #expect(csvError("zip,name\n1,x\n", options: CSVOptions(types: ["zpi": .string])) == """
            t.csv, line 1, column 1: unknown column `zpi` in types
            help: did you mean `zip`?
            """)
        #expect(csvError("zip,name\n1,x\n", options: CSVOptions(types: ["price": .number])) == """
            t.csv, line 1, column 1: unknown column `price` in types
            help: the columns are `zip`, `name`
            """)
    }

    @Test func valueThatDoesNotFitItsType() {
        #expect(csvError("n,m\n1,2\nabc,3\n", options: CSVOptions(types: ["n": .number])) == """
            t.csv, line 3, column 1: cannot read `abc` as a number in column `n`
            help: leave `n` out of types to infer its type
            """)
        #expect(csvError("n,flag\n1,maybe\n", options: CSVOptions(types: ["flag": .bool])) == """
            t.csv, line 2, column 3: cannot read `maybe` as a bool in column `flag`
            help: bools are `true` or `false`; leave `flag` out of types to infer its type
            """)
    }

    @Test func missingFile() {
        do {
            _ = try CSVReader.read(path: "/nonexistent/data.csv")
            Issue.record("read a file that is not there")
        } catch {
            #expect(error.message == "no such file `/nonexistent/data.csv`")
            #expect(error.location == FileLocation(file: "/nonexistent/data.csv", line: 1, column: 1))
            // An absolute path already says where the reader looked.
            #expect(error.help == nil)
        }
        do {
            _ = try CSVReader.read(path: "no-such-dir-\(UInt32.random(in: 0...UInt32.max))/data.csv")
            Issue.record("read a file that is not there")
        } catch {
            #expect(error.help?.hasPrefix("relative paths start at the kernel's working directory") == true)
        }
    }

    @Test func directoryIsNotAFile() {
        #expect(throws: FrameError("`/tmp` is a directory, not a file", location: FileLocation(file: "/tmp", line: 1, column: 1))) {
            try CSVReader.read(path: "/tmp")
        }
    }
}

/// Inputs over a megabyte are parsed in parallel chunks from guessed starts; these cut through
/// quoted line breaks and change a column's type late in the file.
@Suite struct CSVParallelTests {
    @Test func quotedLineBreaksAcrossChunkBoundaries() throws {
        var text = "id,note,tag\n"
        for i in 0..<120_000 { text += "\(i),\"first line\nsecond, \(i % 7)\",t\(i % 3)\n" }
        let d = try readCSV(text)
        #expect(d.rowCount == 120_000)
        guard case .number(let ids)? = d.column("id")?.values else {
            Issue.record("id is not numbers")
            return
        }
        #expect(ids == (0..<120_000).map(Double.init))
        #expect(d.column("note")?[119_999] == .string("first line\nsecond, \(119_999 % 7)"))
        guard case .string(let tags)? = d.column("tag")?.values else {
            Issue.record("tag is not strings")
            return
        }
        #expect(tags.dictionary == ["t0", "t1", "t2"])
    }

    @Test func columnThatTurnsToTextLateKeepsEarlyText() throws {
        var text = "x,y\n"
        for i in 0..<200_000 { text += "\(i).50,\(i)\n" }
        text += "n/a,1\n"
        let d = try readCSV(text)
        #expect(d.column("x")?.type == .string)
        #expect(d.column("x")?[0] == .string("0.50"))
        #expect(d.column("x")?[200_000] == .string("n/a"))
        #expect(d.column("y")?.type == .number)
    }

    @Test func errorInALaterChunkHasItsLine() {
        var text = "a,b\n"
        for i in 0..<150_000 { text += "\(i),\(i)\n" }
        text += "1,2,3\n"
        #expect(csvError(text)?.hasPrefix("t.csv, line 150002, column 5: row has 3 fields, the header has 2") == true)
    }
}
