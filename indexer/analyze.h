// French text analysis: word breaks, elisions, hyphens, numbers with units, hashtags, stopwords.
// Documents and queries go through the same Analyzer, so they always meet on the same terms.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace confrere {

struct Token {
  enum Kind : uint8_t { kWord, kNumber, kUnit, kHashtag };
  std::string term;     // folded, unstemmed ("oedeme", "38.5", "mg/kg", "dermato")
  uint32_t begin = 0;   // byte offsets of the token in the analyzed text (for snippets)
  uint32_t end = 0;
  uint32_t pos = 0;     // word position; stopwords take a position too
  Kind kind = kWord;
  bool stop = false;    // a stopword: kept for phrase lexicons, not indexed
};

class Analyzer {
 public:
  // `stopwords` are folded on load.
  explicit Analyzer(const std::vector<std::string>& stopwords);

  // Loads data/stopwords-fr.txt from `data_dir`. Throws Error when the file cannot be read.
  static Analyzer from_data_dir(const std::string& data_dir);

  // All tokens of `text` in order. URLs, @mentions, e-mail addresses and #DocTocToc give none.
  std::vector<Token> tokens(std::string_view text) const;

  // The indexable terms (no stopwords), space-separated: the analyzer's golden form.
  std::string terms_string(std::string_view text) const;

  bool is_stopword(const std::string& folded) const { return stopwords_.count(folded) > 0; }

 private:
  std::unordered_set<std::string> stopwords_;
};

// A light French normalization for lexicon matching: plural and feminine endings removed
// ("antécédents" → "antecedent", "remplaçante" → "remplacant", "infirmières" → "infirmier";
// plurals in -x are left alone: "toux" is not "tous").
// REQUIRES: a folded term.
std::string light_stem(std::string term);

// A token's form in lexicon patterns and matching: its light stem, but a stopword as it is, so
// that "puis" is not "PUI" (a hospital pharmacy) nor "plus" "PLU".
std::string lexicon_form(const Token& t);

// Version of the analysis: documents indexed by another version need a rebuild.
constexpr int kAnalyzerVersion = 5;  // 2: concept terms; 3: lexicons match light stems;
                                      // 4: stopwords match unstemmed; 5: "AIT" in capitals
                                      // is no stopword (unless the text shouts), ambiguous
                                      // abbreviations by context

}  // namespace confrere
