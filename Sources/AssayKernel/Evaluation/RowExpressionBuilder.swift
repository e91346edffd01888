import AssayFrame
import AssayLanguage

/// Turns a language expression into a row expression over a table's schema: names are columns, or
/// else session values (a number, string or bool bound with `=`), and every node remembers its
/// source span so the data layer's errors point at the user's text.
struct RowExpressionBuilder {
    let schema: Schema
    let datasetName: String?
    let bindings: [String: Value]
    private var spans: [SourceSpan] = []
    /// Columns that earlier definitions of the same `derive` add.
    private var added: Set<String> = []

    init(schema: Schema, datasetName: String?, bindings: [String: Value]) {
        self.schema = schema
        self.datasetName = datasetName
        self.bindings = bindings
    }

    mutating func addColumn(_ name: String) { added.insert(name) }

    private mutating func id(_ span: SourceSpan) -> Int {
        spans.append(span)
        return spans.count - 1
    }

    mutating func build(_ expression: Expression) throws(Diagnostic) -> RowExpression {
        let span = expression.span
        switch expression.kind {
        case .number(let v): return .number(v, id: id(span))
        case .string(let v): return .string(v, id: id(span))
        case .bool(let v): return .bool(v, id: id(span))
        case .null: return .null(id: id(span))
        case .name(let name):
            if schema.contains(name) || added.contains(name) { return .column(name, id: id(span)) }
            switch bindings[name] {
            case .number(let v): return .number(v, id: id(span))
            case .string(let v): return .string(v, id: id(span))
            case .bool(let v): return .bool(v, id: id(span))
            case .null: return .null(id: id(span))
            default: throw Evaluator.unknownColumn(name, at: span, in: schema, datasetName)
            }
        case .unary(let op, let operand):
            return .unary(op == .negate ? .negate : .not, try build(operand), id: id(span))
        case .binary(.in, let lhs, let rhs, _), .binary(.notIn, let lhs, let rhs, _):
            guard case .list(let elements) = rhs.kind else {
                throw Diagnostic(.rowInNeedsList, at: rhs.span)
            }
            let negated: Bool = if case .binary(.notIn, _, _, _) = expression.kind { true } else { false }
            let left = try build(lhs)
            var items: [RowExpression] = []
            for element in elements { items.append(try build(element)) }
            return .isIn(left, items, negated: negated, id: id(span))
        case .binary(let op, let lhs, let rhs, let operatorSpan):
            let left = try build(lhs)
            let right = try build(rhs)
            return .binary(RowExpressionBuilder.operators[op] ?? .add, left, right, id: id(operatorSpan))
        case .isNull(let operand, let negated):
            return .isNull(try build(operand), negated: negated, id: id(span))
        case .call(let callee, let arguments):
            var built: [RowExpression] = []
            for argument in arguments {
                if let label = argument.label {
                    throw Diagnostic(.positionalRowArguments(callee.name, label: label.name), at: label.span)
                }
                built.append(try build(argument.value))
            }
            return .call(callee.name, built, id: id(callee.span))
        case .list:
            throw Diagnostic(.notARowValue("list"), at: span)
        case .member:
            throw Diagnostic(.membersInRowExpression, at: span)
        case .load, .pipe, .split, .learning, .runs, .compareRuns, .collect, .upload:
            throw Diagnostic(.notARowValue("dataset"), at: span)
        case .run:
            throw Diagnostic(.notARowValue("run"), at: span)
        }
    }

    static let operators: [BinaryOperator: RowBinaryOperator] = [
        .add: .add, .subtract: .subtract, .multiply: .multiply, .divide: .divide, .remainder: .remainder, .power: .power,
        .equal: .equal, .notEqual: .notEqual, .less: .less, .lessEqual: .lessOrEqual, .greater: .greater,
        .greaterEqual: .greaterOrEqual, .and: .and, .or: .or,
    ]

    /// Runs data work that evaluates row expressions, mapping its errors to the source.
    func run<T>(_ work: () throws(RowExpressionError) -> T) throws(Diagnostic) -> T {
        do { return try work() } catch {
            let span = error.nodeID >= 0 && error.nodeID < spans.count ? spans[error.nodeID] : nil
            switch error.kind {
            case .unknownColumn(let name, _):
                throw Evaluator.unknownColumn(name, at: span, in: schema, datasetName)
            case .unknownFunction(let name, let available):
                throw Diagnostic(.unknownRowFunction(name, among: available), at: span)
            case .type:
                throw Diagnostic(.rowType(error.message, help: error.help), at: span)
            case .arguments:
                throw Diagnostic(.rowArguments(error.message, help: error.help), at: span)
            }
        }
    }
}
