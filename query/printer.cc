// Text and JSON printers.
#include "printer.h"

#include <algorithm>

#include "json_writer.h"
#include "normalize.h"

namespace confrere {

namespace {

// ---- JSON -------------------------------------------------------------------------------------

void write_post_fields(JsonWriter& w, const StoredPost& p) {
  w.key("id").value(p.id);
  w.key("created_at").value(p.created_at);
  w.key("text").value(p.text);
  w.key("likes").value(p.likes);
  w.key("reposts").value(p.reposts);
  w.key("profession").value(p.profession);
}

void write_case(JsonWriter& w, const Thread& t, const Result* r, int answers) {
  const StoredPost& c = t.root;
  w.begin_object();
  if (r) w.key("rank").value(r->rank).key("score").value(r->score);
  w.key("id").value(c.id);
  w.key("created_at").value(c.created_at);
  w.key("text").value(c.text);
  if (r) w.key("snippet").value(r->snippet);
  w.key("author").begin_object();
  w.key("id").value(c.author_id).key("name").value(c.author_name).key("bio").value(c.author_bio);
  w.end_object();
  w.key("profession").value(c.profession);
  w.key("specialties").begin_array();
  for (const auto& s : t.tags.specialties) w.value(s.code);
  w.end_array();
  w.key("primary").value(t.tags.primary());
  w.key("nature").value(t.tags.nature);
  w.key("tags_by").value(t.tags.human ? "human" : "lexicon");
  w.key("has_photo").value(c.has_photo());
  w.key("likes").value(c.likes);
  w.key("reposts").value(c.reposts);
  w.key("answer_count").value(static_cast<int64_t>(t.answers.size()));
  if (r && !r->duplicates.empty()) {
    w.key("duplicates").begin_array();
    for (const auto& id : r->duplicates) w.value(id);
    w.end_array();
  }
  w.key("answers").begin_array();
  size_t n = answers < 0 ? t.answers.size()
                         : std::min(t.answers.size(), static_cast<size_t>(answers));
  for (size_t i = 0; i < n; ++i) {
    w.begin_object();
    write_post_fields(w, t.answers[i]);
    if (t.answers[i].reply_to && *t.answers[i].reply_to != c.id)
      w.key("reply_to").value(*t.answers[i].reply_to);
    w.end_object();
  }
  w.end_array();
  if (!r) {
    w.key("follow_ups").begin_array();
    for (const auto& f : t.follow_ups) {
      w.begin_object();
      write_post_fields(w, f);
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
}

class JsonPrinter : public Printer {
 public:
  explicit JsonPrinter(std::FILE* out) : out_(out) {}
  void results(const ResultSet& rs, int answers) override {
    std::string s;
    JsonWriter w(s);
    w.begin_object();
    w.key("query").value(rs.query);
    if (!rs.corrections.empty()) {
      w.key("corrections").begin_object();
      for (const auto& [typo, word] : rs.corrections) w.key(typo).value(word);
      w.end_object();
    }
    w.key("estimated_matches").value(rs.estimated_matches);
    w.key("results").begin_array();
    for (const auto& r : rs.results) write_case(w, r.thread, &r, answers);
    w.end_array();
    if (rs.has_facets) {
      w.key("facets").begin_object();
      for (const auto& [axis, counts] : rs.facets) {
        w.key(axis).begin_object();
        for (const auto& [code, n] : counts) w.key(code).value(n);
        w.end_object();
      }
      w.end_object();
    }
    w.end_object();
    s.push_back('\n');
    std::fwrite(s.data(), 1, s.size(), out_);
  }
  void thread(const Thread& t) override {
    std::string s;
    JsonWriter w(s);
    write_case(w, t, nullptr, -1);
    s.push_back('\n');
    std::fwrite(s.data(), 1, s.size(), out_);
  }

 private:
  std::FILE* out_;
};

// ---- text -------------------------------------------------------------------------------------

// Cuts `s` to about `max` bytes on a UTF-8 boundary, with "…".
std::string shorten(const std::string& s, size_t max) {
  std::string flat = s;
  for (char& c : flat) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  if (flat.size() <= max) return flat;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(flat[cut]) & 0xC0) == 0x80) --cut;
  size_t space = flat.rfind(' ', cut);
  if (space != std::string::npos && space > max / 2) cut = space;
  return flat.substr(0, cut) + "…";
}

std::string day(const std::string& created_at) {
  return created_at.size() >= 10 ? created_at.substr(0, 10) : (created_at.empty() ? "?" : created_at);
}

class TextPrinter : public Printer {
 public:
  TextPrinter(std::FILE* out, bool color, bool explain)
      : out_(out), color_(color), explain_(explain) {}

  std::string bold(const std::string& s) const {
    return color_ ? "\x1b[1m" + s + "\x1b[0m" : s;
  }

  std::string highlight(const std::string& snippet) const {
    std::string out;
    size_t at = 0;
    for (;;) {
      size_t b = snippet.find("<b>", at);
      if (b == std::string::npos) break;
      size_t e = snippet.find("</b>", b);
      if (e == std::string::npos) break;
      out.append(snippet, at, b - at);
      std::string word = snippet.substr(b + 3, e - b - 3);
      out += color_ ? "\x1b[1;33m" + word + "\x1b[0m" : "*" + word + "*";
      at = e + 4;
    }
    out.append(snippet, at, std::string::npos);
    return out;
  }

  void header(const Thread& t, const Result* r) {
    const StoredPost& c = t.root;
    std::string specs;
    for (const auto& s : t.tags.specialties) specs += (specs.empty() ? "" : ", ") + s.code;
    if (specs.empty()) specs = "sans spécialité";
    std::fprintf(out_, "%s%s  %s · %s · %s · %s%s%s · %lld likes · %zu réponses\n",
                 r ? (std::to_string(r->rank) + ". ").c_str() : "", bold(c.id).c_str(),
                 day(c.created_at).c_str(), c.profession.c_str(), specs.c_str(),
                 t.tags.nature.c_str(), t.tags.human ? " (corrigé)" : "",
                 c.has_photo() ? " · photo" : "",
                 static_cast<long long>(c.likes), t.answers.size());
  }

  void answer_line(const StoredPost& a, size_t max) {
    std::fprintf(out_, "   ↳ %lld likes · %s · %s\n", static_cast<long long>(a.likes),
                 a.profession.c_str(), shorten(a.text, max).c_str());
  }

  void results(const ResultSet& rs, int answers) override {
    if (!rs.corrections.empty()) {
      std::string fixed;
      for (const auto& [typo, word] : rs.corrections) fixed += (fixed.empty() ? "" : ", ") + typo + " → " + word;
      std::fprintf(out_, "Vouliez-vous dire : %s\n", fixed.c_str());
    }
    if (explain_ && !rs.query_terms.empty()) {
      std::fprintf(out_, "looked for (Z: word stems, XC: synonym groups):");
      for (const auto& t : rs.query_terms) std::fprintf(out_, " %s", t.c_str());
      std::fprintf(out_, "\n");
      if (!rs.draft_nature.empty()) {
        std::fprintf(out_, "the draft asks (bonus to cases alike): nature %s, specialty %s\n",
                     rs.draft_nature.c_str(),
                     rs.draft_specialty.empty() ? "(none)" : rs.draft_specialty.c_str());
      }
    }
    if (rs.results.empty()) {
      std::fprintf(out_, "No matching case.\n");
    } else {
      std::fprintf(out_, "%zu of about %lld cases\n\n", rs.results.size(),
                   static_cast<long long>(rs.estimated_matches));
    }
    for (const auto& r : rs.results) {
      header(r.thread, &r);
      std::fprintf(out_, "   %s\n", highlight(r.snippet).c_str());
      if (!r.duplicates.empty()) {
        std::string ids;
        for (const auto& id : r.duplicates) ids += (ids.empty() ? "" : ", ") + id;
        std::fprintf(out_, "   (+%zu near-identical: %s)\n", r.duplicates.size(), ids.c_str());
      }
      if (explain_) {
        std::string m;
        for (const auto& t : r.matched) m += " " + t;
        std::fprintf(out_, "   matched (score %.2f):%s\n", r.score, m.c_str());
      }
      size_t n = std::min(r.thread.answers.size(), static_cast<size_t>(std::max(answers, 0)));
      for (size_t i = 0; i < n; ++i) answer_line(r.thread.answers[i], 200);
      std::fprintf(out_, "\n");
    }
    if (rs.has_facets) {
      for (const auto& [axis, counts] : rs.facets) {
        std::vector<std::pair<std::string, int64_t>> v(counts.begin(), counts.end());
        std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
          return a.second != b.second ? a.second > b.second : a.first < b.first;
        });
        std::fprintf(out_, "%s:", axis.c_str());
        for (const auto& [code, n] : v) std::fprintf(out_, " %s %lld ·", code.c_str(), static_cast<long long>(n));
        std::fprintf(out_, "\n");
      }
    }
  }

  void thread(const Thread& t) override {
    header(t, nullptr);
    const StoredPost& c = t.root;
    std::fprintf(out_, "   %s (%s)\n\n   %s\n\n", c.author_name.empty() ? "anonyme" : c.author_name.c_str(),
                 c.author_bio.empty() ? "sans bio" : shorten(c.author_bio, 80).c_str(),
                 shorten(c.text, 100000).c_str());
    for (const auto& a : t.answers) answer_line(a, 100000);
    for (const auto& f : t.follow_ups)
      std::fprintf(out_, "   ⤷ suite de l'auteur · %s\n", shorten(f.text, 100000).c_str());
  }

 private:
  std::FILE* out_;
  bool color_;
  bool explain_;
};

}  // namespace

std::unique_ptr<Printer> make_text_printer(std::FILE* out, bool color, bool explain) {
  return std::make_unique<TextPrinter>(out, color, explain);
}

std::unique_ptr<Printer> make_json_printer(std::FILE* out) {
  return std::make_unique<JsonPrinter>(out);
}

}  // namespace confrere
