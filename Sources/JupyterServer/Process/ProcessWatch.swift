import Glibc
import JupyterKernel

/// Signals and parent liveness: what the kernel process watches besides its sockets.
public enum ProcessWatch {
    /// Blocks SIGINT in the calling thread and every thread it starts later; call first thing
    /// in `main`, so an interrupt never lands in a thread blocked in libzmq.
    public static func blockInterrupts() {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Waits for SIGINT on its own thread and cancels the running work each time it arrives.
    public static func forwardInterrupts(to token: CancellationToken) {
        startThread(named: "assay-signals") {
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, SIGINT)
            while true {
                var received: Int32 = 0
                guard sigwait(&set, &received) == 0 else { continue }
                KernelLog.info("interrupt (SIGINT): cancelling the running cell")
                token.cancel()
            }
        }
    }

    /// Exits the process when the parent given by JPY_PARENT_PID goes away.
    public static func exitWhenParentDies(_ parent: pid_t) {
        guard parent > 1 else { return }
        // A direct child notices reparenting at once; otherwise ask whether the pid still exists.
        let direct = getppid() == parent
        startThread(named: "assay-parent") {
            while true {
                usleep(500_000)
                let gone = direct ? getppid() != parent : (kill(parent, 0) != 0 && errno == ESRCH)
                if gone {
                    KernelLog.info("parent process \(parent) is gone: exiting")
                    exit(0)
                }
            }
        }
    }
}
