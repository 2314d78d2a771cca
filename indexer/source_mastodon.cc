// Mastodon: arrays of Status entities (timelines, account statuses), a status context
// ({"ancestors": […], "descendants": […]}), or single statuses (one per file or per line).
#include <simdjson.h>

#include <algorithm>
#include <string>

#include "html.h"
#include "source.h"

namespace confrere {

using simdjson::dom::element;

namespace {

std::string str(element e, const char* key) {
  std::string_view v;
  if (e[key].get_string().get(v) == simdjson::SUCCESS) return std::string(v);
  int64_t n;
  if (e[key].get_int64().get(n) == simdjson::SUCCESS) return std::to_string(n);
  return {};
}

int64_t count(element e, const char* key) {
  int64_t n;
  return e[key].get_int64().get(n) == simdjson::SUCCESS && n > 0 ? n : 0;
}

std::string host_of(const std::string& url) {
  size_t start = url.find("://");
  if (start == std::string::npos) return {};
  start += 3;
  size_t end = url.find('/', start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// Status ids are those of the server the file was fetched from: it is the host of a local
// account's status (acct without "@"), else the first status's host.
std::string serving_instance(const std::vector<element>& statuses) {
  std::string fallback;
  for (element s : statuses) {
    element account;
    std::string url = str(s, "url");
    if (url.empty()) url = str(s, "uri");
    if (fallback.empty()) fallback = host_of(url);
    if (s["account"].get(account) == simdjson::SUCCESS &&
        str(account, "acct").find('@') == std::string::npos && !host_of(url).empty())
      return host_of(url);
  }
  return fallback.empty() ? "unknown" : fallback;
}

void collect(element e, std::vector<element>& out) {
  if (e.is_array()) {
    for (element s : simdjson::dom::array(e)) collect(s, out);
    return;
  }
  if (!e.is_object()) return;
  simdjson::dom::array part;
  bool context = false;
  for (const char* key : {"ancestors", "descendants"}) {
    if (e[key].get_array().get(part) == simdjson::SUCCESS) {
      context = true;
      for (element s : part) out.push_back(s);
    }
  }
  if (!context) out.push_back(e);
}

}  // namespace

void read_mastodon(const std::string& path, const std::string& content, PostSink& sink) {
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
    element doc;
    auto error = (*it).get(doc);
    Origin origin{path, line};
    if (error) {
      sink.reject({origin, std::string("invalid JSON (") + simdjson::error_message(error) + ")"});
      break;
    }
    std::vector<element> statuses;
    collect(doc, statuses);
    // A boost is not a post of its own; the boosted status is, and is read instead.
    for (auto& s : statuses) {
      element inner;
      if (s["reblog"].get(inner) == simdjson::SUCCESS && inner.is_object()) s = inner;
    }
    std::string instance = serving_instance(statuses);
    size_t index = 0;
    for (element s : statuses) {
      ++index;
      std::string id = str(s, "id");
      if (id.empty()) {
        sink.reject({origin, "status " + std::to_string(index) + ": no \"id\""});
        continue;
      }
      RawPost p;
      p.origin = origin;
      p.source = "mastodon";
      p.id = "mastodon:" + instance + ":" + id;
      std::string reply = str(s, "in_reply_to_id");
      if (!reply.empty()) p.reply_to = "mastodon:" + instance + ":" + reply;
      p.text = html_to_text(str(s, "content"));
      std::string spoiler = str(s, "spoiler_text");  // a content warning is part of the text
      if (!spoiler.empty()) p.text = decode_entities(spoiler) + "\n\n" + p.text;
      if (p.text.empty()) {
        sink.reject({origin, "status " + id + ": no text"});
        continue;
      }
      std::string created = str(s, "created_at");
      if (!created.empty() && !normalize_date(created, p.created_at)) {
        sink.reject({origin, "status " + id + ": \"created_at\" is not an ISO 8601 date"});
        continue;
      }
      element account;
      if (s["account"].get(account) == simdjson::SUCCESS) {
        p.has_author = true;
        std::string acct = str(account, "acct");
        if (acct.find('@') == std::string::npos && !acct.empty()) acct += "@" + instance;
        p.author_id = "mastodon:" + (acct.empty() ? instance + ":" + str(account, "id") : acct);
        p.author_name = decode_entities(str(account, "display_name"));
        if (p.author_name.empty()) p.author_name = str(account, "username");
        p.author_bio = html_to_text(str(account, "note"));
      }
      p.likes = count(s, "favourites_count");
      p.reposts = count(s, "reblogs_count");
      simdjson::dom::array media;
      if (s["media_attachments"].get_array().get(media) == simdjson::SUCCESS) {
        for (element m : media) {
          std::string type = str(m, "type");
          p.media.push_back(type == "image" ? "photo" : type);
        }
      }
      sink.post(std::move(p));
    }
  }
}

}  // namespace confrere
