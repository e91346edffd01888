import AssayFrame
import AssayLanguage

// Moving datasets between engines: `collect` and `upload`.

extension Evaluator {
    /// `collect DATA [limit N]`: the rows in the kernel, as a local dataset.
    func collect(_ dataExpression: Expression, limit limitExpression: Expression?, span: SourceSpan) throws(Diagnostic) -> Value {
        let value = try evaluate(dataExpression)
        guard let table = value.asTable else {
            throw Diagnostic(.needsDataset("collect", found: value.typeName), at: dataExpression.span)
        }
        let limit = try limitExpression.map { (e) throws(Diagnostic) in try wholeNumber(e, what: "`limit`", minimum: 0) }
        return .dataset(try collect(table, limit: limit, at: span))
    }

    /// `upload DATA`: a local dataset sent to the session's engine (a remote one stays where it is).
    func upload(_ dataExpression: Expression, span: SourceSpan) throws(Diagnostic) -> Value {
        let value = try evaluate(dataExpression)
        guard let table = value.asTable else {
            throw Diagnostic(.needsDataset("upload", found: value.typeName), at: dataExpression.span)
        }
        guard case .local(let data) = table else { return value }
        let engine = engines.current
        return .dataset(try engineWork(at: span) { () throws(EngineError) in try engine.upload(data) })
    }
}
