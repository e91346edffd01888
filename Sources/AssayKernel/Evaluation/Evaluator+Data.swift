import AssayFrame
import AssayLanguage
import AssayRender
import Foundation

// Datasets: `load`, the steps after `|`, and `split`.

extension Evaluator {
    // MARK: load

    /// A table from a source: samples and synthetic data are made in the kernel; files are read
    /// by the session's current engine.
    func load(_ source: LoadSource, span: SourceSpan) throws(Diagnostic) -> TableRef {
        switch source {
        case .model(let pathExpression):
            throw Diagnostic(.loadGivesModel("load model"), at: pathExpression.span)
        case .run(let idExpression):
            throw Diagnostic(.loadGivesModel("load run"), at: idExpression.span)
        case .sample(let nameExpression):
            let name = try string(nameExpression, what: "a sample's name")
            guard SampleData.names.contains(name) else {
                throw Diagnostic(.unknownSample(name, among: SampleData.names), at: nameExpression.span)
            }
            return .local(try frame(at: nameExpression.span) { () throws(FrameError) in try SampleData.load(name) })
        case .synthetic(let task, let settings):
            return .local(try synthetic(task, settings, span: span))
        case .table(let nameExpression):
            let name = try string(nameExpression, what: "a table's name")
            let engine = engines.current
            return try engineWork(at: nameExpression.span) { () throws(EngineError) in try engine.read(.table(name)) }
        case .sql(let queryExpression):
            let query = try string(queryExpression, what: "an SQL query")
            let engine = engines.current
            return try engineWork(at: queryExpression.span) { () throws(EngineError) in try engine.read(.sql(query)) }
        case .file(let pathExpression, let separatorExpression, let types):
            let path = try string(pathExpression, what: "a file path")
            var options = CSVOptions()
            if let separatorExpression {
                let separator = try string(separatorExpression, what: "a separator")
                guard separator.utf8.count == 1, let byte = separator.utf8.first, byte != 0x22, byte != 0x0A, byte != 0x0D else {
                    throw Diagnostic(.separator(found: ScalarText.quoted(separator)), at: separatorExpression.span)
                }
                options.separator = byte
            }
            for (column, type) in types {
                guard let columnType = ColumnType(rawValue: type.name) else {
                    throw Diagnostic(.unknownColumnType(type.name, among: ColumnType.allCases.map(\.rawValue)), at: type.span)
                }
                options.types[column.name] = columnType
            }
            let engine = engines.current
            return try engineWork(at: pathExpression.span) { () throws(EngineError) in try engine.read(path: file(path), name: path, options: options) }
        }
    }

    private func synthetic(_ task: Identifier, _ settings: [(name: Identifier, value: Expression)], span: SourceSpan)
        throws(Diagnostic) -> Dataset
    {
        let known: [String: [String]] = [
            "classification": ["rows", "features", "informative", "redundant", "classes", "separation", "seed"],
            "regression": ["rows", "features", "informative", "noise", "seed"],
        ]
        guard let allowed = known[task.name] else {
            throw Diagnostic(.unknownSyntheticTask(task.name, among: Array(known.keys).sorted()), at: task.span)
        }
        var values: [String: (Double, SourceSpan)] = [:]
        for (name, expression) in settings {
            guard allowed.contains(name.name) else {
                throw Diagnostic(.unknownSyntheticSetting(name.name, task: task.name, among: allowed), at: name.span)
            }
            values[name.name] = (try number(expression, what: "`\(name.name)`"), expression.span)
        }
        func whole(_ name: String, _ fallback: Int, minimum: Int) throws(Diagnostic) -> Int {
            guard let (value, at) = values[name] else { return fallback }
            guard value == value.rounded(), value >= Double(minimum), value <= 1e9 else {
                throw Diagnostic(.needsWholeNumber("`\(name)`", minimum: minimum, found: nil), at: at)
            }
            return Int(value)
        }
        let rows = try whole("rows", 1000, minimum: 1)
        let features = try whole("features", 10, minimum: 1)
        let seed = UInt64(try whole("seed", self.settings.seed, minimum: 0))
        if task.name == "classification" {
            let informative = try whole("informative", min(features, max(2, features / 2)), minimum: 1)
            let redundant = try whole("redundant", 0, minimum: 0)
            let classes = try whole("classes", 2, minimum: 2)
            let separation = values["separation"]?.0 ?? 1.0
            return try frame(at: span) { () throws(FrameError) in
                try SyntheticData.classification(
                    rows: rows, features: features, informative: informative, redundant: redundant, classes: classes,
                    separation: separation, seed: seed)
            }
        }
        let informative = try values["informative"] == nil ? nil : whole("informative", features, minimum: 1)
        let noise = values["noise"]?.0 ?? 0.1
        return try frame(at: span) { () throws(FrameError) in
            try SyntheticData.regression(rows: rows, features: features, informative: informative, noise: noise, seed: seed)
        }
    }

    // MARK: pipes

    func pipe(_ inputExpression: Expression, _ step: PipeStep) throws(Diagnostic) -> Value {
        let input: Value
        if case .stage(let stage) = step.kind {
            input = try evaluateComponent(inputExpression)
            try checkCancellation(at: step.span)
            if let data = input.asTable {
                let next = try evaluateComponent(stage)
                guard case .pipeline(let pipeline) = next else {
                    throw Diagnostic(.pipeAfterDataset(found: next.typeName, operations: PipeStep.operations), at: stage.span)
                }
                return try applyStages(pipeline, to: data, at: stage.span)
            }
            return try pipePipeline(input, inputExpression, stage)
        }
        input = try evaluate(inputExpression)
        try checkCancellation(at: step.span)
        guard let data = input.asTable else {
            throw Diagnostic(.needsDataset(step.keyword?.name ?? "|", found: input.typeName), at: inputExpression.span)
        }
        let datasetName: String? = if case .name(let name) = inputExpression.kind { name } else { nil }
        let schema = data.schema
        var rows = RowExpressionBuilder(schema: schema, datasetName: datasetName, bindings: bindings)
        let at = step.span
        let operation: DataOperation
        switch step.kind {
        case .filter(let predicate):
            operation = .filter(try rows.build(predicate))
        case .derive(let definitions):
            var built: [DataOperation.Definition] = []
            for (name, value) in definitions {
                built.append(DataOperation.Definition(name: name.name, expression: try rows.build(value)))
                rows.addColumn(name.name)
            }
            operation = .derive(built)
        case .select(let columns):
            try requireColumns(columns, in: schema, datasetName)
            operation = .select(columns.map(\.name))
        case .drop(let columns):
            try requireColumns(columns, in: schema, datasetName)
            operation = .drop(columns.map(\.name))
        case .rename(let pairs):
            try requireColumns(pairs.map(\.old), in: schema, datasetName)
            operation = .rename(pairs.map { ($0.old.name, $0.new.name) })
        case .sort(let keys):
            try requireColumns(keys.map(\.column), in: schema, datasetName)
            operation = .sort(keys.map { ($0.column.name, $0.descending ? SortOrder.descending : .ascending) })
        case .head(let count):
            operation = .head(try wholeNumber(count, what: "`head`", minimum: 0))
        case .tail(let count):
            operation = .tail(try wholeNumber(count, what: "`tail`", minimum: 0))
        case .sample(let amount, let seedExpression):
            let value = try number(amount, what: "`sample`")
            let seed = try seedExpression.map { (e) throws(Diagnostic) in UInt64(try wholeNumber(e, what: "a seed", minimum: 0)) }
                ?? UInt64(settings.seed)
            if value > 0 && value < 1 {
                operation = .sampleFraction(value, seed: seed)
            } else {
                let count = try wholeNumber(amount, what: "`sample` (a row count, or a fraction between 0 and 1)", minimum: 0)
                operation = .sampleCount(count, seed: seed)
            }
        case .dropMissing(let columns):
            try requireColumns(columns, in: schema, datasetName)
            operation = .dropMissing(columns.isEmpty ? nil : columns.map(\.name))
        case .distinct(let columns):
            try requireColumns(columns, in: schema, datasetName)
            operation = .distinct(columns.isEmpty ? nil : columns.map(\.name))
        case .group(let keys, let aggregations):
            try requireColumns(keys, in: schema, datasetName)
            var built: [AssayFrame.Aggregation] = []
            for aggregation in aggregations {
                guard let function = Aggregate(rawValue: aggregation.function.name) else {
                    throw Diagnostic(
                        .unknownAggregate(aggregation.function.name, among: Aggregate.allCases.map(\.rawValue)),
                        at: aggregation.function.span)
                }
                if let column = aggregation.column {
                    try requireColumns([column], in: schema, datasetName)
                } else if function != .count {
                    throw Diagnostic(.aggregateNeedsColumn(function.rawValue, name: aggregation.name.name), at: aggregation.function.span)
                }
                built.append(AssayFrame.Aggregation(name: aggregation.name.name, function: function, column: aggregation.column?.name))
            }
            operation = .group(keys: keys.map(\.name), aggregations: built)
        case .join(let otherExpression, let keys, let kind):
            guard let other = try evaluate(otherExpression).asTable else {
                throw Diagnostic(.joinNeedsDataset, at: otherExpression.span)
            }
            try requireColumns(keys, in: schema, datasetName)
            let otherName: String? = if case .name(let name) = otherExpression.kind { name } else { nil }
            try requireColumns(keys, in: other.schema, otherName)
            let joinKind: JoinKind = kind?.name == "left" ? .left : .inner
            operation = .join(other, on: keys.map(\.name), kind: joinKind)
        case .stage:
            throw Diagnostic(.stageWithoutInput, at: at)
        }
        var table = data
        // A local table joined with a remote one goes to the remote engine when it is small.
        if case .local(let local) = data, case .join(.remote(let other), _, _) = operation {
            let remote = other.engine
            table = try engineWork(at: inputExpression.span) { () throws(EngineError) in try remote.uploadSmall(local) }
        }
        let engine = engines.engine(for: table)
        let target = table
        return .dataset(try engineWork(at: at, rows: rows) { () throws(EngineError) in try engine.apply(operation, to: target) })
    }

    // MARK: split

    func split(_ dataExpression: Expression, fractions: [Expression], stratify: Identifier?, seed: Expression?, span: SourceSpan)
        throws(Diagnostic) -> Value
    {
        guard let data = try evaluate(dataExpression).asTable else {
            throw Diagnostic(.splitNeedsDataset, at: dataExpression.span)
        }
        var parts: [Double] = []
        for fraction in fractions {
            let value = try number(fraction, what: "a fraction")
            guard value > 0, value < 1 || (value == 1 && fractions.count > 1) else {
                throw Diagnostic(.fraction(found: ScalarText.number(value)), at: fraction.span)
            }
            parts.append(value)
        }
        let total = parts.reduce(0, +)
        guard total <= 1 + 1e-9 else {
            throw Diagnostic(.fractionsSum(ScalarText.number(total)), at: fractions[0].span.through(fractions[fractions.count - 1].span))
        }
        if let stratify {
            let name: String? = if case .name(let n) = dataExpression.kind { n } else { nil }
            try requireColumns([stratify], in: data.schema, name)
        }
        let seedValue = try seed.map { (e) throws(Diagnostic) in UInt64(try wholeNumber(e, what: "a seed", minimum: 0)) } ?? UInt64(settings.seed)
        let engine = engines.engine(for: data)
        let pieces = try engineWork(at: span) { () throws(EngineError) in
            try engine.split(data, fractions: parts, stratify: stratify?.name, seed: seedValue)
        }
        return .list(pieces.map(Value.dataset))
    }

    // MARK: Pieces

    /// Checks that the columns are in the schema, before any engine work.
    func requireColumns(_ columns: [Identifier], in schema: Schema, _ datasetName: String?) throws(Diagnostic) {
        for column in columns where !schema.contains(column.name) {
            throw Evaluator.unknownColumn(column.name, at: column.span, in: schema, datasetName)
        }
    }

    static func unknownColumn(_ name: String, at span: SourceSpan?, in schema: Schema, _ datasetName: String?) -> Diagnostic {
        Diagnostic(.unknownColumn(name, dataset: datasetName, columns: schema.names), at: span)
    }

    /// Runs an engine's data work, turning its error into a diagnostic at `span`, or at the node of
    /// a row expression that `rows` built.
    func engineWork<T>(at span: SourceSpan, rows: RowExpressionBuilder? = nil, _ work: () throws(EngineError) -> T) throws(Diagnostic) -> T {
        do { return try work() } catch {
            switch error {
            case .frame(let failure):
                return try frame(at: span) { () throws(FrameError) -> T in throw failure }
            case .rows(let failure):
                guard let rows else { throw Diagnostic(.data(failure.message, help: failure.help), at: span) }
                return try rows.run { () throws(RowExpressionError) -> T in throw failure }
            case .unsupported(let message, let help):
                throw Diagnostic(.data(message, help: help), at: span)
            case .remote(let message, let errorClass):
                throw Diagnostic(.spark(message, errorClass: errorClass), at: span)
            case .unavailable(let address, let detail):
                throw Diagnostic(.engineUnavailable(address: address, detail: detail), at: span)
            case .cancelled:
                throw Diagnostic.interrupted(at: span)
            }
        }
    }

    /// Runs data work, turning a data error into a diagnostic at `span`.
    func frame<T>(at span: SourceSpan, _ work: () throws(FrameError) -> T) throws(Diagnostic) -> T {
        do { return try work() } catch {
            var message = error.message
            if let location = error.location {
                message = "\(message) (\(location.file), line \(location.line), column \(location.column))"
            }
            throw Diagnostic(.data(message, help: error.help), at: span)
        }
    }

    func number(_ expression: Expression, what: String) throws(Diagnostic) -> Double {
        let value = try evaluate(expression)
        guard case .number(let number) = value else {
            throw Diagnostic(.needsNumber(what, found: value.typeName), at: expression.span)
        }
        return number
    }

    func wholeNumber(_ expression: Expression, what: String, minimum: Int) throws(Diagnostic) -> Int {
        let value = try number(expression, what: what)
        guard value == value.rounded(), value >= Double(minimum), value < 9e15 else {
            throw Diagnostic(.needsWholeNumber(what, minimum: minimum, found: ScalarText.number(value)), at: expression.span)
        }
        return Int(value)
    }

    func string(_ expression: Expression, what: String) throws(Diagnostic) -> String {
        let value = try evaluate(expression)
        guard case .string(let text) = value else {
            throw Diagnostic(.needsString(what, found: value.typeName), at: expression.span)
        }
        return text
    }
}

extension Evaluator {
    /// One summary per column of a table, computed by its engine.
    func describe(_ table: TableRef, at span: SourceSpan) throws(Diagnostic) -> [ColumnSummary] {
        let engine = engines.engine(for: table)
        return try engineWork(at: span) { () throws(EngineError) in try engine.describe(table) }
    }

    /// A table's number of rows, counted by its engine.
    func rowCount(_ table: TableRef, at span: SourceSpan) throws(Diagnostic) -> Int {
        let engine = engines.engine(for: table)
        return try engineWork(at: span) { () throws(EngineError) in try engine.rowCount(of: table) }
    }
}
