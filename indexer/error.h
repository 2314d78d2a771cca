// Expected failures, caught once at the program boundary and printed as one line.
#pragma once

#include <stdexcept>
#include <string>

namespace confrere {

// Exit statuses (sysexits.h), documented in docs/operations.md.
enum ExitCode : int {
  kExitOk = 0,
  kExitUsage = 64,      // EX_USAGE: bad command line
  kExitDataErr = 65,    // EX_DATAERR: some input lines rejected (the good ones landed)
  kExitNoInput = 66,    // EX_NOINPUT: an input file or the database does not exist
  kExitSoftware = 70,   // EX_SOFTWARE: internal error (a bug)
  kExitIoErr = 74,      // EX_IOERR: reading or writing failed
  kExitTempFail = 75,   // EX_TEMPFAIL: another writer holds the lock; try again later
  kExitNotFound = 1,    // show/similar: no such case; check: store and index disagree
};

// An error that ends the command: `what()` is the whole line to print (never post text).
class Error : public std::runtime_error {
 public:
  Error(int exit_code, const std::string& message)
      : std::runtime_error(message), exit_code_(exit_code) {}
  int exit_code() const { return exit_code_; }

 private:
  int exit_code_;
};

}  // namespace confrere
