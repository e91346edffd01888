import AssayFrame
import Foundation

/// A dataset drawn for people: the first and last rows when it is long, the first and last
/// columns when it is wide, every cell formatted the same way in text and in HTML.
public struct DatasetTable: Sendable {
    public var dataset: Dataset
    /// Rows shown at most (`set rows N`); longer datasets show half from each end.
    public var maxRows: Int
    /// Characters of the plain-text table at most: a console of 100 columns.
    public var maxWidth: Int
    /// Characters of one cell at most.
    public var maxCellWidth: Int
    /// What the table says below itself instead of its size (a remote table's first rows).
    public var note: String?

    public init(_ dataset: Dataset, maxRows: Int = 20, maxWidth: Int = 100, maxCellWidth: Int = 24) {
        self.dataset = dataset
        self.maxRows = max(1, maxRows)
        self.maxWidth = maxWidth
        self.maxCellWidth = max(4, maxCellWidth)
    }

    public var rendering: Rendering { Rendering(plain: plainText, html: html) }

    /// `150 rows × 5 columns`
    public var caption: String {
        if let note { return note }
        let r = dataset.rowCount, c = dataset.columnCount
        return "\(r) row\(r == 1 ? "" : "s") × \(c) column\(c == 1 ? "" : "s")"
    }

    /// The row indices shown, with the position of the gap (nil when every row shows).
    var shownRows: (rows: [Int], gapAfter: Int?) {
        let n = dataset.rowCount
        guard n > maxRows else { return (Array(0..<n), nil) }
        let head = (maxRows + 1) / 2
        let tail = maxRows - head
        return (Array(0..<head) + Array((n - tail)..<n), head)
    }

    // MARK: Cells

    /// A cell as both renderings show it: numbers to 6 significant digits, `null` for missing.
    public static func text(_ cell: Cell) -> String {
        switch cell {
        case .number(let v): number(v)
        case .string(let s): s
        case .bool(let b): ScalarText.bool(b)
        case .missing: ScalarText.null
        }
    }

    /// Integral values in full (`2007`), others to 6 significant digits (`39.1`, `0.000123`,
    /// `1.23457e+08`).
    public static func number(_ value: Double) -> String {
        if value.isNaN { return "null" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.6g", value)
    }

    /// HTML wraps long cells, so it cuts them later than plain text does.
    static let maxHTMLCellWidth = 200

    private func cells(_ column: Column, rows: [Int], limit: Int) -> [String] {
        rows.map { row in ScalarText.truncated(DatasetTable.text(column[row]).replacingOccurrences(of: "\n", with: "↵"), to: limit) }
    }

    // MARK: Plain text

    public var plainText: String {
        let (rows, gap) = shownRows
        let columns = dataset.columns
        guard !columns.isEmpty else { return "(no columns)\n" + caption }
        let texts = columns.map { cells($0, rows: rows, limit: maxCellWidth) }
        let titles = columns.map { ScalarText.truncated($0.name, to: maxCellWidth) }
        let widths = columns.indices.map { i in texts[i].reduce(titles[i].count) { max($0, $1.count) } }
        // Columns from both ends until the width is used; an ellipsis column marks the cut.
        var left: [Int] = [], right: [Int] = []
        var used = 0
        var l = 0, r = columns.count - 1
        while l <= r {
            let takeLeft = left.count <= right.count
            let i = takeLeft ? l : r
            let extra = widths[i] + (used == 0 ? 0 : 2)
            let reserve = (l < r) ? 3 : 0
            if used + extra + reserve > maxWidth && !(left.isEmpty && right.isEmpty) { break }
            used += extra
            if takeLeft { left.append(i); l += 1 } else { right.insert(i, at: 0); r -= 1 }
        }
        let cut = l <= r
        let order: [Int?] = left.map { Optional($0) } + (cut ? [nil] : []) + right.map { Optional($0) }
        func line(_ cell: (Int) -> String, _ ellipsis: String) -> String {
            var parts: [String] = []
            for slot in order {
                guard let i = slot else { parts.append(ellipsis); continue }
                let text = cell(i)
                let pad = String(repeating: " ", count: max(0, widths[i] - text.count))
                parts.append(columns[i].type == .number ? pad + text : text + pad)
            }
            var result = parts.joined(separator: "  ")
            while result.last == " " { result.removeLast() }
            return result
        }
        var lines = [
            line({ i in columns[i].type == .number ? String(repeating: " ", count: widths[i] - titles[i].count) + titles[i] : titles[i] }, "…"),
            line({ i in String(repeating: "-", count: widths[i]) }, " "),
        ]
        for (position, _) in rows.enumerated() {
            if position == gap {
                lines.append("… \(dataset.rowCount - rows.count) more rows")
            }
            lines.append(line({ i in texts[i][position] }, "…"))
        }
        lines.append(caption)
        return lines.joined(separator: "\n")
    }

    // MARK: HTML

    public var html: String {
        let (rows, gap) = shownRows
        let columns = dataset.columns
        var out = "<table class=\"assay-table\">\n<caption style=\"caption-side: bottom; text-align: left; white-space: nowrap\">\(HTMLText.escape(caption))</caption>\n<thead><tr>"
        for column in columns {
            let align = column.type == .number ? " style=\"text-align: right\"" : " style=\"text-align: left\""
            out += "<th\(align)>\(HTMLText.escape(column.name))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        let texts = columns.map { cells($0, rows: rows, limit: DatasetTable.maxHTMLCellWidth) }
        for (position, _) in rows.enumerated() {
            if position == gap {
                out += "<tr><td colspan=\"\(max(1, columns.count))\" style=\"text-align: center\">… "
                    + "\(dataset.rowCount - rows.count) more rows …</td></tr>\n"
            }
            out += "<tr>"
            for (i, column) in columns.enumerated() {
                let align = column.type == .number ? " style=\"text-align: right\"" : " style=\"text-align: left\""
                let text = texts[i][position]
                let missing = column.isMissing(rows[position])
                out += missing
                    ? "<td\(align)><em style=\"opacity: 0.55\">null</em></td>"
                    : "<td\(align)>\(HTMLText.escape(text))</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>"
        return out
    }
}
