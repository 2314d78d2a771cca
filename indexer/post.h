// Plain data passed between the pipeline stages: read → normalize → redact → tag → store → index.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace confrere {

// Where a record came from, for error messages ("file:line: reason"). Never holds post text.
struct Origin {
  std::string file;  // "-" for stdin
  uint64_t line = 0;
};

// A person's correction of a case's tags: empty fields keep the tagger's value.
struct TagOverride {
  std::vector<std::string> specialties;  // best first
  std::string nature;
  bool empty() const { return specialties.empty() && nature.empty(); }
};

// One post as read from a source, before any processing. Texts are UTF-8 as given.
struct RawPost {
  Origin origin;
  std::string id;
  std::optional<std::string> reply_to;
  std::string created_at;  // ISO 8601 UTC "YYYY-MM-DDTHH:MM:SSZ", or empty when unknown
  std::string author_id;
  std::string author_name;
  std::string author_bio;
  bool has_author = false;  // the input carried an "author" object
  std::string text;
  int64_t likes = 0;
  int64_t reposts = 0;
  std::vector<std::string> media;  // media types, e.g. "photo"
  std::string source = "jsonl";
  TagOverride tag_override;  // from an export's "tags" with "human": true (restore)
};

// A post ready to store: normalized (NFC) and redacted texts, and its poster's profession.
struct Post : RawPost {
  std::string profession = "inconnu";
};

// A post as kept in the store.
struct StoredPost : Post {
  std::string case_id;  // empty while the thread root has not arrived
  std::string own_profession = "inconnu";  // from this post alone; `profession` may be the author's
  bool is_case() const { return !reply_to.has_value(); }
  bool has_photo() const;
};

struct SpecialtyScore {
  std::string code;
  double score = 0;
};

// Tags of a case: specialties (best first; the first is the primary) and nature.
struct CaseTags {
  std::vector<SpecialtyScore> specialties;
  std::string nature = "autre";
  bool human = false;  // corrected by a person (confrere-index tag); the tagger leaves it alone
  const std::string& primary() const;
};

// Applies a correction on top of the tagger's tags.
void apply_override(CaseTags& tags, const TagOverride& o);

// A whole thread as the index and the printers need it.
struct Thread {
  StoredPost root;
  std::vector<StoredPost> answers;    // best-rated first (see rank_answers)
  std::vector<StoredPost> follow_ups; // replies by the case's own author, oldest first
  CaseTags tags;
};

// Ratings (PRODUCT.md): most likes, then most reposts, then the earlier answer.
bool better_rated(const StoredPost& a, const StoredPost& b);

// Splits the posts of a thread into answers (best first) and follow-ups.
Thread make_thread(StoredPost root, std::vector<StoredPost> replies, CaseTags tags);

}  // namespace confrere
