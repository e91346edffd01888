/// What may be typed at a cursor: commands at a statement's start, names and functions in
/// expressions, topics after `help`, settings after `set`, members after `.`.
public struct Completions: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        public var text: String
        /// command, keyword, name, function, member, setting, or a help topic's kind.
        public var kind: String
        /// A name's type, a function's usage, or a one-line summary.
        public var signature: String
    }

    public var items: [Item]
    /// The code point range the chosen item replaces.
    public var start: Int
    public var end: Int

    /// `names` are the session's bindings with their type names; `columns` the column names of
    /// the bound datasets, offered where a column is expected; `runFields` the fields of the
    /// tracked runs (`metrics.f1`, `params.boost.rate`, `status`), asked for only after `runs`.
    public init(
        code: String, cursor: Int, names: [(name: String, type: String)], columns: [String: [String]] = [:],
        runFields: () -> [String] = { [] }
    ) {
        let source = SourceText(code)
        let s = source.scalars
        let cursor = max(0, min(cursor, s.count))
        let word = source.word(at: cursor)
        start = word?.start ?? cursor
        end = word?.end ?? cursor
        let prefix = source.slice(start, cursor)
        var candidates = Completions.runFieldCandidates(source: source, wordStart: start, fields: runFields)
        candidates += Completions.columnCandidates(source: source, wordStart: start, columns: columns)
        candidates += Completions.candidates(source: source, wordStart: start, names: names)
        items = Completions.ranked(candidates, prefix: prefix)
    }

    private static func candidates(source: SourceText, wordStart: Int, names: [(name: String, type: String)]) -> [Item] {
        let s = source.scalars
        if wordStart > 0, s[wordStart - 1] == "." {
            let receiver = source.word(at: wordStart - 1)?.text
            guard let type = names.first(where: { $0.name == receiver })?.type else { return [] }
            return HelpCatalog.members(of: type).map { Item(text: $0.name, kind: "member", signature: $0.type) }
        }
        var lineStart = wordStart
        while lineStart > 0, s[lineStart - 1] != "\n" { lineStart -= 1 }
        let before = source.slice(lineStart, wordStart).split(separator: " ", omittingEmptySubsequences: true)
        if before == ["help"] || before == ["?"] || (before.isEmpty && wordStart > 0 && s[wordStart - 1] == "?") {
            return HelpCatalog.topics.map { Item(text: $0.name, kind: $0.kind.rawValue, signature: $0.summary) }
        }
        if before == ["set"] {
            return Setting.allCases.map { Item(text: $0.rawValue, kind: "setting", signature: $0.summary) }
        }
        var items = names.map { Item(text: $0.name, kind: "name", signature: $0.type) }
        if before.isEmpty {
            items += CommandSyntax.all.map { Item(text: $0.name, kind: "command", signature: $0.usage) }
        }
        items += Parser.expressionWords.compactMap { word in
            HelpCatalog.topic(named: word).map { Item(text: word, kind: "command", signature: $0.usage) }
        }
        items += HelpCatalog.functions.map { Item(text: $0.signature.name, kind: "function", signature: $0.signature.usage) }
        items += ComponentCatalog.all.filter { HelpCatalog.function(named: $0.name) == nil }.map {
            Item(text: $0.name, kind: $0.role.rawValue, signature: $0.usage)
        }
        items += Keyword.allCases.map { Item(text: $0.rawValue, kind: "keyword", signature: "") }
        return items
    }

    /// Words after which a column name is expected.
    static let columnContexts: Set<String> = Set(PipeStep.operations + ["stratify", "on", "target", "by", "as"])

    /// The columns of the dataset the current statement works on, when the cursor is in a
    /// place that takes a column (after `where`, `select`, `sort`, `stratify`, ...).
    private static func columnCandidates(source: SourceText, wordStart: Int, columns: [String: [String]]) -> [Item] {
        guard !columns.isEmpty else { return [] }
        let s = source.scalars
        guard wordStart == 0 || s[wordStart - 1] != "." else { return [] }
        // The statement so far: back over continuation lines (starting with `|` or indented).
        let lines = source.slice(0, wordStart).split(separator: "\n", omittingEmptySubsequences: false)
        var statement: [Substring] = []
        for line in lines.reversed() {
            statement.insert(line, at: 0)
            if let first = line.first, first != " ", first != "\t", first != "|" { break }
        }
        let words = statement.joined(separator: " ").split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init)
        guard words.contains(where: columnContexts.contains) else { return [] }
        guard let dataset = words.last(where: { columns[$0] != nil }), let names = columns[dataset] else { return [] }
        return names.map { name in
            let plain = name.first.map { !$0.isNumber } ?? false && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
            return Item(text: plain ? name : "`\(name)`", kind: "column", signature: "column of \(dataset)")
        }
    }

    /// Words after which `runs where` and `runs order by` expect a field.
    static let runFieldContexts: Set<String> = ["where", "by", "and", "or", "not"]

    /// Fields of the runs after `runs where`, `order by`, `and`, ...; after `metrics.` (or
    /// `params.boost.`) the rest of the keys that start so.
    private static func runFieldCandidates(source: SourceText, wordStart: Int, fields: () -> [String]) -> [Item] {
        let s = source.scalars
        var lineStart = wordStart
        while lineStart > 0, s[lineStart - 1] != "\n" { lineStart -= 1 }
        let line = source.slice(lineStart, wordStart)
        let words = line.split { !($0.isLetter || $0.isNumber || $0 == "_") }
        guard words.contains("runs") else { return [] }
        if wordStart > 0, s[wordStart - 1] == "." {
            // The dotted path typed so far: `metrics.` or `params.boost.`.
            var pathStart = wordStart
            while pathStart > lineStart, s[pathStart - 1].isNameContinuation || s[pathStart - 1] == "." { pathStart -= 1 }
            let path = source.slice(pathStart, wordStart)
            guard let head = path.split(separator: ".").first, ["metrics", "params", "tags"].contains(String(head)) else { return [] }
            return fields().filter { $0.hasPrefix(path) && $0.count > path.count }.map {
                Item(text: String($0.dropFirst(path.count)), kind: "field", signature: "field of the runs")
            }
        }
        let before = line.split(separator: " ", omittingEmptySubsequences: true).last.map(String.init) ?? ""
        guard runFieldContexts.contains(before) else { return [] }
        return fields().map { Item(text: $0, kind: "field", signature: "field of the runs") }
    }

    /// Prefix matches first, then names containing the typed text; alphabetical within each.
    private static func ranked(_ items: [Item], prefix: String) -> [Item] {
        var seen = Set<String>()
        let unique = items.filter { seen.insert($0.text).inserted }
        guard !prefix.isEmpty else { return unique.sorted { $0.text < $1.text } }
        let lowered = prefix.lowercased()
        let starting = unique.filter { $0.text.hasPrefix(prefix) }.sorted { $0.text < $1.text }
        let containing = unique.filter { !$0.text.hasPrefix(prefix) && $0.text.lowercased().contains(lowered) }
            .sorted { $0.text < $1.text }
        return starting + containing
    }
}
