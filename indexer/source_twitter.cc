// Twitter sources: API v2 responses (one object per file, or one page per line) and the
// platform's archive (data/tweets.js, tweets-part1.js…; account.js and profile.js for the owner).
#include <simdjson.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "error.h"
#include "html.h"
#include "source.h"
#include "source_json.h"

namespace confrere {

namespace fs = std::filesystem;
using simdjson::dom::element;

namespace {

// "Wed Oct 10 20:19:24 +0000 2018" → "2018-10-10T20:19:24Z".
bool legacy_date(std::string_view s, std::string& out) {
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (s.size() != 30) return false;
  int month = 0;
  for (int m = 0; m < 12; ++m) {
    if (s.substr(4, 3) == kMonths[m]) month = m + 1;
  }
  if (!month) return false;
  std::string iso = std::string(s.substr(26, 4)) + "-" + (month < 10 ? "0" : "") +
                    std::to_string(month) + "-" + std::string(s.substr(8, 2)) + "T" +
                    std::string(s.substr(11, 8)) + std::string(s.substr(20, 3)) + ":" +
                    std::string(s.substr(23, 2));
  if (iso[8] == ' ') iso[8] = '0';
  return normalize_date(iso, out);
}

// An archive's dates: the legacy form, or ISO 8601 (archives rewritten by tools).
bool archive_date(std::string_view s, std::string& out) {
  return legacy_date(s, out) || normalize_date(s, out);
}

struct Author {
  std::string name, bio;
};

// One API v2 response object: data[] (or one tweet), includes.users, includes.media,
// includes.tweets.
void read_v2_response(element resp, const Origin& origin, PostSink& sink) {
  std::unordered_map<std::string, Author> users;
  std::unordered_map<std::string, std::string> media_types;
  element includes;
  std::vector<element> tweets;
  if (resp["includes"].get(includes) == simdjson::SUCCESS) {
    simdjson::dom::array arr;
    if (includes["users"].get_array().get(arr) == simdjson::SUCCESS) {
      for (element u : arr) {
        std::string name = json_string(u, "name");
        users[json_string(u, "id")] = {name.empty() ? json_string(u, "username") : name,
                               decode_entities(json_string(u, "description"))};
      }
    }
    if (includes["media"].get_array().get(arr) == simdjson::SUCCESS) {
      for (element m : arr) media_types[json_string(m, "media_key")] = json_string(m, "type");
    }
    if (includes["tweets"].get_array().get(arr) == simdjson::SUCCESS) {
      for (element t : arr) tweets.push_back(t);  // the cases the page's replies answer
    }
  }
  element data;
  if (resp["data"].get(data) == simdjson::SUCCESS) {
    if (data.is_array()) {
      for (element t : simdjson::dom::array(data)) tweets.push_back(t);
    } else if (data.is_object()) {
      tweets.push_back(data);
    }
  }
  for (element t : tweets) {
    RawPost p;
    p.origin = origin;
    p.source = "twitter";
    std::string id = json_string(t, "id");
    if (id.empty()) {
      sink.reject({origin, "a tweet without \"id\""});
      continue;
    }
    p.id = "twitter:" + id;
    bool retweet = false;
    simdjson::dom::array refs;
    if (t["referenced_tweets"].get_array().get(refs) == simdjson::SUCCESS) {
      for (element r : refs) {
        std::string type = json_string(r, "type");
        if (type == "retweeted") retweet = true;
        if (type == "replied_to") p.reply_to = "twitter:" + json_string(r, "id");
      }
    }
    if (retweet) continue;  // a retweet is not a post of its own
    std::string text = json_string(t, "text");
    element note;  // long tweets: note_tweet.text holds the whole text
    if (t["note_tweet"].get(note) == simdjson::SUCCESS && !json_string(note, "text").empty())
      text = json_string(note, "text");
    p.text = decode_entities(text);
    if (!has_text_and_date(p, origin, "tweet " + id, json_string(t, "created_at"), normalize_date,
                           "an ISO 8601 date", sink)) {
      continue;
    }
    std::string author = json_string(t, "author_id");
    if (!author.empty()) {
      p.has_author = true;
      p.author_id = "twitter:" + author;
      auto u = users.find(author);
      if (u != users.end()) {
        p.author_name = u->second.name;
        p.author_bio = u->second.bio;
      }
    }
    element metrics;
    if (t["public_metrics"].get(metrics) == simdjson::SUCCESS) {
      p.likes = json_count(metrics, "like_count");
      p.reposts = json_count(metrics, "retweet_count");
    }
    element attachments;
    simdjson::dom::array keys;
    if (t["attachments"].get(attachments) == simdjson::SUCCESS &&
        attachments["media_keys"].get_array().get(keys) == simdjson::SUCCESS) {
      for (element k : keys) {
        std::string_view key;
        if (k.get_string().get(key) != simdjson::SUCCESS) continue;
        auto m = media_types.find(std::string(key));
        p.media.push_back(m == media_types.end() ? "unknown" : m->second);
      }
    }
    sink.post(std::move(p));
  }
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(kExitNoInput, path + ": cannot open: " + std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The JSON array of an archive file: what follows "window.YTD.<name>.partN = ".
std::string_view archive_array(std::string_view content) {
  size_t bracket = content.find('[');
  return bracket == std::string_view::npos ? std::string_view() : content.substr(bracket);
}

// The archive owner's name, id and bio from account.js and profile.js beside tweets.js.
Author archive_owner(const std::string& tweets_path, std::string& owner_id) {
  Author owner;
  fs::path dir = fs::path(tweets_path).parent_path();
  simdjson::dom::parser parser;
  auto first_item = [&](const char* file, const char* key, element& out) {
    std::error_code ec;
    fs::path p = dir / file;
    if (!fs::exists(p, ec)) return false;
    std::string content = slurp(p.string());
    simdjson::padded_string json(archive_array(content));
    element doc;
    simdjson::dom::array arr;
    if (parser.parse(json).get(doc) || doc.get_array().get(arr)) return false;
    for (element item : arr) return item[key].get(out) == simdjson::SUCCESS;
    return false;
  };
  element account;
  if (first_item("account.js", "account", account)) {
    owner_id = json_string(account, "accountId");
    owner.name = json_string(account, "accountDisplayName");
    if (owner.name.empty()) owner.name = json_string(account, "username");
  }
  element profile, description;
  if (first_item("profile.js", "profile", profile) &&
      profile["description"].get(description) == simdjson::SUCCESS) {
    owner.bio = decode_entities(json_string(description, "bio"));
  }
  return owner;
}

}  // namespace

void read_twitter_v2(const std::string& path, const std::string& content, PostSink& sink) {
  for_each_document(path, content, sink, [&](element resp, const Origin& origin) {
    if (!resp.is_object()) {
      sink.reject({origin, "not a Twitter API v2 response object"});
      return;
    }
    if (resp["data"].error() != simdjson::SUCCESS && resp["includes"].error() != simdjson::SUCCESS) {
      sink.reject({origin, "not a Twitter API v2 response (no \"data\")"});
      return;
    }
    read_v2_response(resp, origin, sink);
  });
}

void read_twitter_archive(const std::string& path, const std::string& content, PostSink& sink) {
  std::string owner_id;
  Author owner = archive_owner(path, owner_id);
  simdjson::dom::parser parser;
  simdjson::padded_string json(archive_array(content));
  element doc;
  simdjson::dom::array items;
  if (parser.parse(json).get(doc) || doc.get_array().get(items)) {
    sink.reject({{path, 1}, "not a Twitter archive (window.YTD… = [ {\"tweet\": …} ])"});
    return;
  }
  size_t index = 0;
  for (element item : items) {
    ++index;
    Origin origin{path, index};  // archives are one JSON document: items are numbered
    element t;
    if (item["tweet"].get(t) != simdjson::SUCCESS) t = item;
    std::string id = json_string(t, "id_str");
    if (id.empty()) id = json_string(t, "id");
    if (id.empty()) {
      sink.reject({origin, "item " + std::to_string(index) + ": a tweet without \"id_str\""});
      continue;
    }
    std::string text = json_string(t, "full_text");
    if (text.empty()) text = json_string(t, "text");
    if (text.rfind("RT @", 0) == 0) continue;  // a retweet is not a post of its own
    RawPost p;
    p.origin = origin;
    p.source = "twitter";
    p.id = "twitter:" + id;
    p.text = decode_entities(text);
    std::string reply = json_string(t, "in_reply_to_status_id_str");
    if (!reply.empty()) p.reply_to = "twitter:" + reply;
    if (!has_text_and_date(p, origin, "tweet " + id, json_string(t, "created_at"), archive_date,
                           "a Twitter or ISO 8601 date", sink)) {
      continue;
    }
    p.has_author = true;  // every tweet of an archive is its owner's
    p.author_id = owner_id.empty() ? std::string() : "twitter:" + owner_id;
    p.author_name = owner.name;
    p.author_bio = owner.bio;
    p.likes = json_count(t, "favorite_count");
    p.reposts = json_count(t, "retweet_count");
    element ext;
    simdjson::dom::array media;
    if (t["extended_entities"].get(ext) == simdjson::SUCCESS &&
        ext["media"].get_array().get(media) == simdjson::SUCCESS) {
      for (element m : media) p.media.push_back(json_string(m, "type"));
    }
    sink.post(std::move(p));
  }
}

}  // namespace confrere
