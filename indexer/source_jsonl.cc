// Native JSON Lines reader (PRODUCT.md "Native input format"), line splitting and input expansion.
#include <simdjson.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "error.h"
#include "source.h"

namespace confrere {

namespace fs = std::filesystem;

// ---- LineReader -------------------------------------------------------------------------------

bool LineReader::fill() {
  if (!prefix_.empty()) {  // bytes already read (format detection) come first
    if (begin_ > 0) {
      std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
      end_ -= begin_;
      begin_ = 0;
    }
    if (buf_.size() < end_ + prefix_.size()) buf_.resize(end_ + prefix_.size());
    std::memcpy(buf_.data() + end_, prefix_.data(), prefix_.size());
    end_ += prefix_.size();
    prefix_.clear();
    return true;
  }
  if (eof_) return false;
  if (begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == buf_.size()) buf_.resize(buf_.size() * 2);
  size_t n = std::fread(buf_.data() + end_, 1, buf_.size() - end_, f_);
  if (n == 0) {
    eof_ = true;
    return false;
  }
  end_ += n;
  return true;
}

LineReader::Status LineReader::next(std::string_view& line) {
  line_.clear();
  bool too_long = false;
  bool any = false;
  for (;;) {
    const char* start = buf_.data() + begin_;
    const char* nl = static_cast<const char*>(std::memchr(start, '\n', end_ - begin_));
    size_t take = nl ? static_cast<size_t>(nl - start) : end_ - begin_;
    if (take > 0 || nl) any = true;
    if (!too_long) {
      if (line_.size() + take > kMaxLineBytes) {
        too_long = true;
        line_.clear();
      } else {
        line_.append(start, take);
      }
    }
    begin_ += take;
    if (nl) {
      ++begin_;
      break;
    }
    begin_ = end_ = 0;
    if (!fill()) break;
  }
  if (!any) return Status::kEnd;
  ++line_number_;
  if (too_long) return Status::kTooLong;
  if (!line_.empty() && line_.back() == '\r') line_.pop_back();
  size_t n = line_.size();
  line_.reserve(n + simdjson::SIMDJSON_PADDING);
  line = std::string_view(line_.data(), n);
  return Status::kLine;
}

// ---- dates ------------------------------------------------------------------------------------

namespace {

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civil_from_days(int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

bool digits(std::string_view s, size_t pos, size_t n, int& v) {
  if (pos + n > s.size()) return false;
  v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

bool normalize_date(std::string_view s, std::string& out) {
  int y, mo, d, h = 0, mi = 0, se = 0;
  if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d))
    return false;
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (mo < 1 || mo > 12 || d < 1 || d > kDays[mo - 1]) return false;
  if (mo == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return false;
  size_t p = 10;
  int offset_minutes = 0;
  if (p < s.size()) {
    if (s[p] != 'T' && s[p] != ' ') return false;
    if (!digits(s, p + 1, 2, h) || s.size() < p + 6 || s[p + 3] != ':' || !digits(s, p + 4, 2, mi))
      return false;
    p += 6;
    if (p < s.size() && s[p] == ':') {
      if (!digits(s, p + 1, 2, se)) return false;
      p += 3;
      if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
        ++p;
        size_t q = p;
        while (p < s.size() && s[p] >= '0' && s[p] <= '9') ++p;
        if (p == q) return false;
      }
    }
    if (h > 23 || mi > 59 || se > 60) return false;
    if (p < s.size()) {
      if (s[p] == 'Z' && p + 1 == s.size()) {
        ++p;
      } else if (s[p] == '+' || s[p] == '-') {
        int oh, om;
        if (!digits(s, p + 1, 2, oh)) return false;
        size_t q = p + 3;
        if (q < s.size() && s[q] == ':') ++q;
        if (!digits(s, q, 2, om) || q + 2 != s.size() || oh > 23 || om > 59) return false;
        offset_minutes = (s[p] == '-' ? -1 : 1) * (oh * 60 + om);
        p = s.size();
      } else {
        return false;
      }
    }
  }
  int64_t secs = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + std::min(se, 59) -
                 offset_minutes * 60;
  int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  int64_t rem = secs - days * 86400;
  int yy;
  unsigned mm, dd;
  civil_from_days(days, yy, mm, dd);
  if (yy < 0 || yy > 9999) return false;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", yy, mm, dd,
                static_cast<int>(rem / 3600), static_cast<int>(rem % 3600 / 60),
                static_cast<int>(rem % 60));
  out = buf;
  return true;
}

// ---- native JSONL -----------------------------------------------------------------------------

namespace {

using simdjson::dom::element_type;

// Reads an id given as a string or a whole number. Returns false when it is neither.
bool read_id(simdjson::dom::element v, std::string& out) {
  switch (v.type()) {
    case element_type::STRING: out.assign(std::string_view(v.get_string())); return true;
    case element_type::UINT64: out = std::to_string(uint64_t(v.get_uint64())); return true;
    case element_type::INT64: {
      int64_t n = v.get_int64();
      if (n < 0) return false;
      out = std::to_string(n);
      return true;
    }
    default: return false;
  }
}

// Reads an optional string (null → empty).
bool read_text(simdjson::dom::element v, std::string& out) {
  if (v.is_null()) {
    out.clear();
    return true;
  }
  if (!v.is_string()) return false;
  out.assign(std::string_view(v.get_string()));
  return true;
}

bool read_count(simdjson::dom::element v, int64_t& out) {
  if (v.is_null()) {
    out = 0;
    return true;
  }
  if (v.type() == element_type::INT64 || v.type() == element_type::UINT64) {
    int64_t n;
    if (v.get_int64().get(n) != simdjson::SUCCESS || n < 0) return false;
    out = n;
    return true;
  }
  return false;
}

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

}  // namespace

std::string parse_native_line(std::string_view line, RawPost& p) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element doc;
  auto error = parser.parse(line.data(), line.size(), false).get(doc);
  if (error == simdjson::UTF8_ERROR) return "invalid UTF-8";
  if (error) return std::string("invalid JSON (") + simdjson::error_message(error) + ")";
  if (!doc.is_object()) return "not a JSON object";
  bool has_id = false, has_text = false;
  for (auto [k, v] : simdjson::dom::object(doc)) {
    if (k == "id") {
      if (!read_id(v, p.id)) return "\"id\" must be a string or a whole number";
      has_id = true;
    } else if (k == "text") {
      if (!v.is_string()) return "\"text\" must be a string";
      p.text.assign(std::string_view(v.get_string()));
      has_text = true;
    } else if (k == "reply_to") {
      if (v.is_null()) {
        p.reply_to.reset();
      } else {
        std::string r;
        if (!read_id(v, r)) return "\"reply_to\" must be null, a string or a whole number";
        if (r.empty()) p.reply_to.reset(); else p.reply_to = std::move(r);
      }
    } else if (k == "created_at") {
      std::string raw;
      if (!read_text(v, raw)) return "\"created_at\" must be a string";
      if (raw.empty()) {
        p.created_at.clear();
      } else if (!normalize_date(raw, p.created_at)) {
        return "\"created_at\" is not an ISO 8601 date";
      }
    } else if (k == "author") {
      if (v.is_null()) continue;
      if (!v.is_object()) return "\"author\" must be an object";
      p.has_author = true;
      for (auto [ak, av] : simdjson::dom::object(v)) {
        if (ak == "id") {
          if (av.is_null()) continue;
          if (!read_id(av, p.author_id)) return "\"author.id\" must be a string or a whole number";
        } else if (ak == "name") {
          if (!read_text(av, p.author_name)) return "\"author.name\" must be a string";
        } else if (ak == "bio") {
          if (!read_text(av, p.author_bio)) return "\"author.bio\" must be a string";
        }
      }
    } else if (k == "tags") {
      // An export's tags: only a person's correction ("human": true) is read back.
      bool human = false;
      if (!v.is_object() || v["human"].get_bool().get(human) || !human) continue;
      simdjson::dom::array specs;
      if (v["specialties"].get_array().get(specs) == simdjson::SUCCESS) {
        for (auto code : specs) {
          std::string_view c;
          if (code.get_string().get(c) == simdjson::SUCCESS) p.tag_override.specialties.emplace_back(c);
        }
      }
      std::string_view nature;
      if (v["nature"].get_string().get(nature) == simdjson::SUCCESS) p.tag_override.nature = nature;
    } else if (k == "source") {
      std::string src;
      if (!read_text(v, src)) return "\"source\" must be a string";
      if (!src.empty()) p.source = std::move(src);
    } else if (k == "likes") {
      if (!read_count(v, p.likes)) return "\"likes\" must be a whole number >= 0";
    } else if (k == "reposts") {
      if (!read_count(v, p.reposts)) return "\"reposts\" must be a whole number >= 0";
    } else if (k == "media") {
      if (v.is_null()) continue;
      if (!v.is_array()) return "\"media\" must be an array";
      for (simdjson::dom::element item : simdjson::dom::array(v)) {
        if (!item.is_object()) return "\"media\" items must be objects";
        std::string type;
        simdjson::dom::element t;
        if (item["type"].get(t) == simdjson::SUCCESS && !read_text(t, type))
          return "\"media[].type\" must be a string";
        p.media.push_back(type.empty() ? "unknown" : type);
      }
    }
    // Unknown fields are ignored (PRODUCT.md).
  }
  if (!has_id) return "missing \"id\"";
  if (p.id.empty() || blank(p.id)) return "\"id\" is empty";
  if (!has_text) return "missing \"text\"";
  if (blank(p.text)) return "\"text\" is empty";
  if (p.reply_to && *p.reply_to == p.id) return "\"reply_to\" is the post's own id";
  return {};
}

void read_jsonl(std::FILE* f, const std::string& name, PostSink& sink, std::string prefix) {
  LineReader reader(f, std::move(prefix));
  std::string_view line;
  for (;;) {
    LineReader::Status st = reader.next(line);
    if (st == LineReader::Status::kEnd) break;
    Origin origin{name, reader.line_number()};
    if (st == LineReader::Status::kTooLong) {
      sink.reject({origin, "line longer than " + std::to_string(kMaxLineBytes) + " bytes"});
      continue;
    }
    if (blank(line)) continue;
    RawPost post;
    post.origin = origin;
    std::string reason = parse_native_line(line, post);
    if (!reason.empty()) {
      sink.reject({std::move(origin), std::move(reason)});
      continue;
    }
    sink.post(std::move(post));
  }
  if (reader.failed()) throw Error(kExitIoErr, name + ": read error: " + std::strerror(errno));
}

}  // namespace confrere
