// Focus: the stock peers of the quality figures, on the same corpus and queries as Confrère:
// Xapian as scriptindex indexes (TermGenerator, French stemmer, STEM_SOME; QueryParser, OR) and
// SQLite FTS5 (unicode61 remove_diacritics 2, bm25, OR of the query's words).
// One document per case: the case text followed by its replies' texts.
#include <sqlite3.h>
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <simdjson.h>
#include <unordered_map>

#include "normalize.h"
#include "source.h"

using namespace confrere;

namespace {

struct Corpus : PostSink {
  std::unordered_map<std::string, std::string> reply_to, text;
  std::vector<std::string> order;
  void post(RawPost&& p) override {
    if (!text.count(p.id)) order.push_back(p.id);
    text[p.id] = p.text;
    if (p.reply_to) reply_to[p.id] = *p.reply_to; else reply_to.erase(p.id);
  }
  void reject(Reject&&) override {}

  // case id → body (case text, then replies in file order)
  std::map<std::string, std::string> documents() const {
    std::map<std::string, std::string> docs;
    for (const auto& id : order) {
      if (!reply_to.count(id)) docs[id] = text.at(id);
    }
    for (const auto& id : order) {
      std::string root = id;
      for (int hops = 0; hops < 100 && reply_to.count(root); ++hops) root = reply_to.at(root);
      if (root != id && docs.count(root)) docs[root] += "\n" + text.at(id);
    }
    return docs;
  }
};

struct Query {
  std::string qid, text, target;
};

std::vector<Query> read_queries(const std::string& path) {
  std::vector<Query> out;
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open");
  simdjson::dom::parser parser;
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    simdjson::dom::element d = parser.parse(line);
    Query q;
    q.qid = std::string(std::string_view(d["qid"]));
    q.text = std::string(std::string_view(d["query"]));
    q.target = std::string(std::string_view(d["target"]));
    out.push_back(q);
  }
  return out;
}

struct Metrics {
  double rr = 0;
  int p1 = 0, r10 = 0, n = 0;
  std::vector<double> ms;
  void add(const std::vector<std::string>& ranked, const std::string& target, double millis) {
    ++n;
    ms.push_back(millis);
    for (size_t i = 0; i < ranked.size() && i < 10; ++i) {
      if (ranked[i] == target) {
        rr += 1.0 / static_cast<double>(i + 1);
        ++r10;
        if (i == 0) ++p1;
        return;
      }
    }
  }
  std::string line(const std::string& system, const std::string& set) {
    std::sort(ms.begin(), ms.end());
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "{\"system\":\"%s\",\"set\":\"%s\",\"queries\":%d,\"mrr10\":%.3f,\"p1\":%.3f,"
                  "\"r10\":%.3f,\"ms_p50\":%.2f}",
                  system.c_str(), set.c_str(), n, n ? rr / n : 0, n ? double(p1) / n : 0,
                  n ? double(r10) / n : 0, ms.empty() ? 0 : ms[ms.size() / 2]);
    return buf;
  }
};

// FTS5 query: every word of the draft, quoted, OR-ed.
std::string fts_query(const std::string& text) {
  std::string out, word;
  size_t i = 0;
  auto flush = [&] {
    if (word.empty()) return;
    if (!out.empty()) out += " OR ";
    out += "\"" + word + "\"";
    word.clear();
  };
  while (i < text.size()) {
    size_t start = i;
    char32_t c = next_code_point(text, i);
    if (is_word_char(c)) word.append(text, start, i - start);
    else flush();
  }
  flush();
  return out;
}

double ms_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"confrere-peers: MRR@10, P@1, R@10 of stock Xapian and SQLite FTS5 on a corpus"};
  std::string work;
  std::vector<std::string> corpus, queries;
  app.add_option("--work", work, "Scratch directory for the two indexes")->required();
  app.add_option("--corpus", corpus, "Corpus JSONL files (native format)")->required();
  app.add_option("--queries", queries, "NAME=FILE judged query files")->required();
  CLI11_PARSE(app, argc, argv);
  try {
    Corpus c;
    for (const auto& f : corpus) read_input(f, Format::kJsonl, c);
    auto docs = c.documents();
    std::filesystem::create_directories(work);

    // Xapian, as scriptindex's "index" action does it.
    Xapian::WritableDatabase xdb(work + "/xapian", Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("french"));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    for (const auto& [id, body] : docs) {
      Xapian::Document doc;
      tg.set_document(doc);
      tg.index_text(body);
      doc.add_boolean_term("Q" + id);
      doc.set_data(id);
      xdb.replace_document("Q" + id, doc);
    }
    xdb.commit();

    // SQLite FTS5.
    std::string fts_path = work + "/fts.sqlite";
    std::filesystem::remove(fts_path);
    sqlite3* db = nullptr;
    sqlite3_open(fts_path.c_str(), &db);
    sqlite3_exec(db,
                 "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, body,"
                 " tokenize = 'unicode61 remove_diacritics 2'); BEGIN;",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt* ins = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO docs(id, body) VALUES (?, ?)", -1, &ins, nullptr);
    for (const auto& [id, body] : docs) {
      sqlite3_bind_text(ins, 1, id.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(ins, 2, body.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_step(ins);
      sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_stmt* sel = nullptr;
    sqlite3_prepare_v2(db, "SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 10",
                       -1, &sel, nullptr);

    Xapian::QueryParser qp;
    qp.set_stemmer(Xapian::Stem("french"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_database(xdb);
    qp.set_default_op(Xapian::Query::OP_OR);
    Xapian::Enquire enquire(xdb);

    std::printf("{\"documents\":%zu}\n", docs.size());
    for (const auto& spec : queries) {
      size_t eq = spec.find('=');
      std::string name = eq == std::string::npos ? spec : spec.substr(0, eq);
      std::string file = eq == std::string::npos ? spec : spec.substr(eq + 1);
      Metrics xm, fm;
      for (const auto& q : read_queries(file)) {
        auto t0 = std::chrono::steady_clock::now();
        Xapian::Query xq;
        try {
          xq = qp.parse_query(q.text);
        } catch (const Xapian::QueryParserError&) {
          xq = qp.parse_query(q.text, 0);
        }
        enquire.set_query(xq);
        std::vector<std::string> ranked;
        Xapian::MSet mset = enquire.get_mset(0, 10);
        for (auto it = mset.begin(); it != mset.end(); ++it) ranked.push_back(it.get_document().get_data());
        xm.add(ranked, q.target, ms_since(t0));

        t0 = std::chrono::steady_clock::now();
        ranked.clear();
        std::string fq = fts_query(q.text);
        sqlite3_bind_text(sel, 1, fq.c_str(), -1, SQLITE_TRANSIENT);
        while (sqlite3_step(sel) == SQLITE_ROW)
          ranked.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(sel, 0)));
        sqlite3_reset(sel);
        fm.add(ranked, q.target, ms_since(t0));
      }
      std::printf("%s\n%s\n", xm.line("xapian-stock", name).c_str(),
                  fm.line("sqlite-fts5", name).c_str());
    }
    sqlite3_finalize(sel);
    sqlite3_close(db);
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "confrere-peers: %s\n", e.get_description().c_str());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "confrere-peers: %s\n", e.what());
    return 1;
  }
  return 0;
}
