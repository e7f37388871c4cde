import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A document parsed with Foundation's `XMLParser` (proof of well-formedness), reduced to its
/// elements in document order with their attributes and direct text.
final class XMLStructure: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""
        /// Index past the element's last descendant.
        var end = 0
        var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }
    }

    private(set) var elements: [Element] = []
    private var open: [Int] = []
    private(set) var error: String?

    /// Nil when the text is not well-formed XML (then `error` says why).
    static func parse(_ text: String) -> XMLStructure {
        let structure = XMLStructure()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = structure
        if !parser.parse() {
            structure.error = parser.parserError.map { "\($0) at line \(parser.lineNumber), column \(parser.columnNumber)" }
                ?? "unknown error"
        }
        return structure
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        open.append(elements.count)
        elements.append(Element(name: elementName, attributes: attributeDict))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        if let current = open.popLast() { elements[current].end = elements.count }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let current = open.last { elements[current].text += string }
    }

    func named(_ name: String) -> [Element] { elements.filter { $0.name == name } }

    /// The element with this `id` attribute and everything inside it.
    func subtree(id: String) -> XMLStructure {
        let sub = XMLStructure()
        if let i = elements.firstIndex(where: { $0.attributes["id"] == id }) { sub.elements = Array(elements[i..<elements[i].end]) }
        return sub
    }

    /// All text inside the elements, in document order.
    var allText: String { elements.map(\.text).joined(separator: " ") }

    func withClass(_ cls: String, _ name: String? = nil) -> [Element] {
        elements.filter { $0.classes.contains(cls) && (name == nil || $0.name == name) }
    }
}
