// confrere-index: ingest, rebuild, check, export, stats (PRODUCT.md "Command-line contract").
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "error.h"
#include "export.h"
#include "index_writer.h"
#include "json_writer.h"
#include "paths.h"
#include "pipeline.h"
#include "store.h"

using namespace confrere;

namespace {

struct Options {
  std::string db;
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

int cmd_ingest(const Options& o) {
  auto start = std::chrono::steady_clock::now();
  Format format = parse_format(o.format);
  std::vector<std::string> inputs = expand_inputs(o.paths);
  DbPaths paths = resolve_db(o.db);
  Toolkit kit(resolve_data_dir());
  WriterLock lock(paths, o.wait);
  Store store(paths.store(), Store::Mode::kReadWrite);
  auto index = IndexWriter::open_live(paths, kit.analyzer, &kit.thesaurus);
  int64_t run = store.begin_run("ingest");
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
