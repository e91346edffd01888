/// Decimal text to Float64 without building a String: the common case (at most 19 significant
/// digits and a small exponent) is one exact integer conversion and one correctly rounded
/// multiply or divide by an exact power of ten (Clinger's fast path); anything harder goes
/// through the C library's correctly rounded conversion, so every result equals the one a
/// round-trip parser (Python's float, pandas' `round_trip`) gives.
enum DecimalParser {
    /// 10^0 ... 10^22, every one exact in Float64.
    static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// The same powers at a stable address, for the hot loop (never freed: one small table).
    nonisolated(unsafe) static let powerTable: UnsafePointer<Double> = {
        let table = UnsafeMutablePointer<Double>.allocate(capacity: exactPowersOfTen.count)
        table.initialize(from: exactPowersOfTen, count: exactPowersOfTen.count)
        return UnsafePointer(table)
    }()

    /// Parses a number that starts at `p` and ends at `end` or at the first separator, CR or LF.
    /// On success `p` points at that terminator. Returns nil when the text there is not a plain
    /// decimal number (the caller then classifies the whole field).
    @inline(__always)
    static func parse(
        _ p: inout UnsafePointer<UInt8>, end: UnsafePointer<UInt8>, separator: UInt8,
        powers: UnsafePointer<Double>
    ) -> Double? {
        let start = p
        var q = p
        var negative = false
        if q < end, q.pointee == ASCII.minus || q.pointee == ASCII.plus {
            negative = q.pointee == ASCII.minus
            q += 1
        }
        // Digits accumulate unchecked (wrapping); more than 19 of them take the slow path.
        var mantissa: UInt64 = 0
        let integerStart = q
        DecimalParser.accumulateDigits(&q, end, &mantissa)
        var digits = q - integerStart
        var exponent = 0
        if q < end, q.pointee == ASCII.dot {
            q += 1
            let fractionStart = q
            DecimalParser.accumulateDigits(&q, end, &mantissa)
            exponent = fractionStart - q
            digits += q - fractionStart
        }
        guard digits > 0 else { return nil }
        if q < end, q.pointee | 0x20 == ASCII.lowerE {
            q += 1
            var negativeExponent = false
            if q < end, q.pointee == ASCII.minus || q.pointee == ASCII.plus {
                negativeExponent = q.pointee == ASCII.minus
                q += 1
            }
            var value = 0
            var exponentDigits = 0
            while q < end {
                let d = q.pointee &- ASCII.zero
                guard d < 10 else { break }
                if value < 100_000 { value = value &* 10 &+ Int(d) }
                exponentDigits += 1
                q += 1
            }
            guard exponentDigits > 0 else { return nil }
            exponent += negativeExponent ? -value : value
        }
        if q < end {
            let c = q.pointee
            guard c == separator || c == ASCII.newline || c == ASCII.carriageReturn else { return nil }
        }
        p = q
        if digits <= 19 {
            if mantissa == 0 { return negative ? -0.0 : 0.0 }
            if mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
                let m = Double(mantissa)
                let value = exponent < 0 ? m / powers[-exponent] : m * powers[exponent]
                return negative ? -value : value
            }
        }
        return slowParse(start, q)
    }

    /// The C library's correctly rounded conversion of text already known to be a decimal number.
    static func slowParse(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Double? {
        let text = String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
        return Double(text)
    }

    /// A whole field as a number: surrounding spaces allowed, `inf` and `infinity` in any case.
    static func parseField(_ field: UnsafeBufferPointer<UInt8>, powers: UnsafePointer<Double>) -> Double? {
        guard var start = field.baseAddress else { return nil }
        var end = start + field.count
        while start < end, start.pointee == ASCII.space { start += 1 }
        while end > start, (end - 1).pointee == ASCII.space { end -= 1 }
        guard start < end else { return nil }
        var p = start
        // A separator of 0 never occurs inside the trimmed field, so parse must consume all of it.
        if let value = parse(&p, end: end, separator: 0, powers: powers), p == end { return value }
        return infinity(UnsafeBufferPointer(start: start, count: end - start))
    }

    private static func infinity(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        var body = text[...]
        var sign = 1.0
        if let first = body.first, first == ASCII.minus || first == ASCII.plus {
            sign = first == ASCII.minus ? -1 : 1
            body = body.dropFirst()
        }
        let word = String(decoding: body, as: UTF8.self).lowercased()
        return word == "inf" || word == "infinity" ? sign * .infinity : nil
    }

    /// Adds the run of ASCII digits at `q` to `mantissa` (two digits per step while it can),
    /// leaving `q` after the run. Wrapping arithmetic: the caller counts digits and takes the
    /// slow path past 19.
    @inline(__always)
    static func accumulateDigits(_ q: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, _ mantissa: inout UInt64) {
        while q + 1 < end {
            let d0 = q[0] &- ASCII.zero
            let d1 = q[1] &- ASCII.zero
            guard d0 < 10, d1 < 10 else { break }
            mantissa = mantissa &* 100 &+ UInt64(d0 &* 10 &+ d1)
            q += 2
        }
        while q < end {
            let d = q.pointee &- ASCII.zero
            guard d < 10 else { break }
            mantissa = mantissa &* 10 &+ UInt64(d)
            q += 1
        }
    }
}
