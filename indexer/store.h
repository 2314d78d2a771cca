// The system of record: every post, author, tag, rating and ingest run, in SQLite (WAL mode).
// sqlite3.h is included only in store.cc.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "post.h"

struct sqlite3;

namespace confrere {

// 2: tag_overrides, case_tags.human; 3: author_evidence (an author's profession across posts)
constexpr int kStoreSchemaVersion = 3;

struct StoreStats {
  int64_t posts = 0, cases = 0, replies = 0, orphans = 0, authors = 0, photos = 0;
  int64_t pending_index = 0;  // cases waiting to be (re)indexed
  std::map<std::string, int64_t> by_specialty, by_nature, by_profession;  // cases, primary tags
  std::string last_run_finished_at, last_run_status;
};

struct RunCounts {
  int64_t added = 0, updated = 0, unchanged = 0, rejected = 0;
};

class Store {
 public:
  enum class Mode { kReadOnly, kReadWrite };
  // Opens (kReadWrite: creates) the store at `path`. Throws Error with a one-line message.
  Store(const std::string& path, Mode mode);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  void begin();
  void commit();
  void rollback();

  enum class Upsert { kAdded, kUpdated, kUnchanged };
  // Inserts or updates a post by id. A new or changed post queues its case for indexing; when
  // it changes what its author is known as, the author's cases that say nothing of it are
  // queued too (their poster's profession is the author's, below).
  // REQUIRES: inside begin()/commit().
  Upsert upsert(const Post& post);

  // Gives replies whose thread root has arrived their case id, and queues those cases.
  // REQUIRES: inside begin()/commit().
  void attach_orphans();

  // Cases waiting in the index queue (a journal: they stay until done_cases), in id order,
  // after `after` when it is given.
  std::vector<std::string> pending_cases(size_t limit, const std::string& after = "");
  void done_cases(const std::vector<std::string>& case_ids);
  void queue_case(const std::string& case_id);

  // A post's `profession` is its own evidence (bio, name, self-description) or, when that says
  // nothing, what its author's other posts say most often ("je suis sage-femme" in one post
  // names the poster of all of them); `own_profession` is the former alone.
  std::optional<StoredPost> post(const std::string& id);
  // The case and all its replies, with stored tags. nullopt when `case_id` is not a stored case.
  std::optional<Thread> thread(const std::string& case_id);
  CaseTags tags(const std::string& case_id);
  void set_tags(const std::string& case_id, const CaseTags& tags);

  // A person's correction of a case's tags; it survives re-ingest and rebuild.
  TagOverride tag_override(const std::string& case_id);
  // An empty override removes the correction. Queues the case for indexing.
  void set_tag_override(const std::string& case_id, const TagOverride& o);

  // Every post in the order it was first stored, with its case's tags for cases.
  void for_each_post(const std::function<void(const StoredPost&, const CaseTags*)>& fn);
  void for_each_case_id(const std::function<void(const std::string&)>& fn);
  int64_t case_count();
  bool empty();  // no post at all

  StoreStats stats();
  // "" when PRAGMA integrity_check says ok, else its first message.
  std::string integrity_check();
  // How many authors' author_evidence rows disagree with their posts (0 for a store older than
  // version 3, which has none yet).
  int64_t author_evidence_drift();
  // Recounts author_evidence from the posts (rebuild repairs a drift with it).
  // REQUIRES: inside begin()/commit().
  void recount_author_evidence();

  // Moves the WAL's content into the database file and empties the WAL (best effort: skipped
  // while readers hold old snapshots).
  void checkpoint();

  std::string meta(const std::string& key);
  void set_meta(const std::string& key, const std::string& value);

  int64_t begin_run(const std::string& command);
  void end_run(int64_t run_id, const RunCounts& counts, const std::string& status);

 private:
  class Stmt;
  Stmt& stmt(const char* sql);
  void exec(const char* sql);
  void create_schema();
  void migrate(int64_t from_version);
  // What an author's posts say they are most often; "" when none says anything.
  std::string author_profession(const std::string& author_id);

  // The post columns read_post() reads, and the queries that use them: set at open, as a store
  // older than version 3 opened read-only has no author_evidence table.
  bool has_author_evidence_ = false;
  std::string shown_profession_, post_columns_, post_sql_, replies_sql_, all_posts_sql_;
  sqlite3* db_ = nullptr;
  std::string path_;
  std::map<const char*, std::unique_ptr<Stmt>> stmts_;
};

}  // namespace confrere
