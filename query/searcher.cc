// Query building (same Analyzer as the documents), filters, sorting, facets and snippets.
#include "searcher.h"

#include <xapian.h>

#include <algorithm>
#include <fstream>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "data_file.h"
#include "error.h"
#include "index_writer.h"
#include "schema.h"

namespace confrere {

namespace {

// Counts the specialty codes of matching documents ('\n'-joined in their value slot).
class MultiValueCountSpy : public Xapian::MatchSpy {
 public:
  explicit MultiValueCountSpy(Xapian::valueno slot) : slot_(slot) {}
  void operator()(const Xapian::Document& doc, double) override {
    std::string v = doc.get_value(slot_);
    size_t start = 0;
    while (start < v.size()) {
      size_t nl = v.find('\n', start);
      if (nl == std::string::npos) nl = v.size();
      ++counts_[v.substr(start, nl - start)];
      start = nl + 1;
    }
  }
  const std::map<std::string, int64_t>& counts() const { return counts_; }

 private:
  Xapian::valueno slot_;
  std::map<std::string, int64_t> counts_;
};

class SingleValueCountSpy : public Xapian::MatchSpy {
 public:
  explicit SingleValueCountSpy(Xapian::valueno slot) : slot_(slot) {}
  void operator()(const Xapian::Document& doc, double) override {
    std::string v = doc.get_value(slot_);
    if (!v.empty()) ++counts_[v];
  }
  const std::map<std::string, int64_t>& counts() const { return counts_; }

 private:
  Xapian::valueno slot_;
  std::map<std::string, int64_t> counts_;
};

struct OnlyStems : Xapian::ExpandDecider {
  bool operator()(const std::string& term) const override {
    return term.size() > 1 && term[0] == schema::kPrefixStem[0];
  }
};

std::string prefixed(std::string_view prefix, const std::string& value) {
  return std::string(prefix) + value;
}

}  // namespace

// BM25 parameters, tuned on paraphrase-dev with distractors (docs/quality.md): k1 = 2 lets a
// repeated concept count, b = 1 fully normalizes long case reports against short posts.
// CONFRERE_BM25="k1 k2 k3 b min_normlen" overrides them (for tuning).
Xapian::BM25Weight bm25() {
  double k1 = 2.0, k2 = 0, k3 = 1, b = 1.0, min_normlen = 0.5;
  if (const char* env = std::getenv("CONFRERE_BM25")) {
    std::sscanf(env, "%lf %lf %lf %lf %lf", &k1, &k2, &k3, &b, &min_normlen);
  }
  return Xapian::BM25Weight(k1, k2, k3, b, min_normlen);
}

// Ranking knobs, tuned on the development sets (docs/quality.md); CONFRERE_TUNE="concept=2
// number=0.3" overrides them for experiments.
struct Tuning {
  double concept = 2;    // weight factor of a synonym group (concept + the draft's words for it)
  double number = 0.3;   // weight factor of numbers and units in a draft
  int synonym = 1;       // 1: a concept and the draft's words for it form one OP_SYNONYM term
  int prf_docs = 0;      // pseudo-relevance feedback: top cases taken as relevant (0: off)
  int prf_terms = 20;    // expansion terms added from them
  double prf_weight = 0.3;
  double collapse = 0.7;  // a case with this share of its words in a better one is collapsed (0: off)
  double collapse_ratio = 0.34;  // …if it has at least this share of the other's number of words
  // Added to the score of a case of the draft's nature, and of its primary specialty.
  // paraphrase-dev MRR@10 (20k distractors): 0/0 0.392, 1/1 0.396, 3/3 0.428, 5/5 0.445,
  // 8/8 0.458 (retrieval-dev 0.988 up to 5/5, 0.980 at 8/8): 5/5 keeps the words first.
  double nature_bonus = 5;
  double specialty_bonus = 5;
  double long_word = 9;   // letters from which a typo may be two edits away (one below)
  unsigned typo_edits(const std::string& word) const {
    return word.size() >= static_cast<size_t>(long_word) ? 2 : 1;
  }
};

Tuning tuning_from_env() {
  Tuning t;
  if (const char* env = std::getenv("CONFRERE_TUNE")) {
    std::string s(env);
    size_t start = 0;
    while (start < s.size()) {
      size_t end = s.find(' ', start);
      if (end == std::string::npos) end = s.size();
      std::string kv = s.substr(start, end - start);
      size_t eq = kv.find('=');
      if (eq != std::string::npos) {
        double v = std::atof(kv.c_str() + eq + 1);
        std::string k = kv.substr(0, eq);
        if (k == "concept") t.concept = v;
        if (k == "number") t.number = v;
        if (k == "prf_docs") t.prf_docs = static_cast<int>(v);
        if (k == "synonym") t.synonym = static_cast<int>(v);
        if (k == "prf_terms") t.prf_terms = static_cast<int>(v);
        if (k == "prf_weight") t.prf_weight = v;
        if (k == "collapse") t.collapse = v;
        if (k == "collapse_ratio") t.collapse_ratio = v;
        if (k == "long_word") t.long_word = v;
        if (k == "nature_bonus") t.nature_bonus = v;
        if (k == "specialty_bonus") t.specialty_bonus = v;
      }
      start = end + 1;
    }
  }
  return t;
}

// Words that say nothing about the case in a draft: greetings, thanks, tweet-speak.
std::unordered_set<std::string> load_query_stopwords(const Toolkit& kit) {
  std::unordered_set<std::string> words;
  for_each_data_line(kit.data_dir + "/query-stopwords.txt", [&](std::string& line, size_t) {
    for (const Token& t : kit.analyzer.tokens(line)) words.insert(t.term);
  });
  return words;
}

class Searcher::Impl {
 public:
  Impl(const DbPaths& paths, const Toolkit& kit)
      : kit_(kit),
        store_(paths.store(), Store::Mode::kReadOnly),
        tuning_(tuning_from_env()),
        query_stopwords_(load_query_stopwords(kit)) {
    try {
      db_ = Xapian::Database(paths.stub());
    } catch (const Xapian::DatabaseOpeningError&) {
      throw Error(kExitNoInput, paths.dir + ": no index; run confrere-index rebuild");
    } catch (const Xapian::Error& e) {
      throw Error(kExitIoErr, paths.dir + ": index: " + e.get_type() + ": " + e.get_msg());
    }
    std::string format = db_.get_metadata(std::string(schema::kFormatKey));
    if (format != index_format())
      throw Error(kExitSoftware, paths.dir + ": the index was built by another version ('" +
                                     format + "'); rebuild needed: confrere-index rebuild");
  }

  const std::string& stem(const std::string& term) {
    auto it = stems_.find(term);
    if (it != stems_.end()) return it->second;
    return stems_.emplace(term, prefixed(schema::kPrefixStem, stemmer_(term))).first->second;
  }

  Xapian::Query filter_query(const Filters& f) {
    std::vector<Xapian::Query> parts;
    if (!f.specialties.empty()) {
      std::vector<Xapian::Query> any;
      for (const auto& s : f.specialties) any.emplace_back(prefixed(schema::kPrefixSpecialty, s));
      parts.emplace_back(Xapian::Query::OP_OR, any.begin(), any.end());
    }
    if (!f.nature.empty()) parts.emplace_back(prefixed(schema::kPrefixNature, f.nature));
    if (!f.profession.empty())
      parts.emplace_back(prefixed(schema::kPrefixProfession, f.profession));
    if (f.has_photo) parts.emplace_back(prefixed(schema::kPrefixMedia, "photo"));
    if (!f.since.empty() || !f.until.empty()) {
      parts.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::kSlotDate, f.since,
                         f.until.empty() ? std::string("\xff") : f.until);
    }
    if (parts.empty()) return Xapian::Query();
    return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
  }

  // The draft's terms: every word as its stem, every synonym group it mentions as its concept
  // (all OR-ed, weighted); quoted parts as phrases (AND).
  Xapian::Query text_query(const std::string& text, std::unordered_set<std::string>& match_terms,
                           std::vector<std::string>& used) {
    std::vector<Xapian::Query> words, phrases;
    std::map<std::string, double> weights;  // term → query weight factor
    std::map<std::string, std::set<std::string>> concept_words;  // concept → its words' stems
    auto want = [&](const std::string& term, double factor) {
      weights[term] = std::max(weights[term], factor);
      if (std::find(used.begin(), used.end(), term) == used.end()) used.push_back(term);
    };
    size_t start = 0;
    bool in_quote = false;
    while (start <= text.size()) {
      size_t q = text.find('"', start);
      std::string part = text.substr(start, q == std::string::npos ? std::string::npos : q - start);
      auto tokens = kit_.analyzer.tokens(part);
      auto concepts = kit_.thesaurus.concepts(tokens);
      std::vector<bool> known(tokens.size(), false);  // words of a synonym group: no typos
      for (const auto& c : concepts) {
        for (size_t k = c.first; k <= c.last; ++k) known[k] = true;
      }
      std::vector<std::string> phrase;
      for (size_t i = 0; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        if (t.stop) continue;
        if (in_quote) phrase.push_back(t.term);
        if (query_stopwords_.count(t.term)) continue;  // "svp", "merci", "avis"…
        std::string word = t.term;
        if (t.kind == Token::kWord && word.size() >= 4 && !known[i] && db_.get_termfreq(word) == 0 &&
            db_.get_termfreq(stem(word)) == 0) {  // answers' words are indexed by stems only
          // A word no case uses: a typo? Take the corpus' closest word ("did you mean"), one
          // edit away (two for long words): a rare medical word ("sarcopte") is not a typo of
          // a common one ("sarcome").
          std::string fix = db_.get_spelling_suggestion(word, tuning_.typo_edits(word));
          if (!fix.empty()) {
            corrections_.emplace_back(word, fix);
            word = fix;
          }
        }
        const std::string& z = stem(word);
        match_terms.insert(z);
        want(z, t.kind == Token::kNumber || t.kind == Token::kUnit ? tuning_.number : 1.0);
      }
      for (const auto& c : concepts) {
        want(c.term, tuning_.concept);
        match_terms.insert(c.term);
        for (size_t k = c.first; k <= c.last; ++k) {
          if (tokens[k].stop) continue;
          match_terms.insert(stem(tokens[k].term));
          if (tuning_.synonym) concept_words[c.term].insert(stem(tokens[k].term));
        }
      }
      if (in_quote && phrase.size() == 1) phrases.emplace_back(phrase[0]);
      if (in_quote && phrase.size() > 1) {
        Xapian::termcount window = tokens.empty() ? 0 : tokens.back().pos - tokens.front().pos + 1;
        phrases.emplace_back(Xapian::Query::OP_PHRASE, phrase.begin(), phrase.end(),
                             std::max<Xapian::termcount>(window, phrase.size()));
      }
      if (q == std::string::npos) break;
      in_quote = !in_quote;
      start = q + 1;
    }
    std::set<std::string> grouped;
    for (const auto& [concept, stems] : concept_words) grouped.insert(stems.begin(), stems.end());
    for (const auto& [term, factor] : weights) {
      if (grouped.count(term)) continue;  // weighed within its concept's group
      Xapian::Query tq(term);
      auto group = concept_words.find(term);
      if (group != concept_words.end()) {
        // The concept and the draft's own words for it: one term to BM25 (OP_SYNONYM).
        std::vector<Xapian::Query> parts = {tq};
        for (const auto& z : group->second) parts.emplace_back(z);
        tq = Xapian::Query(Xapian::Query::OP_SYNONYM, parts.begin(), parts.end());
      }
      words.push_back(factor == 1.0 ? tq : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, tq, factor));
    }
    Xapian::Query words_q(Xapian::Query::OP_OR, words.begin(), words.end());
    if (phrases.empty()) return words_q;
    Xapian::Query required(Xapian::Query::OP_AND, phrases.begin(), phrases.end());
    if (words.empty()) return required;
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, required, words_q);
  }

  // Cases that ask the same kind of question (nature) in the same specialty as the draft get a
  // fixed bonus on top of their text score.
  // The draft's tags, as if it were a case.
  CaseTags tag_draft(const std::string& draft) {
    StoredPost root;
    root.text = draft;
    return kit_.tagger().tag_case(make_thread(root, {}, {}));
  }

  Xapian::Query boost_like_question(const Xapian::Query& q, const CaseTags& tags) {
    std::vector<Xapian::Query> bonus;
    auto add = [&](const std::string& term, double w) {
      if (w <= 0) return;
      bonus.emplace_back(Xapian::Query::OP_FILTER,
                         Xapian::Query((new Xapian::FixedWeightPostingSource(w))->release()),
                         Xapian::Query(term));  // release(): the query owns the source
    };
    if (tags.nature != "autre") add(prefixed(schema::kPrefixNature, tags.nature), tuning_.nature_bonus);
    if (!tags.specialties.empty())
      add(prefixed(schema::kPrefixSpecialty, tags.specialties.front().code), tuning_.specialty_bonus);
    if (bonus.empty()) return q;
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, q,
                         Xapian::Query(Xapian::Query::OP_OR, bonus.begin(), bonus.end()));
  }

  // Pseudo-relevance feedback: the best cases' most telling terms, added at low weight, so that
  // the community's own vocabulary joins the draft's words.
  Xapian::Query expand(const Xapian::Query& q) {
    try {
      Xapian::Enquire enquire(db_);
      enquire.set_query(q);
      enquire.set_weighting_scheme(bm25());
      Xapian::MSet top = enquire.get_mset(0, static_cast<Xapian::doccount>(tuning_.prf_docs));
      Xapian::RSet rset;
      for (auto it = top.begin(); it != top.end(); ++it) rset.add_document(*it);
      if (rset.empty()) return q;
      struct StemsAndConcepts : Xapian::ExpandDecider {
        bool operator()(const std::string& t) const override {
          return t.size() > 1 && (t[0] == 'Z' || t.rfind("XC", 0) == 0);
        }
      } decider;
      Xapian::ESet eset = enquire.get_eset(static_cast<Xapian::termcount>(tuning_.prf_terms), rset, &decider);
      std::vector<Xapian::Query> extra;
      for (auto it = eset.begin(); it != eset.end(); ++it)
        extra.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*it), tuning_.prf_weight);
      if (extra.empty()) return q;
      return Xapian::Query(Xapian::Query::OP_OR, q,
                           Xapian::Query(Xapian::Query::OP_OR, extra.begin(), extra.end()));
    } catch (const Xapian::Error&) {
      return q;
    }
  }

  std::string snippet(const std::string& text, const std::unordered_set<std::string>& terms) {
    constexpr size_t kWidth = 220;
    auto tokens = kit_.analyzer.tokens(text);
    // Words matched by their stem, and the words of the synonym groups the draft asked for
    // ("arrêt de travail" for "AT").
    std::vector<bool> marked(tokens.size());
    for (size_t i = 0; i < tokens.size(); ++i)
      marked[i] = !tokens[i].stop && terms.count(stem(tokens[i].term));
    for (const auto& c : kit_.thesaurus.concepts(tokens)) {
      if (!terms.count(c.term)) continue;
      for (size_t k = c.first; k <= c.last; ++k) marked[k] = true;
    }
    std::vector<const Token*> hits;
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (marked[i]) hits.push_back(&tokens[i]);
    }
    // The window of kWidth bytes that holds the most matched words.
    size_t best_begin = 0, best_count = 0;
    for (size_t i = 0, j = 0; i < hits.size(); ++i) {
      while (j < hits.size() && hits[j]->end - hits[i]->begin <= kWidth) ++j;
      if (j - i > best_count) {
        best_count = j - i;
        best_begin = hits[i]->begin;
      }
    }
    size_t begin = best_begin > 40 ? best_begin - 40 : 0;
    // Start and end on token boundaries so no UTF-8 sequence is cut.
    if (begin > 0) {
      for (const Token& t : tokens) {
        if (t.begin >= begin) {
          begin = t.begin;
          break;
        }
      }
    }
    size_t end = std::min(text.size(), begin + kWidth);
    if (end < text.size()) {
      size_t cut = begin;
      for (const Token& t : tokens) {
        if (t.end <= end) cut = t.end;
      }
      end = cut > begin ? cut : end;
    }
    std::string out = begin > 0 ? "…" : "";
    size_t at = begin;
    for (const Token* h : hits) {
      if (h->begin < begin || h->end > end) continue;
      out.append(text, at, h->begin - at);
      out += "<b>";
      out.append(text, h->begin, h->end - h->begin);
      out += "</b>";
      at = h->end;
    }
    out.append(text, at, end - at);
    if (end < text.size()) out += "…";
    for (char& c : out) {
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    }
    return out;
  }

  // The distinct words of a case text, sorted (numbers too: "J3" and "J10" differ).
  std::vector<std::string> case_words(const std::string& text) {
    std::vector<std::string> words;
    for (const Token& t : kit_.analyzer.tokens(text)) {
      if (!t.stop && t.kind != Token::kHashtag)
        words.push_back(t.term);
    }
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    return words;
  }

  // Whether the shorter of two cases has at least `share` of its words in the other (a repost,
  // a quote, the same question asked again), with enough words to tell.
  static bool near_duplicate(const std::vector<std::string>& a, const std::vector<std::string>& b,
                             double share, double min_ratio) {
    constexpr size_t kMinWords = 6;
    size_t shorter = std::min(a.size(), b.size());
    size_t longer = std::max(a.size(), b.size());
    if (shorter < kMinWords) return false;
    // A short post is not a duplicate of a long report that happens to contain its words.
    if (static_cast<double>(shorter) < min_ratio * static_cast<double>(longer)) return false;
    size_t common = 0;
    for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
      int c = i->compare(*j);
      if (c == 0) ++common, ++i, ++j;
      else if (c < 0) ++i;
      else ++j;
    }
    return static_cast<double>(common) >= share * static_cast<double>(shorter);
  }

  void set_sort(Xapian::Enquire& enquire, Sort sort, Xapian::MultiValueKeyMaker& keys) {
    switch (sort) {
      case Sort::kRelevance: return;
      case Sort::kRating:
        keys.add_value(schema::kSlotLikes, true);
        keys.add_value(schema::kSlotReposts, true);
        keys.add_value(schema::kSlotDate, true);
        break;
      case Sort::kDate:
        keys.add_value(schema::kSlotDate, true);
        break;
      case Sort::kAnswers:
        keys.add_value(schema::kSlotAnswers, true);
        keys.add_value(schema::kSlotLikes, true);
        break;
    }
    enquire.set_sort_by_key_then_relevance(&keys, false);
  }

  ResultSet run(const std::string& label, Xapian::Query query, const Filters& filters, Sort sort,
                int limit, int offset, bool facets,
                const std::unordered_set<std::string>& match_terms) {
    ResultSet rs;
    rs.query = label;
    Xapian::Query filter = filter_query(filters);
    if (!filter.empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
    try {
      Xapian::Enquire enquire(db_);
      enquire.set_query(query);
      enquire.set_weighting_scheme(bm25());
      Xapian::MultiValueKeyMaker keys;
      set_sort(enquire, sort, keys);
      MultiValueCountSpy spec_spy(schema::kSlotSpecialties);
      SingleValueCountSpy nature_spy(schema::kSlotNature), prof_spy(schema::kSlotProfession);
      Xapian::doccount check_at_least = 0;
      if (facets) {
        enquire.add_matchspy(&spec_spy);
        enquire.add_matchspy(&nature_spy);
        enquire.add_matchspy(&prof_spy);
        check_at_least = db_.get_doccount();
      }
      // Similar cases are collapsed: a case whose text is mostly another's, better ranked (the
      // same question posted again, a quoted repost), is listed under it, not in its own place.
      bool collapse = sort == Sort::kRelevance && tuning_.collapse > 0;
      Xapian::doccount want = static_cast<Xapian::doccount>(offset + limit);
      Xapian::doccount fetch = collapse ? std::max<Xapian::doccount>(want * 4, 40) : want;
      Xapian::MSet mset = enquire.get_mset(collapse ? 0 : static_cast<Xapian::doccount>(offset),
                                           collapse ? fetch : static_cast<Xapian::doccount>(limit),
                                           check_at_least);
      rs.estimated_matches = mset.get_matches_estimated();
      std::vector<std::vector<std::string>> kept_terms;  // sorted words of each kept case
      int rank = collapse ? 0 : offset;
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        if (collapse && rs.results.size() == want) break;
        std::string id = it.get_document().get_data();
        auto thread = store_.thread(id);
        if (!thread) continue;  // stored case removed since indexing; the next ingest catches up
        if (collapse) {
          std::vector<std::string> words = case_words(thread->root.text);
          auto same = std::find_if(kept_terms.begin(), kept_terms.end(), [&](const auto& k) {
            return near_duplicate(k, words, tuning_.collapse, tuning_.collapse_ratio);
          });
          if (same != kept_terms.end()) {
            rs.results[same - kept_terms.begin()].duplicates.push_back(id);
            continue;
          }
          kept_terms.push_back(std::move(words));
        }
        Result r;
        r.rank = ++rank;
        r.score = sort == Sort::kRelevance ? it.get_percent() / 100.0 : 0.0;
        r.snippet = snippet(thread->root.text, match_terms);
        for (auto t = enquire.get_matching_terms_begin(it); t != enquire.get_matching_terms_end(it); ++t)
          r.matched.push_back(*t);
        r.thread = std::move(*thread);  // all answers: answer_count counts them, printers cut
        rs.results.push_back(std::move(r));
      }
      if (collapse) {  // the page asked for, out of the collapsed list
        size_t from = std::min(rs.results.size(), static_cast<size_t>(offset));
        rs.results.erase(rs.results.begin(), rs.results.begin() + static_cast<long>(from));
      }
      if (facets) {
        rs.has_facets = true;
        rs.facets["specialty"] = spec_spy.counts();
        rs.facets["nature"] = nature_spy.counts();
        rs.facets["profession"] = prof_spy.counts();
      }
    } catch (const Xapian::Error& e) {
      throw Error(kExitIoErr, std::string("index: ") + e.get_type() + ": " + e.get_msg());
    }
    return rs;
  }

  const Toolkit& kit_;
  Store store_;
  Tuning tuning_;
  std::unordered_set<std::string> query_stopwords_;
  std::vector<std::pair<std::string, std::string>> corrections_;  // of the last draft
  Xapian::Database db_;
  Xapian::Stem stemmer_{"french"};
  std::unordered_map<std::string, std::string> stems_;
};

Searcher::Searcher(const DbPaths& paths, const Toolkit& kit)
    : impl_(std::make_unique<Impl>(paths, kit)) {}
Searcher::~Searcher() = default;

ResultSet Searcher::search(const std::string& text, const Filters& filters, Sort sort, int limit,
                           bool facets) {
  // A draft may name a patient too: it is redacted before it is searched or echoed.
  std::string safe = impl_->kit_.redactor.redact(text);
  std::unordered_set<std::string> terms;
  std::vector<std::string> used;
  impl_->corrections_.clear();
  Xapian::Query q = impl_->text_query(safe, terms, used);
  ResultSet rs;
  if (!q.empty() && impl_->tuning_.prf_docs > 0) q = impl_->expand(q);
  CaseTags draft;  // what the draft asks
  if (!q.empty() && impl_->kit_.has_tagger()) {
    draft = impl_->tag_draft(safe);
    q = impl_->boost_like_question(q, draft);
  }
  if (q.empty()) {
    rs.query = safe;  // only stopwords or noise: nothing to look for
  } else {
    rs = impl_->run(safe, q, filters, sort, limit, 0, facets, terms);
  }
  rs.query_terms = used;
  rs.corrections = impl_->corrections_;
  rs.draft_nature = draft.nature;
  rs.draft_specialty = draft.primary();
  return rs;
}

ResultSet Searcher::similar(const std::string& case_id, const Filters& filters, int limit) {
  Impl& im = *impl_;
  std::string id_term = prefixed(schema::kPrefixId, case_id);
  try {
    Xapian::PostingIterator p = im.db_.postlist_begin(id_term);
    if (p == im.db_.postlist_end(id_term)) {
      if (auto post = im.store_.post(case_id); post && !post->is_case())
        throw Error(kExitNotFound, case_id + ": is an answer, not a case (its case: " +
                                       (post->case_id.empty() ? "not stored yet" : post->case_id) +
                                       ")");
      throw Error(kExitNotFound, case_id + ": no such case");
    }
    Xapian::RSet rset;
    rset.add_document(*p);
    Xapian::Enquire enquire(im.db_);
    OnlyStems decider;
    Xapian::ESet eset = enquire.get_eset(30, rset, &decider);
    std::vector<Xapian::Query> terms;
    std::unordered_set<std::string> match_terms;
    for (auto it = eset.begin(); it != eset.end(); ++it) {
      terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*it), it.get_weight());
      match_terms.insert(*it);
    }
    Xapian::Query q(Xapian::Query::OP_OR, terms.begin(), terms.end());
    q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, Xapian::Query(id_term));
    ResultSet rs = im.run(case_id, q, filters, Sort::kRelevance, limit, 0, false,
                          match_terms);
    for (const auto& t : match_terms) rs.query_terms.push_back(t);
    return rs;
  } catch (const Xapian::Error& e) {
    throw Error(kExitIoErr, std::string("index: ") + e.get_type() + ": " + e.get_msg());
  }
}

ResultSet Searcher::browse(const Filters& filters, Sort sort, int limit, int offset,
                           bool facets) {
  return impl_->run("", Xapian::Query::MatchAll, filters,
                    sort == Sort::kRelevance ? Sort::kRating : sort, limit, offset, facets, {});
}

Thread Searcher::show(const std::string& case_id) {
  auto thread = impl_->store_.thread(case_id);
  if (!thread) {
    if (auto post = impl_->store_.post(case_id))
      throw Error(kExitNotFound, case_id + ": is an answer, not a case (its case: " +
                                     (post->case_id.empty() ? "not stored yet" : post->case_id) +
                                     ")");
    throw Error(kExitNotFound, case_id + ": no such case");
  }
  return std::move(*thread);
}

}  // namespace confrere
