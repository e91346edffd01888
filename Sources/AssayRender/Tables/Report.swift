/// A heading, then titled tables: how a model, a board, a tuning and a run show.
public struct Report: Sendable {
    public var heading: String
    /// Lines under the heading, before the first table.
    public var notes: [String]
    public var sections: [(title: String, table: Table)]
    /// A line after the last table.
    public var footnote: String?
    /// The class of the HTML `div` around it, for notebook styles.
    public var htmlClass: String

    public init(
        _ heading: String, notes: [String] = [], sections: [(title: String, table: Table)], footnote: String? = nil,
        htmlClass: String = "assay-model"
    ) {
        self.heading = heading
        self.notes = notes
        self.sections = sections
        self.footnote = footnote
        self.htmlClass = htmlClass
    }

    public var rendering: Rendering {
        var plain = heading + notes.map { "\n" + $0 }.joined()
        var html = "<div class=\"\(htmlClass)\"><p><strong>\(HTMLText.escape(heading))</strong></p>"
            + notes.map { "<p><em>\(HTMLText.escape($0))</em></p>" }.joined()
        for (title, table) in sections {
            plain += "\n\n" + title + "\n" + table.plainText
            html += "<p><em>\(HTMLText.escape(title))</em></p>" + table.html
        }
        html += "</div>"
        if let footnote {
            plain += "\n" + footnote
            html += "<p><em>\(HTMLText.escape(footnote))</em></p>"
        }
        return Rendering(plain: plain, html: html)
    }
}
