import AssayFrame

/// How one Arrow field's buffers become an Assay column: which buffers the field has in a
/// record batch and how its values are converted.
enum FieldLayout: Hashable {
    /// No buffers at all; every row is missing (a number column).
    case null
    case integer(bytes: Int, signed: Bool)
    case float(bytes: Int)
    /// 16-byte two's complement integers scaled by 10^-scale.
    case decimal128(scale: Int)
    /// Int64 counts of `1 / perSecond` seconds.
    case timestamp(perSecond: Double)
    /// Bit-packed values.
    case bool
    /// Offsets of `offsetBytes` (4 or 8) into UTF-8 data.
    case utf8(offsetBytes: Int)
    /// Int32 days or Int64 milliseconds.
    case date(milliseconds: Bool)
    /// Indices into a dictionary of UTF-8 strings sent in dictionary batches.
    case dictionary(ArrowField.Dictionary, valueOffsetBytes: Int)

    /// Which kind of Assay column a layout fills. Streams after the first must fill the same.
    enum Landing: Hashable {
        case number, bool, text, date

        var columnType: ColumnType {
            switch self {
            case .number: .number
            case .bool: .bool
            case .text, .date: .string
            }
        }
    }

    init(_ field: ArrowField) throws(ArrowError) {
        if let dictionary = field.dictionary {
            guard case .utf8(let large) = field.type else {
                throw .unsupportedType(field: field.name, type: "dictionary<\(field.type.name)>")
            }
            self = .dictionary(dictionary, valueOffsetBytes: large ? 8 : 4)
            return
        }
        switch field.type {
        case .null: self = .null
        case .int(let bits, let signed): self = .integer(bytes: bits / 8, signed: signed)
        case .float(let bits):
            guard bits != 16 else { throw .unsupportedType(field: field.name, type: "float16") }
            self = .float(bytes: bits / 8)
        case .bool: self = .bool
        case .utf8(let large): self = .utf8(offsetBytes: large ? 8 : 4)
        case .decimal(_, let scale, let bits):
            guard bits == 128 else { throw .unsupportedType(field: field.name, type: field.type.name) }
            self = .decimal128(scale: scale)
        case .date(let milliseconds): self = .date(milliseconds: milliseconds)
        case .timestamp(let unit, _): self = .timestamp(perSecond: unit.perSecond)
        case .other(let name): throw .unsupportedType(field: field.name, type: name)
        }
    }

    var landing: Landing {
        switch self {
        case .null, .integer, .float, .decimal128, .timestamp: .number
        case .bool: .bool
        case .utf8, .dictionary: .text
        case .date: .date
        }
    }

    /// Buffers the field has in a record batch: validity first, except for null which has none.
    var bufferCount: Int {
        switch self {
        case .null: 0
        case .utf8: 3
        default: 2
        }
    }
}
