import AssayRender
import Testing

/// A heading with titled tables, as models, boards, tunings and runs show.
@Suite struct ReportTests {
    let table = Table(columns: [.init("name"), .init("value", alignment: .right)], rows: [["a'b", "1"]])

    @Test func plainTextStacksTheHeadingNotesTablesAndFootnote() {
        let report = Report("model m", notes: ["interrupted"], sections: [("params", table)], footnote: "a note")
        #expect(
            report.rendering.plain == """
                model m
                interrupted

                params
                name  value
                ----  -----
                a'b       1
                a note
                """)
    }

    @Test func everyTextIsEscapedInHTML() {
        let report = Report(
            "model <m>", notes: ["it's"], sections: [("\"params\"", table)], footnote: "a & b", htmlClass: "assay-tuning")
        let html = report.rendering.html ?? ""
        #expect(html.hasPrefix("<div class=\"assay-tuning\"><p><strong>model &lt;m&gt;</strong></p><p><em>it&#39;s</em></p>"))
        #expect(html.contains("<p><em>&quot;params&quot;</em></p><table"))
        #expect(html.contains("<td style=\"text-align: left\">a&#39;b</td>"))
        #expect(html.hasSuffix("</table></div><p><em>a &amp; b</em></p>"))
    }

    @Test func aStringIsQuotedAsSourceWritesIt() {
        #expect(ScalarText.quoted("say \"hi\"\\\n") == "\"say \\\"hi\\\"\\\\\\n\"")
    }
}
