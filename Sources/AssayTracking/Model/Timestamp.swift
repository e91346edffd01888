import Foundation

/// Wall-clock time as runs record it: milliseconds since 1970.
public enum Timestamp {
    public static func now() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }
}
