/// The names RDF/XML gives meaning to (W3C RDF 1.1 XML Syntax, section 5.1).
enum RDFXMLVocabulary {
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let xml = "http://www.w3.org/XML/1998/namespace"

    static let type = rdf + "type"
    static let first = rdf + "first"
    static let rest = rdf + "rest"
    static let nil_ = rdf + "nil"
    static let statement = rdf + "Statement"
    static let subject = rdf + "subject"
    static let predicate = rdf + "predicate"
    static let object = rdf + "object"
    static let xmlLiteral = rdf + "XMLLiteral"

    /// An `rdf:` name as RDF/XML reads it.
    enum Term: Equatable {
        /// `rdf:RDF`
        case RDF
        /// `rdf:ID`
        case ID
        /// `rdf:about`
        case about
        /// `rdf:parseType`
        case parseType
        /// `rdf:resource`
        case resource
        /// `rdf:nodeID`
        case nodeID
        /// `rdf:datatype`
        case datatype
        /// `rdf:Description`
        case description
        /// `rdf:li`
        case li
        /// `rdf:aboutEach`, `rdf:aboutEachPrefix`, `rdf:bagID`: removed from RDF in 2004.
        case old
        /// Any other name in the namespace (`rdf:type`, `rdf:_1`, `rdf:value`, `rdf:Bag` ...): an
        /// ordinary property or class name (`isKnownProperty` and `classes` say whether RDF defines it).
        case other

        init(local: String) {
            switch local {
            case "RDF": self = .RDF
            case "ID": self = .ID
            case "about": self = .about
            case "parseType": self = .parseType
            case "resource": self = .resource
            case "nodeID": self = .nodeID
            case "datatype": self = .datatype
            case "Description": self = .description
            case "li": self = .li
            case "aboutEach", "aboutEachPrefix", "bagID": self = .old
            default: self = .other
            }
        }

        /// The syntax names that can never name a node or a property (`coreSyntaxTerms` and the old terms).
        var isSyntaxOnly: Bool {
            switch self {
            case .RDF, .ID, .about, .parseType, .resource, .nodeID, .datatype, .old: return true
            case .description, .li, .other: return false
            }
        }
    }

    /// The properties of the RDF vocabulary (RDF 1.1 Schema, and RDF 1.2's additions), besides the
    /// container membership properties `rdf:_1`, `rdf:_2` … (see `isKnownProperty`).
    static let properties: Set<String> = ["type", "subject", "predicate", "object", "value", "first", "rest",
                                          "reifies", "language", "direction"]
    /// The classes and datatypes of the RDF vocabulary, the names a typed node element may have.
    static let classes: Set<String> = ["Statement", "Bag", "Seq", "Alt", "List", "Property", "XMLLiteral", "HTML",
                                       "langString", "PlainLiteral", "JSON", "CompoundLiteral", "dirLangString"]

    /// Whether `rdf:<local>` is a property of the RDF vocabulary, `rdf:_<n>` included.
    static func isKnownProperty(_ local: String) -> Bool {
        if properties.contains(local) { return true }
        let digits = local.utf8.dropFirst()
        return local.utf8.first == UInt8(ascii: "_") && !digits.isEmpty && digits.first != UInt8(ascii: "0")
            && digits.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// The rdf: term an attribute names: `rdf:`-qualified names, and the five unqualified names
    /// the specification still accepts for old documents (`ID`, `about`, `resource`, `parseType`,
    /// `type`). Nil for other names.
    static func term(of name: XMLName) -> Term? {
        if let namespace = name.namespace {
            return namespace == rdf ? Term(local: name.local) : nil
        }
        switch name.local {
        case "ID": return .ID
        case "about": return .about
        case "resource": return .resource
        case "parseType": return .parseType
        case "type": return .other
        default: return nil
        }
    }

    /// Whether `value` is an XML NCName (the form rdf:ID and rdf:nodeID values must take). Characters
    /// beyond ASCII are accepted as name characters.
    static func isNCName(_ value: String) -> Bool {
        var first = true
        for byte in value.utf8 {
            let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            let ok: Bool
            if byte >= 0x80 || isLetter || byte == UInt8(ascii: "_") {
                ok = true
            } else if !first && ((byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")) {
                ok = true
            } else {
                ok = false
            }
            if !ok { return false }
            first = false
        }
        return !first
    }

    /// Whether `text` holds only XML whitespace (space, tab, CR, LF); true for "".
    @inline(__always)
    static func isWhitespace(_ text: String) -> Bool {
        for byte in text.utf8 where !(byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D) { return false }
        return true
    }
}
