// One printer interface, two forms: readable terminal text, and JSON exactly as PRODUCT.md says.
#pragma once

#include <cstdio>
#include <memory>
#include <string>

#include "searcher.h"

namespace confrere {

class Printer {
 public:
  virtual ~Printer() = default;
  // search, similar, browse: each result with its `answers` best-rated answers.
  virtual void results(const ResultSet& rs, int answers) = 0;
  // show: the case with all its answers, best first, and its follow-ups.
  virtual void thread(const Thread& t) = 0;
};

// `color`: ANSI bold for matched words (else *word*).
std::unique_ptr<Printer> make_text_printer(std::FILE* out, bool color, bool explain);
std::unique_ptr<Printer> make_json_printer(std::FILE* out);

}  // namespace confrere
