// Loading synonym groups into a Lexicon whose codes are concept terms.
#include "thesaurus.h"

#include <algorithm>
#include <filesystem>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "data_file.h"
#include "error.h"
#include "normalize.h"
#include "schema.h"

namespace confrere {

namespace fs = std::filesystem;

constexpr char kCueMark = '?';  // a cue's code: '?' + the concept term it points to
constexpr size_t kSenseContext = 40;  // words on each side that may tell an expression's sense

std::string concept_term(const std::string& canonical, const Analyzer& analyzer) {
  std::string term(schema::kPrefixConcept);
  bool first = true;
  for (const Token& t : analyzer.tokens(canonical)) {
    if (!first) term.push_back('_');
    term += t.term;
    first = false;
  }
  return term;
}

namespace {

// A "name<TAB>part|part…" line: the name and its non-empty parts, trimmed. Throws Error naming
// the line (`where`) when the columns are not two.
std::pair<std::string, std::vector<std::string>> split_group(const std::string& line,
                                                             const std::string& where,
                                                             const char* expected) {
  size_t tab = line.find('\t');
  if (tab == std::string::npos || line.find('\t', tab + 1) != std::string::npos)
    throw Error(kExitSoftware, where + "expected " + expected);
  std::vector<std::string> parts;
  size_t start = tab + 1;
  while (start <= line.size()) {
    size_t bar = line.find('|', start);
    if (bar == std::string::npos) bar = line.size();
    std::string part = line.substr(start, bar - start);
    while (!part.empty() && part.back() == ' ') part.pop_back();
    while (!part.empty() && part.front() == ' ') part.erase(0, 1);
    if (!part.empty()) parts.push_back(std::move(part));
    start = bar + 1;
  }
  return {line.substr(0, tab), std::move(parts)};
}

}  // namespace

Thesaurus Thesaurus::from_data_dir(const std::string& data_dir, const Analyzer& analyzer) {
  Thesaurus th;
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(data_dir + "/lexicons", ec)) {
    std::string name = e.path().filename().string();
    if (name.rfind("synonyms-", 0) == 0 && e.path().extension() == ".tsv")
      files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  std::unordered_map<std::string, std::vector<std::string>> expressions_of;  // concept → its words
  for (const auto& path : files) {
    for_each_data_line(path, [&](std::string& line, size_t lineno) {
      auto where = [&] { return path + ":" + std::to_string(lineno) + ": "; };
      auto [canonical, variants] = split_group(line, where(), "canonical<TAB>variant|variant…");
      std::string term = concept_term(canonical, analyzer);
      if (term.size() <= schema::kPrefixConcept.size())
        throw Error(kExitSoftware, where() + "empty canonical expression");
      std::vector<std::string> expressions = {canonical};
      expressions.insert(expressions.end(), variants.begin(), variants.end());
      for (const auto& expr : expressions) {
        std::string problem = th.lexicon_.add(expr, term, 1.0, analyzer);
        if (!problem.empty()) throw Error(kExitSoftware, where() + problem + ": " + expr);
      }
      auto& known = expressions_of[term];
      known.insert(known.end(), expressions.begin(), expressions.end());
      ++th.groups_;
    });
  }
  // The group named `name` (a canonical of some synonym file): its concept term and its
  // expressions; `where` names the line that refers to it.
  auto group_named = [&](const std::string& name, const std::string& where) -> const auto& {
    auto group = expressions_of.find(concept_term(name, analyzer));
    if (group == expressions_of.end())
      throw Error(kExitSoftware, where + "no synonym group is named '" + name + "'");
    return *group;
  };
  // Broader concepts: "narrower<TAB>broader": the narrower group's expressions name the broader
  // concept too ("DT2" is diabetes as well as type 2 diabetes), so that a draft in general words
  // meets a post in specific ones.
  std::string broader = data_dir + "/lexicons/broader.tsv";
  if (fs::exists(broader)) {
    // An expression of several groups ("BAV": a drop in visual acuity, a heart block) passes on
    // none of its senses: a wrong sense would bring its whole family along.
    std::unordered_map<std::string, int> groups_of;
    for (const auto& [term, exprs] : expressions_of) {
      std::unordered_set<std::string> once;
      for (const auto& e : exprs) {
        std::string folded = fold(e);
        if (once.insert(folded).second) ++groups_of[folded];
      }
    }
    for_each_data_line(broader, [&](std::string& line, size_t lineno) {
      std::string where = broader + ":" + std::to_string(lineno) + ": ";
      auto [narrower, wider] = split_group(line, where, "narrower<TAB>broader");
      const auto& expressions = group_named(narrower, where).second;
      for (const auto& w : wider) {
        const std::string& to = group_named(w, where).first;
        for (const auto& expr : expressions)
          if (groups_of[fold(expr)] == 1) th.lexicon_.add(expr, to, 1.0, analyzer);
      }
    });
  }
  // Cue words of the senses of ambiguous expressions: "concept<TAB>cue|cue…".
  std::string senses = data_dir + "/lexicons/senses.tsv";
  if (fs::exists(senses)) {
    for_each_data_line(senses, [&](std::string& line, size_t lineno) {
      std::string where = senses + ":" + std::to_string(lineno) + ": ";
      auto [canonical, cues] = split_group(line, where, "canonical<TAB>cue|cue…");
      const std::string& term = group_named(canonical, where).first;
      for (const auto& cue : cues) {
        std::string problem = th.lexicon_.add(cue, kCueMark + term, 1.0, analyzer);
        if (!problem.empty()) throw Error(kExitSoftware, where + problem + ": " + cue);
      }
      th.with_cues_.insert(term);
    });
  }
  return th;
}

std::string Thesaurus::compiled() const {
  std::string out = "# Confrère compiled synonym groups (written by confrere-index; do not edit)\n";
  lexicon_.save(out);
  return out;
}

void Thesaurus::save(const std::string& path) const {
  std::string out = compiled();
  std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f << out;
    f.flush();
    if (!f) throw Error(kExitIoErr, tmp + ": cannot write the compiled thesaurus");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0)
    throw Error(kExitIoErr, path + ": cannot replace the compiled thesaurus");
}

Thesaurus Thesaurus::load_compiled(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw Error(kExitNoInput, path + ": cannot open the compiled thesaurus");
  std::string text;
  f.seekg(0, std::ios::end);
  text.resize(static_cast<size_t>(std::max<std::streamoff>(f.tellg(), 0)));
  f.seekg(0, std::ios::beg);
  if (!f.read(text.data(), static_cast<std::streamsize>(text.size())))
    throw Error(kExitIoErr, path + ": cannot read the compiled thesaurus");
  size_t body = text.find('\n');
  Thesaurus th;
  if (body == std::string::npos || !th.lexicon_.load_compiled(std::string_view(text).substr(body + 1)))
    throw Error(kExitIoErr, path + ": malformed compiled thesaurus; run confrere-index rebuild");
  th.lexicon_.for_each_code([&](const std::string& code) {
    if (code[0] == kCueMark) th.with_cues_.insert(code.substr(1));
  });
  return th;
}

namespace {

// The words of a concept term ("XCarret_de_travail" → arret, de, travail), light-stemmed.
std::vector<std::string> concept_words(const std::string& term) {
  std::vector<std::string> words;
  size_t start = schema::kPrefixConcept.size();
  while (start <= term.size()) {
    size_t end = term.find('_', start);
    if (end == std::string::npos) end = term.size();
    words.push_back(light_stem(term.substr(start, end - start)));
    start = end + 1;
  }
  return words;
}

// Keeps, of an ambiguous expression's concepts ("AT", "MT", "IPP"), when senses.tsv declares at
// least two of them, the sense the rest of the text points to: its cue words (senses.tsv:
// "prolonger" for arrêt de travail, "déclarer" for accident du travail) and the words of its own
// name ("arrêt"). With no such evidence, or a tie, every sense is kept.
std::vector<Thesaurus::Concept> disambiguate(std::vector<Thesaurus::Concept> found,
                                             const std::vector<Thesaurus::Concept>& cues,
                                             const std::vector<Token>& tokens,
                                             const std::unordered_set<std::string>& homonyms) {
  using Concept = Thesaurus::Concept;
  // The concepts of one expression side by side, each once ("AT" is in two files).
  std::sort(found.begin(), found.end(), [](const Concept& a, const Concept& b) {
    return std::tie(a.first, a.last, a.term) < std::tie(b.first, b.last, b.term);
  });
  found.erase(std::unique(found.begin(), found.end(),
                          [](const Concept& a, const Concept& b) {
                            return a.first == b.first && a.last == b.last && a.term == b.term;
                          }),
              found.end());
  // Cues by position, so that each expression looks only at its own neighbourhood: a long text
  // with many ambiguous abbreviations costs its length times the window, not its length squared.
  std::vector<Concept> near = cues;
  std::sort(near.begin(), near.end(), [](const Concept& a, const Concept& b) { return a.first < b.first; });
  std::vector<std::string> stems;  // of the text's words, computed when first needed
  std::vector<Concept> out;
  out.reserve(found.size());
  for (size_t i = 0; i < found.size();) {
    size_t j = i + 1;
    while (j < found.size() && found[j].first == found[i].first && found[j].last == found[i].last) ++j;
    // Only senses that senses.tsv declares (with their cues) are told apart; groups that merely
    // overlap ("pyélonéphrite" in pyélonéphrite and pyélonéphrite aiguë) keep every concept.
    size_t declared = 0;
    for (size_t k = i; k < j; ++k) declared += homonyms.count(found[k].term);
    if (declared < 2) {
      for (; i < j; ++i) out.push_back(std::move(found[i]));
      continue;
    }
    if (stems.empty()) {
      for (const Token& t : tokens) stems.push_back(t.stop ? std::string() : light_stem(t.term));
    }
    // Evidence counts more the closer it is: "déclarer un AT" outweighs an "arrêt" ten words off.
    auto closeness = [&](size_t t) {
      if (t >= found[i].first && t <= found[i].last) return 0.0;
      size_t d = t < found[i].first ? found[i].first - t : t - found[i].last;
      return 1.0 / static_cast<double>(d);
    };
    size_t from = found[i].first >= kSenseContext ? found[i].first - kSenseContext : 0;
    size_t to = std::min(tokens.size(), found[i].last + kSenseContext + 1);  // exclusive
    auto first_cue = std::lower_bound(near.begin(), near.end(), from,
                                      [](const Concept& c, size_t at) { return c.first < at; });
    std::vector<std::vector<std::string>> words;
    for (size_t k = i; k < j; ++k) words.push_back(concept_words(found[k].term));
    std::vector<double> support(j - i, 0);
    for (size_t k = 0; k < words.size(); ++k) {
      for (auto c = first_cue; c != near.end() && c->first < to; ++c) {
        if (c->term == found[i + k].term) support[k] += closeness(c->first);
      }
      for (const std::string& w : words[k]) {
        if (w.size() < 4) continue;  // "de", "du"
        bool shared = false;         // a word of another sense says nothing
        for (size_t o = 0; o < words.size(); ++o) {
          if (o != k && std::find(words[o].begin(), words[o].end(), w) != words[o].end()) shared = true;
        }
        if (shared) continue;
        double nearest = 0;
        for (size_t t = from; t < to; ++t) {
          if (stems[t] == w) nearest = std::max(nearest, closeness(t));
        }
        support[k] += nearest;
      }
    }
    double best = *std::max_element(support.begin(), support.end());
    int winners = static_cast<int>(std::count(support.begin(), support.end(), best));
    for (size_t k = i; k < j; ++k) {
      if (best == 0 || winners > 1 || support[k - i] == best) out.push_back(std::move(found[k]));
    }
    i = j;
  }
  return out;
}

}  // namespace

std::vector<Thesaurus::Concept> Thesaurus::concepts(const std::vector<Token>& tokens) const {
  std::vector<Concept> found, cues;
  for (const auto& m : lexicon_.matches(tokens)) {
    // An expression made only of stopwords ("as", "on", the cue "SA" as "sa") would match
    // everywhere.
    bool meaningful = false;
    for (size_t k = m.first; k <= m.last; ++k) meaningful |= !tokens[k].stop;
    if (!meaningful) continue;
    if (m.pattern->code[0] == kCueMark) {
      cues.push_back({m.pattern->code.substr(1), m.first, m.last});
    } else {
      found.push_back({m.pattern->code, m.first, m.last});
    }
  }
  return disambiguate(std::move(found), cues, tokens, with_cues_);
}

}  // namespace confrere
