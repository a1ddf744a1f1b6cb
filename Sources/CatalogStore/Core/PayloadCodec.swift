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
    public static func encode(_ bytes: [UInt8], method: Method = .zstd) -> (bytes: [UInt8], codec: String?) {
        guard bytes.count >= threshold else { return (bytes, nil) }
        let packed = switch method {
        case .zstd: compress(bytes)
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
    private static let contexts = ContextPool()

    private final class ContextPool: @unchecked Sendable {
        private let lock = NSLock()
        private var free: [OpaquePointer] = []

        func with<T>(_ body: (OpaquePointer) -> T) -> T? {
            lock.lock()
            let context = free.popLast() ?? ZSTD_createCCtx()
            lock.unlock()
            guard let context else { return nil }
            let result = body(context)
            lock.lock()
            free.append(context)
            lock.unlock()
            return result
        }
    }

    static func compress(_ input: [UInt8]) -> [UInt8]? {
        contexts.with { context -> [UInt8]? in
            var failed = false
            let output = [UInt8](unsafeUninitializedCapacity: ZSTD_compressBound(input.count)) { target, count in
                let written = input.withUnsafeBytes { source in
                    ZSTD_compressCCtx(context, target.baseAddress, target.count, source.baseAddress, source.count, 1)
                }
                failed = ZSTD_isError(written) != 0
                count = failed ? 0 : written
            }
            return failed ? nil : output
        } ?? nil
    }

    static func decompress(_ input: [UInt8]) -> [UInt8]? {
        let size = input.withUnsafeBytes { ZSTD_getFrameContentSize($0.baseAddress, $0.count) }
        guard fc_zstd_content_size_is_known(size) != 0, size <= UInt64(largestPayload) else { return nil }
        var output = [UInt8](repeating: 0, count: Int(size))
        let read = input.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { target in
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
