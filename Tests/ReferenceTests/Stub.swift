import Testing
@testable import Reference
