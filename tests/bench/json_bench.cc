// Focus: choosing the JSON parser by measurement: parse a large JSONL file line by line with
// Confrère's reader (simdjson DOM, every field extracted and checked) and, when their Debian
// packages are installed, with nlohmann/json and RapidJSON (parse only, no extraction).
// Usage: json_bench FILE.jsonl   (make one with tests/bench/make_jsonl.sh)
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "source.h"

#ifdef HAVE_NLOHMANN
#include <nlohmann/json.hpp>
#endif
#ifdef HAVE_RAPIDJSON
#include <rapidjson/document.h>
#endif

namespace {

template <class Fn>
void run(const char* name, const std::vector<std::string>& lines, size_t bytes, Fn&& parse) {
  auto t0 = std::chrono::steady_clock::now();
  size_t ok = 0;
  for (const auto& l : lines) ok += parse(l);
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("%-34s %8.0f MB/s  %6.2f s  %zu lines ok\n", name, bytes / 1e6 / s, s, ok);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: json_bench FILE.jsonl\n");
    return 64;
  }
  std::ifstream in(argv[1]);
  std::vector<std::string> lines;
  size_t bytes = 0;
  for (std::string l; std::getline(in, l);) {
    bytes += l.size() + 1;
    l.reserve(l.size() + 64);  // simdjson's padding
    lines.push_back(std::move(l));
  }
  std::printf("%zu lines, %.1f MB\n", lines.size(), bytes / 1e6);
  run("simdjson DOM + field extraction", lines, bytes, [](const std::string& l) {
    confrere::RawPost p;
    return confrere::parse_native_line(l, p).empty();
  });
#ifdef HAVE_NLOHMANN
  run("nlohmann::json::parse", lines, bytes, [](const std::string& l) {
    auto j = nlohmann::json::parse(l, nullptr, false);
    return !j.is_discarded();
  });
#endif
#ifdef HAVE_RAPIDJSON
  run("rapidjson::Document::Parse", lines, bytes, [](const std::string& l) {
    rapidjson::Document d;
    d.Parse(l.c_str(), l.size());
    return !d.HasParseError();
  });
#endif
  return 0;
}
