// confrere-query: search, similar, show, browse (PRODUCT.md), and eval for judged query files.
#include <simdjson.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "error.h"
#include "json_writer.h"
#include "paths.h"
#include "pipeline.h"
#include "printer.h"
#include "searcher.h"
#include "source.h"
#include "tagger.h"

using namespace confrere;

namespace {

struct Options {
  std::string db;
  bool json = false;
  bool explain = false;
  bool facets = false;
  // Each command has its own defaults; CLI11 sets defaults at definition time, so each
  // command binds its own variables.
  int search_limit = 10, similar_limit = 10, browse_limit = 20;
  int search_answers = 3, similar_answers = 3, browse_answers = 1;
  int offset = 0;
  std::string sort;
  std::vector<std::string> words;
  std::string case_id;
  std::string queries_file;
  // filters
  std::vector<std::string> specialties;
  std::string nature, profession, since, until;
  bool has_photo = false;
};

void add_filters(CLI::App* cmd, Options& o) {
  cmd->add_option("--specialty", o.specialties, "Only cases with this specialty (repeatable: any of them)")
      ->allow_extra_args(false);
  cmd->add_option("--nature", o.nature, "Only questions of this nature");
  cmd->add_option("--profession", o.profession, "Only cases posted by this profession");
  cmd->add_option("--since", o.since, "Only cases posted on or after DATE (YYYY-MM-DD)");
  cmd->add_option("--until", o.until, "Only cases posted on or before DATE (YYYY-MM-DD)");
  cmd->add_flag("--has-photo", o.has_photo, "Only cases with a photo");
}

void require_code(const std::vector<std::string>& codes, const std::string& code,
                  const char* option) {
  if (code.empty() || is_code(codes, code)) return;
  std::string list;
  for (const auto& c : codes) list += (list.empty() ? "" : ", ") + c;
  throw Error(kExitUsage, std::string(option) + " " + code + ": unknown code (one of: " + list + ")");
}

std::string date_option(const std::string& value, const char* option, bool end_of_day) {
  if (value.empty()) return {};
  std::string out;
  if (!normalize_date(value, out))
    throw Error(kExitUsage, std::string(option) + " " + value + ": not a date (YYYY-MM-DD)");
  if (end_of_day && value.size() == 10) out = out.substr(0, 10) + "T23:59:59Z";
  return out;
}

Filters make_filters(const Options& o) {
  Filters f;
  for (const auto& s : o.specialties) require_code(specialty_codes(), s, "--specialty");
  require_code(nature_codes(), o.nature, "--nature");
  require_code(profession_codes(), o.profession, "--profession");
  f.specialties = o.specialties;
  f.nature = o.nature;
  f.profession = o.profession;
  f.since = date_option(o.since, "--since", false);
  f.until = date_option(o.until, "--until", true);
  if (!f.since.empty() && !f.until.empty() && f.since > f.until)
    throw Error(kExitUsage, "--since is after --until");
  f.has_photo = o.has_photo;
  return f;
}

Sort parse_sort(const std::string& s, Sort fallback) {
  if (s.empty()) return fallback;
  if (s == "relevance") return Sort::kRelevance;
  if (s == "rating") return Sort::kRating;
  if (s == "date") return Sort::kDate;
  if (s == "answers") return Sort::kAnswers;
  throw Error(kExitUsage, "--sort " + s + ": one of rating, date, answers, relevance");
}

std::unique_ptr<Printer> printer(const Options& o) {
  if (o.json) return make_json_printer(stdout);
  return make_text_printer(stdout, isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR"), o.explain);
}

std::string join(const std::vector<std::string>& words) {
  std::string s;
  for (const auto& w : words) s += (s.empty() ? "" : " ") + w;
  return s;
}

// eval: MRR@10, P@1, R@10 of `search` on a judged query file ({"qid","query","target"} lines).
int cmd_eval(Searcher& searcher, const Options& o) {
  std::FILE* f = std::fopen(o.queries_file.c_str(), "rb");
  if (!f) throw Error(kExitNoInput, o.queries_file + ": cannot open");
  LineReader reader(f);
  std::string_view line;
  simdjson::dom::parser parser;
  double rr_sum = 0;
  int n = 0, p1 = 0, r10 = 0, bad = 0;
  std::vector<double> ms;
  std::vector<std::string> misses;
  for (;;) {
    auto st = reader.next(line);
    if (st == LineReader::Status::kEnd) break;
    std::string where = o.queries_file + ":" + std::to_string(reader.line_number()) + ": ";
    if (st == LineReader::Status::kTooLong) {
      std::fprintf(stderr, "%sline too long\n", where.c_str());
      ++bad;
      continue;
    }
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    simdjson::dom::element doc;
    std::string_view qid, query, target;
    if (parser.parse(line.data(), line.size(), false).get(doc) ||
        doc["query"].get_string().get(query) || doc["target"].get_string().get(target)) {
      std::fprintf(stderr, "%sexpected {\"qid\", \"query\", \"target\"}\n", where.c_str());
      ++bad;
      continue;
    }
    if (doc["qid"].get_string().get(qid)) qid = target;
    auto start = std::chrono::steady_clock::now();
    ResultSet rs = searcher.search(std::string(query), make_filters(o), Sort::kRelevance, 10, false);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    ++n;
    int rank = 0;
    for (const auto& r : rs.results) {
      if (r.thread.root.id == target) {
        rank = r.rank;
        break;
      }
    }
    if (rank > 0) {
      rr_sum += 1.0 / rank;
      ++r10;
      if (rank == 1) ++p1;
    }
    if (rank != 1) {
      std::string got = rs.results.empty() ? "nothing" : rs.results[0].thread.root.id;
      misses.push_back(std::string(qid) + ": target " + std::string(target) +
                       (rank ? " at rank " + std::to_string(rank) : " not in the top 10") +
                       "; first: " + got);
    }
  }
  std::fclose(f);
  if (n == 0) throw Error(kExitDataErr, o.queries_file + ": no query");
  std::sort(ms.begin(), ms.end());
  double p50 = ms[ms.size() / 2], pmax = ms.back();
  double p99 = ms[std::min(ms.size() - 1, static_cast<size_t>(ms.size() * 0.99))];
  if (o.json) {
    std::string out;
    JsonWriter w(out);
    w.begin_object().key("queries").value(n).key("mrr10").value(rr_sum / n);
    w.key("p1").value(static_cast<double>(p1) / n).key("r10").value(static_cast<double>(r10) / n);
    w.key("ms_p50").value(p50).key("ms_p99").value(p99).key("ms_max").value(pmax);
    w.key("rejected").value(bad);
    w.end_object();
    std::printf("%s\n", out.c_str());
  } else {
    for (const auto& m : misses) std::printf("miss %s\n", m.c_str());
    std::printf("queries %d  MRR@10 %.3f  P@1 %.3f  R@10 %.3f  (search p50 %.1f ms, max %.1f ms)\n",
                n, rr_sum / n, static_cast<double>(p1) / n, static_cast<double>(r10) / n, p50, pmax);
  }
  return bad ? kExitDataErr : kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "confrere-query: find past French clinical cases like yours, with their best-rated answers.\n"
      "The database directory is --db, else $CONFRERE_DB, else $XDG_DATA_HOME/confrere.\n"
      "Codes for --specialty, --nature, --profession are those of the taxonomy (docs/guide.md)."};
  app.require_subcommand(1);
  Options o;
  app.add_option("--db", o.db, "Database directory");

  auto* search = app.add_subcommand("search", "Paste a draft: the most similar cases and their best answers");
  add_filters(search, o);
  search->add_option("--limit", o.search_limit, "Number of cases")->capture_default_str()->check(CLI::Range(1, 1000));
  search->add_option("--answers", o.search_answers, "Best-rated answers shown per case")->capture_default_str()->check(CLI::Range(0, 100));
  search->add_option("--sort", o.sort, "relevance (default), rating, date or answers");
  search->add_flag("--facets", o.facets, "Counts per specialty, nature and profession");
  search->add_flag("--explain", o.explain, "Show the terms looked for");
  search->add_flag("--json", o.json, "One JSON object (PRODUCT.md)");
  search->add_option("TEXT", o.words, "The draft or keywords; \"quoted words\" must appear as a phrase")->required();

  auto* similar = app.add_subcommand("similar", "Cases like a given case");
  add_filters(similar, o);
  similar->add_option("--limit", o.similar_limit, "Number of cases")->capture_default_str()->check(CLI::Range(1, 1000));
  similar->add_option("--answers", o.similar_answers, "Best-rated answers shown per case")->capture_default_str()->check(CLI::Range(0, 100));
  similar->add_flag("--json", o.json, "One JSON object (PRODUCT.md)");
  similar->add_option("CASE_ID", o.case_id, "A case id")->required();

  auto* show = app.add_subcommand("show", "One case with all its answers, best first");
  show->add_flag("--json", o.json, "The case object (PRODUCT.md)");
  show->add_option("CASE_ID", o.case_id, "A case id")->required();

  auto* browse = app.add_subcommand("browse", "Study by topic: cases matching filters, best first");
  add_filters(browse, o);
  browse->add_option("--sort", o.sort, "rating (default), date or answers");
  browse->add_option("--limit", o.browse_limit, "Number of cases")->capture_default_str()->check(CLI::Range(1, 100000));
  browse->add_option("--offset", o.offset, "Skip this many cases (paging)")->capture_default_str()->check(CLI::NonNegativeNumber);
  browse->add_option("--answers", o.browse_answers, "Best-rated answers shown per case")->capture_default_str()->check(CLI::Range(0, 100));
  browse->add_flag("--facets", o.facets, "Counts per specialty, nature and profession");
  browse->add_flag("--json", o.json, "One JSON object (PRODUCT.md)");

  auto* eval = app.add_subcommand("eval", "MRR@10, P@1, R@10 of search on a judged query file");
  eval->add_option("QUERIES", o.queries_file, "JSONL lines {\"qid\", \"query\", \"target\"}")->required();
  eval->add_flag("--json", o.json, "One JSON object");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
  }
  try {
    Filters filters = make_filters(o);
    Sort sort_default = *browse ? Sort::kRating : Sort::kRelevance;
    Sort sort = parse_sort(o.sort, sort_default);
    if (*browse && sort == Sort::kRelevance) throw Error(kExitUsage, "--sort relevance needs a search text");
    DbPaths paths = resolve_db(o.db);
    // The synonym groups the index was built with, compiled by the indexer (a fast start).
    std::error_code ec;
    std::string compiled =
        std::filesystem::exists(paths.thesaurus(), ec) ? paths.thesaurus() : std::string();
    // Tagging lexicons too: a draft is tagged like a case, to favour cases asking the same kind
    // of question (searcher.cc, boost_like_question).
    Toolkit kit(resolve_data_dir(), /*tagging=*/true, compiled);
    Searcher searcher(paths, kit);
    auto out = printer(o);
    if (*search) {
      out->results(searcher.search(join(o.words), filters, sort, o.search_limit, o.facets),
                   o.search_answers);
    } else if (*similar) {
      out->results(searcher.similar(o.case_id, filters, o.similar_limit), o.similar_answers);
    } else if (*show) {
      out->thread(searcher.show(o.case_id));
    } else if (*browse) {
      out->results(searcher.browse(filters, sort, o.browse_limit, o.offset, o.facets),
                   o.browse_answers);
    } else if (*eval) {
      return cmd_eval(searcher, o);
    }
    if (std::fflush(stdout) != 0) throw Error(kExitIoErr, "cannot write to standard output");
    return kExitOk;
  } catch (const Error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return e.exit_code();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "confrere-query: internal error: %s\n", e.what());
    return kExitSoftware;
  }
}
