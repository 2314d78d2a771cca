// The French tokenizer: one pass over NFC text, each token keeping its byte offsets.
#include "analyze.h"

#include <algorithm>
#include <cctype>
#include <fstream>

#include "data_file.h"
#include "error.h"
#include "normalize.h"

namespace confrere {

namespace {

// French elided forms: "l'œdème" → "oedeme", "qu'il" → "il", "jusqu'à" → "a".
const std::unordered_set<std::string> kElisions = {
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
    "presqu", "quelqu"};

bool ascii_digit(char c) { return c >= '0' && c <= '9'; }

bool starts_with_ci(std::string_view s, size_t at, std::string_view prefix) {
  if (s.size() - at < prefix.size()) return false;
  for (size_t k = 0; k < prefix.size(); ++k) {
    char c = s[at + k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != prefix[k]) return false;
  }
  return true;
}

size_t skip_to_space(std::string_view s, size_t i) {
  while (i < s.size()) {
    size_t after = i;
    char32_t c = next_code_point(s, after);
    if (is_space(c)) break;
    i = after;
  }
  return i;
}

// An e-mail address starts at `i`: up to 64 local-part characters, "@", a word character.
bool starts_email(std::string_view s, size_t i) {
  size_t j = i;
  while (j < s.size() && j - i < 64 &&
         (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '.' || s[j] == '_' ||
          s[j] == '-' || s[j] == '+' || s[j] == '%'))
    ++j;
  return j > i && j + 1 < s.size() && s[j] == '@' &&
         std::isalnum(static_cast<unsigned char>(s[j + 1]));
}

// End of the run of word characters starting at `i`.
size_t word_end(std::string_view s, size_t i) {
  while (i < s.size()) {
    size_t after = i;
    if (!is_word_char(next_code_point(s, after))) break;
    i = after;
  }
  return i;
}

// End of the run of letters (word characters that are not ASCII digits) starting at `i`.
size_t letters_end(std::string_view s, size_t i) {
  while (i < s.size()) {
    size_t after = i;
    char32_t c = next_code_point(s, after);
    if (!is_word_char(c) || (c < 0x80 && ascii_digit(static_cast<char>(c)))) break;
    i = after;
  }
  return i;
}

char32_t peek(std::string_view s, size_t at, size_t& after) {
  after = at;
  if (at >= s.size()) return 0;
  return next_code_point(s, after);
}

// Extends a unit through "/unit" parts: "mg/kg", "g/dL", "mL/min/1".
size_t unit_end(std::string_view s, size_t e) {
  for (;;) {
    if (e + 1 >= s.size() || s[e] != '/') return e;
    size_t next = letters_end(s, e + 1);
    if (next == e + 1 || next - (e + 1) > 6) return e;
    e = next;
  }
}

// "AIT", "AS", "ET" written in capitals are abbreviations (accident ischémique transitoire,
// aide-soignant, éducation thérapeutique), not the stopwords "ait", "as", "et".
bool acronym(std::string_view word) {
  if (word.size() < 2 || word.size() > 4) return false;
  for (char c : word) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

// A text written in capitals ("URGENT QUE FAIRE AVEC UN AIT"): there, capitals say nothing, and
// its "QUE", "UN" stay stopwords. Most of its words of two letters or more are in capitals.
bool shouted(std::string_view s) {
  size_t words = 0, capitals = 0;
  for (size_t i = 0; i < s.size();) {
    auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    if (!letter(s[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    bool lower = false;
    while (j < s.size() && letter(s[j])) lower = lower || (s[j] >= 'a' && s[j] <= 'z'), ++j;
    if (j - i >= 2) {
      ++words;
      capitals += !lower;
    }
    i = j;
  }
  return capitals >= 4 && capitals * 2 > words;
}

}  // namespace

Analyzer::Analyzer(const std::vector<std::string>& stopwords) {
  for (const auto& w : stopwords) stopwords_.insert(fold(w));
}

Analyzer Analyzer::from_data_dir(const std::string& data_dir) {
  std::vector<std::string> words;
  for_each_data_line(data_dir + "/stopwords-fr.txt", [&](std::string& line, size_t) {
    line.resize(std::min(line.find('#'), line.size()));  // "word  # why"
    size_t start = line.find_first_not_of(" \t");
    size_t end = line.find_last_not_of(" \t");
    if (start != std::string::npos) words.push_back(line.substr(start, end - start + 1));
  });
  return Analyzer(words);
}

std::vector<Token> Analyzer::tokens(std::string_view s) const {
  std::vector<Token> out;
  uint32_t pos = 0;
  size_t last_number_end = std::string_view::npos;
  int shouting = -1;  // whether `s` is written in capitals, found when first needed
  auto emit = [&](std::string term, size_t b, size_t e, Token::Kind kind) {
    if (term.empty()) return;  // e.g. a lone variation selector after an emoji
    Token t;
    t.stop = kind == Token::kWord && (stopwords_.count(term) > 0 || term == "doctoctoc");
    if (t.stop && acronym(s.substr(b, e - b))) {
      if (shouting < 0) shouting = shouted(s);
      t.stop = shouting == 1;
    }
    t.term = std::move(term);
    t.begin = static_cast<uint32_t>(b);
    t.end = static_cast<uint32_t>(e);
    t.kind = kind;
    t.pos = pos++;
    out.push_back(std::move(t));
  };

  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    size_t after;
    char32_t c = peek(s, i, after);
    bool at_word_start = i == 0 || !std::isalnum(static_cast<unsigned char>(s[i - 1]));
    if (at_word_start && (starts_with_ci(s, i, "http://") || starts_with_ci(s, i, "https://") ||
                          starts_with_ci(s, i, "www."))) {
      i = skip_to_space(s, i);
      continue;
    }
    if (c == '@') {  // @mention: not indexed
      size_t j = after;
      while (j < n && (s[j] == '_' || s[j] == '.' || is_word_char(peek(s, j, after)))) {
        j = (s[j] == '_' || s[j] == '.') ? j + 1 : after;
      }
      i = j > i + 1 ? j : i + 1;
      continue;
    }
    if (c == '#') {
      size_t e = word_end(s, after);
      if (e == after) {
        i = after;
        continue;
      }
      std::string term = fold(s.substr(after, e - after));
      if (term != "doctoctoc") emit(std::move(term), i, e, Token::kHashtag);
      i = e;
      continue;
    }
    if (!is_word_char(c)) {
      i = after;
      continue;
    }
    if (at_word_start && starts_email(s, i)) {
      i = skip_to_space(s, i);
      continue;
    }

    if (ascii_digit(s[i])) {
      // A number: digits with decimal separators, "38,5" → "38.5", then an attached unit.
      size_t e = i;
      std::string term;
      for (;;) {
        while (e < n && ascii_digit(s[e])) term.push_back(s[e++]);
        if (e + 1 < n && (s[e] == ',' || s[e] == '.') && ascii_digit(s[e + 1])) {
          term.push_back('.');
          ++e;
          continue;
        }
        break;
      }
      if (e < n && s[e] == '@') {  // an e-mail address starting with digits
        i = skip_to_space(s, i);
        continue;
      }
      emit(std::move(term), i, e, Token::kNumber);
      last_number_end = e;
      size_t ue = e;
      if (e + 1 < n && static_cast<unsigned char>(s[e]) == 0xC2 &&
          static_cast<unsigned char>(s[e + 1]) == 0xB0) {  // "°", "°C"
        ue = letters_end(s, e + 2);
      } else if (e < n && s[e] == '%') {
        ue = e + 1;
      } else {
        ue = unit_end(s, letters_end(s, e));
      }
      if (ue > e) {
        emit(fold(s.substr(e, ue - e)), e, ue, Token::kUnit);
        e = ue;
      }
      i = e;
      continue;
    }

    size_t e = word_end(s, i);
    size_t a1;
    char32_t next = peek(s, e, a1);
    if (next == '@' && a1 < n && is_word_char(peek(s, a1, after))) {  // e-mail address
      i = skip_to_space(s, i);
      continue;
    }
    std::string term = fold(s.substr(i, e - i));
    if (is_apostrophe(next) && a1 < n && is_word_char(peek(s, a1, after)) &&
        kElisions.count(term)) {
      i = a1;  // the elided article or pronoun carries no meaning
      continue;
    }
    bool after_number = last_number_end != std::string_view::npos && i >= last_number_end &&
                        i - last_number_end <= 1 && s.find_first_not_of(' ', last_number_end) == i;
    if (after_number && next == '/') {
      size_t ue = unit_end(s, e);
      if (ue > e) {
        emit(fold(s.substr(i, ue - i)), i, ue, Token::kUnit);
        i = ue;
        continue;
      }
    }
    emit(std::move(term), i, e, Token::kWord);
    i = e;
  }
  return out;
}

std::string Analyzer::terms_string(std::string_view text) const {
  std::string out;
  for (const Token& t : tokens(text)) {
    if (t.stop) continue;
    if (!out.empty()) out.push_back(' ');
    out += t.term;
  }
  return out;
}

}  // namespace confrere

namespace confrere {

std::string lexicon_form(const Token& t) { return t.stop ? t.term : light_stem(t.term); }

std::string light_stem(std::string t) {
  auto ends = [&](const char* suffix) {
    size_t n = std::char_traits<char>::length(suffix);
    return t.size() > n && t.compare(t.size() - n, n, suffix) == 0;
  };
  if (t.size() > 3 && ends("s") && !ends("ss")) t.pop_back();  // not "x": "toux", "tous"
  if (t.size() > 4 && ends("e") && !ends("ee")) t.pop_back();  // feminine; "née" stays
  return t;
}

}  // namespace confrere
