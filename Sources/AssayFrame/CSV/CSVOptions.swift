/// How to read a CSV or TSV file: the field separator and per-column types that override inference.
public struct CSVOptions: Sendable {
    /// The byte between fields; nil picks by the file's extension (`.tsv` and `.tab` tab, else comma).
    public var separator: UInt8?
    /// Column types that replace inference (`types {zip: string}`).
    public var types: [String: ColumnType]

    public init(separator: UInt8? = nil, types: [String: ColumnType] = [:]) {
        self.separator = separator
        self.types = types
    }

    /// The separator to use for a file of this name.
    func separator(forFileNamed name: String) -> UInt8 {
        if let separator { return separator }
        let lower = name.lowercased()
        return lower.hasSuffix(".tsv") || lower.hasSuffix(".tab") ? ASCII.tab : ASCII.comma
    }
}

/// The bytes the CSV code looks at.
enum ASCII {
    static let tab: UInt8 = 0x09
    static let newline: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D
    static let dot: UInt8 = 0x2E
    static let zero: UInt8 = 0x30
    static let lowerE: UInt8 = 0x65
    static let upperE: UInt8 = 0x45
}
