import Testing

@testable import Segmenter

/// Public sentence-boundary test cases: the "Golden Rules" of the Pragmatic Segmenter / pySBD
/// (English and Dutch) that apply to prose. Rules about bare vertical lists without bullets,
/// or that the original authors resolve by special cases (`6 P.M. Mr. Smith`), are left out.
@Suite("Golden rules")
struct GoldenRulesTests {
  static let english: [(String, [String])] = [
    ("Hello World. My name is Jonas.", ["Hello World.", "My name is Jonas."]),
    ("What is your name? My name is Jonas.", ["What is your name?", "My name is Jonas."]),
    ("There it is! I found it.", ["There it is!", "I found it."]),
    ("My name is Jonas E. Smith.", ["My name is Jonas E. Smith."]),
    ("Please turn to p. 55.", ["Please turn to p. 55."]),
    ("Were Jane and co. at the party?", ["Were Jane and co. at the party?"]),
    (
      "They closed the deal with Pitt, Briggs & Co. at noon.",
      ["They closed the deal with Pitt, Briggs & Co. at noon."]
    ),
    ("Let's ask Jane and co. They should know.", ["Let's ask Jane and co.", "They should know."]),
    (
      "They closed the deal with Pitt, Briggs & Co. It closed yesterday.",
      ["They closed the deal with Pitt, Briggs & Co.", "It closed yesterday."]
    ),
    ("I can see Mt. Fuji from here.", ["I can see Mt. Fuji from here."]),
    (
      "St. Michael's Church is on 5th st. near the light.",
      ["St. Michael's Church is on 5th st. near the light."]
    ),
    ("That is JFK Jr.'s book.", ["That is JFK Jr.'s book."]),
    ("I visited the U.S.A. last year.", ["I visited the U.S.A. last year."]),
    ("I live in the E.U. How about you?", ["I live in the E.U.", "How about you?"]),
    ("I live in the U.S. How about you?", ["I live in the U.S.", "How about you?"]),
    ("I work for the U.S. Government in Virginia.", ["I work for the U.S. Government in Virginia."]),
    ("I have lived in the U.S. for 20 years.", ["I have lived in the U.S. for 20 years."]),
    ("She has $100.00 in her bag.", ["She has $100.00 in her bag."]),
    ("She has $100.00. It is in her bag.", ["She has $100.00.", "It is in her bag."]),
    (
      "He teaches science (He previously worked for 5 years as an engineer.) at the local University.",
      ["He teaches science (He previously worked for 5 years as an engineer.) at the local University."]
    ),
    (
      "Her email is Jane.Doe@example.com. I sent her an email.",
      ["Her email is Jane.Doe@example.com.", "I sent her an email."]
    ),
    (
      "The site is: https://www.example.50.com/new-site/awesome_content.html. Please check it out.",
      ["The site is: https://www.example.50.com/new-site/awesome_content.html.", "Please check it out."]
    ),
    ("She turned to him, 'This is great.' she said.", ["She turned to him, 'This is great.' she said."]),
    ("She turned to him, \"This is great.\" she said.", ["She turned to him, \"This is great.\" she said."]),
    (
      "She turned to him, \"This is great.\" She held the book out to show him.",
      ["She turned to him, \"This is great.\"", "She held the book out to show him."]
    ),
    ("Hello!! Long time no see.", ["Hello!!", "Long time no see."]),
    ("Hello?? Who is there?", ["Hello??", "Who is there?"]),
    ("Hello!? Is that you?", ["Hello!?", "Is that you?"]),
    ("Hello?! Is that you?", ["Hello?!", "Is that you?"]),
    ("1. The first item. 2. The second item.", ["1. The first item.", "2. The second item."]),
    ("Hello World. My name is Jonas", ["Hello World.", "My name is Jonas"]),
    (
      "This is a sentence\ncut off in the middle because pdf.",
      ["This is a sentence cut off in the middle because pdf."]
    ),
    ("It was a cold \nnight in the city.", ["It was a cold night in the city."]),
    (
      "You can find it at N°. 1026.253.553. That is where the treasure is.",
      ["You can find it at N°. 1026.253.553.", "That is where the treasure is."]
    ),
    (
      "She works at Yahoo! in the accounting department.",
      ["She works at Yahoo! in the accounting department."]
    ),
    (
      "We make a good team, you and I. Did you see Albert I. Jones yesterday?",
      ["We make a good team, you and I.", "Did you see Albert I. Jones yesterday?"]
    ),
    ("I never meant that.... She left the store.", ["I never meant that....", "She left the store."]),
    (
      "I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it.",
      [
        "I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it."
      ]
    ),
    (
      "Thoreau argues that by simplifying one’s life, “the laws of the universe will appear less complex. . . .”",
      [
        "Thoreau argues that by simplifying one’s life, “the laws of the universe will appear less complex. . . .”"
      ]
    ),
    (
      "If words are left off at the end of a sentence, indicate the end of the sentence with a period . . . . Next sentence.",
      [
        "If words are left off at the end of a sentence, indicate the end of the sentence with a period . . . .",
        "Next sentence.",
      ]
    ),
  ]

  static let dutch: [(String, [String])] = [
    (
      "Hij schoot op de JP8-brandstof toen de Surface-to-Air (sam)-missiles op hem af kwamen. 81 procent van de schoten was raak.",
      [
        "Hij schoot op de JP8-brandstof toen de Surface-to-Air (sam)-missiles op hem af kwamen.",
        "81 procent van de schoten was raak.",
      ]
    ),
    (
      "81 procent van de schoten was raak. ...en toen?",
      ["81 procent van de schoten was raak.", "...en toen?"]
    ),
    ("Afkorting aanw. vnw.", ["Afkorting aanw. vnw."]),
    ("Dat is vitamine C. Het helpt.", ["Dat is vitamine C.", "Het helpt."]),
  ]

  @Test("English golden rules", arguments: english)
  func englishRule(text: String, expected: [String]) {
    #expect(texts(text, .english) == expected)
  }

  @Test("Dutch golden rules", arguments: dutch)
  func dutchRule(text: String, expected: [String]) {
    #expect(texts(text, .dutch) == expected)
  }
}
