/// One share of a corpus manifest, `K/N` (1-based): the pairs whose output name hashes to `K - 1`
/// modulo `N`.
///
/// The share depends only on each pair's output name (FNV-1a 64 of its UTF-8 bytes), so adding,
/// removing or reordering other lines of the manifest never moves a pair to another shard, and
/// the N shards together cover every pair exactly once.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
  /// 1-based index of this shard.
  public var index: Int
  /// Number of shards.
  public var count: Int

  public init?(index: Int, count: Int) {
    guard count >= 1, (1...count).contains(index) else { return nil }
    self.index = index
    self.count = count
  }

  /// `K/N` with 1 ≤ K ≤ N, else nil.
  public init?(_ text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
    self.init(index: index, count: count)
  }

  public var description: String { "\(index)/\(count)" }

  /// Whether the pair with output name `name` belongs to this shard.
  public func contains(name: String) -> Bool {
    Int(Self.hash(name) % UInt64(count)) == index - 1
  }

  /// FNV-1a, 64 bits, of the UTF-8 bytes of `name`.
  static func hash(_ name: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in name.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    return hash
  }
}
