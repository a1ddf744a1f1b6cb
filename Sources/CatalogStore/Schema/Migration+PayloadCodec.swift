extension Migrations {
    /// v10: raw payloads are kept compressed (`PayloadCodec`), with the codec's name beside them; older rows,
    /// without one, hold the bytes as fetched.
    static let v10PayloadCodec = """
    ALTER TABLE raw_records ADD COLUMN payload_codec TEXT;
    ALTER TABLE run_staging ADD COLUMN payload_codec TEXT;
    """
}
