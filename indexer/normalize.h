// Unicode normalization (ICU): NFC for storage, folding for matching. ICU is used only here and
// in analyze.cc.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace confrere {

// Returns `text` in NFC. REQUIRES: valid UTF-8 (the readers validate it).
std::string to_nfc(std::string_view text);

// Appends the matching form of `text`: case folded, accents removed, ligatures expanded
// (œ→oe, æ→ae, ß→ss, ﬁ→fi), typographic apostrophes (’ ʼ ‘) made "'".
void fold_append(std::string_view text, std::string& out);
std::string fold(std::string_view text);

// Character classes used by the tokenizer.
bool is_word_char(char32_t c);        // letters, digits, combining marks
bool is_apostrophe(char32_t c);       // ' ’ ʼ ‘ ′
bool is_hyphen(char32_t c);           // - ‐ ‑ (not dashes used as punctuation)
bool is_space(char32_t c);

// Decodes the code point at `pos` (advancing it). Invalid bytes decode as U+FFFD.
char32_t next_code_point(std::string_view s, size_t& pos);

}  // namespace confrere
