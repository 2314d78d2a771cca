// Thread assembly and the rating order shared by every output.
#include "post.h"

#include <algorithm>

namespace confrere {

bool StoredPost::has_photo() const {
  return std::find(media.begin(), media.end(), "photo") != media.end();
}

const std::string& CaseTags::primary() const {
  static const std::string kNone;
  return specialties.empty() ? kNone : specialties.front().code;
}

void apply_override(CaseTags& tags, const TagOverride& o) {
  if (o.empty()) return;
  if (!o.specialties.empty()) {
    tags.specialties.clear();
    for (const auto& code : o.specialties) tags.specialties.push_back({code, 100.0});
  }
  if (!o.nature.empty()) tags.nature = o.nature;
  tags.human = true;
}

bool better_rated(const StoredPost& a, const StoredPost& b) {
  if (a.likes != b.likes) return a.likes > b.likes;
  if (a.reposts != b.reposts) return a.reposts > b.reposts;
  if (a.created_at != b.created_at) return a.created_at < b.created_at;
  return a.id < b.id;
}

Thread make_thread(StoredPost root, std::vector<StoredPost> replies, CaseTags tags) {
  Thread t;
  t.root = std::move(root);
  t.tags = std::move(tags);
  for (auto& p : replies) {
    bool own = !t.root.author_id.empty() && p.author_id == t.root.author_id;
    (own ? t.follow_ups : t.answers).push_back(std::move(p));
  }
  std::sort(t.answers.begin(), t.answers.end(), better_rated);
  std::sort(t.follow_ups.begin(), t.follow_ups.end(),
            [](const StoredPost& a, const StoredPost& b) {
              return a.created_at != b.created_at ? a.created_at < b.created_at : a.id < b.id;
            });
  return t;
}

}  // namespace confrere
