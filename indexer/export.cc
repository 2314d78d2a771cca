// Export lines: native input format (PRODUCT.md) plus tags, so export → ingest round-trips.
#include "export.h"

#include "json_writer.h"

namespace confrere {

void append_export_line(std::string& out, const StoredPost& p, const CaseTags* tags) {
  JsonWriter w(out);
  w.begin_object();
  w.key("id").value(p.id);
  w.key("reply_to");
  if (p.reply_to) w.value(*p.reply_to); else w.null();
  if (!p.created_at.empty()) w.key("created_at").value(p.created_at);
  if (p.has_author) {
    w.key("author").begin_object();
    if (!p.author_id.empty()) w.key("id").value(p.author_id);
    w.key("name").value(p.author_name);
    w.key("bio").value(p.author_bio);
    w.end_object();
  }
  w.key("text").value(p.text);
  w.key("likes").value(p.likes);
  w.key("reposts").value(p.reposts);
  if (!p.media.empty()) {
    w.key("media").begin_array();
    for (const auto& m : p.media) w.begin_object().key("type").value(m).end_object();
    w.end_array();
  }
  if (p.source != "jsonl") w.key("source").value(p.source);
  w.key("profession").value(p.profession);
  if (tags) {
    w.key("tags").begin_object();
    w.key("specialties").begin_array();
    for (const auto& s : tags->specialties) w.value(s.code);
    w.end_array();
    w.key("primary").value(tags->primary());
    w.key("nature").value(tags->nature);
    w.key("profession").value(p.profession);
    if (tags->human) w.key("human").value(true);
    w.end_object();
  }
  w.end_object();
  out.push_back('\n');
}

}  // namespace confrere
