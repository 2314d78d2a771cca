// Pipeline stages glued together, with batched store transactions and an index journal.
#include "pipeline.h"

#include <fstream>

#include "error.h"
#include "normalize.h"

namespace confrere {

namespace {
constexpr size_t kBatchPosts = 2000;   // posts per store transaction
constexpr size_t kIndexBatch = 1000;   // queued cases tagged and indexed per store transaction
constexpr size_t kIndexCommit = 20000; // cases per index commit (a commit syncs several files)
}  // namespace

Toolkit::Toolkit(const std::string& dir, bool tagging, const std::string& compiled_thesaurus)
    : data_dir(dir),
      analyzer(Analyzer::from_data_dir(dir)),
      tagger_loading_(tagging ? std::async(std::launch::async,
                                           [this] { return std::make_unique<Tagger>(data_dir, analyzer); })
                              : std::future<std::unique_ptr<Tagger>>()),
      redactor(Redactor::from_data_dir(dir)),
      thesaurus(compiled_thesaurus.empty() ? Thesaurus::from_data_dir(dir, analyzer)
                                           : Thesaurus::load_compiled(compiled_thesaurus)),
      tagger_(tagger_loading_.valid() ? tagger_loading_.get() : nullptr) {}

Post prepare(RawPost&& raw, const Toolkit& kit) {
  Post p;
  static_cast<RawPost&>(p) = std::move(raw);
  p.text = kit.redactor.redact(to_nfc(p.text));
  p.author_name = to_nfc(p.author_name);
  p.author_bio = to_nfc(p.author_bio);
  p.profession = kit.tagger().profession(p.author_name, p.author_bio, p.text);
  return p;
}

namespace {
constexpr size_t kPrepareBatch = 256;  // posts handed to the preparing thread at a time
constexpr size_t kMaxInFlight = 8;     // batches handed over and not yet stored
}  // namespace

Ingester::Ingester(Store& store, IndexWriter& index, const Toolkit& kit,
                   std::function<void(const Reject&)> on_reject)
    : store_(store), index_(index), kit_(kit), on_reject_(std::move(on_reject)),
      // The preparing thread: the only user of the redactor and the profession tagger while it
      // runs. Destroyed before finish(), it prepares nothing more.
      preparer_(kMaxInFlight, [this](std::vector<RawPost>& raw) {
        std::vector<Post> done;
        done.reserve(raw.size());
        for (auto& r : raw) done.push_back(prepare(std::move(r), kit_));
        std::lock_guard<std::mutex> lock(ready_mu_);
        ready_batches_.push_back(std::move(done));
      }) {}

void Ingester::post(RawPost&& raw) {
  if (finished_) throw Error(kExitSoftware, "internal error: a post after the ingest finished");
  reading_.push_back(std::move(raw));
  if (reading_.size() >= kPrepareBatch) hand_over();
}

void Ingester::hand_over() {
  if (reading_.empty()) return;
  // Waits only when too many batches are handed over and not prepared (bounded memory).
  preparer_.hand(std::move(reading_));
  reading_.clear();
  store_prepared(false);
}

// Stores the prepared batches, in order; with `wait_all`, once every handed batch is prepared.
void Ingester::store_prepared(bool wait_all) {
  if (wait_all) preparer_.drain();
  for (;;) {
    std::vector<Post> batch;
    {
      std::lock_guard<std::mutex> lock(ready_mu_);
      if (ready_batches_.empty()) return;
      batch = std::move(ready_batches_.front());
      ready_batches_.pop_front();
    }
    for (const Post& p : batch) store(p);
  }
}

void Ingester::store(const Post& p) {
  if (!in_transaction_) {
    store_.begin();
    in_transaction_ = true;
  }
  switch (store_.upsert(p)) {
    case Store::Upsert::kAdded: ++report_.counts.added; break;
    case Store::Upsert::kUpdated: ++report_.counts.updated; break;
    case Store::Upsert::kUnchanged: ++report_.counts.unchanged; break;
  }
  if (++in_batch_ >= kBatchPosts) {
    commit_batch();
    if (on_progress_) on_progress_(report_);
  }
}

void Ingester::reject(Reject&& r) {
  ++report_.counts.rejected;
  on_reject_(r);
}

void Ingester::commit_batch() {
  if (in_transaction_) {
    store_.attach_orphans();
    store_.commit();
    in_transaction_ = false;
  }
  in_batch_ = 0;
}

void Ingester::finish() {
  if (finished_) return;
  finished_ = true;
  hand_over();
  store_prepared(true);
  preparer_.stop();  // the tagger is the indexing's from here on
  commit_batch();
  report_.indexed += index_pending(store_, index_, kit_);
}

namespace {

// Tags a case from its thread, a person's correction on top, and stores the result.
// REQUIRES: inside begin()/commit().
void retag(Store& store, const Toolkit& kit, const std::string& case_id, Thread& thread) {
  thread.tags = kit.tagger().tag_case(thread);
  apply_override(thread.tags, store.tag_override(case_id));
  store.set_tags(case_id, thread.tags);
}

}  // namespace

int64_t index_pending(Store& store, IndexWriter& index, const Toolkit& kit) {
  int64_t total = 0;
  std::vector<std::string> uncommitted;  // indexed, not yet committed to the index
  auto commit = [&] {
    // The index commits before the journal forgets: a crash in between only re-indexes.
    index.commit();
    store.begin();
    store.done_cases(uncommitted);
    store.commit();
    uncommitted.clear();
  };
  std::string after;
  for (;;) {
    std::vector<std::string> ids = store.pending_cases(kIndexBatch, after);
    if (ids.empty()) break;
    after = ids.back();
    store.begin();
    for (const auto& id : ids) {
      auto thread = store.thread(id);
      if (!thread) {
        index.remove(id);  // no longer a case (its root was edited into a reply)
        continue;
      }
      retag(store, kit, id, *thread);
      index.replace(*thread);
      ++total;
    }
    store.commit();
    uncommitted.insert(uncommitted.end(), ids.begin(), ids.end());
    if (uncommitted.size() >= kIndexCommit) commit();
  }
  commit();
  return total;
}

namespace {

// A hash of data files' bytes (FNV-1a).
uint64_t hash_files(const Toolkit& kit, std::initializer_list<const char*> names) {
  uint64_t h = 1469598103934665603ULL;
  for (const char* name : names) {
    std::ifstream in(kit.data_dir + "/" + name, std::ios::binary);
    char buf[1 << 14];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
      for (std::streamsize i = 0; i < in.gcount(); ++i) {
        h ^= static_cast<unsigned char>(buf[i]);
        h *= 1099511628211ULL;
      }
    }
  }
  return h;
}

}  // namespace

std::string texts_pass_key(const Toolkit& kit) {
  // The posters' professions are redone with the texts: their rules are the tagger's.
  return "redactor-" + std::to_string(kRedactorVersion) + "/tagger-" + std::to_string(kTaggerVersion) +
         "/lexicons-" +
         std::to_string(hash_files(kit, {"lexicons/first-names.txt", "lexicons/not-names.txt",
                                         "lexicons/professions.tsv", "stopwords-fr.txt"}));
}

std::string tags_key(const Toolkit& kit) {
  return "tagger-" + std::to_string(kTaggerVersion) + "/analyzer-" +
         std::to_string(kAnalyzerVersion) + "/lexicons-" +
         std::to_string(hash_files(kit, {"lexicons/specialties.tsv", "lexicons/natures.tsv",
                                         "lexicons/professions.tsv", "stopwords-fr.txt"}));
}


int64_t reredact_store(Store& store, const Toolkit& kit) {
  std::string key = texts_pass_key(kit);
  if (store.meta("texts_pass") == key) return 0;  // nothing it depends on has changed
  std::vector<Post> changed;
  store.for_each_post([&](const StoredPost& p, const CaseTags*) {
    std::string again = kit.redactor.redact(p.text);
    std::string profession = kit.tagger().profession(p.author_name, p.author_bio, again);
    if (again == p.text && profession == p.own_profession) return;
    Post np = static_cast<const Post&>(p);
    np.text = std::move(again);
    np.profession = std::move(profession);  // lexicons may have changed too
    changed.push_back(std::move(np));
  });
  if (!changed.empty()) {
    store.begin();
    for (const auto& p : changed) store.upsert(p);
    store.commit();
  }
  store.begin();
  store.set_meta("redactor_version", std::to_string(kRedactorVersion));
  store.set_meta("texts_pass", key);
  store.commit();
  return static_cast<int64_t>(changed.size());
}

int64_t rebuild_index(Store& store, const DbPaths& paths, const Toolkit& kit) {
  reredact_store(store, kit);
  // The authors' evidence is derived from the posts: recounted, whatever happened to it.
  store.begin();
  store.recount_author_evidence();
  store.commit();
  // Tags are recomputed only when what they depend on changed; human corrections always apply.
  std::string key = tags_key(kit);
  bool tags_changed = store.meta("tags_pass") != key;
  auto fresh = IndexWriter::create_fresh(paths, kit.analyzer, &kit.thesaurus);
  kit.thesaurus.save(paths.thesaurus());  // the groups searches will use
  std::vector<std::string> ids;
  store.for_each_case_id([&](const std::string& id) { ids.push_back(id); });
  int64_t total = 0;
  for (size_t start = 0; start < ids.size(); start += kIndexBatch) {
    size_t end = std::min(ids.size(), start + kIndexBatch);
    store.begin();
    for (size_t i = start; i < end; ++i) {
      auto thread = store.thread(ids[i]);
      if (!thread) continue;
      if (tags_changed) retag(store, kit, ids[i], *thread);
      fresh->replace(*thread);
      ++total;
    }
    store.commit();
  }
  fresh->swap_in();
  // Everything queued before the rebuild is in the new index now.
  store.begin();
  store.done_cases(ids);
  store.set_meta("tags_pass", key);
  store.commit();
  store.checkpoint();
  return total;
}

namespace {

// The identifier type of an index term, or "". Terms are folded, so a name cannot be told
// from a word ("manuel", "benjamin"): names are audited in the store's texts, from which the
// index is rebuilt; numbers are audited in both.
std::string classify_term(const std::string& term) {
  bool digits = !term.empty() && term.find_first_not_of("0123456789") == std::string::npos;
  if (!digits) return {};
  if (term.size() == 10 && term[0] == '0' && term[1] != '0') return "phone";
  if ((term.size() == 13 || term.size() == 15) && (term[0] == '1' || term[0] == '2')) return "nir";
  return {};
}

}  // namespace

AuditReport audit(Store& store, const DbPaths& paths, const Toolkit& kit) {
  AuditReport r;
  store.for_each_post([&](const StoredPost& p, const CaseTags*) {
    ++r.posts_scanned;
    RedactionCounts counts;
    kit.redactor.redact(p.text, &counts);
    for (size_t t = 0; t < kIdentifierTypes; ++t) {
      if (!counts.by_type[t]) continue;
      std::string type(type_name(static_cast<IdentifierType>(t)));
      r.by_type[type] += counts.by_type[t];
      r.by_post[p.id][type] += counts.by_type[t];
    }
  });
  for (const auto& [case_id, type] : suspicious_terms(paths, classify_term)) {
    r.by_type["index_" + type] += 1;
    r.by_post[case_id]["index_" + type] += 1;
  }
  return r;
}

}  // namespace confrere
