/// `runs [where EXPR] [order by FIELD [asc|desc]] [limit N]`: a query over tracked runs.
///
/// Fields are written `metrics.NAME`, `params.NAME`, `tags.NAME`, `status`, `start`,
/// `duration`, `model`; the kernel checks them.
public struct RunsQuerySyntax: Sendable {
    public var filter: Expression?
    public var order: Expression?
    public var descending: Bool
    public var limit: Expression?

    public init(filter: Expression? = nil, order: Expression? = nil, descending: Bool = false, limit: Expression? = nil) {
        self.filter = filter
        self.order = order
        self.descending = descending
        self.limit = limit
    }

    /// The clauses after `runs`, in the order they must come.
    public static let clauses = ["where", "order", "limit"]
}
