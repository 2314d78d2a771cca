// Focus: the index writer: one document per case, its terms and prefixes, the stub swap, check.
#include "index_writer.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include "error.h"
#include "schema.h"
#include "test_util.h"

namespace confrere {
namespace {

Thread sample_thread() {
  StoredPost root;
  root.id = "c1";
  root.text = "#DocTocToc L’œdème a disparu après l'arrêt de l'amlodipine @confrere https://x.fr #cardio";
  root.created_at = "2020-03-04T10:00:00Z";
  root.likes = 7;
  root.profession = "medecin";
  root.media = {"photo"};
  StoredPost answer;
  answer.id = "c1-a1";
  answer.reply_to = "c1";
  answer.author_id = "u2";
  answer.text = "Un sartan plutôt.";
  CaseTags tags;
  tags.specialties = {{"cardiologie", 2}};
  tags.nature = "traitement";
  return make_thread(root, {answer}, tags);
}

std::vector<std::string> terms(const Xapian::Document& doc) {
  std::vector<std::string> out;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) out.push_back(*it);
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& t) {
  return std::find(v.begin(), v.end(), t) != v.end();
}

TEST(IndexWriter, OneDocumentPerCaseWithItsTermsAndFilters) {
  testing::TempDir dir;
  DbPaths paths{dir.path()};
  Analyzer analyzer = Analyzer::from_data_dir(testing::data_dir());
  auto w = IndexWriter::open_live(paths, analyzer);
  w->replace(sample_thread());
  w->replace(sample_thread());  // replacing, not adding
  w->commit();
  Xapian::Database db(paths.stub());
  ASSERT_EQ(db.get_doccount(), 1u);
  auto t = terms(db.get_document(*db.postlist_begin("Qc1")));
  EXPECT_TRUE(has(t, "oedeme"));
  EXPECT_TRUE(has(t, "Zoedem"));
  EXPECT_TRUE(has(t, "amlodipine"));
  EXPECT_TRUE(has(t, "Z" + Xapian::Stem("french")("sartan")));  // answers: by their stems
  EXPECT_FALSE(has(t, "sartan"));
  EXPECT_TRUE(has(t, "Kcardio"));
  EXPECT_TRUE(has(t, "XScardiologie"));
  EXPECT_TRUE(has(t, "XNtraitement"));
  EXPECT_TRUE(has(t, "XPmedecin"));
  EXPECT_TRUE(has(t, "XMphoto"));
  EXPECT_FALSE(has(t, "doctoctoc"));
  EXPECT_FALSE(has(t, "confrere"));
  EXPECT_FALSE(has(t, "https"));
  // the case's words weigh more than the answers'
  Xapian::Document doc = db.get_document(*db.postlist_begin("Qc1"));
  auto wdf = [&](const std::string& term) -> Xapian::termcount {
    auto it = doc.termlist_begin();
    it.skip_to(term);
    return it != doc.termlist_end() && *it == term ? it.get_wdf() : 0;
  };
  Xapian::Stem french("french");
  EXPECT_GT(wdf("Z" + french("sartan")), 0u);
  EXPECT_GT(wdf("Z" + french("amlodipine")), wdf("Z" + french("sartan")));
  // The answers' words count in the document's length as if they had their exact words too.
  EXPECT_GE(wdf("XL"), wdf("Z" + french("sartan")));
  EXPECT_EQ(doc.get_value(schema::kSlotDate), "2020-03-04T10:00:00Z");
  EXPECT_EQ(db.get_metadata(std::string(schema::kFormatKey)), index_format());
}

TEST(IndexWriter, FreshIndexSwapsInAtomicallyAndCheckAgrees) {
  testing::TempDir dir;
  DbPaths paths{dir.path()};
  Analyzer analyzer = Analyzer::from_data_dir(testing::data_dir());
  {
    auto w = IndexWriter::open_live(paths, analyzer);
    w->replace(sample_thread());
    w->commit();
  }
  EXPECT_TRUE(check_index(paths, {"c1"}).ok);
  IndexCheck bad = check_index(paths, {"c1", "c2"});
  EXPECT_FALSE(bad.ok);
  EXPECT_EQ(bad.missing, 1);
  Xapian::Database before(paths.stub());  // a reader open across the swap keeps working
  auto fresh = IndexWriter::create_fresh(paths, analyzer);
  fresh->swap_in();  // an empty index now
  EXPECT_EQ(before.get_doccount(), 1u);
  EXPECT_EQ(Xapian::Database(paths.stub()).get_doccount(), 0u);
  IndexCheck extra = check_index(paths, {"c1"});
  EXPECT_FALSE(extra.ok);
  EXPECT_EQ(extra.missing, 1);
}

}  // namespace
}  // namespace confrere

namespace confrere {
namespace {

TEST(IndexWriter, AnIndexOfAnotherFormatAsksForARebuild) {
  testing::TempDir dir;
  DbPaths paths{dir.path()};
  {
    Xapian::WritableDatabase db(dir.path() + "/index-000001", Xapian::DB_CREATE);
    db.set_metadata(std::string(schema::kFormatKey), "confrere-index-0/analyzer-0");
    db.commit();
  }
  Analyzer analyzer = Analyzer::from_data_dir(testing::data_dir());
  try {
    IndexWriter::open_live(paths, analyzer);
    FAIL() << "opened an index of another format";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("rebuild needed"), std::string::npos) << e.what();
  }
}

TEST(IndexAudit, NumberTermsThatLookLikeIdentifiersAreFound) {
  testing::TempDir dir;
  DbPaths paths{dir.path()};
  Analyzer analyzer = Analyzer::from_data_dir(testing::data_dir());
  Thread t = sample_thread();
  t.root.text = "rappeler au 0612345678, NIR 1841276451089, HbA1c 9";  // as an old index had it
  auto w = IndexWriter::open_live(paths, analyzer);
  w->replace(t);
  w->commit();
  std::vector<std::string> types;
  for (const auto& [id, type] : suspicious_terms(paths, [](const std::string& term) {
         if (term == "0612345678") return std::string("phone");
         if (term == "1841276451089") return std::string("nir");
         return std::string();
       })) {
    EXPECT_EQ(id, "c1");
    types.push_back(type);
  }
  std::sort(types.begin(), types.end());
  EXPECT_EQ(types, (std::vector<std::string>{"nir", "phone"}));
}

TEST(IndexWriter, RebuildMergesItsShardsIntoOneIndexWithEveryCaseOnce) {
  testing::TempDir dir;
  DbPaths paths{dir.path()};
  Analyzer analyzer = Analyzer::from_data_dir(testing::data_dir());
  std::vector<std::string> ids;
  auto fresh = IndexWriter::create_fresh(paths, analyzer);
  for (int i = 0; i < 7; ++i) {  // more cases than shards, odd: every shard gets some
    Thread t = sample_thread();
    t.root.id = "c" + std::to_string(i);
    t.root.text += i == 3 ? " hypokaliémie" : "";
    ids.push_back(t.root.id);
    fresh->replace(t);
  }
  fresh->swap_in();
  Xapian::Database db(paths.stub());
  EXPECT_EQ(db.get_doccount(), 7u);
  EXPECT_EQ(db.get_termfreq("hypokaliemie"), 1u);
  EXPECT_EQ(db.get_metadata(std::string(schema::kFormatKey)), index_format());
  EXPECT_EQ(db.get_spelling_suggestion("hypokalemie"), "hypokaliemie");  // both shards' words
  IndexCheck check = check_index(paths, ids);
  EXPECT_TRUE(check.ok) << (check.problems.empty() ? "" : check.problems.front());
}

}  // namespace
}  // namespace confrere
