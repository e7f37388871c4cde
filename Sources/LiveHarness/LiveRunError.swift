import Foundation
import Scenario

/// Why a live run could not be made (an unreadable input, a target that could not be started or
/// reached): a harness error, exit code 2 in the CLI, never a verdict.
public struct LiveRunError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Standard error: progress and warnings of a live run, unless the caller gives its own log.
public enum LiveLog {
    public static let standardError: @Sendable (String) -> Void = { text in
        // Never traps: a closed pipe (EPIPE) or a full disk loses the line, not the run.
        try? FileHandle.standardError.write(contentsOf: Data((text + "\n").utf8))
    }
}
