import AssayFrame

// `{"fills": [{"column": "mass", "number": 4.8}, {"column": "island", "string": "Dream"}]}`.
// The fill's type is its key: a bare JSON value could not tell the string "nan" from a
// missing number, which the file writes as "nan" too.
extension FittedImpute: Codable {
    private enum CodingKeys: String, CodingKey { case fills }

    private struct Fill: Codable {
        var column: String
        var number: Double?
        var string: String?
        var bool: Bool?
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let fills = fills.map { name, cell in
            var fill = Fill(column: name)
            switch cell {
            case .number(let x): fill.number = x
            case .string(let s): fill.string = s
            case .bool(let b): fill.bool = b
            case .missing: break
            }
            return fill
        }
        try c.encode(fills, forKey: .fills)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var fills: [(String, Cell)] = []
        for fill in try c.decode([Fill].self, forKey: .fills) {
            switch (fill.number, fill.string, fill.bool) {
            case (let x?, nil, nil): fills.append((fill.column, .number(x)))
            case (nil, let s?, nil): fills.append((fill.column, .string(s)))
            case (nil, nil, let b?): fills.append((fill.column, .bool(b)))
            case (nil, nil, nil): fills.append((fill.column, .missing))
            default: throw ModelCoding.damaged("a saved `impute` stage has several fill values for `\(fill.column)`")
            }
        }
        self.init(fills: fills)
    }
}
