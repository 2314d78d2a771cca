// Mastodon: arrays of Status entities (timelines, account statuses), a status context
// ({"ancestors": […], "descendants": […]}), or single statuses (one per file or per line).
#include <simdjson.h>

#include <algorithm>
#include <string>

#include "html.h"
#include "source.h"
#include "source_json.h"

namespace confrere {

using simdjson::dom::element;

namespace {

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
    std::string url = json_string(s, "url");
    if (url.empty()) url = json_string(s, "uri");
    if (fallback.empty()) fallback = host_of(url);
    if (s["account"].get(account) == simdjson::SUCCESS &&
        json_string(account, "acct").find('@') == std::string::npos && !host_of(url).empty())
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
  for_each_document(path, content, sink, [&](element doc, const Origin& origin) {
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
      std::string id = json_string(s, "id");
      if (id.empty()) {
        sink.reject({origin, "status " + std::to_string(index) + ": no \"id\""});
        continue;
      }
      RawPost p;
      p.origin = origin;
      p.source = "mastodon";
      p.id = "mastodon:" + instance + ":" + id;
      std::string reply = json_string(s, "in_reply_to_id");
      if (!reply.empty()) p.reply_to = "mastodon:" + instance + ":" + reply;
      p.text = html_to_text(json_string(s, "content"));
      std::string spoiler = json_string(s, "spoiler_text");  // a content warning is part of the text
      if (!spoiler.empty()) p.text = decode_entities(spoiler) + "\n\n" + p.text;
      if (!has_text_and_date(p, origin, "status " + id, json_string(s, "created_at"), normalize_date,
                             "an ISO 8601 date", sink)) {
        continue;
      }
      element account;
      if (s["account"].get(account) == simdjson::SUCCESS) {
        p.has_author = true;
        std::string acct = json_string(account, "acct");
        if (acct.find('@') == std::string::npos && !acct.empty()) acct += "@" + instance;
        p.author_id = "mastodon:" + (acct.empty() ? instance + ":" + json_string(account, "id") : acct);
        p.author_name = decode_entities(json_string(account, "display_name"));
        if (p.author_name.empty()) p.author_name = json_string(account, "username");
        p.author_bio = html_to_text(json_string(account, "note"));
      }
      p.likes = json_count(s, "favourites_count");
      p.reposts = json_count(s, "reblogs_count");
      simdjson::dom::array media;
      if (s["media_attachments"].get_array().get(media) == simdjson::SUCCESS) {
        for (element m : media) {
          std::string type = json_string(m, "type");
          p.media.push_back(type == "image" ? "photo" : type);
        }
      }
      sink.post(std::move(p));
    }
  });
}

}  // namespace confrere
