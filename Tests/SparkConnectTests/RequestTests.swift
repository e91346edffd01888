import GRPCCore
@testable import SparkConnect
import Testing

/// What the session puts in its requests, without a server.
@Suite struct RequestTests {
    let session: SparkConnectSession

    init() throws {
        session = try SparkConnectSession(
            "sc://localhost:1/;token=s3cret;user_id=ada;user_agent=lab;session_id=0123e567-89ab-cdef-0123-456789abcdef",
            clientVersion: "1.2.3")
    }

    @Test func executeIsReattachableWithTheCallersTagsAndId() {
        let request = session.executeRequest(
            plan: .with { $0.root = .with { $0.range = .with { $0.end = 10; $0.step = 1 } } },
            tags: ["cell-7"], operationID: "op-1")
        let message = request.message
        #expect(message.sessionID == "0123e567-89ab-cdef-0123-456789abcdef")
        #expect(message.operationID == "op-1")
        #expect(message.tags == ["cell-7"])
        #expect(message.requestOptions.map(\.reattachOptions.reattachable) == [true])
        #expect(message.clientType == "lab assay/1.2.3")
        #expect(message.userContext.userID == "ada")
        #expect(message.plan.root.range.end == 10)
        #expect(Array(request.metadata[stringValues: "authorization"]) == ["Bearer s3cret"])
    }

    @Test func reattachResumesAfterTheLastResponse() {
        let request = session.reattachRequest(operationID: "op-1", after: "resp-9").message
        #expect(request.operationID == "op-1")
        #expect(request.lastResponseID == "resp-9")
        #expect(request.clientType == "lab assay/1.2.3")
        #expect(!session.reattachRequest(operationID: "op-1", after: nil).message.hasLastResponseID)
    }

    @Test func aNewSessionHasAFreshUUID() throws {
        let first = try SparkConnectSession("sc://localhost:1")
        let second = try SparkConnectSession("sc://localhost:1")
        #expect(first.sessionID != second.sessionID)
        #expect(first.sessionID.count == 36)
        #expect(first.clientType == "assay/dev")
    }

    @Test func progressCountsTasksOverStages() {
        let progress = SparkProgress(.with {
            $0.stages = [
                .with { $0.stageID = 0; $0.numTasks = 4; $0.numCompletedTasks = 4; $0.done = true },
                .with { $0.stageID = 1; $0.numTasks = 4; $0.numCompletedTasks = 1 },
            ]
            $0.numInflightTasks = 2
        })
        #expect(progress.tasks == 8)
        #expect(progress.completedTasks == 5)
        #expect(progress.fraction == 0.625)
        #expect(progress.inflightTasks == 2)
    }

    @Test func backoffGrowsAndStopsAtFiveSeconds() {
        #expect((1...8).map { ReattachableExecution.backoff($0) } == [
            .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800),
            .milliseconds(1600), .milliseconds(3200), .milliseconds(5000), .milliseconds(5000),
        ])
    }
}
