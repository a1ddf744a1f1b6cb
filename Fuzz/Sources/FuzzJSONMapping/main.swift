// JSON reading and every JSON kind's page parser and record mapper on the same bytes.
import FeedParsing
import FuzzSupport
import Harvesters

enum Target {
    static let mappers: [(kind: String, mapper: any RecordMapper)] = [
        ("ckan", CKANMapper()), ("datajson", DataJSONMapper()), ("schemaorg", SchemaOrgMapper()),
        ("udata", UdataMapper()), ("socrata", SocrataMapper()), ("opendatasoft", ODSMapper()),
    ]

    static func test(_ bytes: [UInt8]) {
        _ = try? JSONParser.parse(bytes)
        _ = try? CKANEnvelope.parse(bytes)
        _ = try? DataJSONCatalog.parse(bytes)
        _ = try? UdataPage.parse(bytes)
        _ = try? SocrataPage.parse(bytes)
        _ = try? SchemaOrgDocument.parse(bytes)
        for (kind, mapper) in mappers {
            _ = mapper.map(raw(bytes, mediaType: "application/json"), context: context(kind: kind))
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Target.test(bytes(data, size))
    return 0
}

runFuzzer(fuzzOne)
