import Foundation

/// A tree of parameters to search: each is fixed or has a domain, and the options of a choice
/// may hold parameters of their own, which exist only when that option is chosen. Paths name
/// parameters: a top-level parameter by its name, an option's parameter by the option's label
/// and its name (`boost.rate`), prefixed by the enclosing options' labels when nested deeper.
public struct SearchSpace: Sendable, Hashable {
    public let parameters: [SearchParameter]
    /// Every parameter flattened in tree order: a parameter, then (for a choice) each option's
    /// parameters in turn.
    let dimensions: [SearchDimension]
    /// The top-level dimensions.
    let roots: [Int]

    /// Checks that paths are unique and not empty.
    public init(_ parameters: [SearchParameter]) throws(LearnError) {
        var dimensions: [SearchDimension] = []
        var seen: Set<String> = []
        func flatten(_ list: [SearchParameter], prefix: String) throws(LearnError) -> [Int] {
            var indices: [Int] = []
            for parameter in list {
                guard !parameter.name.isEmpty else { throw LearnError("a searched parameter needs a name") }
                let path = prefix + parameter.name
                guard seen.insert(path).inserted else {
                    throw LearnError(
                        "two searched parameters are both named `\(path)`",
                        help: "give the options of a choice distinct labels")
                }
                let index = dimensions.count
                dimensions.append(SearchDimension(path: path, domain: parameter.domain, children: []))
                indices.append(index)
                if case .choice(let options) = parameter.domain.kind {
                    var children: [[Int]] = []
                    for option in options {
                        children.append(try flatten(option.parameters, prefix: prefix + option.label + "."))
                    }
                    dimensions[index].children = children
                }
            }
            return indices
        }
        roots = try flatten(parameters, prefix: "")
        self.parameters = parameters
        self.dimensions = dimensions
    }

    /// Every parameter's path in tree order, fixed ones included.
    public var paths: [String] { dimensions.map(\.path) }

    /// The paths of the parameters that are searched (not fixed), in tree order: the columns of
    /// a trial table.
    public var searchedPaths: [String] {
        dimensions.filter { if case .fixed = $0.domain.kind { false } else { true } }.map(\.path)
    }

    /// The assignment a point describes; only the dimensions its choices activate are read.
    func assignment(_ point: [Double]) -> Assignment {
        var entries: [Assignment.Entry] = []
        var active = [Double](repeating: .nan, count: dimensions.count)
        func walk(_ list: [Int]) {
            for index in list {
                let dimension = dimensions[index]
                let coordinate = point[index]
                active[index] = coordinate
                var option: Int?
                if dimension.optionCount > 0 { option = Int(coordinate) }
                entries.append(Assignment.Entry(path: dimension.path, value: dimension.value(coordinate), option: option))
                if let option { walk(dimension.children[option]) }
            }
        }
        walk(roots)
        return Assignment(entries: entries, point: active)
    }

    /// A draw from the prior: every active dimension sampled in tree order.
    func samplePrior(_ random: inout SplitMix) -> Assignment {
        var point = [Double](repeating: .nan, count: dimensions.count)
        func walk(_ list: [Int]) {
            for index in list {
                point[index] = dimensions[index].samplePrior(&random)
                if dimensions[index].optionCount > 0 { walk(dimensions[index].children[Int(point[index])]) }
            }
        }
        walk(roots)
        return assignment(point)
    }
}
