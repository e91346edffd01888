/// An Arrow field's logical type, as far as reading needs it: the ones Assay holds in detail,
/// every other one by its name (for the error).
enum ArrowType: Hashable {
    /// Units of a timestamp, with how many make a second.
    enum TimeUnit: Int16 {
        case second = 0, millisecond, microsecond, nanosecond

        var perSecond: Double {
            switch self {
            case .second: 1
            case .millisecond: 1e3
            case .microsecond: 1e6
            case .nanosecond: 1e9
            }
        }
    }

    case null
    case int(bitWidth: Int, signed: Bool)
    /// 16, 32 or 64 bits.
    case float(bitWidth: Int)
    case bool
    /// Utf8 with 32-bit offsets, or LargeUtf8 with 64-bit ones.
    case utf8(large: Bool)
    case decimal(precision: Int, scale: Int, bitWidth: Int)
    /// Days (Date32) or milliseconds (Date64) since the epoch.
    case date(milliseconds: Bool)
    case timestamp(TimeUnit, timezone: String?)
    case other(String)

    /// The `Type` union member of a `Field` (tag numbers from Arrow's Schema.fbs).
    init(tag: UInt8, table: FlatTable?) throws(ArrowError) {
        switch tag {
        case 1: self = .null
        case 2:
            let bitWidth = Int(try table?.scalar(0, default: Int32(0)) ?? 0)
            guard [8, 16, 32, 64].contains(bitWidth) else { throw .malformed("integer type of \(bitWidth) bits") }
            self = .int(bitWidth: bitWidth, signed: try table?.bool(1, default: false) ?? false)
        case 3:
            switch try table?.scalar(0, default: Int16(0)) ?? 0 {
            case 0: self = .float(bitWidth: 16)
            case 1: self = .float(bitWidth: 32)
            case 2: self = .float(bitWidth: 64)
            case let precision: throw .malformed("floating point precision \(precision)")
            }
        case 5: self = .utf8(large: false)
        case 6: self = .bool
        case 7:
            self = .decimal(
                precision: Int(try table?.scalar(0, default: Int32(0)) ?? 0),
                scale: Int(try table?.scalar(1, default: Int32(0)) ?? 0),
                bitWidth: Int(try table?.scalar(2, default: Int32(128)) ?? 128))
        case 8: self = .date(milliseconds: try table?.scalar(0, default: Int16(1)) ?? 1 == 1)
        case 10:
            let code = try table?.scalar(0, default: Int16(0)) ?? 0
            guard let unit = TimeUnit(rawValue: code) else { throw .malformed("timestamp unit \(code)") }
            self = .timestamp(unit, timezone: try table?.string(1))
        case 20: self = .utf8(large: true)
        default: self = .other(ArrowType.names[Int(tag)] ?? "with type tag \(tag)")
        }
    }

    /// Schema.fbs' `Type` union members by tag, for naming the ones Assay does not read.
    private static let names: [Int: String] = [
        4: "binary", 9: "time", 11: "interval", 12: "list", 13: "struct", 14: "union",
        15: "fixed_size_binary", 16: "fixed_size_list", 17: "map", 18: "duration", 19: "large_binary",
        21: "large_list", 22: "run_end_encoded", 23: "binary_view", 24: "utf8_view", 25: "list_view",
        26: "large_list_view",
    ]

    /// The name Arrow's own tools print, for messages.
    var name: String {
        switch self {
        case .null: "null"
        case .int(let bits, let signed): "\(signed ? "int" : "uint")\(bits)"
        case .float(let bits): "float\(bits)"
        case .bool: "bool"
        case .utf8(let large): large ? "large_utf8" : "utf8"
        case .decimal(let precision, let scale, let bits): "decimal\(bits)(\(precision), \(scale))"
        case .date(let milliseconds): milliseconds ? "date64" : "date32"
        case .timestamp(let unit, let timezone):
            "timestamp[\(["s", "ms", "us", "ns"][Int(unit.rawValue)])\(timezone.map { ", tz=\($0)" } ?? "")]"
        case .other(let name): name
        }
    }
}
