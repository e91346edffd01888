/// A small table of text cells, drawn as aligned plain text and as an HTML table.
public struct Table: Sendable, Equatable {
    public enum Alignment: Sendable {
        case left, right
    }

    public struct Column: Sendable, Equatable {
        public var title: String
        public var alignment: Alignment

        public init(_ title: String, alignment: Alignment = .left) {
            self.title = title
            self.alignment = alignment
        }
    }

    public var columns: [Column]
    public var rows: [[String]]
    /// A line under the table, such as "12 more rows".
    public var footer: String?

    public init(columns: [Column], rows: [[String]], footer: String? = nil) {
        self.columns = columns
        self.rows = rows
        self.footer = footer
    }

    public var rendering: Rendering {
        Rendering(plain: plainText, html: html)
    }

    /// Columns separated by two spaces, a dashed rule under the titles, no trailing spaces.
    public var plainText: String {
        let widths = columns.indices.map { index in
            rows.reduce(columns[index].title.count) { max($0, cell(index, of: $1).count) }
        }
        func line(_ cells: [String]) -> String {
            let padded = columns.indices.map { index -> String in
                let text = cells[index]
                let pad = String(repeating: " ", count: widths[index] - text.count)
                return columns[index].alignment == .right ? pad + text : text + pad
            }
            var result = padded.joined(separator: "  ")
            while result.last == " " { result.removeLast() }
            return result
        }
        var lines = [line(columns.map(\.title)), line(widths.map { String(repeating: "-", count: $0) })]
        lines += rows.map { row in line(columns.indices.map { cell($0, of: row) }) }
        if let footer { lines.append(footer) }
        return lines.joined(separator: "\n")
    }

    public var html: String {
        func attributes(_ index: Int) -> String {
            columns[index].alignment == .right ? " style=\"text-align: right\"" : " style=\"text-align: left\""
        }
        var out = "<table class=\"assay-table\">\n<thead><tr>"
        for (index, column) in columns.enumerated() {
            out += "<th\(attributes(index))>\(HTMLText.escape(column.title))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr>"
            for index in columns.indices {
                out += "<td\(attributes(index))>\(HTMLText.escape(cell(index, of: row)))</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>"
        if let footer { out += "\n<p>\(HTMLText.escape(footer))</p>" }
        return out
    }

    private func cell(_ index: Int, of row: [String]) -> String {
        index < row.count ? row[index] : ""
    }
}
