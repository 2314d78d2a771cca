// confrere-index: ingest, rebuild, check, export, stats (PRODUCT.md "Command-line contract").
#include <unistd.h>

#include <simdjson.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <map>
#include <set>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "error.h"
#include "export.h"
#include "index_writer.h"
#include "json_writer.h"
#include "paths.h"
#include "pipeline.h"
#include "source.h"
#include "store.h"
#include "tagger.h"

using namespace confrere;

namespace fs = std::filesystem;

namespace {

struct Options {
  std::string db;
  std::string case_id;
  std::vector<std::string> specialties;
  std::string nature;
  bool clear = false;
  std::string gold;
  double wait = 60;
  bool json = false;
  std::string format = "auto";
  std::vector<std::string> paths;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void print_counts_json(const char* command, const IngestReport& r, int64_t rebuilt = -1) {
  std::string out;
  JsonWriter w(out);
  w.begin_object().key("command").value(command);
  w.key("added").value(r.counts.added);
  w.key("updated").value(r.counts.updated);
  w.key("unchanged").value(r.counts.unchanged);
  w.key("rejected").value(r.counts.rejected);
  w.key("indexed").value(rebuilt >= 0 ? rebuilt : r.indexed);
  w.key("seconds").value(r.seconds);
  w.end_object();
  std::cout << out << "\n";
}

// The synonym groups an ingest or a correction indexes with. A live index keeps the groups it
// was built with (their compiled copy in the database directory), so that an edited lexicon
// never leaves an index half old, half new: new groups take effect at the next rebuild, and the
// operator is told so. A new index takes the data directory's groups.
std::string indexing_thesaurus(const DbPaths& paths) {
  return fs::exists(paths.thesaurus()) ? paths.thesaurus() : std::string();
}

// With `kept`, what indexing_thesaurus() returned: records a new index's groups, or says that the
// data directory's differ from a live index's.
void keep_thesaurus(const Toolkit& kit, const DbPaths& paths, const std::string& kept,
                    const char* command) {
  if (kept.empty()) {
    kit.thesaurus.save(paths.thesaurus());  // the groups searches will use
    return;
  }
  if (Thesaurus::from_data_dir(kit.data_dir, kit.analyzer).compiled() != kit.thesaurus.compiled()) {
    std::fprintf(stderr,
                 "%s: the synonym lexicons changed since the index was built; they apply after "
                 "`confrere-index rebuild` (until then, the index's own groups are used)\n",
                 command);
  }
}

int cmd_ingest(const Options& o) {
  auto start = std::chrono::steady_clock::now();
  Format format = parse_format(o.format);
  std::vector<std::string> inputs = expand_inputs(o.paths);
  DbPaths paths = resolve_db(o.db);
  WriterLock lock(paths, o.wait);
  std::string kept = indexing_thesaurus(paths);
  Toolkit kit(resolve_data_dir(), true, kept);
  keep_thesaurus(kit, paths, kept, "ingest");
  Store store(paths.store(), Store::Mode::kReadWrite);
  auto index = IndexWriter::open_live(paths, kit.analyzer, &kit.thesaurus);
  int64_t run = store.begin_run("ingest");
  // Into an empty store, every post is redacted and tagged by the current rules: the next
  // rebuild need not do it again.
  bool was_empty = store.empty();
  Ingester ingester(store, *index, kit, [](const Reject& r) {
    std::fprintf(stderr, "%s:%llu: %s\n", r.origin.file.c_str(),
                 static_cast<unsigned long long>(r.origin.line), r.reason.c_str());
  });
  bool progress = !o.json && isatty(STDERR_FILENO);
  if (progress) {
    ingester.on_progress([&](const IngestReport& r) {
      std::fprintf(stderr, "\ringest: %lld posts read, %lld rejected…",
                   static_cast<long long>(r.counts.added + r.counts.updated + r.counts.unchanged),
                   static_cast<long long>(r.counts.rejected));
    });
  }
  try {
    for (const auto& input : inputs) read_input(input, format, ingester);
    ingester.finish();
  } catch (...) {
    // What was committed stays; the index queue makes the next run catch up.
    store.rollback();
    try {
      store.end_run(run, ingester.report().counts, "failed");
    } catch (...) {
    }
    throw;
  }
  IngestReport report = ingester.report();
  report.seconds = seconds_since(start);
  store.end_run(run, report.counts, report.counts.rejected ? "rejects" : "ok");
  if (was_empty) {
    store.begin();
    store.set_meta("texts_pass", texts_pass_key(kit));
    store.set_meta("tags_pass", tags_key(kit));
    store.commit();
  }
  store.checkpoint();
  if (progress) std::fprintf(stderr, "\r\033[K");
  if (o.json) {
    print_counts_json("ingest", report);
  } else {
    std::fprintf(stderr,
                 "ingest: %lld added, %lld updated, %lld unchanged, %lld rejected; "
                 "%lld cases indexed in %.1f s\n",
                 static_cast<long long>(report.counts.added),
                 static_cast<long long>(report.counts.updated),
                 static_cast<long long>(report.counts.unchanged),
                 static_cast<long long>(report.counts.rejected),
                 static_cast<long long>(report.indexed), report.seconds);
  }
  return report.counts.rejected ? kExitDataErr : kExitOk;
}

int cmd_rebuild(const Options& o) {
  auto start = std::chrono::steady_clock::now();
  DbPaths paths = resolve_db(o.db);
  Toolkit kit(resolve_data_dir());
  WriterLock lock(paths, o.wait);
  Store store(paths.store(), Store::Mode::kReadWrite);
  int64_t run = store.begin_run("rebuild");
  int64_t n = rebuild_index(store, paths, kit);
  IngestReport report;
  report.seconds = seconds_since(start);
  store.end_run(run, report.counts, "ok");
  if (o.json) {
    print_counts_json("rebuild", report, n);
  } else {
    std::fprintf(stderr, "rebuild: %lld cases indexed in %.1f s\n", static_cast<long long>(n),
                 report.seconds);
  }
  return kExitOk;
}

int cmd_check(const Options& o) {
  auto start = std::chrono::steady_clock::now();
  DbPaths paths = resolve_db(o.db);
  Store store(paths.store(), Store::Mode::kReadOnly);
  std::vector<std::string> problems;
  std::string integrity = store.integrity_check();
  if (!integrity.empty()) problems.push_back(paths.store() + ": integrity check: " + integrity);
  if (int64_t drift = store.author_evidence_drift())
    problems.push_back(paths.store() + ": what " + std::to_string(drift) +
                       " authors' posts say of them is miscounted (author_evidence); run "
                       "confrere-index rebuild");
  std::vector<std::string> ids;
  store.for_each_case_id([&](const std::string& id) { ids.push_back(id); });
  StoreStats stats = store.stats();
  if (stats.pending_index > 0)
    problems.push_back(std::to_string(stats.pending_index) +
                       " cases wait in the index queue; run confrere-index ingest or rebuild");
  IndexCheck ic = check_index(paths, ids);
  problems.insert(problems.end(), ic.problems.begin(), ic.problems.end());
  bool ok = problems.empty();
  if (o.json) {
    std::string out;
    JsonWriter w(out);
    w.begin_object().key("command").value("check").key("ok").value(ok);
    w.key("cases").value(static_cast<int64_t>(ids.size()));
    w.key("documents").value(ic.documents);
    w.key("missing").value(ic.missing).key("extra").value(ic.extra);
    w.key("pending").value(stats.pending_index);
    w.key("problems").begin_array();
    for (const auto& p : problems) w.value(p);
    w.end_array().key("seconds").value(seconds_since(start)).end_object();
    std::cout << out << "\n";
  } else {
    for (const auto& p : problems) std::fprintf(stderr, "%s\n", p.c_str());
    std::fprintf(stderr, "check: %s (%zu cases, %lld documents)\n", ok ? "ok" : "FAILED",
                 ids.size(), static_cast<long long>(ic.documents));
  }
  return ok ? kExitOk : kExitNotFound;
}

int cmd_tag(const Options& o) {
  for (const auto& s : o.specialties) {
    if (!is_code(specialty_codes(), s)) throw Error(kExitUsage, "--specialty " + s + ": unknown code");
  }
  if (!o.nature.empty() && !is_code(nature_codes(), o.nature))
    throw Error(kExitUsage, "--nature " + o.nature + ": unknown code");
  if (!o.clear && o.specialties.empty() && o.nature.empty())
    throw Error(kExitUsage, "tag: give --specialty CODE…, --nature CODE, or --clear");
  DbPaths paths = resolve_db(o.db);
  WriterLock lock(paths, o.wait);
  std::string kept = indexing_thesaurus(paths);
  Toolkit kit(resolve_data_dir(), true, kept);
  keep_thesaurus(kit, paths, kept, "tag");
  Store store(paths.store(), Store::Mode::kReadWrite);
  if (!store.thread(o.case_id)) throw Error(kExitNotFound, o.case_id + ": no such case");
  TagOverride override_tags;
  if (!o.clear) override_tags = {o.specialties, o.nature};
  store.begin();
  store.set_tag_override(o.case_id, override_tags);
  store.commit();
  auto index = IndexWriter::open_live(paths, kit.analyzer, &kit.thesaurus);
  index_pending(store, *index, kit);
  CaseTags t = store.tags(o.case_id);
  std::string specs;
  for (const auto& s : t.specialties) specs += (specs.empty() ? "" : ",") + s.code;
  std::fprintf(stderr, "tag: %s specialties=%s nature=%s (%s)\n", o.case_id.c_str(), specs.c_str(),
               t.nature.c_str(), t.human ? "corrected by hand" : "from the lexicons");
  return kExitOk;
}

// eval-tags: the store's tags against a gold file of the ../shared/eval shape.
int cmd_eval_tags(const Options& o) {
  DbPaths paths = resolve_db(o.db);
  Store store(paths.store(), Store::Mode::kReadOnly);
  std::FILE* f = std::fopen(o.gold.c_str(), "rb");
  if (!f) throw Error(kExitNoInput, o.gold + ": cannot open");
  LineReader reader(f);
  std::string_view line;
  simdjson::dom::parser parser;
  struct Axis {
    int n = 0, right = 0;
    std::map<std::pair<std::string, std::string>, int> confusions;
    void add(const std::string& gold, const std::string& ours) {
      ++n;
      if (gold == ours) ++right; else ++confusions[{gold, ours}];
    }
  };
  std::map<std::string, Axis> axes;
  int tp = 0, fp = 0, fn = 0, missing = 0, bad = 0;
  for (;;) {
    auto st = reader.next(line);
    if (st == LineReader::Status::kEnd) break;
    std::string where = o.gold + ":" + std::to_string(reader.line_number()) + ": ";
    simdjson::dom::element g;
    std::string_view id;
    if (st != LineReader::Status::kLine || parser.parse(line.data(), line.size(), false).get(g) ||
        g["id"].get_string().get(id)) {
      if (st == LineReader::Status::kLine && line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      std::fprintf(stderr, "%sexpected a JSON object with \"id\"\n", where.c_str());
      ++bad;
      continue;
    }
    std::string_view primary, nature, profession;
    bool has_primary = !g["primary"].get_string().get(primary);
    bool has_nature = !g["nature"].get_string().get(nature);
    bool has_profession = !g["profession"].get_string().get(profession);
    if (!has_primary && !has_nature && !has_profession) continue;  // e.g. identifier-only lines
    auto post = store.post(std::string(id));
    if (!post) {
      ++missing;
      continue;
    }
    CaseTags t = store.tags(post->id);
    if (has_profession) axes["profession"].add(std::string(profession), post->profession);
    if (has_nature) axes["nature"].add(std::string(nature), t.nature);
    if (has_primary) axes["primary"].add(std::string(primary), t.primary());
    simdjson::dom::array specs;
    if (!g["specialties"].get_array().get(specs)) {
      std::set<std::string> gold_set, ours;
      for (auto c : specs) {
        std::string_view code;
        if (!c.get_string().get(code)) gold_set.emplace(code);
      }
      for (const auto& s : t.specialties) ours.insert(s.code);
      for (const auto& c : ours) (gold_set.count(c) ? tp : fp)++;
      for (const auto& c : gold_set) fn += !ours.count(c);
    }
  }
  std::fclose(f);
  double prec = tp + fp ? double(tp) / (tp + fp) : 0, rec = tp + fn ? double(tp) / (tp + fn) : 0;
  double f1 = prec + rec > 0 ? 2 * prec * rec / (prec + rec) : 0;
  if (o.json) {
    std::string out;
    JsonWriter w(out);
    w.begin_object();
    for (const auto& [name, a] : axes) w.key(name + "_accuracy").value(a.n ? double(a.right) / a.n : 0.0);
    w.key("set_precision").value(prec).key("set_recall").value(rec).key("set_f1").value(f1);
    w.key("missing").value(missing).key("rejected").value(bad).end_object();
    std::printf("%s\n", out.c_str());
  } else {
    for (const auto& [name, a] : axes) {
      std::printf("%-11s accuracy %.3f (%d/%d)\n", name.c_str(), a.n ? double(a.right) / a.n : 0.0,
                  a.right, a.n);
      std::vector<std::pair<int, std::pair<std::string, std::string>>> top;
      for (const auto& [k, n] : a.confusions) top.push_back({n, k});
      std::sort(top.rbegin(), top.rend());
      for (size_t i = 0; i < top.size() && i < 5; ++i)
        std::printf("    %d× gold %s → tagged %s\n", top[i].first, top[i].second.first.c_str(),
                    top[i].second.second.empty() ? "(none)" : top[i].second.second.c_str());
    }
    std::printf("specialties set precision %.3f recall %.3f F1 %.3f\n", prec, rec, f1);
    if (missing) std::printf("%d gold ids are not in the store\n", missing);
  }
  return bad ? kExitDataErr : kExitOk;
}

int cmd_audit(const Options& o) {
  DbPaths paths = resolve_db(o.db);
  Toolkit kit(resolve_data_dir());
  Store store(paths.store(), Store::Mode::kReadOnly);
  AuditReport r = audit(store, paths, kit);
  if (o.json) {
    std::string out;
    JsonWriter w(out);
    w.begin_object().key("command").value("audit").key("clean").value(r.clean());
    w.key("posts_scanned").value(r.posts_scanned);
    w.key("by_type").begin_object();
    for (const auto& [type, n] : r.by_type) w.key(type).value(n);
    w.end_object().key("posts").begin_object();
    for (const auto& [id, types] : r.by_post) {
      w.key(id).begin_object();
      for (const auto& [type, n] : types) w.key(type).value(n);
      w.end_object();
    }
    w.end_object().end_object();
    std::cout << out << "\n";
  } else {
    for (const auto& [id, types] : r.by_post) {
      std::string line = "post " + id + ":";
      for (const auto& [type, n] : types) line += " " + type + " " + std::to_string(n);
      std::printf("%s\n", line.c_str());
    }
    std::string summary;
    for (const auto& [type, n] : r.by_type) summary += " " + type + " " + std::to_string(n);
    std::fprintf(stderr, "audit: %lld posts scanned; %s\n", static_cast<long long>(r.posts_scanned),
                 r.clean() ? "no residual identifier" : ("residual identifiers:" + summary).c_str());
  }
  return r.clean() ? kExitOk : kExitNotFound;
}

int cmd_export(const Options& o) {
  DbPaths paths = resolve_db(o.db);
  Store store(paths.store(), Store::Mode::kReadOnly);
  std::string buf;
  store.for_each_post([&](const StoredPost& p, const CaseTags* tags) {
    append_export_line(buf, p, tags);
    if (buf.size() > (1 << 16)) {
      std::fwrite(buf.data(), 1, buf.size(), stdout);
      buf.clear();
    }
  });
  std::fwrite(buf.data(), 1, buf.size(), stdout);
  if (std::fflush(stdout) != 0) throw Error(kExitIoErr, "export: cannot write to standard output");
  return kExitOk;
}

int cmd_stats(const Options& o) {
  DbPaths paths = resolve_db(o.db);
  Store store(paths.store(), Store::Mode::kReadOnly);
  StoreStats s = store.stats();
  if (o.json) {
    std::string out;
    JsonWriter w(out);
    w.begin_object();
    w.key("posts").value(s.posts).key("cases").value(s.cases).key("replies").value(s.replies);
    w.key("orphans").value(s.orphans).key("authors").value(s.authors);
    w.key("photos").value(s.photos).key("pending_index").value(s.pending_index);
    for (auto [name, map] : {std::pair{"specialty", &s.by_specialty},
                             std::pair{"nature", &s.by_nature},
                             std::pair{"profession", &s.by_profession}}) {
      w.key(name).begin_object();
      for (const auto& [code, n] : *map) w.key(code).value(n);
      w.end_object();
    }
    w.key("last_run").begin_object();
    w.key("finished_at").value(s.last_run_finished_at).key("status").value(s.last_run_status);
    w.end_object().end_object();
    std::cout << out << "\n";
    return kExitOk;
  }
  std::printf("posts      %lld (%lld cases, %lld replies, %lld waiting for their case)\n",
              static_cast<long long>(s.posts), static_cast<long long>(s.cases),
              static_cast<long long>(s.replies), static_cast<long long>(s.orphans));
  std::printf("authors    %lld\nphotos     %lld\n", static_cast<long long>(s.authors),
              static_cast<long long>(s.photos));
  std::printf("to index   %lld\n", static_cast<long long>(s.pending_index));
  auto table = [](const char* title, const std::map<std::string, int64_t>& m) {
    std::vector<std::pair<std::string, int64_t>> v(m.begin(), m.end());
    std::sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.second > b.second; });
    std::printf("\n%s\n", title);
    for (const auto& [code, n] : v) std::printf("  %-24s %lld\n", code.c_str(), static_cast<long long>(n));
  };
  table("cases by primary specialty", s.by_specialty);
  table("cases by nature", s.by_nature);
  table("cases by poster's profession", s.by_profession);
  if (!s.last_run_finished_at.empty())
    std::printf("\nlast run   %s (%s)\n", s.last_run_finished_at.c_str(), s.last_run_status.c_str());
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "confrere-index: ingest French clinical case posts into a Confrère database, keep its\n"
      "search index in step with the store, and export or check them.\n"
      "The database directory is --db, else $CONFRERE_DB, else $XDG_DATA_HOME/confrere."};
  app.require_subcommand(1);
  Options o;
  app.add_option("--db", o.db, "Database directory");

  auto* ingest = app.add_subcommand("ingest", "Read posts (files, directories, - for stdin), store and index them");
  ingest->add_option("--format", o.format, "Input format: auto (from the content), jsonl, twitter (API v2), twitter-archive, mastodon")->default_val("auto");
  ingest->add_option("--wait", o.wait, "Seconds to wait for another writer (then exit 75)")->default_val(60);
  ingest->add_flag("--json", o.json, "Print a summary object on stdout");
  ingest->add_option("PATH", o.paths, "Input files or directories, - for stdin")->required();

  auto* rebuild = app.add_subcommand("rebuild", "Build a new index from the store and swap it in atomically");
  rebuild->add_option("--wait", o.wait, "Seconds to wait for another writer (then exit 75)")->default_val(60);
  rebuild->add_flag("--json", o.json, "Print a summary object on stdout");

  auto* check = app.add_subcommand("check", "Check the store, the index, and that they agree (exit 1 if not)");
  check->add_flag("--json", o.json, "Print a summary object on stdout");

  auto* tag = app.add_subcommand(
      "tag", "Correct a case's tags by hand; the correction survives re-ingest and rebuild");
  tag->add_option("CASE_ID", o.case_id, "The case")->required();
  tag->add_option("--specialty", o.specialties, "Specialty codes, primary first (repeatable)")
      ->allow_extra_args(false);
  tag->add_option("--nature", o.nature, "Nature code");
  tag->add_flag("--clear", o.clear, "Remove the correction: the lexicons tag the case again");
  tag->add_option("--wait", o.wait, "Seconds to wait for another writer (then exit 75)")->capture_default_str();

  auto* eval_tags = app.add_subcommand(
      "eval-tags", "Accuracy of the stored tags against a gold file (id, profession, primary, specialties, nature)");
  eval_tags->add_option("GOLD", o.gold, "JSONL gold file, as ../shared/eval/threads-dev.gold.jsonl")->required();
  eval_tags->add_flag("--json", o.json, "Print one JSON object");

  auto* audit_cmd = app.add_subcommand(
      "audit", "Scan the store and the index for residual patient identifiers (exit 1 if any)");
  audit_cmd->add_flag("--json", o.json, "Print one JSON object");

  auto* exp = app.add_subcommand("export", "Print every stored post with its tags, as JSONL on stdout");
  auto* stats = app.add_subcommand("stats", "Counts of posts, cases, tags and the last run");
  stats->add_flag("--json", o.json, "Print one JSON object");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
  }
  try {
    if (*ingest) return cmd_ingest(o);
    if (*rebuild) return cmd_rebuild(o);
    if (*check) return cmd_check(o);
    if (*exp) return cmd_export(o);
    if (*audit_cmd) return cmd_audit(o);
    if (*tag) return cmd_tag(o);
    if (*eval_tags) return cmd_eval_tags(o);
    if (*stats) return cmd_stats(o);
  } catch (const Error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return e.exit_code();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "confrere-index: internal error: %s\n", e.what());
    return kExitSoftware;
  }
  return kExitUsage;
}
