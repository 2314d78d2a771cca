// Inputs: path expansion, format detection from content, and dispatch to the readers.
#include <simdjson.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "error.h"
#include "source.h"
#include "source_json.h"

namespace confrere {

namespace fs = std::filesystem;

std::string json_string(simdjson::dom::element e, const char* key) {
  std::string_view v;
  if (e[key].get_string().get(v) == simdjson::SUCCESS) return std::string(v);
  int64_t n;
  if (e[key].get_int64().get(n) == simdjson::SUCCESS) return std::to_string(n);
  uint64_t u;
  if (e[key].get_uint64().get(u) == simdjson::SUCCESS) return std::to_string(u);
  return {};
}

bool has_text_and_date(RawPost& p, const Origin& origin, const std::string& record,
                       const std::string& created, bool (*read_date)(std::string_view, std::string&),
                       const char* date_kind, PostSink& sink) {
  if (p.text.empty()) {
    sink.reject({origin, record + ": no text"});
    return false;
  }
  if (!created.empty() && !read_date(created, p.created_at)) {
    sink.reject({origin, record + ": \"created_at\" is not " + date_kind});
    return false;
  }
  return true;
}

int64_t json_count(simdjson::dom::element e, const char* key) {
  int64_t n;
  if (e[key].get_int64().get(n) == simdjson::SUCCESS) return n < 0 ? 0 : n;
  std::string_view v;
  if (e[key].get_string().get(v) == simdjson::SUCCESS) {
    long long parsed = std::strtoll(std::string(v).c_str(), nullptr, 10);
    return parsed < 0 ? 0 : parsed;
  }
  return 0;
}

void for_each_document(const std::string& path, const std::string& content, PostSink& sink,
                       const std::function<void(simdjson::dom::element, const Origin&)>& fn) {
  simdjson::dom::parser parser;
  simdjson::padded_string json(content);
  simdjson::dom::document_stream stream;
  if (parser.parse_many(json, json.size() + 1).get(stream)) {
    sink.reject({{path, 1}, "invalid JSON"});
    return;
  }
  size_t counted = 0;
  uint64_t line = 1;
  for (auto it = stream.begin(); it != stream.end(); ++it) {
    size_t offset = std::min(it.current_index(), content.size());
    line += static_cast<uint64_t>(std::count(content.begin() + static_cast<std::ptrdiff_t>(counted),
                                             content.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
    counted = offset;
    simdjson::dom::element doc;
    auto error = (*it).get(doc);
    if (error) {
      sink.reject({{path, line}, std::string("invalid JSON (") + simdjson::error_message(error) + ")"});
      return;
    }
    fn(doc, {path, line});
  }
}

Format parse_format(const std::string& name) {
  if (name == "auto") return Format::kAuto;
  if (name == "jsonl") return Format::kJsonl;
  if (name == "twitter") return Format::kTwitter;
  if (name == "twitter-archive") return Format::kTwitterArchive;
  if (name == "mastodon") return Format::kMastodon;
  throw Error(kExitUsage,
              "--format " + name + ": unknown format (auto, jsonl, twitter, twitter-archive, mastodon)");
}

namespace {

// What kind of object this is, by its keys.
Format classify(simdjson::dom::element e) {
  if (e.is_array()) {
    for (simdjson::dom::element first : simdjson::dom::array(e)) return classify(first);
    return Format::kAuto;
  }
  if (!e.is_object()) return Format::kAuto;
  simdjson::dom::object o = e;
  auto has = [&](const char* k) { return o[k].error() == simdjson::SUCCESS; };
  if (has("tweet")) return Format::kTwitterArchive;
  if (has("ancestors") || has("descendants")) return Format::kMastodon;
  if (has("content") && has("account")) return Format::kMastodon;
  if (has("data") || has("includes")) return Format::kTwitter;
  if (has("id") && has("text")) return Format::kJsonl;
  if (has("id_str") && (has("full_text") || has("text"))) return Format::kTwitterArchive;
  return Format::kAuto;
}

bool ends_with(const std::string& s, const char* suffix) {
  size_t n = std::strlen(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

}  // namespace

Format detect_format(const std::string& head, const std::string& name) {
  size_t start = head.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;  // BOM
  start = head.find_first_not_of(" \t\r\n", start);
  if (start == std::string::npos) return ends_with(name, "l") ? Format::kJsonl : Format::kAuto;
  if (head.compare(start, 11, "window.YTD.") == 0) return Format::kTwitterArchive;
  simdjson::dom::parser parser;
  // The first line, when it is a whole JSON value (JSON Lines, one page or status per line).
  size_t nl = head.find('\n', start);
  std::string first = head.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
  simdjson::dom::element e;
  if (!parser.parse(first).get(e)) {
    Format f = classify(e);
    if (f != Format::kAuto) return f;
  }
  // A document over several lines: its first value.
  simdjson::padded_string json(head.substr(start));
  simdjson::dom::document_stream stream;
  if (!parser.parse_many(json, json.size() + 1).get(stream)) {
    for (auto doc : stream) {
      if (!doc.get(e)) return classify(e);
      break;
    }
  }
  // A native file whose first line is damaged is still a native file.
  if (ends_with(name, ".jsonl") || ends_with(name, ".ndjson")) return Format::kJsonl;
  return Format::kAuto;
}

std::vector<std::string> expand_inputs(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const auto& path : paths) {
    if (path == "-") {
      out.push_back(path);
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) throw Error(kExitNoInput, path + ": no such file or directory");
    if (!fs::is_directory(st)) {
      out.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
      if (!it->is_regular_file()) continue;
      std::string name = it->path().filename().string();
      std::string ext = it->path().extension().string();
      bool archive_tweets = ext == ".js" && name.rfind("tweets", 0) == 0;  // not account.js
      if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json" || archive_tweets)
        found.push_back(it->path().string());
    }
    if (ec) throw Error(kExitIoErr, path + ": cannot list directory: " + ec.message());
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

namespace {

void read_all(std::FILE* f, const std::string& name, std::string& content) {
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) content.append(buf, n);
  if (std::ferror(f)) throw Error(kExitIoErr, name + ": read error: " + std::strerror(errno));
}

void read_stream(std::FILE* f, const std::string& name, Format format, PostSink& sink) {
  std::string head(1 << 16, '\0');
  head.resize(std::fread(head.data(), 1, head.size(), f));
  if (format == Format::kAuto) {
    format = detect_format(head, name);
    if (format == Format::kAuto) {
      // The first value may be longer than the first 64 KiB: look at the whole document.
      std::string all = head;
      read_all(f, name, all);
      format = detect_format(all, name);
      if (format == Format::kAuto) {
        sink.reject({{name, 1}, "cannot recognise the format (native JSONL, Twitter API v2, "
                                "Twitter archive or Mastodon); use --format"});
        return;
      }
      head = std::move(all);
    }
  }
  if (format == Format::kJsonl) {
    read_jsonl(f, name, sink, std::move(head));
    return;
  }
  read_all(f, name, head);
  switch (format) {
    case Format::kTwitter: read_twitter_v2(name, head, sink); break;
    case Format::kTwitterArchive: read_twitter_archive(name, head, sink); break;
    case Format::kMastodon: read_mastodon(name, head, sink); break;
    default: break;
  }
}

}  // namespace

void read_input(const std::string& path, Format format, PostSink& sink) {
  if (path == "-") {
    read_stream(stdin, "-", format, sink);
    return;
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw Error(kExitNoInput, path + ": cannot open: " + std::strerror(errno));
  try {
    read_stream(f, path, format, sink);
  } catch (...) {
    std::fclose(f);
    throw;
  }
  std::fclose(f);
}

}  // namespace confrere
