import AssayFrame

/// `scale(COLS, method="standard"|"minmax"|"robust")`: x ↦ (x − center) / scale with the
/// fitted data's mean and population standard deviation, minimum and range, or median and
/// interquartile range (scikit-learn's StandardScaler, MinMaxScaler, RobustScaler). A scale of
/// 0 becomes 1. Number columns by default; missing values stay missing.
public struct Scale: Stage {
    /// Saved by name: `"standard"`, `"minmax"`, `"robust"`.
    public enum Method: String, Sendable, CaseIterable, Codable {
        case standard, minmax, robust
    }

    public var columns: ColumnSelector
    public var method: Method

    public init(_ columns: ColumnSelector = .numeric, method: Method = .standard) {
        self.columns = columns
        self.method = method
    }

    public var kind: String { "scale" }

    public func fit(_ data: Dataset, context: FitContext) throws(LearnError) -> any FittedStage {
        var parameters: [FittedScale.Parameters] = []
        for name in try columns.resolve(in: data, stage: kind, accepts: [.number]) {
            let present = try StageColumns.numbers(name, in: data, stage: kind).filter { !$0.isNaN }
            var center = Double.nan
            var scale = 1.0
            if !present.isEmpty {
                switch method {
                case .standard:
                    center = present.reduce(0, +) / Double(present.count)
                    scale = (present.reduce(0) { $0 + ($1 - center) * ($1 - center) } / Double(present.count)).squareRoot()
                case .minmax:
                    // `present` is not empty here.
                    let low = present.min() ?? .nan
                    center = low
                    scale = (present.max() ?? low) - low
                case .robust:
                    let sorted = present.sorted()
                    center = StageColumns.quantile(sorted, 0.5)
                    scale = StageColumns.quantile(sorted, 0.75) - StageColumns.quantile(sorted, 0.25)
                }
            }
            parameters.append(.init(column: name, center: center, scale: scale == 0 || !scale.isFinite ? 1 : scale))
        }
        return FittedScale(method: method, parameters: parameters)
    }
}

/// Fitted `scale`: each column's center and scale. Saved as
/// `{"method": "standard", "columns": [{"column": "bill", "center": 4, "scale": 2}]}`.
public struct FittedScale: FittedStage, Codable {
    public struct Parameters: Sendable, Codable {
        public var column: String
        public var center: Double
        public var scale: Double
    }

    public var method: Scale.Method
    public var parameters: [Parameters]

    private enum CodingKeys: String, CodingKey { case method, parameters = "columns" }

    public func transform(_ data: Dataset) throws(LearnError) -> Dataset {
        var replaced: [String: Column] = [:]
        for p in parameters {
            let values = try StageColumns.numbers(p.column, in: data, stage: "scale")
            replaced[p.column] = Column(p.column, .number(values.map { ($0 - p.center) / p.scale }))
        }
        return try StageColumns.replacing(data, replaced, stage: "scale")
    }

    public var summary: [(String, String)] {
        let (centerName, scaleName) = switch method {
        case .standard: ("mean", "std")
        case .minmax: ("min", "range")
        case .robust: ("median", "iqr")
        }
        return parameters.map { ($0.column, "\(centerName) \(StageColumns.format($0.center)), \(scaleName) \(StageColumns.format($0.scale))") }
    }
}
