// Shared helpers of the unit tests: the project's data directory and temporary directories.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

namespace confrere::testing {

inline std::string data_dir() { return CONFRERE_TEST_DATA_DIR; }

// A fresh temporary directory, removed when the object goes away.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "confrere-test-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace confrere::testing
