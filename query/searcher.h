// The read side: Xapian queries over the live index, results completed from the store.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "paths.h"
#include "pipeline.h"
#include "post.h"
#include "store.h"

namespace confrere {

struct Filters {
  std::vector<std::string> specialties;  // a case matches if it has any of them
  std::string nature, profession;
  std::string since, until;  // normalized dates, inclusive
  bool has_photo = false;
};

enum class Sort { kRelevance, kRating, kDate, kAnswers };

struct Result {
  int rank = 0;
  double score = 0;        // 0..1, relative to the best possible match
  std::string snippet;     // with <b>…</b> around matched words
  std::vector<std::string> matched;  // query terms the case contains (Z stems, XC concepts)
  std::vector<std::string> duplicates;  // ids of near-identical cases ranked below, collapsed here
  Thread thread;
};

struct ResultSet {
  std::string query;
  int64_t estimated_matches = 0;
  std::vector<Result> results;
  // axis → code → number of matching cases (only when asked for)
  std::map<std::string, std::map<std::string, int64_t>> facets;
  bool has_facets = false;
  std::vector<std::string> query_terms;  // terms looked for (Z stems, XC concepts), for --explain
  std::vector<std::pair<std::string, std::string>> corrections;  // typo → corpus word
  // The draft's own tags (search): cases of this nature and primary specialty get a bonus.
  std::string draft_nature, draft_specialty;
};

class Searcher {
 public:
  // Opens the index and the store of `paths` read-only. Throws Error ("rebuild needed", …).
  Searcher(const DbPaths& paths, const Toolkit& kit);
  ~Searcher();

  // A draft → similar cases. Words in "double quotes" must appear as a phrase.
  ResultSet search(const std::string& text, const Filters& filters, Sort sort, int limit,
                   bool facets);
  // Cases like `case_id` (relevance feedback on its document). Throws Error if unknown.
  ResultSet similar(const std::string& case_id, const Filters& filters, int limit);
  // All cases matching the filters, sorted.
  ResultSet browse(const Filters& filters, Sort sort, int limit, int offset, bool facets);
  // One case with all its answers. Throws Error(kExitNotFound) if unknown.
  Thread show(const std::string& case_id);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace confrere
