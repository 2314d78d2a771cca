// Synonyms as concepts: every expression of a group in data/lexicons/synonyms-*.tsv maps to one
// concept term, added to documents at index time and to drafts at query time, so "AT",
// "arrêt maladie" and "arrêt de travail" meet.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "analyze.h"
#include "tagger.h"

namespace confrere {

class Thesaurus {
 public:
  // Loads every data/lexicons/synonyms-*.tsv ("canonical<TAB>variant|variant…") and the cues
  // of data/lexicons/senses.tsv ("canonical<TAB>cue|cue…"). Throws Error naming file:line for a
  // malformed line.
  static Thesaurus from_data_dir(const std::string& data_dir, const Analyzer& analyzer);

  struct Concept {
    std::string term;    // "XCarret_de_travail"
    size_t first, last;  // token indexes, inclusive
  };
  // Concepts found in `tokens`. An ambiguous expression ("AT") gives the sense the rest of the
  // text points to (data/lexicons/senses.tsv cues, the words of the sense's name), else each.
  std::vector<Concept> concepts(const std::vector<Token>& tokens) const;

  // The compiled form (Lexicon::save), kept in the database directory by the indexer so that
  // searches use the very groups the index was built with, and start fast.
  void save(const std::string& path) const;
  std::string compiled() const;  // what save() writes
  // Throws Error when the file cannot be read or is malformed.
  static Thesaurus load_compiled(const std::string& path);

  size_t size() const { return lexicon_.size(); }
  size_t groups() const { return groups_; }

 private:
  Lexicon lexicon_;
  size_t groups_ = 0;
  std::unordered_set<std::string> with_cues_;  // concepts senses.tsv gives cues for
};

// The concept term of a canonical expression: "XC" + folded words joined by "_".
std::string concept_term(const std::string& canonical, const Analyzer& analyzer);

}  // namespace confrere
