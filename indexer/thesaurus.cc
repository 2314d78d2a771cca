// Loading synonym groups into a Lexicon whose codes are concept terms.
#include "thesaurus.h"

#include <algorithm>
#include <filesystem>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "data_file.h"
#include "error.h"
#include "schema.h"

namespace confrere {

namespace fs = std::filesystem;

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
  for (const auto& path : files) {
    for_each_data_line(path, [&](std::string& line, size_t lineno) {
      auto where = [&] { return path + ":" + std::to_string(lineno) + ": "; };
      size_t tab = line.find('\t');
      if (tab == std::string::npos || line.find('\t', tab + 1) != std::string::npos)
        throw Error(kExitSoftware, where() + "expected canonical<TAB>variant|variant…");
      std::string canonical = line.substr(0, tab);
      std::string term = concept_term(canonical, analyzer);
      if (term.size() <= schema::kPrefixConcept.size())
        throw Error(kExitSoftware, where() + "empty canonical expression");
      std::vector<std::string> expressions = {canonical};
      size_t start = tab + 1;
      while (start <= line.size()) {
        size_t bar = line.find('|', start);
        if (bar == std::string::npos) bar = line.size();
        std::string v = line.substr(start, bar - start);
        while (!v.empty() && v.back() == ' ') v.pop_back();
        while (!v.empty() && v.front() == ' ') v.erase(0, 1);
        if (!v.empty()) expressions.push_back(v);
        start = bar + 1;
      }
      for (const auto& expr : expressions) {
        std::string problem = th.lexicon_.add(expr, term, 1.0, analyzer);
        if (!problem.empty()) throw Error(kExitSoftware, where() + problem + ": " + expr);
      }
      ++th.groups_;
    });
  }
  return th;
}

void Thesaurus::save(const std::string& path) const {
  std::string out = "# Confrère compiled synonym groups (written by confrere-index; do not edit)\n";
  lexicon_.save(out);
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
  std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  size_t body = text.find('\n');
  Thesaurus th;
  if (body == std::string::npos || !th.lexicon_.load_compiled(std::string_view(text).substr(body + 1)))
    throw Error(kExitIoErr, path + ": malformed compiled thesaurus; run confrere-index rebuild");
  return th;
}

std::vector<Thesaurus::Concept> Thesaurus::concepts(const std::vector<Token>& tokens) const {
  std::vector<Concept> out;
  for (const auto& m : lexicon_.matches(tokens)) {
    // An expression made only of stopwords ("as", "on") would match everywhere.
    bool meaningful = false;
    for (size_t k = m.first; k <= m.last; ++k) meaningful |= !tokens[k].stop;
    if (meaningful) out.push_back({m.pattern->code, m.first, m.last});
  }
  return out;
}

}  // namespace confrere
