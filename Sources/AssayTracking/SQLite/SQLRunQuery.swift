/// Translates a run query to SQL over the store's tables, collecting the bound values.
///
/// Keyed fields are scalar subqueries (a primary-key lookup per run), so a run without the
/// metric, param or tag gives NULL and, as in `RunFilter.matches`, never matches.
struct SQLRunQuery {
    private(set) var bindings: [SQLiteValue] = []

    /// `SELECT columns FROM runs r [JOIN ...] WHERE ... ORDER BY ... LIMIT ...`
    ///
    /// Each comparison of a metric, param or tag joined by `and` at the top of the filter is a
    /// join on its key-value index (one row per run at most: run and key are the table's key),
    /// so SQLite starts from the most selective index and looks the others up per run, instead
    /// of building a set of run ids for each comparison.
    mutating func select(_ query: RunQuery, columns: String = "r.id") -> String {
        var joins: [String] = []
        var rest: [RunFilter] = []
        for conjunct in query.filter.map(Self.conjuncts) ?? [] {
            if let join = joined(conjunct, alias: "k\(joins.count)") { joins.append(join) } else { rest.append(conjunct) }
        }
        var conditions: [String] = []
        if !query.experimentIDs.isEmpty {
            let ids = query.experimentIDs.map { Int64($0) ?? -1 }
            // With a filter, its indexed lookups find the runs; `+` keeps SQLite from scanning
            // the experiment's runs instead.
            let column = query.filter == nil ? "r.experiment_id" : "+r.experiment_id"
            conditions.append("\(column) IN (" + ids.map { _ in "?" }.joined(separator: ", ") + ")")
            bindings += ids.map(SQLiteValue.integer)
        }
        for conjunct in rest { conditions.append(condition(conjunct, positive: true)) }
        var sql = "SELECT \(columns) FROM runs r" + joins.map { " " + $0 }.joined()
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY " + ordering(query.order)
        if let limit = query.limit {
            sql += " LIMIT ?"
            bindings.append(.integer(Int64(limit)))
        }
        return sql
    }

    /// The filters joined by `and` at the top of `filter`, in order.
    private static func conjuncts(_ filter: RunFilter) -> [RunFilter] {
        if case .and(let a, let b) = filter { return conjuncts(a) + conjuncts(b) }
        return [filter]
    }

    /// `JOIN table alias ON alias.run_id = r.id AND alias.key = ? AND alias.column op ?` for a
    /// comparison of a keyed field; nil for anything else.
    private mutating func joined(_ filter: RunFilter, alias: String) -> String? {
        guard case .compare(let field, let op, let constant) = filter else { return nil }
        let numeric = if case .number = constant { true } else { false }
        guard let s = Self.source(field, numeric: numeric) else { return nil }
        bindings += [.text(s.key), bound(constant, numeric: numeric)]
        return "JOIN \(s.table) \(alias) ON \(alias).run_id = r.id AND \(alias).key = ? AND \(alias).\(s.column) \(op.rawValue) ?"
    }

    /// Where a keyed field's values are, and the column to compare.
    private static func source(_ field: RunField, numeric: Bool) -> (table: String, column: String, key: String)? {
        switch field {
        case .metric(let key): ("latest_metrics", "value", key)
        case .param(let key): ("params", numeric ? "number" : "value", key)
        case .tag(let key): ("tags", numeric ? "number" : "value", key)
        default: nil
        }
    }

    /// A condition. Where it is `positive` (not under a `not`), a keyed field's comparison is
    /// the set of runs that have a matching value, read from the key-value index; under `not`
    /// it is the scalar comparison, whose NULL keeps runs without the field out.
    private mutating func condition(_ filter: RunFilter, positive: Bool) -> String {
        if positive, let lookup = indexed(filter) { return lookup }
        switch filter {
        case .compare(let field, let op, let constant):
            let numeric = if case .number = constant { true } else { false }
            let column = value(field, numeric: numeric)
            bindings.append(bound(constant, numeric: numeric))
            return "(\(column) \(op.rawValue) ?)"
        case .oneOf(let field, let constants, let negated):
            let numbers = constants.filter { if case .number = $0 { true } else { false } }
            let texts = constants.filter { if case .string = $0 { true } else { false } }
            var parts: [String] = []
            if !numbers.isEmpty {
                parts.append("\(value(field, numeric: true)) IN (" + numbers.map { _ in "?" }.joined(separator: ", ") + ")")
                bindings += numbers.map { bound($0, numeric: true) }
            }
            if !texts.isEmpty {
                parts.append("\(value(field, numeric: false)) IN (" + texts.map { _ in "?" }.joined(separator: ", ") + ")")
                bindings += texts.map { bound($0, numeric: false) }
            }
            if parts.isEmpty { return negated ? "(\(value(field, numeric: false)) IS NOT NULL)" : "0" }
            let any = "(" + parts.joined(separator: " OR ") + ")"
            return negated ? "(NOT \(any))" : any
        case .missing(let field, let negated):
            return "(\(value(field, numeric: false)) IS \(negated ? "NOT " : "")NULL)"
        case .and(let a, let b):
            return "(\(condition(a, positive: positive)) AND \(condition(b, positive: positive)))"
        case .or(let a, let b):
            return "(\(condition(a, positive: positive)) OR \(condition(b, positive: positive)))"
        case .not(let a):
            return "(NOT \(condition(a, positive: false)))"
        }
    }

    /// `r.id IN (SELECT run_id FROM table WHERE key = ? AND column op ?)` for a keyed field.
    private mutating func indexed(_ filter: RunFilter) -> String? {
        switch filter {
        case .compare(let field, let op, let constant):
            let numeric = if case .number = constant { true } else { false }
            guard let s = Self.source(field, numeric: numeric) else { return nil }
            bindings += [.text(s.key), bound(constant, numeric: numeric)]
            return "r.id IN (SELECT run_id FROM \(s.table) WHERE key = ? AND \(s.column) \(op.rawValue) ?)"
        case .missing(let field, let negated):
            guard let s = Self.source(field, numeric: false) else { return nil }
            bindings.append(.text(s.key))
            return "r.id \(negated ? "" : "NOT ")IN (SELECT run_id FROM \(s.table) WHERE key = ?)"
        default:
            return nil
        }
    }

    /// The field's value: params and tags as text, or as their number when compared with one.
    private mutating func value(_ field: RunField, numeric: Bool) -> String {
        switch field {
        case .metric(let key):
            bindings.append(.text(key))
            return "(SELECT value FROM latest_metrics WHERE run_id = r.id AND key = ?)"
        case .param(let key):
            bindings.append(.text(key))
            return "(SELECT \(numeric ? "number" : "value") FROM params WHERE run_id = r.id AND key = ?)"
        case .tag(let key):
            bindings.append(.text(key))
            return "(SELECT \(numeric ? "number" : "value") FROM tags WHERE run_id = r.id AND key = ?)"
        case .id: return "r.id"
        case .name: return "r.name"
        case .status: return "r.status"
        case .model: return "r.model"
        case .parent: return "r.parent_id"
        case .start: return "r.start_time"
        case .duration: return "((r.end_time - r.start_time) / 1000.0)"
        }
    }

    private func bound(_ constant: FilterValue, numeric: Bool) -> SQLiteValue {
        switch constant {
        case .number(let x): numeric ? .real(x) : .text(constant.description)
        case .string(let s): .text(s)
        }
    }

    /// Missing values last; params and tags numerically where both are numbers, else as text.
    private mutating func ordering(_ order: RunOrder) -> String {
        let direction = order.descending ? " DESC" : ""
        var terms: [String]
        switch order.field {
        case .param, .tag:
            let text = value(order.field, numeric: false)
            let number = value(order.field, numeric: true)
            let textAgain = value(order.field, numeric: false)
            let numberAgain = value(order.field, numeric: true)
            terms = ["\(text) IS NULL", "\(number) IS NULL", numberAgain + direction, textAgain + direction]
        default:
            let first = value(order.field, numeric: true)
            let again = value(order.field, numeric: true)
            terms = ["\(first) IS NULL", again + direction]
        }
        // Runs started in the same millisecond (a tune and its first trial) come newest first
        // by the order they were written, so a listing is the same every time.
        terms += ["r.start_time DESC", "r.rowid DESC"]
        return terms.joined(separator: ", ")
    }
}
