// The Xapian side of the indexer: one document per case, the live index behind a stub file, and
// the agreement check with the store. xapian.h is included only in index_writer.cc and query/.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "analyze.h"
#include "paths.h"
#include "post.h"
#include "thesaurus.h"

namespace confrere {

// Xapian metadata value of the index format (analyzer and schema); readers refuse any other.
std::string index_format();

// Builds index documents; the shape of LevelDB's TableBuilder: add…, then commit or abandon.
class IndexWriter {
 public:
  // The live index of `paths`, created on first use. With a thesaurus, documents also get the
  // concept terms of their synonyms.
  static std::unique_ptr<IndexWriter> open_live(const DbPaths& paths, const Analyzer& analyzer,
                                                const Thesaurus* thesaurus = nullptr);
  // A new, empty index directory beside the live one (for rebuild); see swap_in().
  static std::unique_ptr<IndexWriter> create_fresh(const DbPaths& paths, const Analyzer& analyzer,
                                                   const Thesaurus* thesaurus = nullptr);
  ~IndexWriter();

  // Adds or replaces the document of a case.
  void replace(const Thread& thread);
  void remove(const std::string& case_id);
  // Makes all changes durable and visible to new readers.
  void commit();
  // For a fresh index: commit, then atomically make it the live index and delete the old one.
  void swap_in();

 private:
  class Impl;
  explicit IndexWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct IndexCheck {
  bool ok = true;
  std::vector<std::string> problems;  // one line each, no post text
  int64_t documents = 0;
  int64_t missing = 0;  // cases of the store not in the index
  int64_t extra = 0;    // documents without a case in the store
};

// Index terms that look like identifiers: `classify(term)` names the identifier type of an
// unprefixed term, or returns "" for an ordinary one. Returns (case id, type) pairs.
std::vector<std::pair<std::string, std::string>> suspicious_terms(
    const DbPaths& paths, const std::function<std::string(const std::string&)>& classify);

// Checks the index's own structure and that its documents are exactly `case_ids`.
IndexCheck check_index(const DbPaths& paths, const std::vector<std::string>& case_ids);

}  // namespace confrere
