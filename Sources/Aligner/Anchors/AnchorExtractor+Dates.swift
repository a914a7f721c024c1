extension AnchorExtractor {
  /// Finds dates and marks their tokens consumed: `17 t/m 20 mei 2022`, `17-20 May 2022`,
  /// `May 17, 2022`, `17. Mai 2022`, `1er mai`, `juli 2022`, `17.05.2022`, `2022-05-17`.
  /// A date with a year also yields the year as a number.
  func findDates(_ tokens: AnchorTokens, _ consumed: inout [Bool], _ collector: inout KeyCollector) {
    var index = 0
    while index < tokens.count {
      if let end = date(in: tokens, at: index, &collector) {
        for position in index..<end { consumed[position] = true }
        index = end
      } else {
        index += 1
      }
    }
  }

  /// Reads a date starting at `index`; adds its keys and returns the end of its tokens.
  ///
  /// Only a number (a numeric date, a day) or a word before a number (a month name) starts a date;
  /// any other token is passed over at once.
  private func date(in tokens: AnchorTokens, at index: Int, _ collector: inout KeyCollector) -> Int? {
    let token = tokens[index]
    switch token.kind {
    case .symbol:
      return nil
    case .number:
      // A number of one to four plain digits is no numeric date (no groups): no text to read.
      if token.digitsValue < 0, case .dotted(let groups) = AnchorNumbers.value(of: tokens.text(token)),
        let (year, month, day) = AnchorNumbers.numericDate(groups)
      {
        emit(year: year, month: month, days: [day], &collector)
        return index + 1
      }
      if let end = separatedNumericDate(tokens, at: index, &collector) { return end }
      guard AnchorNumbers.day(token) != nil else { return nil }
      let (days, next) = dayList(tokens, from: index)
      guard next < tokens.count, let month = month(tokens[next], in: tokens) else { return nil }
      let (year, end) = optionalYear(tokens, after: next + 1)
      emit(year: year, month: month, days: days, &collector)
      return end
    case .word:
      // A month name starts a date only before a number (a year or a day): most words are not
      // looked up here at all.
      guard index + 1 < tokens.count, tokens[index + 1].kind == .number, let month = month(token, in: tokens)
      else { return nil }
      if let year = AnchorNumbers.year(tokens[index + 1]) {
        emit(year: year, month: month, days: [], &collector)
        return index + 2
      }
      guard AnchorNumbers.day(tokens[index + 1]) != nil else { return nil }
      let (days, next) = dayList(tokens, from: index + 1)
      let (year, end) = optionalYear(tokens, after: next)
      emit(year: year, month: month, days: days, &collector)
      return end
    }
  }

  /// `17/05/2022`, `17-05-2022`, `2022-05-17`: three numbers joined by the same `-` or `/`.
  private func separatedNumericDate(
    _ tokens: AnchorTokens, at index: Int, _ collector: inout KeyCollector
  ) -> Int? {
    guard index + 4 < tokens.count, tokens[index].kind == .number,
      let separator = tokens[index + 1].symbol, separator == "-" || separator == "/",
      tokens[index + 3].symbol == separator, tokens[index + 2].kind == .number,
      tokens[index + 4].kind == .number,
      (1...4).allSatisfy({ !tokens[index + $0].spaceBefore }),
      let (year, month, day) = AnchorNumbers.numericDate([
        tokens.text(tokens[index]), tokens.text(tokens[index + 2]), tokens.text(tokens[index + 4]),
      ])
    else { return nil }
    emit(year: year, month: month, days: [day], &collector)
    return index + 5
  }

  /// Days joined by range words or dashes (`17 t/m 20`, `17-20`, `17 and 18`), and the index of
  /// the token after them and after any connectors that follow (`17.`, `1er`).
  private func dayList(_ tokens: AnchorTokens, from start: Int) -> ([Int], Int) {
    var days: [Int] = []
    if let first = AnchorNumbers.day(tokens[start]) { days.append(first) }
    var index = start + 1
    var connectors = 0
    while index < tokens.count && connectors <= 3 {
      let token = tokens[index]
      if isConnector(token, in: tokens) {
        connectors += 1
        index += 1
      } else if connectors > 0, let day = AnchorNumbers.day(token),
        index + 1 < tokens.count,
        month(tokens[index + 1], in: tokens) != nil || isConnector(tokens[index + 1], in: tokens)
      {
        days.append(day)
        connectors = 0
        index += 1
      } else {
        break
      }
    }
    return (days, index)
  }

  private func isConnector(_ token: AnchorToken, in tokens: AnchorTokens) -> Bool {
    switch token.kind {
    case .symbol:
      guard let symbol = token.symbol else { return false }
      return ["-", "\u{2013}", "\u{2014}", "/", ".", ","].contains(symbol)
    case .word:
      return month(token, in: tokens) == nil
        && AnchorLanguageData.rangeWords.contains(TextFolding.fold(tokens.text(token)))
    case .number:
      return false
    }
  }

  /// A year right after a month, possibly after a comma (`May 17, 2022`).
  private func optionalYear(_ tokens: AnchorTokens, after index: Int) -> (Int?, Int) {
    var position = index
    if position < tokens.count && tokens[position].symbol == "," { position += 1 }
    if position < tokens.count, let year = AnchorNumbers.year(tokens[position]) {
      return (year, position + 1)
    }
    return (nil, index)
  }

  private func emit(year: Int?, month: Int, days: [Int], _ collector: inout KeyCollector) {
    for key in AnchorNumbers.dateKeys(year: year, month: month, days: days) { collector.add(.date, key) }
    if let year { collector.add(.number, String(year)) }
  }
}
