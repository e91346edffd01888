import AssayLanguage
import Foundation
import JupyterKernel

/// Foundation also declares an `Expression`; in this module the word means the language's.
typealias Expression = AssayLanguage.Expression

/// Evaluates expressions against a session's bindings.
struct Evaluator {
    let bindings: [String: Value]
    let cancellation: CancellationToken
    /// Default seeds and parallelism.
    var settings = Settings()
    /// Where long work shows its progress; nil shows none.
    var output: (any OutputSink)? = nil
    /// The session's run store, for reading runs; nil where there is none (user expressions).
    var tracker: RunTracker? = nil
    /// Hears of each fit, board, evaluation and tune, and records them as runs.
    var observer: any RunObserver = UntrackedObserver()
    /// Where relative file paths resolve; the process's directory when nil.
    var workingDirectory: String? = nil
    /// Where tables live and models train.
    var engines = Engines()

    /// A file path as the user wrote it, made absolute against the working directory.
    func file(_ path: String) -> String {
        guard let workingDirectory, !path.hasPrefix("/") else { return path }
        return URL(fileURLWithPath: workingDirectory).appendingPathComponent(path).path
    }

    func evaluate(_ expression: Expression) throws(Diagnostic) -> Value {
        switch expression.kind {
        case .number(let value): return .number(value)
        case .string(let value): return .string(value)
        case .bool(let value): return .bool(value)
        case .null: return .null
        case .list(let elements):
            var values: [Value] = []
            values.reserveCapacity(elements.count)
            for element in elements {
                try checkCancellation(at: element.span)
                values.append(try evaluate(element))
            }
            return .list(values)
        case .name(let name):
            return try lookUp(name, at: expression.span)
        case .unary(let op, let operand):
            return try unary(op, try evaluate(operand), at: operand.span)
        case .binary(let op, let lhs, let rhs, let operatorSpan):
            return try binary(op, lhs, rhs, operatorSpan: operatorSpan)
        case .isNull(let operand, let negated):
            return .bool((try evaluate(operand) == .null) != negated)
        case .member(let receiver, let member):
            return try self.member(member, of: try evaluate(receiver), receiverSpan: receiver.span)
        case .call(let callee, let arguments):
            if HelpCatalog.function(named: callee.name) == nil, ComponentCatalog.named(callee.name) != nil {
                return try component(callee, arguments, span: expression.span)
            }
            return try call(callee, arguments, span: expression.span)
        case .load(.model(let path)):
            return try loadModel(path)
        case .load(.run(let id)):
            return try loadRun(id)
        case .load(let source):
            return .dataset(try load(source, span: expression.span))
        case .learning(let form):
            return try learning(form, span: expression.span)
        case .runs(let query):
            return try runs(query, span: expression.span)
        case .run(let id):
            return try trackedRun(id, span: expression.span)
        case .compareRuns(let ids):
            return try compareRuns(ids, span: expression.span)
        case .collect(let data, let limit):
            return try collect(data, limit: limit, span: expression.span)
        case .upload(let data):
            return try upload(data, span: expression.span)
        case .pipe(let input, let step):
            return try pipe(input, step)
        case .split(let data, let fractions, let stratify, let seed):
            return try split(data, fractions: fractions, stratify: stratify, seed: seed, span: expression.span)
        }
    }

    func checkCancellation(at span: SourceSpan) throws(Diagnostic) {
        if cancellation.isCancelled { throw Diagnostic.interrupted(at: span) }
    }

    private func lookUp(_ name: String, at span: SourceSpan) throws(Diagnostic) -> Value {
        if let value = bindings[name] { return value }
        if HelpCatalog.function(named: name) != nil {
            throw Diagnostic(.functionAsValue(name), at: span)
        }
        if let command = CommandSyntax.named(name) {
            throw Diagnostic(.commandAsValue(name, usage: command.usage), at: span)
        }
        throw Diagnostic(.unknownName(name, among: Array(bindings.keys)), at: span)
    }

    private func call(_ callee: Identifier, _ arguments: [Argument], span: SourceSpan) throws(Diagnostic) -> Value {
        guard let function = HelpCatalog.function(named: callee.name) else {
            throw Diagnostic(.unknownFunction(callee.name, among: HelpCatalog.functions.map(\.signature.name)), at: callee.span)
        }
        let slots = try function.signature.bind(arguments, at: span)
        var values: [Value?] = []
        var spans: [SourceSpan] = []
        for slot in slots {
            values.append(try slot.map { (expression) throws(Diagnostic) -> Value in try evaluate(expression) })
            spans.append(slot?.span ?? span)
        }
        return try ScalarFunction.apply(callee.name, ScalarFunction.Arguments(values: values, spans: spans, call: span))
    }
}
