// The ingestion pipeline: read → validate → normalize → redact → tag → store → index.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "analyze.h"
#include "index_writer.h"
#include "paths.h"
#include "redact.h"
#include "source.h"
#include "store.h"
#include "tagger.h"

namespace confrere {

// The lexicons and analyzers every command needs, loaded once from the data directory.
struct Toolkit {
  explicit Toolkit(const std::string& data_dir);
  std::string data_dir;
  Analyzer analyzer;
  Tagger tagger;
  Redactor redactor;
};

// Turns a raw post into what is stored: NFC texts, identifiers redacted, profession tagged.
Post prepare(RawPost&& raw, const Toolkit& kit);

struct IngestReport {
  RunCounts counts;
  int64_t indexed = 0;  // case documents written
  double seconds = 0;
};

// Ingests posts into the store, then brings the index up to date with it.
class Ingester : public PostSink {
 public:
  // `on_reject` is called for each rejected record (the caller prints "file:line: reason").
  Ingester(Store& store, IndexWriter& index, const Toolkit& kit,
           std::function<void(const Reject&)> on_reject);
  void post(RawPost&& raw) override;
  void reject(Reject&& reject) override;
  // Commits what is pending and indexes every queued case.
  void finish();
  const IngestReport& report() const { return report_; }

 private:
  void commit_batch();
  Store& store_;
  IndexWriter& index_;
  const Toolkit& kit_;
  std::function<void(const Reject&)> on_reject_;
  IngestReport report_;
  size_t in_batch_ = 0;
  bool in_transaction_ = false;
};

// Writes the index document of every case in the store's index queue, then empties it.
int64_t index_pending(Store& store, IndexWriter& index, const Toolkit& kit);

// Builds a new index from the store and swaps it in atomically. Returns the cases indexed.
int64_t rebuild_index(Store& store, const DbPaths& paths, const Toolkit& kit);

}  // namespace confrere
