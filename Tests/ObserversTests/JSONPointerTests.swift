import Testing

@testable import Observers

@Suite struct JSONPointerTests {
    /// The example document of RFC 6901 §5.
    static let rfc = try! JSONValue.parse(#"""
        {"foo": ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3, "g|h": 4, "i\\j": 5, "k\"l": 6, " ": 7, "m~n": 8}
        """#)

    @Test(arguments: [
        ("/foo", #"["bar","baz"]"#), ("/foo/0", #""bar""#), ("/", "0"), ("/a~1b", "1"), ("/c%d", "2"), ("/e^f", "3"),
        ("/g|h", "4"), (#"/i\j"#, "5"), (#"/k"l"#, "6"), ("/ ", "7"), ("/m~0n", "8"),
    ])
    func rfcExamples(pointer: String, expected: String) throws {
        #expect(try JSONPointer(pointer).resolve(in: Self.rfc)?.canonicalText == expected)
    }

    @Test func wholeDocument() throws {
        #expect(try JSONPointer("").resolve(in: Self.rfc) == Self.rfc)
    }

    @Test func tildeOrderMatters() throws {
        // `~01` is `~1` literally (not `/`): decode ~0 first, never re-decode.
        let doc = try JSONValue.parse(#"{"~1": "tilde-one", "/": "slash"}"#)
        #expect(try JSONPointer("/~01").resolve(in: doc) == .string("tilde-one"))
        #expect(try JSONPointer("/~1").resolve(in: doc) == .string("slash"))
    }

    @Test func arrayIndices() throws {
        let doc = try JSONValue.parse(#"{"a": [10, 11, [20, 21]]}"#)
        #expect(try JSONPointer("/a/2/1").resolve(in: doc) == .number("21"))
        #expect(try JSONPointer("/a/3").resolve(in: doc) == nil, "past the end")
        #expect(try JSONPointer("/a/-").resolve(in: doc) == nil, "'-' is the element after the last")
        #expect(try JSONPointer("/a/01").resolve(in: doc) == nil, "leading zeros are not indices")
        #expect(try JSONPointer("/a/x").resolve(in: doc) == nil)
        #expect(try JSONPointer("/a/0/b").resolve(in: doc) == nil, "into a number")
    }

    @Test func malformedPointers() {
        #expect(throws: JSONPointer.SyntaxError.self) { try JSONPointer("foo") }
        #expect(throws: JSONPointer.SyntaxError.self) { try JSONPointer("/a~") }
        #expect(throws: JSONPointer.SyntaxError.self) { try JSONPointer("/a~2") }
    }

    @Test func jsonReaderKeepsNumbersAndRejectsJunk() throws {
        let doc = try JSONValue.parse(#"{"seq": 9007199254740993, "b": true, "n": null, "s": "\u4f4e\ud83d\ude00\n"}"#)
        #expect(try JSONPointer("/seq").resolve(in: doc)?.int64Value == 9_007_199_254_740_993)
        #expect(try JSONPointer("/b").resolve(in: doc) == .bool(true))
        #expect(try JSONPointer("/n").resolve(in: doc) == .null)
        #expect(try JSONPointer("/s").resolve(in: doc) == .string("低😀\n"))
        for junk in ["", "{", "{\"a\":}", "[1,]", "01", "{\"a\":1} x", "\"\\x\"", "tru"] {
            #expect(throws: JSONParseError.self, "\(junk)") { try JSONValue.parse(junk) }
        }
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(deep) }
    }

    @Test func canonicalTextRoundTrips() throws {
        let doc = try JSONValue.parse(#"{"b": [1, 2.5e3, "x\"y"], "a": {"z": false}}"#)
        #expect(doc.canonicalText == #"{"a":{"z":false},"b":[1,2.5e3,"x\"y"]}"#)
        #expect(try JSONValue.parse(doc.canonicalText) == doc)
    }
}
