import Foundation
import SparkConnect
import Testing

/// The generated messages put fields at Spark's numbers: bytes a Spark server reads.
@Suite struct WireFormatTests {
    @Test func rangeRelationEncodesAtSparksFieldNumbers() throws {
        let relation = Spark_Connect_Relation.with {
            $0.common.planID = 1
            $0.range = .with { $0.start = 0; $0.end = 3; $0.step = 1 }
        }
        let bytes = try [UInt8](relation.serializedBytes() as Data)
        // common (1) { plan_id (2) = 1 }, range (15) { start (1) = 0, end (2) = 3, step (3) = 1 }
        #expect(bytes == [0x0A, 0x02, 0x10, 0x01, 0x7A, 0x06, 0x08, 0x00, 0x10, 0x03, 0x18, 0x01])
    }

    @Test func reattachableRequestOptionIsFieldFiveOfTheRequest() throws {
        let request = Spark_Connect_ExecutePlanRequest.with {
            $0.requestOptions = [.with { $0.reattachOptions = .with { $0.reattachable = true } }]
        }
        let bytes = try [UInt8](request.serializedBytes() as Data)
        // request_options (5) { reattach_options (1) { reattachable (1) = true } }
        #expect(bytes == [0x2A, 0x04, 0x0A, 0x02, 0x08, 0x01])
    }

    @Test func mlFitCommandIsCommandField17() throws {
        let command = Spark_Connect_Command.with {
            $0.mlCommand.fit.estimator = .with { $0.name = "x"; $0.type = .estimator }
        }
        let bytes = try [UInt8](command.serializedBytes() as Data)
        // ml_command (17) { fit (1) { estimator (1) { name (1) = "x", type (3) = 1 } } }
        #expect(bytes == [0x8A, 0x01, 0x09, 0x0A, 0x07, 0x0A, 0x05, 0x0A, 0x01, 0x78, 0x18, 0x01])
    }
}
