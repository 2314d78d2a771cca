// NFC and matching folds with ICU; per-code-point results are cached for the BMP.
#include "normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <cassert>
#include <memory>
#include <mutex>
#include <vector>

namespace confrere {

namespace {

const icu::Normalizer2& nfc_instance() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  assert(U_SUCCESS(status) && n);
  return *n;
}

const icu::Normalizer2& nfkd_instance() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKDInstance(status);
  assert(U_SUCCESS(status) && n);
  return *n;
}

void append_utf8(std::string& out, UChar32 c) {
  char buf[4];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, c, error);
  if (!error) out.append(buf, static_cast<size_t>(len));
}

// The folded form of one code point, computed with ICU.
std::string compute_fold(UChar32 c) {
  switch (c) {
    case 0x2019: case 0x02BC: case 0x2018: case 0x2032: case 0x0027: return "'";
    case 0x0153: case 0x0152: return "oe";
    case 0x00E6: case 0x00C6: return "ae";
    case 0x00DF: case 0x1E9E: return "ss";
    case 0x00B5: case 0x03BC: return "µ";  // micro sign: keep it a unit letter
    default: break;
  }
  UChar32 folded = u_foldCase(c, U_FOLD_CASE_DEFAULT);
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString decomposed = nfkd_instance().normalize(icu::UnicodeString(folded), status);
  if (U_FAILURE(status)) {
    std::string s;
    append_utf8(s, folded);
    return s;
  }
  std::string out;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 d = decomposed.char32At(i);
    i += U16_LENGTH(d);
    if (u_charType(d) == U_NON_SPACING_MARK) continue;
    d = u_foldCase(d, U_FOLD_CASE_DEFAULT);
    if (d == 0x0153) out += "oe";
    else if (d == 0x00E6) out += "ae";
    else append_utf8(out, d);
  }
  return out;
}

// Latin, Latin-1, Latin Extended-A and -B: French text lives here; other code points are
// folded on the fly (startup cost matters to the query program).
constexpr UChar32 kCacheLimit = 0x250;

struct FoldTable {
  std::vector<std::string> fold;
  std::vector<uint8_t> word;
  FoldTable() : fold(kCacheLimit), word(kCacheLimit) {
    for (UChar32 c = 0; c < kCacheLimit; ++c) {
      fold[c] = c < 0x80 ? std::string(1, static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c))
                         : compute_fold(c);
      word[c] = u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK ||
                u_charType(c) == U_COMBINING_SPACING_MARK;
    }
  }
};

const FoldTable& table() {
  static const FoldTable t;
  return t;
}

}  // namespace

char32_t next_code_point(std::string_view s, size_t& pos) {
  UChar32 c;
  int32_t i = static_cast<int32_t>(pos);
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
  pos = static_cast<size_t>(i);
  return c < 0 ? 0xFFFD : static_cast<char32_t>(c);
}

std::string to_nfc(std::string_view text) {
  bool ascii = true;
  for (unsigned char ch : text) {
    if (ch >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return std::string(text);
  const icu::Normalizer2& nfc = nfc_instance();
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  UErrorCode status = U_ZERO_ERROR;
  if (nfc.isNormalized(u, status) && U_SUCCESS(status)) return std::string(text);
  status = U_ZERO_ERROR;
  icu::UnicodeString n = nfc.normalize(u, status);
  if (U_FAILURE(status)) return std::string(text);
  std::string out;
  n.toUTF8String(out);
  return out;
}

void fold_append(std::string_view text, std::string& out) {
  const FoldTable& t = table();
  size_t pos = 0;
  while (pos < text.size()) {
    unsigned char b = static_cast<unsigned char>(text[pos]);
    if (b < 0x80) {
      out.push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b));
      ++pos;
      continue;
    }
    char32_t c = next_code_point(text, pos);
    if (c < static_cast<char32_t>(kCacheLimit)) out += t.fold[c];
    else out += compute_fold(static_cast<UChar32>(c));
  }
}

std::string fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  fold_append(text, out);
  return out;
}

bool is_word_char(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  if (c < static_cast<char32_t>(kCacheLimit)) return table().word[c];
  UChar32 u = static_cast<UChar32>(c);
  return u_isalnum(u) || u_charType(u) == U_NON_SPACING_MARK;
}

bool is_apostrophe(char32_t c) {
  return c == '\'' || c == 0x2019 || c == 0x02BC || c == 0x2018 || c == 0x2032;
}

bool is_hyphen(char32_t c) { return c == '-' || c == 0x2010 || c == 0x2011; }

bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x202F ||
         u_isUWhiteSpace(static_cast<UChar32>(c));
}

}  // namespace confrere
