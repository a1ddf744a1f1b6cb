import CZlib

/// How raw payloads are kept: raw DEFLATE (zlib level 1), about a quarter of the JSON or XML they hold, so the
/// copy of every harvested record fedcat keeps costs a quarter of the disk and of the writes. Stored with the
/// codec's name (`payload_codec`); rows without one hold the bytes as fetched.
public enum PayloadCodec {
    public static let name = "deflate"

    /// Payloads smaller than this are kept as they are (compression would save little and cost a call).
    static let threshold = 256

    /// The bytes to store and the codec's name, or the bytes themselves and nil when not worth compressing.
    public static func encode(_ bytes: [UInt8]) -> (bytes: [UInt8], codec: String?) {
        guard bytes.count >= threshold, let packed = deflate(bytes), packed.count < bytes.count else { return (bytes, nil) }
        return (packed, name)
    }

    /// The payload as fetched, from what was stored; nil when the stored bytes cannot be read with `codec`.
    public static func decode(_ bytes: [UInt8], codec: String?) -> [UInt8]? {
        switch codec {
        case nil: bytes
        case name?: inflate(bytes)
        default: nil
        }
    }

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
