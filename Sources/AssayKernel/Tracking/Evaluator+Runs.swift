import AssayFrame
import AssayLanguage
import AssayLearn
import AssayRender
import AssayTracking

// `runs`, `run ID`, `compare runs` and `load run ID`: reading the store.

extension Evaluator {
    /// The store and current experiment, or a diagnostic saying why there are none.
    func trackingStore(at span: SourceSpan) throws(Diagnostic) -> (store: any TrackingStore, experiment: Experiment) {
        guard let tracker else {
            throw Diagnostic(.runsUnavailable, at: span)
        }
        // Models still being stored belong to what the caller is about to read.
        tracker.drain()
        return try tracking(at: span) { () throws(TrackingError) in try tracker.open() }
    }

    func tracking<T>(at span: SourceSpan, _ work: () throws(TrackingError) -> T) throws(Diagnostic) -> T {
        do { return try work() } catch { throw Diagnostic(.tracking(error.message), at: span) }
    }

    /// `runs [where ...] [order by ...] [limit N]` over the current experiment.
    func runs(_ syntax: RunsQuerySyntax, span: SourceSpan) throws(Diagnostic) -> Value {
        let query = try runQuery(syntax)
        let (store, experiment) = try trackingStore(at: span)
        var scoped = query
        scoped.experimentIDs = [experiment.id]
        let found = try tracking(at: span) { () throws(TrackingError) in try store.searchRuns(scoped) }
        return .dataset(try frame(at: span) { () throws(FrameError) in try RunTable.dataset(found) })
    }

    /// The filter, order and limit of a `runs` query (experiments left to the caller).
    func runQuery(_ syntax: RunsQuerySyntax) throws(Diagnostic) -> RunQuery {
        let builder = RunFilterBuilder(evaluator: self)
        var query = RunQuery(experimentIDs: [])
        if let filter = syntax.filter { query.filter = try builder.filter(filter) }
        if let order = syntax.order { query.order = RunOrder(try builder.orderField(order), descending: syntax.descending) }
        if let limit = syntax.limit { query.limit = try wholeNumber(limit, what: "`limit`", minimum: 1) }
        return query
    }

    /// `run ID`: the run with every metric value and its children.
    func trackedRun(_ idExpression: Expression, span: SourceSpan) throws(Diagnostic) -> Value {
        let id = try runID(idExpression)
        let (store, _) = try trackingStore(at: span)
        let run = try tracking(at: idExpression.span) { () throws(TrackingError) in try store.run(id) }
        let history = try tracking(at: span) { () throws(TrackingError) in try store.metricHistory(of: run.id) }
        let children = try tracking(at: span) { () throws(TrackingError) in try store.children(of: run.id, in: run.experimentID) }
        return .run(RunValue(run, history: history, children: children))
    }

    /// `compare runs A, B, ...`: one row per field, one column per run, `differs` where they do.
    func compareRuns(_ idExpressions: [Expression], span: SourceSpan) throws(Diagnostic) -> Value {
        let (store, _) = try trackingStore(at: span)
        var runs: [Run] = []
        for expression in idExpressions {
            let id = try runID(expression)
            let run = try tracking(at: expression.span) { () throws(TrackingError) in try store.run(id) }
            if !runs.contains(where: { $0.id == run.id }) { runs.append(run) }
        }
        var fields: [(String, (Run) -> String?)] = [
            ("name", { $0.name }), ("status", { $0.status.rawValue }), ("model", { $0.model }),
            ("start", { RunTable.time($0.startTime) }), ("duration", { $0.duration.map(ScalarText.number) }),
        ]
        for key in Set(runs.flatMap(\.params.keys)).sorted() { fields.append(("params.\(key)", { $0.params[key] })) }
        for key in Set(runs.flatMap(\.metrics.keys)).sorted() { fields.append(("metrics.\(key)", { $0.metrics[key].map(ScalarText.number) })) }
        for key in Set(runs.flatMap(\.tags.keys)).filter({ !RunTable.isInternal($0) }).sorted() {
            fields.append(("tags.\(key)", { $0.tags[key] }))
        }
        var columns = [Column("field", strings: fields.map(\.0))]
        var values: [[String?]] = []
        for run in runs {
            let column = fields.map { $0.1(run) }
            values.append(column)
            columns.append(Column(run.id, strings: column))
        }
        let differs = fields.indices.map { row in Set(values.map { $0[row] }).count > 1 }
        columns.append(Column("differs", bools: differs))
        return .dataset(try frame(at: span) { () throws(FrameError) in try Dataset(columns: columns) })
    }

    /// `load run ID`: the model the run fitted.
    func loadRun(_ idExpression: Expression) throws(Diagnostic) -> Value {
        let id = try runID(idExpression)
        let (store, _) = try trackingStore(at: idExpression.span)
        let run = try tracking(at: idExpression.span) { () throws(TrackingError) in try store.run(id) }
        guard let data = try tracking(at: idExpression.span, { () throws(TrackingError) in try store.model(of: run.id) }) else {
            throw Diagnostic(.runHasNoModel(run.id, status: run.status.rawValue, finished: run.status == .finished), at: idExpression.span)
        }
        let fitted = try learn(at: idExpression.span) { () throws(LearnError) in try SavedModel.decode(data) }
        return .model(ModelValue(fitted, dataName: run.tags["dataset"], runID: run.id))
    }

    /// A run id: a string, a whole number, a run, or a model or board that was tracked.
    func runID(_ expression: Expression) throws(Diagnostic) -> String {
        let value = try evaluate(expression)
        switch value {
        case .string(let id): return id
        case .number(let x) where x == x.rounded() && x >= 0 && x < 1e15: return String(Int64(x))
        case .run(let run): return run.run.id
        case .model(let model):
            guard let id = model.runID else {
                throw Diagnostic(.modelHasNoRun, at: expression.span)
            }
            return id
        case .board(let board):
            guard let id = board.parentRunID else {
                throw Diagnostic(.boardHasNoRun, at: expression.span)
            }
            return id
        default:
            throw Diagnostic(.runIDType(found: value.typeName), at: expression.span)
        }
    }

    /// Members of a run.
    func runMember(_ name: String, of value: RunValue, at span: SourceSpan) throws(Diagnostic) -> Value {
        let run = value.run
        switch name {
        case "id": return .string(run.id)
        case "name": return .string(run.name)
        case "status": return .string(run.status.rawValue)
        case "model": return run.model.map(Value.string) ?? .null
        case "duration": return run.duration.map(Value.number) ?? .null
        case "code": return run.code.map(Value.string) ?? .null
        case "params":
            let params = run.params.sorted { $0.key < $1.key }
            return .dataset(try table([Column("name", strings: params.map(\.key)), Column("value", strings: params.map(\.value))], at: span))
        case "tags":
            let tags = run.tags.filter { !RunTable.isInternal($0.key) }.sorted { $0.key < $1.key }
            return .dataset(try table([Column("name", strings: tags.map(\.key)), Column("value", strings: tags.map(\.value))], at: span))
        case "metrics":
            let s = value.metricSummaries
            return .dataset(try table([
                Column("metric", strings: s.map(\.key)), Column("best", numbers: s.map(\.best)), Column("min", numbers: s.map(\.min)),
                Column("max", numbers: s.map(\.max)), Column("last", numbers: s.map(\.last)), Column("values", numbers: s.map { Double($0.steps) }),
            ], at: span))
        case "history":
            let h = value.history
            return .dataset(try table([
                Column("metric", strings: h.map(\.key)), Column("step", numbers: h.map { Double($0.step) }),
                Column("value", numbers: h.map(\.value)), Column("time", strings: h.map { RunTable.time($0.timestamp) }),
            ], at: span))
        case "children":
            return .dataset(try frame(at: span) { () throws(FrameError) in try RunTable.dataset(value.children) })
        default:
            throw Diagnostic(.noSuchMember(name, type: "run"), at: span)
        }
    }

    private func table(_ columns: [Column], at span: SourceSpan) throws(Diagnostic) -> Dataset {
        try frame(at: span) { () throws(FrameError) in try Dataset(columns: columns) }
    }
}
