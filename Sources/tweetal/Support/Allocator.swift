#if canImport(Glibc)
  import CMalloc
#endif

/// The process's allocator settings.
enum Allocator {
  /// Blocks of at least this many bytes get pages of their own, returned to the system when freed.
  static let ownPagesFrom: Int32 = 1 << 20

  /// Makes glibc give large freed blocks back to the system. By default its threshold for that
  /// grows to the size of the largest block freed so far (up to 32 MB): once an aligner phase
  /// frees its arrays of tens of MB, the next phase's arrays come from the heap, where freed space
  /// stays in the process. A fixed threshold keeps the peak resident memory near the peak of live
  /// data (100k sentences a side: 271 MB instead of 300 MB, the same CPU time).
  static func returnLargeBlocks() {
    #if canImport(Glibc)
      _ = mallopt(M_MMAP_THRESHOLD, ownPagesFrom)
    #endif
  }
}
