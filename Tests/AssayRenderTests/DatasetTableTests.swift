import AssayFrame
import AssayRender
import Testing

@Suite struct DatasetTableTests {
    func penguins() throws -> Dataset {
        try Dataset(columns: [
            Column("species", strings: ["Adelie", "Gentoo", nil, "Chinstrap"]),
            Column("mass", numbers: [3750, 5076.0234, .nan, 0.000123456]),
            Column("male", bools: [true, false, nil, true]),
        ])
    }

    @Test func plainTextAlignsNumbersRightAndShowsMissingAsNull() throws {
        let text = DatasetTable(try penguins()).plainText
        #expect(text == """
            species           mass  male
            ---------  -----------  -----
            Adelie            3750  true
            Gentoo         5076.02  false
            null              null  null
            Chinstrap  0.000123456  true
            4 rows × 3 columns
            """)
    }

    @Test func longTablesShowHeadAndTailWithTheCountBetween() throws {
        let data = try Dataset(columns: [Column("n", numbers: (1...30).map(Double.init))])
        let lines = DatasetTable(data, maxRows: 4).plainText.split(separator: "\n").map(String.init)
        #expect(lines == [" n", "--", " 1", " 2", "… 26 more rows", "29", "30", "30 rows × 1 column"])
    }

    @Test func wideTablesKeepBothEndsWithinTheWidth() throws {
        let columns = (1...30).map { Column("column_\($0)", numbers: [Double($0)]) }
        let text = DatasetTable(try Dataset(columns: columns)).plainText
        let lines = text.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 100 })
        #expect(lines[0].hasPrefix("column_1"))
        #expect(lines[0].hasSuffix("column_30"))
        #expect(lines[0].contains("…"))
    }

    @Test func htmlEscapesEveryUserString() throws {
        let data = try Dataset(columns: [
            Column("<b>name</b>", strings: ["<script>alert('x')</script>", "Tom & \"Jerry\""]),
            Column("x", numbers: [1.5, .nan]),
        ])
        let html = DatasetTable(data).html
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(html.contains("Tom &amp; &quot;Jerry&quot;"))
        #expect(html.contains("<th style=\"text-align: left\">&lt;b&gt;name&lt;/b&gt;</th>"))
        #expect(html.contains(">2 rows × 2 columns</caption>"))
        #expect(html.contains("<td style=\"text-align: right\">1.5</td>"))
    }

    @Test(arguments: [(42.0, "42"), (0.1, "0.1"), (1234567.891, "1.23457e+06"), (-2.5, "-2.5"), (Double.infinity, "inf")])
    func numbersReadTheSameInTextAndHTML(value: Double, text: String) {
        #expect(DatasetTable.number(value) == text)
    }
}
