/// A problem found while scanning, as a byte offset; `CSVReader` turns it into a `FrameError`
/// with line and column once it is known to be real (a speculative chunk's failure may not be).
struct CSVFailure: Error {
    enum Kind {
        case tooManyFields
        case tooFewFields(found: Int)
        case unterminatedQuote
        case textAfterQuote
        case notA(ColumnType, column: Int, text: [UInt8])
        case invalidUTF8(column: Int)
    }

    var kind: Kind
    var offset: Int
}
