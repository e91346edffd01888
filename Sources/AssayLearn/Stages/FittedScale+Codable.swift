// `{"method": "standard", "columns": [{"column": "bill", "center": 4, "scale": 2}]}`.
extension FittedScale: Codable {
    private enum CodingKeys: String, CodingKey { case method, columns }

    private struct Parameters: Codable {
        var column: String
        var center: Double
        var scale: Double
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(method, forKey: .method)
        try c.encode(parameters.map { Parameters(column: $0.column, center: $0.center, scale: $0.scale) }, forKey: .columns)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            method: try c.decode(Scale.Method.self, forKey: .method),
            parameters: try c.decode([Parameters].self, forKey: .columns).map { ($0.column, $0.center, $0.scale) })
    }
}

// Saved by name: `"standard"`, `"minmax"`, `"robust"`.
extension Scale.Method: Codable {}
