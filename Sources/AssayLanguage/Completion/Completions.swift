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

    /// `names` are the session's bindings with their type names.
    public init(code: String, cursor: Int, names: [(name: String, type: String)]) {
        let source = SourceText(code)
        let s = source.scalars
        let cursor = max(0, min(cursor, s.count))
        let word = source.word(at: cursor)
        start = word?.start ?? cursor
        end = word?.end ?? cursor
        let prefix = source.slice(start, cursor)
        let candidates = Completions.candidates(source: source, wordStart: start, names: names)
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
        items += HelpCatalog.functions.map { Item(text: $0.signature.name, kind: "function", signature: $0.signature.usage) }
        items += Keyword.allCases.map { Item(text: $0.rawValue, kind: "keyword", signature: "") }
        return items
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
