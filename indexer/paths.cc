// Database and data directory resolution, and the flock-based writer lock.
#include "paths.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <thread>

#include "error.h"

#ifndef CONFRERE_INSTALL_DATA_DIR
#define CONFRERE_INSTALL_DATA_DIR ""
#endif
#ifndef CONFRERE_SOURCE_DATA_DIR
#define CONFRERE_SOURCE_DATA_DIR ""
#endif

namespace confrere {

namespace fs = std::filesystem;

DbPaths resolve_db(const std::string& option) {
  if (!option.empty()) return {option};
  if (const char* env = std::getenv("CONFRERE_DB"); env && *env) return {env};
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
    return {std::string(xdg) + "/confrere"};
  const char* home = std::getenv("HOME");
  if (!home || !*home)
    throw Error(kExitUsage, "no database directory: give --db DIR or set CONFRERE_DB");
  return {std::string(home) + "/.local/share/confrere"};
}

std::string resolve_data_dir() {
  if (const char* env = std::getenv("CONFRERE_DATA_DIR"); env && *env) return env;
  for (const char* dir : {CONFRERE_INSTALL_DATA_DIR, CONFRERE_SOURCE_DATA_DIR}) {
    std::error_code ec;
    if (*dir && fs::exists(std::string(dir) + "/stopwords-fr.txt", ec)) return dir;
  }
  throw Error(kExitNoInput,
              "cannot find the data directory (lexicons); set CONFRERE_DATA_DIR to Confrère's data/");
}

WriterLock::WriterLock(const DbPaths& paths, double wait_seconds) {
  std::error_code ec;
  fs::create_directories(paths.dir, ec);
  if (ec) throw Error(kExitIoErr, paths.dir + ": cannot create the database directory: " + ec.message());
  fd_ = ::open(paths.lock().c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw Error(kExitIoErr, paths.lock() + ": cannot open the lock file: " + std::strerror(errno));
  auto deadline = std::chrono::steady_clock::now() +
                  std::chrono::milliseconds(static_cast<int64_t>(wait_seconds * 1000));
  for (;;) {
    if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) break;
    if (errno != EWOULDBLOCK && errno != EINTR) {
      int err = errno;
      ::close(fd_);
      throw Error(kExitIoErr, paths.lock() + ": cannot lock: " + std::strerror(err));
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      ::close(fd_);
      fd_ = -1;
      throw Error(kExitTempFail, paths.dir + ": another confrere-index is writing (waited " +
                                     std::to_string(static_cast<int>(wait_seconds)) +
                                     " s); try again later or raise --wait");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

WriterLock::~WriterLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

}  // namespace confrere
