// SQLite store: schema and migrations (user_version), upserts, threads, tags, runs.
#include "store.h"

#include <sqlite3.h>

#include <ctime>

#include "error.h"

namespace confrere {

// A prepared statement, reset after each use.
class Store::Stmt {
 public:
  Stmt(sqlite3* db, const char* sql, const std::string& where) : db_(db), where_(where) {
    int rc = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s_, nullptr);
    if (rc != SQLITE_OK) throw Error(exit_code(rc), where_ + ": " + sqlite3_errmsg(db));
  }
  static int exit_code(int rc) {
    switch (rc & 0xff) {
      case SQLITE_BUSY: case SQLITE_LOCKED: return kExitTempFail;
      case SQLITE_IOERR: case SQLITE_FULL: case SQLITE_CORRUPT: case SQLITE_NOTADB:
      case SQLITE_CANTOPEN: case SQLITE_READONLY: case SQLITE_PERM: return kExitIoErr;
      default: return kExitSoftware;
    }
  }
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt& bind(int i, const std::string& v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& bind(int i, const std::optional<std::string>& v) {
    if (v) return bind(i, *v);
    sqlite3_bind_null(s_, i);
    return *this;
  }
  Stmt& bind(int i, int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  Stmt& bind(int i, double v) {
    sqlite3_bind_double(s_, i, v);
    return *this;
  }
  Stmt& bind_null(int i) {
    sqlite3_bind_null(s_, i);
    return *this;
  }
  // true while a row is available.
  bool step() {
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    std::string msg = sqlite3_errmsg(db_);
    sqlite3_reset(s_);
    throw Error(exit_code(rc), where_ + ": " + msg);
  }
  void run() {
    step();
    reset();
  }
  void reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  std::string text(int col) const {
    const unsigned char* t = sqlite3_column_text(s_, col);
    return t ? std::string(reinterpret_cast<const char*>(t),
                           static_cast<size_t>(sqlite3_column_bytes(s_, col)))
             : std::string();
  }
  bool is_null(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }
  int64_t integer(int col) const { return sqlite3_column_int64(s_, col); }
  double real(int col) const { return sqlite3_column_double(s_, col); }

 private:
  sqlite3* db_;
  const std::string& where_;
  sqlite3_stmt* s_ = nullptr;
};

namespace {

uint64_t fnv1a(uint64_t h, const std::string& s) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  h ^= 0xff;  // field separator
  h *= 1099511628211ULL;
  return h;
}

std::string join_media(const std::vector<std::string>& media) {
  std::string out;
  for (const auto& m : media) {
    if (!out.empty()) out.push_back(',');
    out += m;
  }
  return out;
}

std::vector<std::string> split_media(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

// A fingerprint of everything stored about a post: equal means re-ingesting changes nothing.
int64_t fingerprint(const Post& p) {
  uint64_t h = 1469598103934665603ULL;
  h = fnv1a(h, p.id);
  h = fnv1a(h, p.reply_to ? "r" + *p.reply_to : std::string("-"));
  h = fnv1a(h, p.created_at);
  h = fnv1a(h, p.has_author ? "a" : "-");
  h = fnv1a(h, p.author_id);
  h = fnv1a(h, p.author_name);
  h = fnv1a(h, p.author_bio);
  h = fnv1a(h, p.text);
  h = fnv1a(h, std::to_string(p.likes));
  h = fnv1a(h, std::to_string(p.reposts));
  h = fnv1a(h, join_media(p.media));
  h = fnv1a(h, p.source);
  h = fnv1a(h, p.profession);
  return static_cast<int64_t>(h);
}

std::string now_utc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

constexpr const char* kPostColumns =
    "id, reply_to, case_id, created_at, has_author, author_id, author_name, author_bio, text, "
    "likes, reposts, media, source, ";
// The post's own profession or, when it says nothing, the one its author's posts say most often
// (ties: the first code in alphabetical order).
constexpr const char* kShownProfession =
    "CASE WHEN profession <> 'inconnu' OR author_id = '' THEN profession ELSE coalesce("
    "(SELECT e.profession FROM author_evidence e WHERE e.author_id = posts.author_id"
    " ORDER BY e.posts DESC, e.profession LIMIT 1), 'inconnu') END";

}  // namespace

Store::Store(const std::string& path, Mode mode) : path_(path) {
  int flags = mode == Mode::kReadOnly ? SQLITE_OPEN_READONLY
                                      : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  flags |= SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error(mode == Mode::kReadOnly ? kExitNoInput : kExitIoErr,
                path + ": cannot open the store: " + msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 10000);
  try {
    // A damaged or foreign file fails here with SQLite's own words.
    Stmt v(db_, "PRAGMA user_version", path_);
    v.step();
    int64_t version = v.integer(0);
    v.reset();
    if (version > kStoreSchemaVersion) {
      throw Error(kExitSoftware, path + ": store format " + std::to_string(version) +
                                     " is newer than this program's (" +
                                     std::to_string(kStoreSchemaVersion) + "); upgrade Confrère");
    }
    if (mode == Mode::kReadWrite) {
      exec("PRAGMA journal_mode=WAL");
      exec("PRAGMA synchronous=NORMAL");
      exec("PRAGMA foreign_keys=ON");
      // Deleted or overwritten content (an older, less redacted text) is zeroed, not left in
      // free pages.
      exec("PRAGMA secure_delete=ON");
      if (version == 0) create_schema();
      if (version < kStoreSchemaVersion) migrate(version == 0 ? 1 : version);
    } else if (version == 0) {
      throw Error(kExitNoInput, path + ": empty store (nothing ingested yet)");
    }
    // A store older than version 3 opened read-only has no author_evidence: own professions.
    has_author_evidence_ = mode == Mode::kReadWrite || version >= 3;
    shown_profession_ = has_author_evidence_ ? kShownProfession : "profession";
    post_columns_ = std::string(kPostColumns) + shown_profession_ + ", profession";
    post_sql_ = "SELECT " + post_columns_ + " FROM posts WHERE id = ?";
    replies_sql_ = "SELECT " + post_columns_ + " FROM posts WHERE case_id = ? AND id <> case_id ORDER BY rowid";
    all_posts_sql_ = "SELECT " + post_columns_ + " FROM posts ORDER BY rowid";
  } catch (...) {
    stmts_.clear();
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

Store::~Store() {
  stmts_.clear();
  if (db_) sqlite3_close(db_);
}

void Store::exec(const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw Error(Stmt::exit_code(rc), path_ + ": " + msg);
  }
}

Store::Stmt& Store::stmt(const char* sql) {
  auto it = stmts_.find(sql);
  if (it != stmts_.end()) return *it->second;
  auto s = std::make_unique<Stmt>(db_, sql, path_);
  Stmt& ref = *s;
  stmts_.emplace(sql, std::move(s));
  return ref;
}

void Store::create_schema() {
  exec(R"SQL(
BEGIN;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- Every post, case or reply, exactly as it will be exported (texts NFC and redacted).
CREATE TABLE IF NOT EXISTS posts (
  id          TEXT PRIMARY KEY,
  reply_to    TEXT,              -- NULL for a case
  case_id     TEXT,              -- the thread root; NULL while the root has not arrived
  created_at  TEXT NOT NULL DEFAULT '',
  has_author  INTEGER NOT NULL DEFAULT 0,
  author_id   TEXT NOT NULL DEFAULT '',
  author_name TEXT NOT NULL DEFAULT '',
  author_bio  TEXT NOT NULL DEFAULT '',
  text        TEXT NOT NULL,
  likes       INTEGER NOT NULL DEFAULT 0,
  reposts     INTEGER NOT NULL DEFAULT 0,
  media       TEXT NOT NULL DEFAULT '',  -- media types, comma-separated
  source      TEXT NOT NULL DEFAULT 'jsonl',
  profession  TEXT NOT NULL DEFAULT 'inconnu',
  fingerprint INTEGER NOT NULL,
  first_seen  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS posts_case ON posts(case_id);
CREATE INDEX IF NOT EXISTS posts_orphans ON posts(reply_to) WHERE case_id IS NULL;
CREATE INDEX IF NOT EXISTS posts_author ON posts(author_id);
-- Authors as last seen (name, bio, profession), derived from posts.
CREATE VIEW IF NOT EXISTS authors AS
  SELECT author_id AS id, author_name AS name, author_bio AS bio, profession
  FROM posts WHERE author_id <> '' GROUP BY author_id HAVING max(rowid);
CREATE TABLE IF NOT EXISTS case_tags (
  case_id  TEXT PRIMARY KEY,
  nature   TEXT NOT NULL,
  primary_specialty TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS case_specialties (
  case_id TEXT NOT NULL,
  rank    INTEGER NOT NULL,   -- 0 = primary
  code    TEXT NOT NULL,
  score   REAL NOT NULL,
  PRIMARY KEY (case_id, rank)
);
-- Journal of cases whose index document must be (re)written; emptied as the index commits.
CREATE TABLE IF NOT EXISTS index_queue (case_id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS ingest_runs (
  id INTEGER PRIMARY KEY,
  command TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  added INTEGER, updated INTEGER, unchanged INTEGER, rejected INTEGER,
  status TEXT NOT NULL DEFAULT 'running'
);
PRAGMA user_version = 1;
COMMIT;
)SQL");
}

// Schema migrations, one step per version; each runs in its own transaction.
void Store::migrate(int64_t from) {
  if (from < 2) {
    exec(R"SQL(
BEGIN;
CREATE TABLE IF NOT EXISTS tag_overrides (
  case_id     TEXT PRIMARY KEY,
  specialties TEXT NOT NULL DEFAULT '',  -- codes, comma-separated, best first; '' = tagger's
  nature      TEXT NOT NULL DEFAULT '',  -- '' = tagger's
  updated_at  TEXT NOT NULL
);
ALTER TABLE case_tags ADD COLUMN human INTEGER NOT NULL DEFAULT 0;
PRAGMA user_version = 2;
COMMIT;
)SQL");
  }
  if (from < 3) {
    // What each author's posts say they are, kept by triggers on every write to posts; the
    // cases whose poster's profession it names are queued for indexing.
    exec(R"SQL(
BEGIN;
CREATE TABLE IF NOT EXISTS author_evidence (
  author_id  TEXT NOT NULL,
  profession TEXT NOT NULL,
  posts      INTEGER NOT NULL,   -- the author's posts whose own evidence names it
  PRIMARY KEY (author_id, profession)
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS author_evidence_insert AFTER INSERT ON posts
WHEN NEW.author_id <> '' AND NEW.profession <> 'inconnu' BEGIN
  INSERT INTO author_evidence VALUES (NEW.author_id, NEW.profession, 1)
    ON CONFLICT(author_id, profession) DO UPDATE SET posts = posts + 1;
END;
CREATE TRIGGER IF NOT EXISTS author_evidence_update AFTER UPDATE OF author_id, profession ON posts
WHEN OLD.author_id IS NOT NEW.author_id OR OLD.profession IS NOT NEW.profession BEGIN
  UPDATE author_evidence SET posts = posts - 1
    WHERE author_id = OLD.author_id AND profession = OLD.profession;
  DELETE FROM author_evidence
    WHERE author_id = OLD.author_id AND profession = OLD.profession AND posts <= 0;
  INSERT INTO author_evidence
    SELECT NEW.author_id, NEW.profession, 1
    WHERE NEW.author_id <> '' AND NEW.profession <> 'inconnu'
    ON CONFLICT(author_id, profession) DO UPDATE SET posts = posts + 1;
END;
CREATE TRIGGER IF NOT EXISTS author_evidence_delete AFTER DELETE ON posts BEGIN
  UPDATE author_evidence SET posts = posts - 1
    WHERE author_id = OLD.author_id AND profession = OLD.profession;
  DELETE FROM author_evidence
    WHERE author_id = OLD.author_id AND profession = OLD.profession AND posts <= 0;
END;
)SQL");
    recount_author_evidence();  // the authors' posts so far
    exec(R"SQL(
INSERT OR IGNORE INTO index_queue(case_id)
  SELECT id FROM posts WHERE reply_to IS NULL AND profession = 'inconnu'
    AND author_id IN (SELECT author_id FROM author_evidence);
PRAGMA user_version = 3;
COMMIT;
)SQL");
  }
}

std::string Store::author_profession(const std::string& author_id) {
  Stmt& q = stmt("SELECT profession FROM author_evidence WHERE author_id = ?"
                 " ORDER BY posts DESC, profession LIMIT 1");
  q.bind(1, author_id);
  std::string out = q.step() ? q.text(0) : std::string();
  q.reset();
  return out;
}

void Store::begin() { exec("BEGIN IMMEDIATE"); }
void Store::commit() { exec("COMMIT"); }
void Store::rollback() {
  if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

void Store::queue_case(const std::string& case_id) {
  stmt("INSERT OR IGNORE INTO index_queue(case_id) VALUES (?)").bind(1, case_id).run();
}

Store::Upsert Store::upsert(const Post& p) {
  int64_t fp = fingerprint(p);
  std::optional<std::string> old_case;
  bool exists = false;
  std::string old_author, old_profession;
  {
    Stmt& q = stmt("SELECT fingerprint, case_id, author_id, profession FROM posts WHERE id = ?");
    q.bind(1, p.id);
    if (q.step()) {
      exists = true;
      if (q.integer(0) == fp) {
        q.reset();
        return Upsert::kUnchanged;
      }
      if (!q.is_null(1)) old_case = q.text(1);
      old_author = q.text(2);
      old_profession = q.text(3);
    }
    q.reset();
  }
  // The authors whose evidence this write may change, and what they are known as before it.
  std::vector<std::pair<std::string, std::string>> authors;  // (author, profession before)
  bool withdraws = exists && !old_author.empty() && old_profession != "inconnu" &&
                   (old_author != p.author_id || old_profession != p.profession);
  if (withdraws) authors.emplace_back(old_author, author_profession(old_author));
  if (!p.author_id.empty() && p.profession != "inconnu" &&
      (!exists || old_author != p.author_id || old_profession != p.profession)) {
    // One more post saying what the author is already known as changes nothing (the common
    // case: a bio that names the profession on every post).
    std::string before = author_profession(p.author_id);
    if (before != p.profession || (withdraws && old_author == p.author_id))
      authors.emplace_back(p.author_id, std::move(before));
  }
  std::optional<std::string> case_id;
  if (!p.reply_to) {
    case_id = p.id;
  } else {
    Stmt& q = stmt("SELECT case_id FROM posts WHERE id = ?");
    q.bind(1, *p.reply_to);
    if (q.step() && !q.is_null(0)) case_id = q.text(0);
    q.reset();
  }
  std::string now = now_utc();
  stmt(
      "INSERT INTO posts (id, reply_to, case_id, created_at, has_author, author_id, author_name,"
      " author_bio, text, likes, reposts, media, source, profession, fingerprint, first_seen,"
      " updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?16)"
      " ON CONFLICT(id) DO UPDATE SET reply_to=?2, case_id=?3, created_at=?4, has_author=?5,"
      " author_id=?6, author_name=?7, author_bio=?8, text=?9, likes=?10, reposts=?11, media=?12,"
      " source=?13, profession=?14, fingerprint=?15, updated_at=?16")
      .bind(1, p.id)
      .bind(2, p.reply_to)
      .bind(3, case_id)
      .bind(4, p.created_at)
      .bind(5, static_cast<int64_t>(p.has_author))
      .bind(6, p.author_id)
      .bind(7, p.author_name)
      .bind(8, p.author_bio)
      .bind(9, p.text)
      .bind(10, p.likes)
      .bind(11, p.reposts)
      .bind(12, join_media(p.media))
      .bind(13, p.source)
      .bind(14, p.profession)
      .bind(15, fp)
      .bind(16, now)
      .run();
  if (case_id) queue_case(*case_id);
  if (old_case && old_case != case_id) queue_case(*old_case);
  // An author now known as something else: the cases whose poster's profession is theirs (the
  // root says nothing of it) are indexed again, under the new profession.
  for (const auto& [author, before] : authors) {
    if (author_profession(author) == before) continue;
    stmt("INSERT OR IGNORE INTO index_queue(case_id) SELECT id FROM posts"
         " WHERE author_id = ? AND reply_to IS NULL AND profession = 'inconnu'")
        .bind(1, author)
        .run();
  }
  if (!p.tag_override.empty() && !p.reply_to) set_tag_override(p.id, p.tag_override);
  return exists ? Upsert::kUpdated : Upsert::kAdded;
}

void Store::attach_orphans() {
  for (;;) {
    stmt(
        "INSERT OR IGNORE INTO index_queue(case_id) SELECT DISTINCT p.case_id FROM posts o"
        " JOIN posts p ON p.id = o.reply_to WHERE o.case_id IS NULL AND p.case_id IS NOT NULL")
        .run();
    stmt(
        "UPDATE posts SET case_id = (SELECT p.case_id FROM posts p WHERE p.id = posts.reply_to)"
        " WHERE case_id IS NULL AND reply_to IN (SELECT id FROM posts WHERE case_id IS NOT NULL)")
        .run();
    if (sqlite3_changes(db_) == 0) break;
  }
}

std::vector<std::string> Store::pending_cases(size_t limit, const std::string& after) {
  std::vector<std::string> out;
  Stmt& q = stmt("SELECT case_id FROM index_queue WHERE case_id > ? ORDER BY case_id LIMIT ?");
  q.bind(1, after);
  q.bind(2, static_cast<int64_t>(limit));
  while (q.step()) out.push_back(q.text(0));
  q.reset();
  return out;
}

void Store::done_cases(const std::vector<std::string>& case_ids) {
  Stmt& d = stmt("DELETE FROM index_queue WHERE case_id = ?");
  for (const auto& id : case_ids) d.bind(1, id).run();
}

namespace {

template <class Q>
void read_post(const Q& q, int first, StoredPost& p) {
  p.id = q.text(first + 0);
  if (q.is_null(first + 1)) p.reply_to.reset(); else p.reply_to = q.text(first + 1);
  p.case_id = q.text(first + 2);
  p.created_at = q.text(first + 3);
  p.has_author = q.integer(first + 4) != 0;
  p.author_id = q.text(first + 5);
  p.author_name = q.text(first + 6);
  p.author_bio = q.text(first + 7);
  p.text = q.text(first + 8);
  p.likes = q.integer(first + 9);
  p.reposts = q.integer(first + 10);
  p.media = split_media(q.text(first + 11));
  p.source = q.text(first + 12);
  p.profession = q.text(first + 13);
  p.own_profession = q.text(first + 14);
}

}  // namespace

std::optional<StoredPost> Store::post(const std::string& id) {
  Stmt& q = stmt(post_sql_.c_str());
  q.bind(1, id);
  std::optional<StoredPost> out;
  if (q.step()) {
    out.emplace();
    read_post(q, 0, *out);
  }
  q.reset();
  return out;
}

CaseTags Store::tags(const std::string& case_id) {
  CaseTags t;
  Stmt& n = stmt("SELECT nature, human FROM case_tags WHERE case_id = ?");
  n.bind(1, case_id);
  if (n.step()) {
    t.nature = n.text(0);
    t.human = n.integer(1) != 0;
  }
  n.reset();
  Stmt& s = stmt("SELECT code, score FROM case_specialties WHERE case_id = ? ORDER BY rank");
  s.bind(1, case_id);
  while (s.step()) t.specialties.push_back({s.text(0), s.real(1)});
  s.reset();
  return t;
}

void Store::set_tags(const std::string& case_id, const CaseTags& tags) {
  stmt("INSERT OR REPLACE INTO case_tags(case_id, nature, primary_specialty, human) VALUES (?,?,?,?)")
      .bind(1, case_id)
      .bind(2, tags.nature)
      .bind(3, tags.primary())
      .bind(4, static_cast<int64_t>(tags.human))
      .run();
  stmt("DELETE FROM case_specialties WHERE case_id = ?").bind(1, case_id).run();
  Stmt& ins = stmt("INSERT INTO case_specialties(case_id, rank, code, score) VALUES (?,?,?,?)");
  for (size_t i = 0; i < tags.specialties.size(); ++i) {
    ins.bind(1, case_id)
        .bind(2, static_cast<int64_t>(i))
        .bind(3, tags.specialties[i].code)
        .bind(4, tags.specialties[i].score)
        .run();
  }
}

TagOverride Store::tag_override(const std::string& case_id) {
  TagOverride o;
  Stmt& q = stmt("SELECT specialties, nature FROM tag_overrides WHERE case_id = ?");
  q.bind(1, case_id);
  if (q.step()) {
    o.specialties = split_media(q.text(0));  // the same comma-separated form
    o.nature = q.text(1);
  }
  q.reset();
  return o;
}

void Store::set_tag_override(const std::string& case_id, const TagOverride& o) {
  if (o.empty()) {
    stmt("DELETE FROM tag_overrides WHERE case_id = ?").bind(1, case_id).run();
  } else {
    stmt("INSERT OR REPLACE INTO tag_overrides(case_id, specialties, nature, updated_at)"
         " VALUES (?,?,?,?)")
        .bind(1, case_id)
        .bind(2, join_media(o.specialties))
        .bind(3, o.nature)
        .bind(4, now_utc())
        .run();
  }
  queue_case(case_id);
}

std::optional<Thread> Store::thread(const std::string& case_id) {
  auto root = post(case_id);
  if (!root || !root->is_case()) return std::nullopt;
  Stmt& q = stmt(replies_sql_.c_str());
  q.bind(1, case_id);
  std::vector<StoredPost> replies;
  while (q.step()) {
    replies.emplace_back();
    read_post(q, 0, replies.back());
  }
  q.reset();
  return make_thread(std::move(*root), std::move(replies), tags(case_id));
}

void Store::for_each_post(const std::function<void(const StoredPost&, const CaseTags*)>& fn) {
  // A separate statement: `fn` may itself use the cached ones.
  Stmt q(db_, all_posts_sql_.c_str(), path_);
  StoredPost p;
  while (q.step()) {
    read_post(q, 0, p);
    if (p.is_case()) {
      CaseTags t = tags(p.id);
      fn(p, &t);
    } else {
      fn(p, nullptr);
    }
  }
}

void Store::for_each_case_id(const std::function<void(const std::string&)>& fn) {
  Stmt q(db_, "SELECT id FROM posts WHERE reply_to IS NULL ORDER BY rowid", path_);
  while (q.step()) fn(q.text(0));
}

int64_t Store::case_count() {
  Stmt& q = stmt("SELECT count(*) FROM posts WHERE reply_to IS NULL");
  q.step();
  int64_t n = q.integer(0);
  q.reset();
  return n;
}

bool Store::empty() {
  Stmt& q = stmt("SELECT NOT EXISTS (SELECT 1 FROM posts)");
  q.step();
  bool none = q.integer(0) != 0;
  q.reset();
  return none;
}

StoreStats Store::stats() {
  StoreStats s;
  Stmt q(db_,
         "SELECT count(*), sum(reply_to IS NULL), sum(reply_to IS NOT NULL),"
         " sum(case_id IS NULL), count(DISTINCT nullif(author_id, '')),"
         " sum(',' || media || ',' LIKE '%,photo,%') FROM posts",
         path_);
  q.step();
  s.posts = q.integer(0);
  s.cases = q.integer(1);
  s.replies = q.integer(2);
  s.orphans = q.integer(3);
  s.authors = q.integer(4);
  s.photos = q.integer(5);
  Stmt pq(db_, "SELECT count(*) FROM index_queue", path_);
  pq.step();
  s.pending_index = pq.integer(0);
  Stmt sp(db_,
          "SELECT primary_specialty, count(*) FROM case_tags WHERE primary_specialty <> ''"
          " GROUP BY 1",
          path_);
  while (sp.step()) s.by_specialty[sp.text(0)] = sp.integer(1);
  Stmt na(db_, "SELECT nature, count(*) FROM case_tags GROUP BY 1", path_);
  while (na.step()) s.by_nature[na.text(0)] = na.integer(1);
  std::string by_profession =
      "SELECT " + shown_profession_ + ", count(*) FROM posts WHERE reply_to IS NULL GROUP BY 1";
  Stmt pr(db_, by_profession.c_str(), path_);
  while (pr.step()) s.by_profession[pr.text(0)] = pr.integer(1);
  Stmt run(db_,
           "SELECT coalesce(finished_at, started_at), status FROM ingest_runs ORDER BY id DESC"
           " LIMIT 1",
           path_);
  if (run.step()) {
    s.last_run_finished_at = run.text(0);
    s.last_run_status = run.text(1);
  }
  return s;
}

std::string Store::integrity_check() {
  Stmt q(db_, "PRAGMA integrity_check", path_);
  std::string first;
  if (q.step()) first = q.text(0);
  return first == "ok" ? std::string() : first;
}

namespace {
constexpr const char* kAuthorEvidenceCounts =
    "SELECT author_id, profession, count(*) FROM posts"
    " WHERE author_id <> '' AND profession <> 'inconnu' GROUP BY 1, 2";
}  // namespace

int64_t Store::author_evidence_drift() {
  if (!has_author_evidence_) return 0;  // read-only, before version 3
  std::string sql = std::string("SELECT count(DISTINCT author_id) FROM (SELECT * FROM (") +
                    kAuthorEvidenceCounts +
                    " EXCEPT SELECT author_id, profession, posts FROM author_evidence)"
                    " UNION ALL SELECT * FROM (SELECT author_id, profession, posts FROM author_evidence"
                    " EXCEPT " + kAuthorEvidenceCounts + "))";
  Stmt q(db_, sql.c_str(), path_);
  q.step();
  return q.integer(0);
}

void Store::recount_author_evidence() {
  exec("DELETE FROM author_evidence");
  std::string sql = std::string("INSERT INTO author_evidence ") + kAuthorEvidenceCounts;
  exec(sql.c_str());
}

void Store::checkpoint() {
  sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
}

std::string Store::meta(const std::string& key) {
  Stmt& q = stmt("SELECT value FROM meta WHERE key = ?");
  q.bind(1, key);
  std::string v = q.step() ? q.text(0) : std::string();
  q.reset();
  return v;
}

void Store::set_meta(const std::string& key, const std::string& value) {
  stmt("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)").bind(1, key).bind(2, value).run();
}

int64_t Store::begin_run(const std::string& command) {
  stmt("INSERT INTO ingest_runs(command, started_at) VALUES (?, ?)")
      .bind(1, command)
      .bind(2, now_utc())
      .run();
  return sqlite3_last_insert_rowid(db_);
}

void Store::end_run(int64_t run_id, const RunCounts& c, const std::string& status) {
  stmt(
      "UPDATE ingest_runs SET finished_at=?, added=?, updated=?, unchanged=?, rejected=?,"
      " status=? WHERE id=?")
      .bind(1, now_utc())
      .bind(2, c.added)
      .bind(3, c.updated)
      .bind(4, c.unchanged)
      .bind(5, c.rejected)
      .bind(6, status)
      .bind(7, run_id)
      .run();
}

}  // namespace confrere
