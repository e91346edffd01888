/// `group KEYS aggregate NAME = AGG(COL), ...`.
extension Dataset {
    /// One row per distinct combination of the key columns' values (missing is a value), in order
    /// of first appearance, holding the keys and then the aggregations. No keys is one group of
    /// every row. Aggregates skip missing values, as pandas does: `count(col)` counts values,
    /// `sum` of nothing is 0, `mean`/`median`/`min`/`max` of nothing are missing, `std`/`var` are
    /// sample statistics (missing below two values), `first`/`last` are the first and last values
    /// present, `distinct_count` counts distinct values present. Bools count as 0 and 1 in `sum`,
    /// `mean` and friends; `min`, `max`, `first` and `last` keep the column's type.
    public func grouped(by keys: [String], aggregations: [Aggregation]) throws(FrameError) -> Dataset {
        let keyColumns = try requireColumns(keys, role: "key")
        var names = Set(keys)
        var inputs: [Column?] = []
        for aggregation in aggregations {
            guard names.insert(aggregation.name).inserted else {
                throw FrameError("two output columns are named `\(aggregation.name)`", help: "give each aggregate its own name")
            }
            inputs.append(try aggregationInput(aggregation))
        }
        let groups = GroupRows(keyColumns, rowCount: rowCount)
        let firstRows = (0..<groups.count).map { groups.rows(of: $0).first ?? -1 }
        var output = keyColumns.map { $0.take(optional: firstRows) }
        for (aggregation, input) in zip(aggregations, inputs) {
            output.append(Column(aggregation.name, Self.aggregate(aggregation.function, input, groups)))
        }
        return Dataset(trusted: output)
    }

    /// The column an aggregation reads, checked for existence and type.
    private func aggregationInput(_ aggregation: Aggregation) throws(FrameError) -> Column? {
        let function = aggregation.function.rawValue
        guard let name = aggregation.column else {
            guard aggregation.function == .count else {
                throw FrameError("`\(function)` needs a column", help: "write `\(aggregation.name) = \(function)(COLUMN)`")
            }
            return nil
        }
        let column = try requireColumn(name)
        switch aggregation.function {
        case .mean, .sum, .median, .std, .variance:
            guard column.type != .string else {
                throw FrameError(
                    "`\(function)` needs numbers, and `\(name)` is a string column",
                    help: "on strings use count, distinct_count, min, max, first or last")
            }
        case .count, .min, .max, .distinctCount, .first, .last:
            break
        }
        return column
    }

    private static func aggregate(_ function: Aggregate, _ column: Column?, _ groups: GroupRows) -> ColumnValues {
        let all = 0..<groups.count
        guard let column else { return .number(all.map { Double(groups.rows(of: $0).count) }) }
        switch function {
        case .count:
            let missing = column.missingMask
            return .number(all.map { Double(groups.rows(of: $0).lazy.filter { !missing[$0] }.count) })
        case .distinctCount:
            var encoder = KeyEncoder(missingIsKey: false)
            let ids = encoder.encode(column)
            // The last group each value was seen in: one pass, no per-group sets.
            var seenIn = [Int](repeating: -1, count: Int(encoder.count))
            return .number(
                all.map { group in
                    var distinct = 0
                    for row in groups.rows(of: group) where ids[row] >= 0 && seenIn[Int(ids[row])] != group {
                        seenIn[Int(ids[row])] = group
                        distinct += 1
                    }
                    return Double(distinct)
                })
        case .first, .last, .min, .max:
            // Pick a row per group and gather it, so the result keeps the column's type.
            let order = column.orderingValues
            let picked = all.map { group -> Int in
                let rows = groups.rows(of: group).filter { !order[$0].isNaN }
                switch function {
                case .first: return rows.first ?? -1
                case .last: return rows.last ?? -1
                case .min: return rows.min { order[$0] < order[$1] } ?? -1
                default: return rows.max { order[$0] < order[$1] } ?? -1
                }
            }
            return column.take(optional: picked).values
        case .mean, .sum, .median, .std, .variance:
            let numbers = column.numericValues ?? []
            var values: [Double] = []  // one buffer for every group
            return .number(
                all.map { group in
                    values.removeAll(keepingCapacity: true)
                    for row in groups.rows(of: group) where row < numbers.count && !numbers[row].isNaN {
                        values.append(numbers[row])
                    }
                    switch function {
                    case .mean: return Moments.mean(values)
                    case .sum: return Moments.sum(values)
                    case .median:
                        values.sort()
                        return Moments.quantile(sorted: values, 0.5)
                    case .std: return Moments.standardDeviation(values)
                    default: return Moments.variance(values)
                    }
                })
        }
    }
}
