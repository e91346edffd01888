/// Enumerates every combination of the space's choices and fixed values; numeric domains are
/// an error. Order: the parameters vary like the digits of a number, the last one fastest; a
/// choice goes through its options in order, and for each option through every combination of
/// that option's own parameters before moving to the next option. So
/// `a = [1, 2], m = choice(x(p = [1, 2]), y)` gives (1, x, 1), (1, x, 2), (1, y), (2, x, 1),
/// (2, x, 2), (2, y).
public struct GridSearch: Searcher {
    /// More combinations than this is surely a mistake.
    public static let maximumCombinations = 1_000_000

    public init() {}

    public func trialLimit(for space: SearchSpace) throws(LearnError) -> Int? {
        for dimension in space.dimensions where !dimension.domain.isEnumerable {
            throw LearnError(
                "grid search cannot enumerate `\(dimension.path)` = \(dimension.domain)",
                help: "give candidates as a list such as `[0.01, 0.1, 1]`, or use `search random` or `search tpe`")
        }
        let count = combinations(space.roots, space)
        guard count <= Self.maximumCombinations else {
            throw LearnError(
                "the grid has more than \(Self.maximumCombinations) combinations",
                help: "give fewer candidates, or use `search random` or `search tpe`")
        }
        return count
    }

    /// Trials beyond the grid's size start over from the first combination.
    public func suggest(trial: Int, in space: SearchSpace, seed: UInt64, history: SearchHistory) -> Assignment {
        var point = [Double](repeating: .nan, count: space.dimensions.count)
        let total = max(1, combinations(space.roots, space))
        decode(space.roots, trial % total, space, &point)
        return space.assignment(point)
    }

    /// Combinations of a list of parameters, saturating at `maximumCombinations + 1`.
    private func combinations(_ list: [Int], _ space: SearchSpace) -> Int {
        var product = 1
        for index in list {
            let (result, overflow) = product.multipliedReportingOverflow(by: combinations(of: index, space))
            product = overflow ? Self.maximumCombinations + 1 : min(result, Self.maximumCombinations + 1)
        }
        return product
    }

    private func combinations(of index: Int, _ space: SearchSpace) -> Int {
        let dimension = space.dimensions[index]
        guard dimension.optionCount > 0 else { return 1 }
        return min(Self.maximumCombinations + 1, dimension.children.reduce(0) { $0 + combinations($1, space) })
    }

    private func decode(_ list: [Int], _ number: Int, _ space: SearchSpace, _ point: inout [Double]) {
        var rest = number
        for index in list.reversed() {
            let count = combinations(of: index, space)
            decode(index, rest % count, space, &point)
            rest /= count
        }
    }

    private func decode(_ index: Int, _ number: Int, _ space: SearchSpace, _ point: inout [Double]) {
        let dimension = space.dimensions[index]
        guard dimension.optionCount > 0 else {
            point[index] = 0
            return
        }
        var rest = number
        for (option, children) in dimension.children.enumerated() {
            let count = combinations(children, space)
            if rest < count {
                point[index] = Double(option)
                decode(children, rest, space, &point)
                return
            }
            rest -= count
        }
    }
}
