internal import CInflate

/// Decompression of gzip streams (dictzip `.dict.dz` files are gzip with an index in the header).
enum Gzip {
  /// The decompressed bytes of a whole gzip (or zlib) stream.
  /// - Throws: ``LexiconError/corruptData(path:detail:)`` naming `path` when zlib refuses the data.
  static func decompress(_ bytes: [UInt8], path: String) throws(LexiconError) -> [UInt8] {
    var stream = z_stream()
    // 15 window bits + 32: detect a gzip or zlib header automatically.
    var status = inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else { throw .corruptData(path: path, detail: "zlib init failed: \(status)") }
    defer { inflateEnd(&stream) }
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count * 4)
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    bytes.withUnsafeBufferPointer { input in
      stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
      stream.avail_in = UInt32(input.count)
      repeat {
        let produced = chunk.withUnsafeMutableBufferPointer { buffer in
          stream.next_out = buffer.baseAddress
          stream.avail_out = UInt32(buffer.count)
          status = inflate(&stream, Z_NO_FLUSH)
          return buffer.count - Int(stream.avail_out)
        }
        output.append(contentsOf: chunk[0..<produced])
      } while status == Z_OK && (stream.avail_in > 0 || stream.avail_out == 0)
    }
    guard status == Z_STREAM_END else {
      let detail = status == Z_OK ? "stream ends early" : "zlib error \(status)"
      throw .corruptData(path: path, detail: detail)
    }
    return output
  }
}
