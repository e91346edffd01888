import Foundation

/// What an executed plan gave besides its Arrow batches, which went to the caller as they came.
public struct SparkExecutionResult: Sendable {
    public var operationID: String
    /// Rows over all Arrow batches, as the server counted them.
    public var rowCount: Int64
    public var batchCount: Int
    /// The result's schema, when the server sent it.
    public var schema: Spark_Connect_DataType?
    /// A SQL command's result as a relation to query, when the plan was a SQL command.
    public var sqlCommandResult: Spark_Connect_Relation?
    /// An MLlib command's result (a fitted model's reference, a parameter, a summary).
    public var mlCommandResult: Spark_Connect_MlCommandResult?
    /// How many times the response stream broke off and was resumed with ReattachExecute.
    public var reattachCount: Int

    init(operationID: String) {
        self.operationID = operationID
        rowCount = 0
        batchCount = 0
        reattachCount = 0
    }
}
