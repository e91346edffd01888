import AssayFrame

/// `poly(COLS, degree=2)`: adds every product of the columns of degree 2 through `degree`, in
/// scikit-learn's PolynomialFeatures order, named like `a^2`, `a*b`, `a^2*b`; the columns
/// themselves stay. Number columns by default.
public struct Polynomial: Stage {
    public var columns: ColumnSelector
    public var degree: Int

    public init(_ columns: ColumnSelector = .numeric, degree: Int = 2) {
        self.columns = columns
        self.degree = degree
    }

    public var kind: String { "poly" }

    public func fit(_ data: Dataset, context: FitContext) throws(LearnError) -> any FittedStage {
        guard degree >= 1 else { throw LearnError("`degree` must be at least 1, got \(degree)") }
        let names = try columns.resolve(in: data, stage: kind, accepts: [.number])
        var terms: [[Int]] = []
        var level: [[Int]] = names.indices.map { [$0] }
        if degree >= 2 {
            for _ in 2...degree {
                level = level.flatMap { term in (term.last!..<names.count).map { term + [$0] } }
                terms += level
                guard terms.count <= 10_000 else {
                    throw LearnError("`poly` would add more than 10000 columns", help: "name fewer columns or lower `degree`")
                }
            }
        }
        return FittedProducts(inputs: names, terms: terms, stage: kind)
    }
}

/// `interact(A, B)`: adds the product column `A*B`.
public struct Interaction: Stage {
    public var first: String
    public var second: String

    public init(_ first: String, _ second: String) {
        self.first = first
        self.second = second
    }

    public var kind: String { "interact" }

    public func fit(_ data: Dataset, context: FitContext) throws(LearnError) -> any FittedStage {
        _ = try ColumnSelector.names([first, second]).resolve(in: data, stage: kind, accepts: [.number])
        return FittedProducts(inputs: [first, second], terms: [[0, 1]], stage: kind)
    }
}

/// Fitted `poly` or `interact`: the products to add, as indices into `inputs`. Saved as
/// `{"stage": "poly", "inputs": ["a", "b"], "terms": [[0, 0], [0, 1], [1, 1]]}`.
public struct FittedProducts: FittedStage, Codable {
    public var inputs: [String]
    public var terms: [[Int]]
    /// The stage errors name: `poly` or `interact`.
    var stage: String

    /// `a^2*b` for [a, a, b].
    public var termNames: [String] {
        terms.map { term in
            var parts: [String] = []
            var i = 0
            while i < term.count {
                var j = i
                while j + 1 < term.count && term[j + 1] == term[i] { j += 1 }
                parts.append(j > i ? "\(inputs[term[i]])^\(j - i + 1)" : inputs[term[i]])
                i = j + 1
            }
            return parts.joined(separator: "*")
        }
    }

    public func transform(_ data: Dataset) throws(LearnError) -> Dataset {
        var inputValues: [[Double]] = []
        for name in inputs { inputValues.append(try StageColumns.numbers(name, in: data, stage: stage)) }
        let added = zip(terms, termNames).map { term, name in
            var product = [Double](repeating: 1, count: data.rowCount)
            for index in term { for row in product.indices { product[row] *= inputValues[index][row] } }
            return Column(name, .number(product))
        }
        return try StageColumns.dataset(data.columns + added, stage: stage)
    }

    public var summary: [(String, String)] { termNames.map { ($0, "added") } }
}

extension FittedProducts: ValidatedOnLoad {
    /// A term indexes `inputs`; one outside would trap when the product is named.
    func validate() throws(LearnError) {
        guard terms.allSatisfy({ !$0.isEmpty && $0.allSatisfy(inputs.indices.contains) }) else {
            throw ModelCoding.damaged("a saved `\(stage)` stage has a product of columns it does not list")
        }
    }
}
