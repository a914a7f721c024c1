/// A small PDF written by the tests: pages of lines set in Helvetica (bold: Helvetica-Bold) at
/// given places, so that layout cases need no committed file.
struct TestPDF {
  /// A piece of a line: its text, size, weight and rise above the baseline (a superscript).
  struct Run {
    var text: String
    var size: Double = 11
    var bold = false
    var rise: Double = 0
  }

  /// A line starting at `x`, its baseline `y` points from the top of the page.
  struct Line {
    var x: Double
    var y: Double
    var runs: [Run]

    init(_ x: Double, _ y: Double, _ runs: [Run]) {
      self.x = x
      self.y = y
      self.runs = runs
    }

    init(_ x: Double, _ y: Double, _ text: String, size: Double = 11, bold: Bool = false) {
      self.init(x, y, [Run(text: text, size: size, bold: bold)])
    }
  }

  var pages: [[Line]]
  var width = 595.0
  var height = 842.0

  /// The file's bytes: catalog, page tree, two fonts, a page and a content stream per page, and a
  /// cross-reference table with the right offsets.
  func bytes() -> [UInt8] {
    var objects: [String] = [
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [\(pages.indices.map { "\(5 + 2 * $0) 0 R" }.joined(separator: " "))] "
        + "/Count \(pages.count) >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    ]
    for lines in pages {
      var content = ""
      for line in lines {
        content += "BT \(line.x) \(height - line.y) Td "
        for run in line.runs {
          content += "/F\(run.bold ? 2 : 1) \(run.size) Tf \(run.rise) Ts (\(Self.escaped(run.text))) Tj "
        }
        content += "ET\n"
      }
      let number = objects.count + 2
      objects.append(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(width) \(height)] "
          + "/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents \(number) 0 R >>")
      objects.append("<< /Length \(Self.latin(content).count) >>\nstream\n\(content)endstream")
    }
    var output = Self.latin("%PDF-1.4\n")
    var offsets: [Int] = []
    for (index, object) in objects.enumerated() {
      offsets.append(output.count)
      output += Self.latin("\(index + 1) 0 obj\n\(object)\nendobj\n")
    }
    let xref = output.count
    var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
    for offset in offsets {
      let digits = String(offset)
      table += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n"
    }
    table += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
    return output + Self.latin(table)
  }

  private static func escaped(_ text: String) -> String {
    var output = ""
    for character in text {
      switch character {
      case "(", ")", "\\": output += "\\\(character)"
      default: output.append(character)
      }
    }
    return output
  }

  /// WinAnsi bytes of `text` (Latin-1 plus the bullet and dashes the tests use).
  private static func latin(_ text: String) -> [UInt8] {
    text.unicodeScalars.map { scalar in
      switch scalar {
      case "•": 0x95
      case "–": 0x96
      case "—": 0x97
      default: scalar.value < 256 ? UInt8(scalar.value) : 0x3F
      }
    }
  }
}
