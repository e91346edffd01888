/// How far a running operation has come: its Spark stages and tasks, as the server reports
/// them while the operation runs.
public struct SparkProgress: Sendable, Equatable {
    /// One Spark stage of the operation.
    public struct Stage: Sendable, Equatable {
        public var id: Int64
        public var tasks: Int64
        public var completedTasks: Int64
        public var inputBytesRead: Int64
        public var done: Bool

        public init(id: Int64, tasks: Int64, completedTasks: Int64, inputBytesRead: Int64, done: Bool) {
            self.id = id
            self.tasks = tasks
            self.completedTasks = completedTasks
            self.inputBytesRead = inputBytesRead
            self.done = done
        }
    }

    public var stages: [Stage]
    public var inflightTasks: Int64

    public init(stages: [Stage], inflightTasks: Int64) {
        self.stages = stages
        self.inflightTasks = inflightTasks
    }

    init(_ progress: Spark_Connect_ExecutePlanResponse.ExecutionProgress) {
        self.init(
            stages: progress.stages.map {
                Stage(
                    id: $0.stageID, tasks: $0.numTasks, completedTasks: $0.numCompletedTasks,
                    inputBytesRead: $0.inputBytesRead, done: $0.done)
            },
            inflightTasks: progress.numInflightTasks)
    }

    public var tasks: Int64 { stages.reduce(0) { $0 + $1.tasks } }
    public var completedTasks: Int64 { stages.reduce(0) { $0 + $1.completedTasks } }

    /// Completed tasks over known tasks, from 0 to 1; 0 before any stage is known.
    public var fraction: Double {
        tasks == 0 ? 0 : Double(completedTasks) / Double(tasks)
    }
}
