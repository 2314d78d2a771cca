// Where things live: the database directory, its files, the data directory, the writer lock.
#pragma once

#include <string>

namespace confrere {

// A database directory holds the store, the live index (a Xapian stub file naming the current
// index directory) and the writer lock.
struct DbPaths {
  std::string dir;
  std::string store() const { return dir + "/store.sqlite"; }
  std::string stub() const { return dir + "/index"; }  // Xapian stub: "auto index-000001"
  std::string lock() const { return dir + "/lock"; }
  std::string thesaurus() const { return dir + "/thesaurus.tsv"; }  // compiled, see thesaurus.h
};

// --db, else $CONFRERE_DB, else $XDG_DATA_HOME/confrere, else ~/.local/share/confrere.
DbPaths resolve_db(const std::string& option);

// $CONFRERE_DATA_DIR, else the installed data, else the source tree's data/.
std::string resolve_data_dir();

// Holds the exclusive writer lock of a database directory for its lifetime.
class WriterLock {
 public:
  // Waits up to `wait_seconds` for another writer to finish; then throws Error(kExitTempFail).
  WriterLock(const DbPaths& paths, double wait_seconds);
  ~WriterLock();
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace confrere
