import CZlib
import CZstd
import Foundation

/// How raw payloads are kept: Zstandard at level 1, about two fifths of the JSON or XML they hold, so the copy of
/// every harvested record fedcat keeps costs less disk and fewer writes. Stored with the codec's name
/// (`payload_codec`); rows without one hold the bytes as fetched. Rows stored before fedcat moved to Zstandard hold
/// raw DEFLATE (`deflate`, zlib level 1) and are still read: Zstandard compresses a CKAN package about three times faster
/// for nearly the same size (`fedcat-bench payload DIR`).
public enum PayloadCodec {
    /// The ways a payload can be compressed, named as `payload_codec` names them.
    public enum Method: String, Sendable, CaseIterable {
        case zstd
        case deflate
    }

    public static let name = Method.zstd.rawValue

    /// Payloads smaller than this are kept as they are (compression would save little and cost a call).
    static let threshold = 256
    /// The largest payload a stored frame may claim to hold; a frame claiming more is damaged.
    static let largestPayload = 1 << 31

    /// The bytes to store and the codec's name, or the bytes themselves and nil when not worth compressing.
    /// `method` is Zstandard but for measuring the older DEFLATE.
    /// `dictionary`, when given, is the source's (`CompressionDictionary`); the frame names it.
    public static func encode(_ bytes: [UInt8], method: Method = .zstd,
                              dictionary: CompressionDictionary? = nil) -> (bytes: [UInt8], codec: String?) {
        guard bytes.count >= threshold else { return (bytes, nil) }
        let packed = switch method {
        case .zstd: compress(bytes, dictionary: dictionary)
        case .deflate: deflate(bytes)
        }
        guard let packed, packed.count < bytes.count else { return (bytes, nil) }
        return (packed, method.rawValue)
    }

    /// The payload as fetched, from what was stored; nil when the stored bytes cannot be read with `codec`.
    public static func decode(_ bytes: [UInt8], codec: String?) -> [UInt8]? {
        guard let codec else { return bytes }
        switch Method(rawValue: codec) {
        case .zstd?: return decompress(bytes)
        case .deflate?: return inflate(bytes)
        case nil: return nil
        }
    }

    // MARK: Zstandard

    /// Compression contexts kept for reuse: making one per payload costs as much as compressing it.
    private static let contexts = ContextPool(make: { ZSTD_createCCtx() })
    /// Decompression contexts for frames compressed with a dictionary (`ZSTD_decompress` makes its own for others).
    private static let decompressionContexts = ContextPool(make: { ZSTD_createDCtx() })

    private final class ContextPool: @unchecked Sendable {
        private let lock = NSLock()
        private var free: [OpaquePointer] = []
        private let make: () -> OpaquePointer?

        init(make: @escaping () -> OpaquePointer?) {
            self.make = make
        }

        func with<T>(_ body: (OpaquePointer) -> T) -> T? {
            lock.lock()
            let context = free.popLast() ?? make()
            lock.unlock()
            guard let context else { return nil }
            let result = body(context)
            lock.lock()
            free.append(context)
            lock.unlock()
            return result
        }
    }

    static func compress(_ input: [UInt8], dictionary: CompressionDictionary? = nil) -> [UInt8]? {
        contexts.with { context -> [UInt8]? in
            var failed = false
            let output = [UInt8](unsafeUninitializedCapacity: ZSTD_compressBound(input.count)) { target, count in
                let written = input.withUnsafeBytes { source in
                    if let dictionary {
                        ZSTD_compress_usingCDict(context, target.baseAddress, target.count, source.baseAddress, source.count,
                                                 dictionary.compression)
                    } else {
                        ZSTD_compressCCtx(context, target.baseAddress, target.count, source.baseAddress, source.count, 1)
                    }
                }
                failed = ZSTD_isError(written) != 0
                count = failed ? 0 : written
            }
            return failed ? nil : output
        } ?? nil
    }

    /// The id of the dictionary a Zstandard frame was compressed with (`CompressionDictionary.id`); 0 for none.
    public static func dictionaryID(ofFrame bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { ZSTD_getDictID_fromFrame($0.baseAddress, $0.count) }
    }

    /// The bytes of a frame, with the dictionary it names (`CompressionDictionaries`); nil when the frame is damaged
    /// or names a dictionary no catalogue opened has.
    static func decompress(_ input: [UInt8]) -> [UInt8]? {
        input.withUnsafeBytes { decompress($0) }
    }

    static func decompress(_ source: UnsafeRawBufferPointer) -> [UInt8]? {
        let size = ZSTD_getFrameContentSize(source.baseAddress, source.count)
        guard fc_zstd_content_size_is_known(size) != 0, size <= UInt64(largestPayload) else { return nil }
        let dictionaryID = ZSTD_getDictID_fromFrame(source.baseAddress, source.count)
        var dictionary: CompressionDictionary?
        if dictionaryID != 0 {
            guard let known = CompressionDictionaries.dictionary(id: dictionaryID) else { return nil }
            dictionary = known
        }
        var output = [UInt8](repeating: 0, count: Int(size))
        let read = output.withUnsafeMutableBytes { target in
            if let dictionary {
                decompressionContexts.with { context in
                    ZSTD_decompress_usingDDict(context, target.baseAddress, target.count, source.baseAddress, source.count,
                                               dictionary.decompression)
                } ?? -1 // an error code: no context
            } else {
                ZSTD_decompress(target.baseAddress, target.count, source.baseAddress, source.count)
            }
        }
        guard ZSTD_isError(read) == 0, read == Int(size) else { return nil }
        return output
    }

    // MARK: DEFLATE (rows stored before Zstandard)

    static func deflate(_ input: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard fc_deflate_init(&stream, 1) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))))
        let status = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target -> Int32 in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                return CZlib.deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return nil }
        output.removeLast(output.count - Int(stream.total_out))
        return output
    }

    static func inflate(_ input: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard fc_inflate_init(&stream) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: max(4096, input.count * 4))
        return input.withUnsafeBufferPointer { source -> [UInt8]? in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = uInt(source.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { target -> Int32 in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                output.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
                if status == Z_STREAM_END { return output }
                guard status == Z_OK else { return nil }
                if stream.avail_in == 0 && stream.avail_out != 0 { return nil }
            }
        }
    }
}
