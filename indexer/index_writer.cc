// Xapian documents (terms, prefixes and values of schema.h), the stub-file swap, the check.
#include "index_writer.h"

#include <fcntl.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_map>

#include "error.h"
#include "worker.h"
#include "schema.h"

namespace confrere {

namespace fs = std::filesystem;

std::string index_format() {
  return "confrere-index-1/analyzer-" + std::to_string(kAnalyzerVersion);
}

namespace {

constexpr size_t kMaxTermBytes = 100;     // Xapian's limit is 245; longer "words" are noise
constexpr const char* kBuildSuffix = ".build";  // an index being built by rebuild
constexpr unsigned kPositionGap = 100;    // between the case text and each answer (no phrase
                                          // matches across posts)
constexpr size_t kQueueDocs = 256;        // documents built but not yet handed to Xapian
constexpr size_t kFreshShards = 2;        // databases a rebuild writes at once (one per core)

[[noreturn]] void xapian_fail(const std::string& where, const Xapian::Error& e) {
  int code = (e.get_type() == std::string("DatabaseLockError")) ? kExitTempFail : kExitIoErr;
  throw Error(code, where + ": index: " + e.get_type() + ": " + e.get_msg());
}

// The live index directory named by the stub file ("auto index-000001"), or "" when none.
std::string live_name(const DbPaths& paths) {
  std::ifstream in(paths.stub());
  if (!in) return {};
  std::string kind, name;
  in >> kind >> name;
  return name;
}

int index_number(const std::string& name) {
  if (name.rfind("index-", 0) != 0) return 0;
  return std::atoi(name.c_str() + 6);
}

// Names of the index generations in the database directory (listed before any is removed).
std::vector<std::string> index_dirs(const DbPaths& paths) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(paths.dir, ec)) {
    std::string n = entry.path().filename().string();
    if (n.rfind("index-", 0) == 0) names.push_back(n);
  }
  return names;
}

void fsync_path(const std::string& path, bool directory) {
  int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// Atomically points the stub at `name`: write a temporary stub, fsync, rename over the old one.
void write_stub(const DbPaths& paths, const std::string& name) {
  std::string tmp = paths.stub() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << "auto " << name << "\n";
    out.flush();
    if (!out) throw Error(kExitIoErr, tmp + ": cannot write the index stub");
  }
  fsync_path(tmp, false);
  if (std::rename(tmp.c_str(), paths.stub().c_str()) != 0)
    throw Error(kExitIoErr, paths.stub() + ": cannot replace the index stub: " + std::strerror(errno));
  fsync_path(paths.dir, true);
}

}  // namespace

namespace {

// A change to an index, built on the caller's thread and written by a shard's writer thread.
struct Change {
  std::string id_term;  // the case's unique term
  std::string case_id;
  bool remove = false;
  Xapian::Document doc;
  std::vector<std::string> spelling;  // words for the "did you mean" data
};

// One Xapian database and the thread that writes to it. Documents are built on the caller's
// thread and written here (the two halves of indexing cost about the same: the two cores of a
// small machine share them). A Xapian object is used by one thread at a time: a change's
// document is not touched by the caller after it is queued, and the database only by the writer
// until drain() has emptied the queue.
class Shard {
 public:
  // `fresh`: a new database that gets each case once (add, no lookup of the id term).
  Shard(std::string path, bool fresh) : path_(std::move(path)), fresh_(fresh) {
    try {
      db_ = Xapian::WritableDatabase(path_, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
    } catch (const Xapian::Error& e) {
      xapian_fail(path_, e);
    }
  }

  // Checks the index format (or records it in a new database); then starts writing.
  void start(const std::string& where) {
    try {
      std::string format = db_.get_metadata(std::string(schema::kFormatKey));
      if (format.empty()) {
        db_.set_metadata(std::string(schema::kFormatKey), index_format());
      } else if (format != index_format()) {
        throw Error(kExitSoftware, where + ": the index was built by another version (" +
                                       format + "); rebuild needed: confrere-index rebuild");
      }
    } catch (const Xapian::Error& e) {
      xapian_fail(where, e);
    }
    writer_ = std::make_unique<BoundedWorker<Change>>(kQueueDocs, [this](Change& c) {
      try {
        write(c);
      } catch (const Xapian::Error& e) {
        xapian_fail(path_ + ": case " + c.case_id, e);
      }
    });
  }

  // Stops the writer: what is still queued was never committed, and the journal keeps it.
  ~Shard() { writer_.reset(); }

  void enqueue(Change&& c) { writer_->hand(std::move(c)); }

  // Waits until the writer thread has written every queued change; rethrows its failure.
  void drain() { writer_->drain(); }

  // REQUIRES: drain() returned (the writer is idle).
  void commit(const std::string& where) {
    try {
      // Spelling counts go to Xapian once per word and commit (a call per occurrence cost a
      // tenth of the writing).
      for (const auto& [word, n] : spelling_) db_.add_spelling(word, n);
      spelling_.clear();
      db_.commit();
    } catch (const Xapian::Error& e) {
      xapian_fail(where, e);
    }
  }

  void close() { db_.close(); }
  const std::string& path() const { return path_; }

 private:
  void write(Change& c) {
    if (c.remove) {
      db_.delete_document(c.id_term);
      return;
    }
    for (auto& w : c.spelling) ++spelling_[std::move(w)];
    if (fresh_) {
      db_.add_document(c.doc);
    } else {
      db_.replace_document(c.id_term, c.doc);
    }
  }

  std::string path_;
  bool fresh_;
  Xapian::WritableDatabase db_;
  std::unordered_map<std::string, Xapian::termcount> spelling_;  // the writer's, until commit
  std::unique_ptr<BoundedWorker<Change>> writer_;  // the thread that hands changes to Xapian
};

}  // namespace

class IndexWriter::Impl {
 public:
  // The live index is one database written in place. A fresh index (rebuild) is built as
  // kFreshShards databases in the build directory, each with its own writer thread, merged by
  // the compaction of swap_in(): the writing, most of a rebuild, is shared by both cores.
  Impl(const DbPaths& paths, const Analyzer& analyzer, const Thesaurus* thesaurus,
       std::string name, bool fresh)
      : paths_(paths), analyzer_(analyzer), thesaurus_(thesaurus), name_(std::move(name)),
        fresh_(fresh) {
    std::string dir = paths_.dir + "/" + name_;
    if (fresh_) {
      std::error_code ec;
      fs::create_directories(dir, ec);
      if (ec) throw Error(kExitIoErr, dir + ": cannot create: " + ec.message());
      for (size_t k = 0; k < kFreshShards; ++k)
        shards_.push_back(std::make_unique<Shard>(dir + "/shard-" + std::to_string(k), true));
    } else {
      shards_.push_back(std::make_unique<Shard>(dir, false));
    }
    for (auto& shard : shards_) shard->start(paths_.dir);
  }

  const std::string& stem(const std::string& term) {
    auto it = stems_.find(term);
    if (it != stems_.end()) return it->second;
    if (stems_.size() > 500000) stems_.clear();
    return stems_.emplace(term, std::string(schema::kPrefixStem) + stemmer_(term)).first->second;
  }

  // Indexes `text` from position `base`; returns the next free position.
  // `spelling`: where to collect words for the "did you mean" data, or null.
  // `positions`: the case's texts have their exact words with positions (phrase and exact
  // search); answers, most of the words, only their stems (searches match stems), which halves
  // the cost of writing them.
  Xapian::termpos add_text(Xapian::Document& doc, std::vector<std::string>* spelling,
                           const std::string& text, unsigned wdf, Xapian::termpos base,
                           bool hashtags, bool positions = true) {
    Xapian::termpos last = base;
    std::vector<Token> tokens = analyzer_.tokens(text);
    for (const Token& t : tokens) {
      if (t.stop || t.term.size() > kMaxTermBytes) continue;
      Xapian::termpos pos = base + t.pos + 1;
      if (positions) {
        doc.add_posting(t.term, pos, wdf);
      } else {
        answer_length_ += wdf;  // answers: stems only (see schema::kTermAnswerLength)
      }
      doc.add_term(stem(t.term), wdf);
      // Spelling data for "did you mean": words of redacted text only, never numbers.
      if (spelling && t.kind == Token::kWord && t.term.size() >= 4 &&
          t.term.find_first_of("0123456789") == std::string::npos)
        spelling->push_back(t.term);
      if (hashtags && t.kind == Token::kHashtag)
        doc.add_boolean_term(std::string(schema::kPrefixHashtag) + t.term);
      last = pos;
    }
    // Concepts of the case's own texts only: with the answers' too, paraphrase-dev measured the
    // same (MRR@10 0.322 against 0.325) for a third more lexicon matching.
    if (thesaurus_ && positions) {
      for (const auto& c : thesaurus_->concepts(tokens)) doc.add_term(c.term, wdf);
    }
    return last + kPositionGap;
  }

  void replace(const Thread& t) {
    Change c;
    try {
      build_document(t, c);
    } catch (const Xapian::Error& e) {
      xapian_fail(paths_.dir + ": case " + t.root.id, e);
    }
    shards_[next_shard_]->enqueue(std::move(c));
    next_shard_ = (next_shard_ + 1) % shards_.size();
  }

  void build_document(const Thread& t, Change& c) {
    Xapian::Document& doc = c.doc;
    const StoredPost& root = t.root;
    c.case_id = root.id;
    doc.set_data(root.id);
    c.id_term = std::string(schema::kPrefixId) + root.id;
    doc.add_boolean_term(c.id_term);
    // Spelling data from case texts only: drafts are cases too, and answers' words would be
    // a third of the indexing time.
    Xapian::termpos pos = add_text(doc, &c.spelling, root.text, schema::kWdfCase, 0, true);
    for (const auto& f : t.follow_ups) pos = add_text(doc, nullptr, f.text, schema::kWdfCase, pos, false);
    answer_length_ = 0;
    for (const auto& a : t.answers)
      pos = add_text(doc, nullptr, a.text, schema::kWdfAnswer, pos, false, /*positions=*/false);
    if (answer_length_ > 0) doc.add_term(std::string(schema::kTermAnswerLength), answer_length_);
    std::string specialties;
    for (const auto& s : t.tags.specialties) {
      doc.add_boolean_term(std::string(schema::kPrefixSpecialty) + s.code);
      if (!specialties.empty()) specialties.push_back('\n');
      specialties += s.code;
    }
    doc.add_boolean_term(std::string(schema::kPrefixNature) + t.tags.nature);
    doc.add_boolean_term(std::string(schema::kPrefixProfession) + root.profession);
    for (const auto& m : root.media) doc.add_boolean_term(std::string(schema::kPrefixMedia) + m);
    doc.add_value(schema::kSlotDate, root.created_at);
    doc.add_value(schema::kSlotLikes, Xapian::sortable_serialise(static_cast<double>(root.likes)));
    doc.add_value(schema::kSlotReposts,
                  Xapian::sortable_serialise(static_cast<double>(root.reposts)));
    doc.add_value(schema::kSlotAnswers,
                  Xapian::sortable_serialise(static_cast<double>(t.answers.size())));
    doc.add_value(schema::kSlotSpecialties, specialties);
    doc.add_value(schema::kSlotNature, t.tags.nature);
    doc.add_value(schema::kSlotProfession, root.profession);
  }

  // REQUIRES: the live index (a fresh one gets each case once and removes nothing).
  void remove(const std::string& case_id) {
    if (fresh_) throw Error(kExitSoftware, "internal error: remove from an index being rebuilt");
    Change c;
    c.remove = true;
    c.case_id = case_id;
    c.id_term = std::string(schema::kPrefixId) + case_id;
    shards_.front()->enqueue(std::move(c));
  }

  void commit() {
    for (auto& shard : shards_) shard->drain();
    for (auto& shard : shards_) shard->commit(paths_.dir);
    try {
      if (!fresh_ && live_name(paths_) != name_) write_stub(paths_, name_);
    } catch (const Xapian::Error& e) {
      xapian_fail(paths_.dir, e);
    }
  }

  // Compacts the built shards into the final index directory, points the stub at it, and
  // removes every other generation but the one just replaced (a reader may still be using it;
  // the next swap removes it).
  void swap_in() {
    commit();
    std::string old = live_name(paths_);
    std::string final_name = name_.substr(0, name_.size() - std::string(kBuildSuffix).size());
    try {
      Xapian::Database built;
      for (auto& shard : shards_) {
        shard->close();
        built.add_database(Xapian::Database(shard->path()));
      }
      built.compact(paths_.dir + "/" + final_name);
    } catch (const Xapian::Error& e) {
      xapian_fail(paths_.dir, e);
    }
    fsync_path(paths_.dir, true);
    write_stub(paths_, final_name);
    for (const auto& n : index_dirs(paths_)) {
      std::error_code ec;
      if (n != final_name && n != old) fs::remove_all(paths_.dir + "/" + n, ec);
    }
  }

  const DbPaths paths_;
  const Analyzer& analyzer_;
  const Thesaurus* thesaurus_;
  std::string name_;
  bool fresh_;
  Xapian::Stem stemmer_{"french"};
  std::unordered_map<std::string, std::string> stems_;
  Xapian::termcount answer_length_ = 0;  // the document being built's answer words
  std::vector<std::unique_ptr<Shard>> shards_;
  size_t next_shard_ = 0;
};

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexWriter::~IndexWriter() = default;

std::unique_ptr<IndexWriter> IndexWriter::open_live(const DbPaths& paths, const Analyzer& analyzer,
                                                    const Thesaurus* thesaurus) {
  std::string name = live_name(paths);
  if (name.empty() || !fs::exists(paths.dir + "/" + name)) name = "index-000001";
  return std::unique_ptr<IndexWriter>(
      new IndexWriter(std::make_unique<Impl>(paths, analyzer, thesaurus, name, false)));
}

std::unique_ptr<IndexWriter> IndexWriter::create_fresh(const DbPaths& paths,
                                                       const Analyzer& analyzer,
                                                       const Thesaurus* thesaurus) {
  std::string live = live_name(paths);
  int live_number = index_number(live);
  int next = live_number;
  for (const auto& n : index_dirs(paths)) {
    if (n == live) continue;
    next = std::max(next, index_number(n));
    // Leftovers of an interrupted rebuild (newer than the live index) are removed; the previous
    // generation stays for readers that may still have it open.
    bool leftover = index_number(n) > live_number || n.find(kBuildSuffix) != std::string::npos;
    std::error_code ec;
    if (leftover) fs::remove_all(paths.dir + "/" + n, ec);
  }
  char name[48];
  std::snprintf(name, sizeof name, "index-%06d%s", next + 1, kBuildSuffix);
  return std::unique_ptr<IndexWriter>(
      new IndexWriter(std::make_unique<Impl>(paths, analyzer, thesaurus, name, true)));
}

void IndexWriter::replace(const Thread& thread) { impl_->replace(thread); }
void IndexWriter::remove(const std::string& case_id) { impl_->remove(case_id); }
void IndexWriter::commit() { impl_->commit(); }
void IndexWriter::swap_in() { impl_->swap_in(); }

std::vector<std::pair<std::string, std::string>> suspicious_terms(
    const DbPaths& paths, const std::function<std::string(const std::string&)>& classify) {
  std::vector<std::pair<std::string, std::string>> found;
  try {
    Xapian::Database db(paths.stub());
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
      const std::string& term = *t;
      if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) continue;  // prefixed terms
      std::string type = classify(term);
      if (type.empty()) continue;
      for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p)
        found.emplace_back(db.get_document(*p).get_data(), type);
    }
  } catch (const Xapian::DatabaseOpeningError&) {
    return found;  // no index: nothing in it
  } catch (const Xapian::Error& e) {
    throw Error(kExitIoErr, paths.dir + ": index: " + e.get_type() + ": " + e.get_msg());
  }
  return found;
}

IndexCheck check_index(const DbPaths& paths, const std::vector<std::string>& case_ids) {
  IndexCheck result;
  std::string name = live_name(paths);
  if (name.empty()) {
    result.ok = case_ids.empty();
    if (!result.ok) result.problems.push_back(paths.stub() + ": no index; run confrere-index rebuild");
    result.missing = static_cast<int64_t>(case_ids.size());
    return result;
  }
  std::string dir = paths.dir + "/" + name;
  try {
    std::ostringstream out;
    size_t errors = Xapian::Database::check(dir, Xapian::DBCHECK_SHORT_TREE, &out);
    if (errors > 0) {
      result.ok = false;
      result.problems.push_back(dir + ": Xapian check found " + std::to_string(errors) + " errors");
    }
    Xapian::Database db(paths.stub());
    std::string format = db.get_metadata(std::string(schema::kFormatKey));
    if (format != index_format()) {
      result.ok = false;
      result.problems.push_back(dir + ": index format '" + format + "' is not '" + index_format() +
                                "': rebuild needed");
    }
    result.documents = db.get_doccount();
    std::set<std::string> expected(case_ids.begin(), case_ids.end());
    const std::string prefix(schema::kPrefixId);
    std::set<std::string> seen;
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
      std::string id = (*it).substr(prefix.size());
      if (it.get_termfreq() != 1) {
        result.ok = false;
        result.problems.push_back("case " + id + " is indexed " +
                                  std::to_string(it.get_termfreq()) + " times");
      }
      seen.insert(id);
      if (!expected.count(id)) ++result.extra;
    }
    for (const auto& id : expected) {
      if (!seen.count(id)) ++result.missing;
    }
    if (static_cast<int64_t>(seen.size()) != result.documents) {
      result.ok = false;
      result.problems.push_back(dir + ": " + std::to_string(result.documents) +
                                " documents but " + std::to_string(seen.size()) + " case ids");
    }
  } catch (const Xapian::Error& e) {
    result.ok = false;
    result.problems.push_back(dir + ": index: " + e.get_type() + ": " + e.get_msg());
    return result;
  }
  if (result.missing) {
    result.ok = false;
    result.problems.push_back(std::to_string(result.missing) + " stored cases are not indexed");
  }
  if (result.extra) {
    result.ok = false;
    result.problems.push_back(std::to_string(result.extra) + " indexed cases are not in the store");
  }
  return result;
}

}  // namespace confrere
