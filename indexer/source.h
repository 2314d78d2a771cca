// Input readers: every format ends as RawPost records handed to a sink, bad records as rejects.
#pragma once

#include <cstdio>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "post.h"

namespace confrere {

// A record that could not be read. `reason` never quotes the record's text.
struct Reject {
  Origin origin;
  std::string reason;
};

class PostSink {
 public:
  virtual ~PostSink() = default;
  virtual void post(RawPost&& post) = 0;
  virtual void reject(Reject&& reject) = 0;
};

// Lines longer than this are rejected without being held in memory (documented in the guide).
constexpr size_t kMaxLineBytes = 1 << 20;

// Reads lines of at most kMaxLineBytes from a stream; longer lines are reported, not returned.
class LineReader {
 public:
  // `prefix`: bytes already read from `f` (by format detection), read first.
  explicit LineReader(std::FILE* f, std::string prefix = {}) : f_(f), prefix_(std::move(prefix)) {}
  enum class Status { kLine, kTooLong, kEnd };
  // On kLine, `line` views the line without its "\n" (and "\r"); valid until the next call.
  // The view is followed by at least 64 readable bytes (simdjson's padding).
  Status next(std::string_view& line);
  uint64_t line_number() const { return line_number_; }
  bool failed() const { return std::ferror(f_) != 0; }

 private:
  bool fill();
  std::FILE* f_;
  std::string prefix_;
  std::vector<char> buf_ = std::vector<char>(1 << 16);
  size_t begin_ = 0, end_ = 0;
  bool eof_ = false;
  std::string line_;
  uint64_t line_number_ = 0;
};

// Parses one native JSONL line (PRODUCT.md). Returns an empty string on success, else the reason.
std::string parse_native_line(std::string_view line, RawPost& out);

// Reads a native JSONL stream (after `prefix`, bytes already read from it).
void read_jsonl(std::FILE* f, const std::string& name, PostSink& sink, std::string prefix = {});

// Whole-document formats; `content` is the file's bytes.
void read_twitter_v2(const std::string& name, const std::string& content, PostSink& sink);
void read_twitter_archive(const std::string& name, const std::string& content, PostSink& sink);
void read_mastodon(const std::string& name, const std::string& content, PostSink& sink);

// Input formats. kAuto picks the format from a file's content.
enum class Format { kAuto, kJsonl, kTwitter, kTwitterArchive, kMastodon };
Format parse_format(const std::string& name);  // throws Error on an unknown name

// The format of an input from its first bytes (and, for a document that starts on several
// lines, the whole content). Returns kAuto when it cannot tell.
Format detect_format(const std::string& head, const std::string& name);

// Expands PATH arguments: files as given, directories recursively (*.jsonl, *.ndjson, *.json,
// *.js, sorted), "-" for stdin. Throws Error (kExitNoInput) for a path that does not exist.
std::vector<std::string> expand_inputs(const std::vector<std::string>& paths);

// Reads one input (a file path or "-") in the given format. Throws Error when it cannot be opened.
void read_input(const std::string& path, Format format, PostSink& sink);

// Normalizes an ISO 8601 date or date-time to "YYYY-MM-DDTHH:MM:SSZ" (UTC). Returns false when
// the text is not such a date.
bool normalize_date(std::string_view in, std::string& out);

}  // namespace confrere
