import Foundation

/// Replaces what changes from one run of a script to the next (the clock, random ids, the
/// temporary directory) by stable placeholders; Tests/Golden/README.md lists them.
///
/// Everything else is compared as is: results that depend on threads are made deterministic
/// by the scripts (`set parallel 1`, seeds), not masked.
struct GoldenMask {
    let scratch: URL
    /// Run ids the script's stores hold, masked as `run#01`, `run#02`, ... in order of first
    /// appearance; six characters, as wide as the ids, so tables keep their layout.
    let runIDs: [String]

    /// Titles of table columns that hold seconds measured on the clock.
    static let timedColumns: Set<String> = ["duration", "seconds", "time"]

    func apply(_ text: String) -> String {
        var text = text
        for path in Set([scratch.path, scratch.resolvingSymlinksInPath().path, scratch.standardizedFileURL.path]) {
            text = text.replacingOccurrences(of: path, with: "<work>")
        }
        text = Self.replace(#"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"#, in: text, with: "<uuid>")
        text = maskRunIDs(text)
        text = Self.replace(#"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}"#, in: text, with: "YYYY-MM-DD hh:mm:ss")
        var lines = text.components(separatedBy: "\n")
        for index in lines.indices where !lines[index].hasPrefix(">") {
            lines[index] = Self.replace(#"(?<![\w.])\d+(\.\d+)?(e-?\d+)? ?(ms|s)\b"#, in: lines[index], with: "~ s")
        }
        return Self.maskTimedColumns(lines).joined(separator: "\n")
    }

    private func maskRunIDs(_ text: String) -> String {
        guard !runIDs.isEmpty else { return text }
        let known = Set(runIDs)
        var numbers: [String: Int] = [:]
        guard let regex = try? NSRegularExpression(pattern: #"(?<![0-9A-Za-z])[0-9a-f]{6}(?![0-9A-Za-z])"#) else { return text }
        var out = ""
        var last = text.startIndex
        for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let range = Range(match.range, in: text) else { continue }
            let id = String(text[range])
            guard known.contains(id) else { continue }
            let number = numbers[id] ?? (numbers.count + 1)
            numbers[id] = number
            out += text[last..<range.lowerBound] + "run#" + (number < 10 ? "0\(number)" : "\(number)")
            last = range.upperBound
        }
        return out + text[last...]
    }

    private static func replace(_ pattern: String, in text: String, with template: String) -> String {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return text }
        return regex.stringByReplacingMatches(
            in: text, range: NSRange(text.startIndex..., in: text), withTemplate: NSRegularExpression.escapedTemplate(for: template))
    }

    /// In a plain-text table (titles, a rule of dashes, rows), the numbers of a timed column
    /// (a title in `timedColumns` or ending in `seconds`) and of a timed row (its first cell
    /// named so) become `~`, and the table is laid out again, so its widths do not depend on them.
    private static func maskTimedColumns(_ lines: [String]) -> [String] {
        var lines = lines
        var index = 1
        while index < lines.count {
            let rule = Array(lines[index])
            guard rule.contains("-"), rule.allSatisfy({ $0 == "-" || $0 == " " }), !lines[index - 1].hasPrefix(">"),
                !lines[index - 1].isEmpty
            else {
                index += 1
                continue
            }
            let segments = dashRuns(rule)
            var end = index + 1
            while end < lines.count, isRow(Array(lines[end]), segments) { end += 1 }
            let rows = Array((index - 1)..<end).filter { !isMoreRows(lines[$0]) }
            var cells = rows.map { row in segments.map { String(slice(Array(lines[row]), $0)) } }
            let titles = cells[0].map { $0.trimmingCharacters(in: .whitespaces) }
            var changed = false
            for r in 2..<cells.count {
                let rowTimed = isTimed(cells[r][0].trimmingCharacters(in: .whitespaces))
                for c in segments.indices where (rowTimed && c > 0) || isTimed(titles[c]) {
                    let cell = cells[r][c].trimmingCharacters(in: .whitespaces)
                    // In a timed row, `differs` says whether two clocks agreed.
                    guard Double(cell) != nil && cell != "nan" || rowTimed && (cell == "true" || cell == "false") else { continue }
                    cells[r][c] = cells[r][c].replacingOccurrences(of: cell, with: "~")
                    changed = true
                }
            }
            if changed {
                let rightAligned = segments.indices.map { c in
                    cells.indices.contains { r in r != 1 && cells[r][c].hasPrefix(" ") && !cells[r][c].trimmingCharacters(in: .whitespaces).isEmpty }
                }
                let widths = segments.indices.map { c in cells.indices.filter { $0 != 1 }.map { cells[$0][c].trimmingCharacters(in: .whitespaces).count }.max() ?? 0 }
                for (k, row) in rows.enumerated() {
                    let characters = Array(lines[row])
                    var line = ""
                    for c in segments.indices {
                        let text = k == 1 ? String(repeating: "-", count: widths[c]) : cells[k][c].trimmingCharacters(in: .whitespaces)
                        let pad = String(repeating: " ", count: widths[c] - text.count)
                        line += rightAligned[c] ? pad + text : text + pad
                        if c + 1 < segments.count {
                            line += String(slice(characters, segments[c].upperBound..<segments[c + 1].lowerBound))
                        }
                    }
                    while line.last == " " { line.removeLast() }
                    lines[row] = line
                }
            }
            index = end + 1
        }
        return lines
    }

    private static func isTimed(_ name: String) -> Bool {
        timedColumns.contains(name) || name.hasSuffix("seconds")
    }

    private static func isMoreRows(_ line: String) -> Bool {
        line.hasPrefix("… ") && line.hasSuffix("more rows")
    }

    /// A row has only blanks or an ellipsis between the columns' spans.
    private static func isRow(_ line: [Character], _ segments: [Range<Int>]) -> Bool {
        let text = String(line)
        guard !line.isEmpty, !text.hasPrefix("--- "), text.wholeMatch(of: /\d+ rows? × \d+ columns?.*/) == nil else { return false }
        if isMoreRows(text) { return true }
        if line.count > (segments.last?.upperBound ?? 0) { return false }
        for (a, b) in zip(segments, segments.dropFirst()) {
            guard slice(line, a.upperBound..<b.lowerBound).allSatisfy({ $0 == " " || $0 == "…" }) else { return false }
        }
        return true
    }

    private static func dashRuns(_ rule: [Character]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start: Int?
        for (i, c) in rule.enumerated() {
            if c == "-", start == nil { start = i }
            if c != "-", let s = start {
                runs.append(s..<i)
                start = nil
            }
        }
        if let s = start { runs.append(s..<rule.count) }
        return runs
    }

    private static func slice(_ line: [Character], _ range: Range<Int>) -> ArraySlice<Character> {
        let lower = min(range.lowerBound, line.count)
        return line[lower..<min(range.upperBound, line.count)]
    }
}
