#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Start and end tags: names, attributes, namespace declarations and their scope.
extension XMLByteReaderCore {
    /// Reads the start tag at `position` (a `<`): pushes the element's frame and namespace declarations and leaves
    /// its other attributes, names resolved, in `attributes`. Returns whether it was written `<a/>`.
    mutating func startTag() throws(Fallback) -> Bool {
        var at = position + 1
        let element = try qualifiedName(&at)
        if !attributes.isEmpty { attributes.removeAll(keepingCapacity: true) }
        if !written.isEmpty { written.removeAll(keepingCapacity: true) }
        values.reset()
        let bindingStart = bindings.count
        var isEmpty = false
        // Whether the tag is written as the stored XML writes it: each attribute after one space, `="` right after
        // its name, its value unchanged by decoding and escaping; no declaration; nothing before `>` or `/>`.
        var asWritten = true
        while true {
            let spaceStart = at
            let spaced = skipSpaces(&at)
            guard at < count else { throw Fallback() }
            let value = base[at]
            if value == UInt8(ascii: ">") {
                if spaced { asWritten = false }
                at += 1
                break
            }
            if value == UInt8(ascii: "/") {
                guard byte(at + 1) == UInt8(ascii: ">") else { throw Fallback() }
                if spaced { asWritten = false }
                at += 2
                isEmpty = true
                break
            }
            guard spaced else { throw Fallback() }
            if at - spaceStart != 1 || base[spaceStart] != 0x20 { asWritten = false }
            let name = try qualifiedName(&at)
            if byte(at) != UInt8(ascii: "=") || byte(at + 1) != UInt8(ascii: "\"") { asWritten = false }
            let quote = try openingQuote(&at)
            let valueStart = values.count
            let unchanged = try attributeValue(&at, quote: quote)
            // Decoding left the value as it is, and it holds no `>` (the only other byte escaping changes).
            if asWritten && (!unchanged || memchr(values.start + valueStart, Int32(UInt8(ascii: ">")), values.count - valueStart) != nil) {
                asWritten = false
            }
            for other in written where other == name { throw Fallback() }   // a repeated attribute
            written.append(name)
            if written.count > options.maxAttributes { throw Fallback() }
            let declares = names.info[Int(name)].declares
            if declares == -2 {
                attributes.append(Attribute(qualified: name, valueStart: Int32(valueStart), valueEnd: Int32(values.count)))
            } else {
                asWritten = false
                try declare(prefix: declares, valueStart: valueStart)
            }
        }
        lastTagAsWritten = asWritten
        let declared = bindings.count - bindingStart
        let inScope = Int(frames.last?.inScope ?? 0) + declared
        if inScope > options.maxNamespaces || frames.count >= Self.maxDepth { throw Fallback() }
        // An element's namespace: its prefix's, or the default one; `xml` and `xmlns` are not element prefixes.
        let prefix = names.info[Int(element)].prefix
        guard prefix != names.xmlPrefix && prefix != names.xmlnsPrefix && names.info[Int(element)].declares == -2 else {
            throw Fallback()
        }
        let namespace = try lookUp(prefix, bindingStart: bindingStart, element: true)
        let id = names.resolve(Int(element), namespace: namespace)
        for index in attributes.indices {
            let attributePrefix = names.info[Int(attributes[index].qualified)].prefix
            // An unprefixed attribute is in no namespace.
            let attributeNamespace = attributePrefix < 0 ? -1 : try lookUp(attributePrefix, bindingStart: bindingStart, element: false)
            attributes[index].name = Int32(names.resolve(Int(attributes[index].qualified), namespace: attributeNamespace))
            // Two prefixed attributes with the same namespace and local name are a (namespace) error.
            if attributePrefix >= 0 {
                for other in attributes[..<index] where names.info[Int(other.qualified)].prefix >= 0
                    && names.resolved[Int(other.name)].name == names.resolved[Int(attributes[index].name)].name {
                    throw Fallback()
                }
            }
        }
        if names.distinctCount > options.maxNames { throw Fallback() }
        frames.append(Frame(qualified: element, name: Int32(id), bindingStart: Int32(bindingStart), inScope: Int32(inScope),
                            index: 0))
        position = at
        return isEmpty
    }

    /// A namespace declaration whose decoded value is in `values` from `valueStart` (and is dropped from there).
    private mutating func declare(prefix: Int32, valueStart: Int) throws(Fallback) {
        let length = values.count - valueStart
        let start = values.start + valueStart
        // Undeclaring (`xmlns=""`), binding `xml` or `xmlns`, and URIs holding whitespace are left to libxml2.
        guard length > 0, prefix != names.xmlPrefix, prefix != names.xmlnsPrefix else { throw Fallback() }
        for index in 0..<length where start[index] <= 0x20 { throw Fallback() }
        let namespace = Int32(names.namespaces.id(start, length))
        guard namespace != names.xmlNamespace, namespace != names.xmlnsNamespace else { throw Fallback() }
        bindings.append((prefix, namespace))
        values.truncate(to: valueStart)
    }

    /// `S? = S?` and the opening quote of an attribute value at `at`; returns the quote, `at` moved past it.
    func openingQuote(_ at: inout Int) throws(Fallback) -> UInt8 {
        skipSpaces(&at)
        guard byte(at) == UInt8(ascii: "=") else { throw Fallback() }
        at += 1
        skipSpaces(&at)
        let quote = byte(at)
        guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { throw Fallback() }
        at += 1
        return quote
    }

    /// The namespace id bound to `prefix` (-1 for the default namespace), nearest declaration first; -1 for no
    /// namespace. An undeclared prefix is left to libxml2.
    @inline(__always)
    private func lookUp(_ prefix: Int32, bindingStart: Int, element: Bool) throws(Fallback) -> Int32 {
        if prefix == names.xmlPrefix && !element { return names.xmlNamespace }
        var index = bindings.count - 1
        while index >= 0 {
            if bindings[index].prefix == prefix { return bindings[index].namespace }
            index -= 1
        }
        if prefix < 0 { return -1 }
        throw Fallback()
    }

    /// A qualified name at `at` (ASCII name characters only), interned; `at` moves past it. The name that came after
    /// the last two names read the last time they came is tried first: the page's bytes equal to it and followed by
    /// a byte that ends a name are exactly what the scan would find.
    @inline(__always)
    private mutating func qualifiedName(_ at: inout Int) throws(Fallback) -> Int32 {
        let guess = names.guess(after: earlierName, lastName)
        if guess >= 0, let length = names.qualified.length(of: Int(guess), matching: base + at, available: count - at),
           base[at + length] < 0x80, !XMLByteClass.isNameByte(base[at + length]) {
            at += length
            earlierName = lastName
            lastName = guess
            return guess
        }
        let start = at
        guard at < count, XMLByteClass.isNameStart(base[at]) else { throw Fallback() }
        at += 1
        while at < count && XMLByteClass.isNameByte(base[at]) { at += 1 }
        guard at < count, base[at] < 0x80, at - start <= Self.maxNameBytes,
              let id = names.qualifiedID(base + start, at - start) else { throw Fallback() }
        names.remember(Int32(id), after: earlierName, lastName)
        earlierName = lastName
        lastName = Int32(id)
        return Int32(id)
    }

    /// Reads the end tag at `position` (`</`), which must close the innermost open element; true when it is written
    /// `</name>`, as the stored XML writes it.
    @discardableResult
    mutating func endTag() throws(Fallback) -> Bool {
        guard let open = frames.last else { throw Fallback() }
        let name = names.qualified.bytes(Int(open.qualified))
        var at = position + 2
        guard at + name.count < count else { throw Fallback() }
        let same = name.withUnsafeBufferPointer { memcmp(base + at, $0.baseAddress!, $0.count) == 0 }
        at += name.count
        guard same, !XMLByteClass.isNameByte(base[at]), base[at] < 0x80 else { throw Fallback() }
        let spaced = skipSpaces(&at)
        guard byte(at) == UInt8(ascii: ">") else { throw Fallback() }
        position = at + 1
        return !spaced
    }
}

/// Byte classes for names (ASCII only: a name with any other character is left to libxml2).
enum XMLByteClass {
    @inline(__always)
    static func isNameStart(_ value: UInt8) -> Bool {
        let lower = value | 0x20
        return (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || value == UInt8(ascii: "_")
    }

    @inline(__always)
    static func isNameByte(_ value: UInt8) -> Bool {
        isNameStart(value) || (value >= UInt8(ascii: "0") && value <= UInt8(ascii: "9")) || value == UInt8(ascii: "-")
            || value == UInt8(ascii: ".") || value == UInt8(ascii: ":")
    }
}

