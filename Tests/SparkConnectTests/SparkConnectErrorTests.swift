import GRPCCore
import GRPCProtobuf
@testable import SparkConnect
import Testing

/// Spark's errors as a server sends them: a gRPC status whose `grpc-status-details-bin`
/// holds a google.rpc.Status with an ErrorInfo.
@Suite struct SparkConnectErrorTests {
    static func rpcError(code: RPCError.Code, message: String, metadata: [String: String], retry: Bool = false) -> RPCError {
        var details: [ErrorDetails] = [
            .errorInfo(reason: "org.apache.spark.sql.AnalysisException", domain: "org.apache.spark", metadata: metadata),
        ]
        if retry { details.append(.retryInfo(delay: .zero)) }
        return RPCError(GoogleRPCStatus(code: code, message: message, details: details))
    }

    static let unresolvedColumn = rpcError(
        code: .internalError,
        message: "[UNRESOLVED_COLUMN.WITHOUT_SUGGESTION] A column, variable, or function parameter with name `nope` cannot be resolved.  SQLSTATE: 42703; line 1 pos 7;\n'Project ['nope]\n+- OneRowRelation\n",
        metadata: [
            "classes": #"["org.apache.spark.sql.catalyst.ExtendedAnalysisException","org.apache.spark.sql.AnalysisException","java.lang.Exception","java.lang.Throwable"]"#,
            "errorClass": "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION",
            "messageParameters": #"{"objectName":"`nope`"}"#,
            "sqlState": "42703",
            "errorId": "5f0c6c39-2e0a-4b54-9f2e-1f5e29a7f7d1",
        ])

    @Test func analysisErrorFromErrorInfo() {
        let status = SparkStatus(Self.unresolvedColumn)
        #expect(status.errorID == "5f0c6c39-2e0a-4b54-9f2e-1f5e29a7f7d1")
        #expect(!status.isTransient)
        let error = SparkConnectError(status, server: "h:1")
        #expect(error.kind == .analysis)
        #expect(error.errorClass == "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION")
        #expect(error.messageParameters == ["objectName": "`nope`"])
        #expect(error.sqlState == "42703")
        #expect(error.exceptionClasses.first == "org.apache.spark.sql.catalyst.ExtendedAnalysisException")
        #expect(error.grpcCode == "internalError")
        #expect(error.description == "[UNRESOLVED_COLUMN.WITHOUT_SUGGESTION] A column, variable, or function parameter with name `nope` cannot be resolved.  SQLSTATE: 42703; line 1 pos 7;")
    }

    @Test func fetchedDetailsReplaceTheAbbreviatedStatus() {
        var error = SparkConnectError(SparkStatus(Self.unresolvedColumn), server: "h:1")
        error.enrich(with: .with {
            $0.rootErrorIdx = 0
            $0.errors = [.with {
                $0.errorTypeHierarchy = ["org.apache.spark.sql.AnalysisException", "java.lang.Throwable"]
                $0.message = "[UNRESOLVED_COLUMN.WITH_SUGGESTION] full text"
                $0.sparkThrowable = .with {
                    $0.errorClass = "UNRESOLVED_COLUMN.WITH_SUGGESTION"
                    $0.messageParameters = ["objectName": "`nope`", "proposal": "`a`"]
                    $0.sqlState = "42703"
                }
            }]
        })
        #expect(error.message == "[UNRESOLVED_COLUMN.WITH_SUGGESTION] full text")
        #expect(error.errorClass == "UNRESOLVED_COLUMN.WITH_SUGGESTION")
        #expect(error.messageParameters["proposal"] == "`a`")
        #expect(error.kind == .analysis)
    }

    @Test func executionErrorKeepsItsClass() {
        let rpc = Self.rpcError(
            code: .internalError, message: "[DIVIDE_BY_ZERO] Division by zero.",
            metadata: [
                "classes": #"["org.apache.spark.SparkArithmeticException","java.lang.ArithmeticException"]"#,
                "errorClass": "DIVIDE_BY_ZERO",
            ])
        let error = SparkConnectError(SparkStatus(rpc), server: "h:1")
        #expect(error.kind == .execution)
        #expect(error.description == "[DIVIDE_BY_ZERO] Division by zero.")
    }

    @Test func anInterruptedOperationIsCancelled() {
        let rpc = Self.rpcError(
            code: .internalError, message: "[OPERATION_CANCELED] Operation has been canceled.",
            metadata: ["classes": #"["org.apache.spark.SparkException"]"#, "errorClass": "OPERATION_CANCELED"])
        #expect(SparkConnectError(SparkStatus(rpc), server: "h:1").kind == .cancelled)
    }

    @Test func unreachableServer() {
        let error = SparkConnectError(SparkStatus(RPCError(code: .unavailable, message: "connection refused")), server: "h:1")
        #expect(error.kind == .unavailable)
        #expect(error.description == "cannot reach the Spark Connect server at h:1: connection refused")
        #expect(error.errorClass == nil)
    }

    @Test func refusedCredentials() {
        let error = SparkConnectError(SparkStatus(RPCError(code: .unauthenticated, message: "bad token")), server: "h:1")
        #expect(error.kind == .unauthenticated)
        #expect(error.description == "the Spark Connect server at h:1 refused the credentials: bad token")
    }

    @Test func aPlainStatusWithoutDetails() {
        let status = SparkStatus(RPCError(code: .unimplemented, message: "Method not found: spark.connect.SparkConnectService/Nope"))
        #expect(status.classes.isEmpty)
        #expect(SparkConnectError(status, server: "h:1").kind == .protocol)
    }

    @Test(arguments: [
        (RPCError(code: .unavailable, message: "connection reset"), true),
        (RPCError(code: .internalError, message: "[INVALID_CURSOR.DISCONNECTED] The cursor is disconnected."), true),
        (RPCError(code: .internalError, message: "[DIVIDE_BY_ZERO] Division by zero."), false),
        (RPCError(code: .cancelled, message: "cancelled"), false),
    ])
    func whatIsWorthReattaching(error: RPCError, transient: Bool) {
        #expect(SparkStatus(error).isTransient == transient)
    }

    @Test func aRetryInfoDetailMakesAnErrorTransient() {
        let rpc = Self.rpcError(code: .internalError, message: "retry me", metadata: ["classes": "[]"], retry: true)
        #expect(SparkStatus(rpc).isTransient)
    }
}
