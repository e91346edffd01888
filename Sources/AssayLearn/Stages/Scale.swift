import AssayFrame

/// `scale(COLS, method="standard"|"minmax"|"robust")`: x ↦ (x − center) / scale with the
/// fitted data's mean and population standard deviation, minimum and range, or median and
/// interquartile range (scikit-learn's StandardScaler, MinMaxScaler, RobustScaler). A scale of
/// 0 becomes 1. Number columns by default; missing values stay missing.
public struct Scale: Stage {
    public enum Method: String, Sendable, CaseIterable {
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
        var parameters: [(column: String, center: Double, scale: Double)] = []
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
            parameters.append((name, center, scale == 0 || !scale.isFinite ? 1 : scale))
        }
        return FittedScale(method: method, parameters: parameters)
    }
}

/// Fitted `scale`: each column's center and scale.
public struct FittedScale: FittedStage {
    public var method: Scale.Method
    public var parameters: [(column: String, center: Double, scale: Double)]

    public func transform(_ data: Dataset) throws(LearnError) -> Dataset {
        var replaced: [String: Column] = [:]
        for (name, center, scale) in parameters {
            let values = try StageColumns.numbers(name, in: data, stage: "scale")
            replaced[name] = Column(name, .number(values.map { ($0 - center) / scale }))
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
