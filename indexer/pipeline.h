// The ingestion pipeline: read → validate → normalize → redact → tag → store → index.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "analyze.h"
#include "index_writer.h"
#include "paths.h"
#include "redact.h"
#include "source.h"
#include "store.h"
#include "worker.h"
#include "tagger.h"
#include "thesaurus.h"

namespace confrere {

// The lexicons and analyzers every command needs, loaded once from the data directory.
struct Toolkit {
  // `tagging`: load the tagging lexicons too (the indexer needs them, searches do not).
  // `compiled_thesaurus`: a database's compiled synonym groups, used instead of analyzing
  // data/lexicons/synonyms-*.tsv (searches: the same groups as the index, a fast start).
  explicit Toolkit(const std::string& data_dir, bool tagging = true,
                   const std::string& compiled_thesaurus = "");
  std::string data_dir;
  Analyzer analyzer;

 private:
  // The tagging lexicons load on a second thread while the redactor and the synonym groups load
  // (a search's start: about 14 ms each).
  std::future<std::unique_ptr<Tagger>> tagger_loading_;

 public:
  Redactor redactor;
  Thesaurus thesaurus;
  // REQUIRES: constructed with tagging.
  const Tagger& tagger() const { return *tagger_; }
  bool has_tagger() const { return tagger_ != nullptr; }

 private:
  std::unique_ptr<Tagger> tagger_;
};

// Turns a raw post into what is stored: NFC texts, identifiers redacted, profession tagged.
Post prepare(RawPost&& raw, const Toolkit& kit);

struct IngestReport {
  RunCounts counts;
  int64_t indexed = 0;  // case documents written
  double seconds = 0;
};

// Ingests posts into the store, then brings the index up to date with it. Posts are prepared
// (NFC, redaction, profession) on a second thread while the caller's thread reads and stores
// them, in input order.
class Ingester : public PostSink {
 public:
  // `on_reject` is called for each rejected record (the caller prints "file:line: reason").
  Ingester(Store& store, IndexWriter& index, const Toolkit& kit,
           std::function<void(const Reject&)> on_reject);
  ~Ingester() override = default;  // stops preparing: what is handed over and not stored is dropped
  void post(RawPost&& raw) override;
  void reject(Reject&& reject) override;
  // Commits what is pending and indexes every queued case.
  void finish();
  // Called every few thousand posts (a progress line on a terminal).
  void on_progress(std::function<void(const IngestReport&)> fn) { on_progress_ = std::move(fn); }
  const IngestReport& report() const { return report_; }

 private:
  void hand_over();         // the posts read so far go to the preparing thread
  void store_prepared(bool wait_all);
  void store(const Post& p);
  void commit_batch();
  Store& store_;
  IndexWriter& index_;
  const Toolkit& kit_;
  std::function<void(const Reject&)> on_reject_;
  std::function<void(const IngestReport&)> on_progress_;
  IngestReport report_;
  size_t in_batch_ = 0;
  bool in_transaction_ = false;

  std::vector<RawPost> reading_;  // read, not yet handed over
  bool finished_ = false;
  std::mutex ready_mu_;
  std::deque<std::vector<Post>> ready_batches_;  // prepared, in order, not yet stored
  BoundedWorker<std::vector<RawPost>> preparer_;  // last: its thread uses the members above
};

// Writes the index document of every case in the store's index queue, then empties it.
int64_t index_pending(Store& store, IndexWriter& index, const Toolkit& kit);

// What the stored texts and professions depend on (the redactor's version and the lexicons it
// and the profession tagger read), and what case tags depend on (the tagging lexicons and the
// analysis): rebuild skips a pass whose key the store already records.
std::string texts_pass_key(const Toolkit& kit);
std::string tags_key(const Toolkit& kit);

// Re-applies the current redactor to every stored text (texts stored by an older redactor, or
// before redaction existed) and the current lexicons to every poster's profession. Returns the
// posts changed.
int64_t reredact_store(Store& store, const Toolkit& kit);

// Redacts the store again, builds a new index from it and swaps it in atomically. Returns the
// cases indexed.
int64_t rebuild_index(Store& store, const DbPaths& paths, const Toolkit& kit);

// Residual identifiers: posts whose stored text the redactor would still change, and index terms
// that look like identifiers. Counts by type and post ids, never the identifiers themselves.
struct AuditReport {
  std::map<std::string, int64_t> by_type;                        // type → occurrences
  std::map<std::string, std::map<std::string, int64_t>> by_post;  // post id → type → count
  int64_t posts_scanned = 0;
  bool clean() const { return by_type.empty(); }
};
AuditReport audit(Store& store, const DbPaths& paths, const Toolkit& kit);

}  // namespace confrere
