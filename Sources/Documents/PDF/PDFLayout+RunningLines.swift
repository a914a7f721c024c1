extension PDFLayout {
  /// Drops the lines in the top or bottom margin that repeat (digits aside) at the same place on
  /// another page, and page numbers standing first or last on their page.
  func dropRunningLines(_ pageLines: inout [[PDFLine]]) {
    // The pages each text (digits as `#`) stands on at each height (in 3-point steps).
    var places: [String: Set<Int>] = [:]
    func key(_ line: PDFLine, _ step: Int = 0) -> String {
      String(line.text.lowercased().map { $0.isNumber ? "#" : $0 }) + "@\(Int(line.box.y0 / 3) + step)"
    }
    func inMargin(_ line: PDFLine, _ page: Int) -> Bool {
      line.box.y1 < 0.15 * pages[page].height || line.box.y0 > 0.85 * pages[page].height
    }
    for (page, lines) in pageLines.enumerated() {
      for line in lines where inMargin(line, page) {
        places[key(line), default: []].insert(page)
      }
    }
    for (page, lines) in pageLines.enumerated() {
      let top = lines.map(\.box.y0).min() ?? 0
      let bottom = lines.map(\.box.y1).max() ?? 0
      pageLines[page] = lines.filter { line in
        guard inMargin(line, page) else { return true }
        // A lone number is a page number only first or last on its page: a footnote's number on a
        // line of its own repeats at the same place on the next page too.
        if Self.isPageNumber(line.text) {
          return !(line.box.y0 <= top + 0.5 || line.box.y1 >= bottom - 0.5)
        }
        let repeated = (-1...1).contains { step in
          places[key(line, step)].map { $0.count > 1 || !$0.contains(page) } ?? false
        }
        return !repeated && !(page > 0 && isLoneHeader(line, among: lines, pageHeight: pages[page].height))
      }
    }
  }

  /// A running header that has no twin to be found by (the first page of a letter has none): the
  /// first line of a later page, in its top tenth, smaller than the body text and more than 1.5
  /// body sizes above the next line.
  private func isLoneHeader(_ line: PDFLine, among lines: [PDFLine], pageHeight: Double) -> Bool {
    guard line.box.y1 < 0.1 * pageHeight, line.size < 0.95 * bodySize,
      !lines.contains(where: { $0.box.y0 < line.box.y0 - 2 })
    else { return false }
    let next = lines.lazy.filter { $0.box.y0 > line.box.y1 }.map(\.box.y0).min() ?? pageHeight
    return next - line.box.y1 >= 1.5 * bodySize
  }

  /// `3`, `- 3 -`, `3/12`, `3 van 12`, `Pagina 3 van 12`, `Page 3 of 12`, `blz. 3`.
  static func isPageNumber(_ text: String) -> Bool {
    let decoration: Set<Character> = [" ", "-", "–", "—"]
    var trimmed = Substring(text.lowercased())
    while let first = trimmed.first, decoration.contains(first) { trimmed.removeFirst() }
    while let last = trimmed.last, decoration.contains(last) { trimmed.removeLast() }
    var words = trimmed.split { $0 == " " || $0 == "/" }
    if let first = words.first, ["pagina", "page", "blz.", "blz", "p.", "seite"].contains(first) {
      words.removeFirst()
    }
    guard let number = words.first, number.allSatisfy(\.isNumber), number.count <= 4 else { return false }
    words.removeFirst()
    if let word = words.first, ["van", "of", "von"].contains(word) { words.removeFirst() }
    return words.isEmpty || (words.count == 1 && words[0].allSatisfy(\.isNumber))
  }
}
