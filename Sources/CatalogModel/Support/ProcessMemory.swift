import CMalloc

/// How the process's allocator treats the large blocks a harvest goes through (page bodies of megabytes, their parsed
/// trees, the writer's batches).
public enum ProcessMemory {
    /// Keeps freed memory in the process for the next page instead of handing it back to the kernel. By default glibc
    /// serves blocks above 128 KB to 32 MB with mmap, and trims the heap top once 128 KB of it is free; a harvest then
    /// spends a fifth of its time in page faults, the kernel zeroing the same pages again for every page of records.
    /// Blocks up to 64 MB now come from the heap and up to 256 MB of free heap is kept; peak memory is unchanged, what
    /// stays resident between pages is at most what the largest page needed. Call once, at the start of a harvest.
    public static func keepFreedMemoryForReuse() {
        fc_keep_freed_memory(64 << 20, 256 << 20)
    }
}
