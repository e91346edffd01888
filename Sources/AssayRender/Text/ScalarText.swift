import Foundation

/// How single values read: numbers, quoted strings, bools and null.
public enum ScalarText {
    /// Integral values without a fraction (`42`), others the shortest text that reads back the
    /// same double (`0.1`, `1e-07`); `inf`, `-inf`, `nan`.
    public static func number(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == value.rounded(), abs(value) < 1e16 {
            return String(Int64(value))
        }
        return "\(value)"
    }

    /// A string as source would write it: double quotes, with escapes.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    public static func bool(_ value: Bool) -> String { value ? "true" : "false" }

    public static let null = "null"

    /// Shortens text to `limit` characters, marking the cut with an ellipsis.
    public static func truncated(_ text: String, to limit: Int) -> String {
        guard text.count > limit, limit > 1 else { return text }
        return String(text.prefix(limit - 1)) + "…"
    }
}

extension ScalarText {
    /// A duration for people: `0.042 s`, `3.1 s`, `2 min 05 s`.
    public static func seconds(_ value: Double) -> String {
        guard value.isFinite, value >= 0 else { return "-" }
        if value < 1 { return String(format: "%.3f s", value) }
        if value < 60 { return String(format: "%.1f s", value) }
        let whole = Int(value.rounded())
        return String(format: "%d min %02d s", whole / 60, whole % 60)
    }

    /// A score with four decimals (`0.9812`), as metric tables show it.
    public static func score(_ value: Double) -> String {
        value.isNaN ? "-" : String(format: "%.4f", value)
    }
}
