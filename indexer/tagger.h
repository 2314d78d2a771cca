// Tagging from lexicons (data/lexicons/*.tsv): specialties and nature of a case, profession of a
// poster. Codes are those of the taxonomy (PRODUCT.md, taxonomy.tsv).
#pragma once

#include <string>
#include <string_view>
#include <map>
#include <unordered_map>
#include <vector>

#include "analyze.h"
#include "post.h"

namespace confrere {

// The taxonomy's codes, per axis.
const std::vector<std::string>& specialty_codes();
const std::vector<std::string>& nature_codes();
const std::vector<std::string>& profession_codes();
bool is_code(const std::vector<std::string>& codes, std::string_view code);

// Patterns of one axis: "code<TAB>pattern<TAB>weight" lines; a pattern is words matched whole,
// in order, case- and accent-insensitively; a final "*" on a word matches any word it begins.
class Lexicon {
 public:
  struct Pattern {
    std::vector<std::string> words;  // lexicon_form (light stems; a final prefix as written)
    bool last_is_prefix = false;
    std::string code;
    double weight = 1;
  };
  // Throws Error naming file:line for a malformed line or an unknown code.
  void load(const std::string& path, const Analyzer& analyzer,
            const std::vector<std::string>& codes);
  // Adds one pattern written in the lexicon syntax. Returns "" or what is wrong with it.
  std::string add(std::string_view pattern, const std::string& code, double weight,
                  const Analyzer& analyzer);
  // Calls fn(pattern, first_token, last_token) for every match in `tokens`.
  template <class Fn>
  void for_each_match(const std::vector<Token>& tokens, Fn&& fn) const;
  struct Match {
    const Pattern* pattern;
    size_t first, last;  // token indexes, inclusive
  };
  std::vector<Match> matches(const std::vector<Token>& tokens) const;
  size_t size() const { return patterns_.size(); }
  template <class Fn>
  void for_each_code(Fn&& fn) const {
    for (const Pattern& p : patterns_) fn(p.code);
  }

  // Patterns that analyze to the same words for the same code ("médecin" and "médecins", one light
  // stem) become one, of the higher weight, so a word is not counted twice.
  void merge_same_patterns();

  // The analyzed patterns as text ("code<TAB>weight<TAB>prefix<TAB>word word…" lines), so a
  // program can load them without analyzing anything.
  void save(std::string& out) const;
  // Reads what save() wrote. Returns false when it is malformed.
  bool load_compiled(std::string_view text);

 private:
  bool matches(const Pattern& p, const std::vector<std::string>& words,
               const std::vector<Token>& tokens, size_t at) const;
  void index(Pattern p);
  std::vector<Pattern> patterns_;
  std::unordered_map<std::string, std::vector<size_t>> by_first_word_;
  std::unordered_map<std::string, std::vector<size_t>> by_first_prefix_;  // first 4 bytes
};

// Version of the tagging rules (this file's scoring): stored tags of another version are redone
// by rebuild.
constexpr int kTaggerVersion = 13;  // 3: nature cues in questions count double; 4: repeats
                                   // in long texts, doses in questions; 5: children, conclusions,
                                   // what a report's team did; 6: prefixes as written;
                                   // 7: denied conclusions, newborns, the paediatric floor;
                                   // 8: negative results, no age group concluded;
                                   // 9: one weight per analyzed pattern, doses after numbers,
                                   // camel-case names, colleagues in bios, "ici IDE";
                                   // 10: a short question naming a condition; 11: the
                                   // poster's field (dentist, midwife, pharmacist); 12: legal
                                   // medicine in a medico-legal question's set; 13: conjugated
                                   // conclusion cues ("concluait à")

// What a case's photo most likely shows, as a specialty, from the case's words: an ECG
// (cardiologie), an X-ray or a scan (radiologie), an eye (ophtalmologie), else skin
// (dermatologie, most photos). A photo adds a hint (0.3) to that specialty's score.
const std::string& photo_specialty(const std::vector<Token>& tokens);

class Tagger {
 public:
  // Loads data/lexicons/{specialties,natures,professions}.tsv.
  Tagger(const std::string& data_dir, const Analyzer& analyzer);

  // The poster's profession from the bio, the display name ("IDEL_Bzh", at lower weight) and
  // self-descriptions in the text ("en tant qu'IDE", "je suis kiné"); "inconnu" when nothing
  // says it.
  std::string profession(std::string_view name, std::string_view bio, std::string_view text) const;

  // Specialties (scored, best first) and nature of a case, from the case text, its hashtags,
  // the poster's bio, its photos and, at lower weight, its answers.
  CaseTags tag_case(const Thread& thread) const;

 private:
  const Analyzer& analyzer_;
  Lexicon specialties_, natures_, professions_;
  // Scores of an author's name and bio ("name\x1fbio" → code → score); not thread-safe.
  mutable std::unordered_map<std::string, std::map<std::string, double>> author_scores_;
};

}  // namespace confrere
