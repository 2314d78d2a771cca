// Focus: the SQLite store: upserts by id, threads whose answers arrive first, ratings, tags.
#include "store.h"

#include <gtest/gtest.h>

#include <fstream>

#include "error.h"
#include "test_util.h"

namespace confrere {
namespace {

Post make(const std::string& id, const char* reply_to, const std::string& author, int likes,
          int reposts = 0, const std::string& at = "2020-01-01T00:00:00Z") {
  Post p;
  p.id = id;
  if (reply_to) p.reply_to = std::string(reply_to);
  p.author_id = author;
  p.has_author = true;
  p.text = "texte " + id;
  p.likes = likes;
  p.reposts = reposts;
  p.created_at = at;
  return p;
}

class StoreTest : public ::testing::Test {
 protected:
  testing::TempDir dir;
  std::string path() const { return dir.path() + "/store.sqlite"; }
};

TEST_F(StoreTest, UpsertAddsUpdatesAndLeavesUnchanged) {
  Store s(path(), Store::Mode::kReadWrite);
  s.begin();
  EXPECT_EQ(s.upsert(make("c", nullptr, "u1", 1)), Store::Upsert::kAdded);
  EXPECT_EQ(s.upsert(make("c", nullptr, "u1", 1)), Store::Upsert::kUnchanged);
  EXPECT_EQ(s.upsert(make("c", nullptr, "u1", 9)), Store::Upsert::kUpdated);
  s.commit();
  EXPECT_EQ(s.post("c")->likes, 9);
  EXPECT_EQ(s.case_count(), 1);
}

TEST_F(StoreTest, AnswersArrivingBeforeTheirCaseAttachWhenItArrives) {
  Store s(path(), Store::Mode::kReadWrite);
  s.begin();
  s.upsert(make("a2", "a1", "u3", 1));  // an answer to an answer, before both
  s.upsert(make("a1", "c", "u2", 5));
  s.attach_orphans();
  s.commit();
  EXPECT_FALSE(s.thread("c"));
  EXPECT_EQ(s.stats().orphans, 2);
  s.begin();
  s.upsert(make("c", nullptr, "u1", 0));
  s.attach_orphans();
  s.commit();
  auto t = s.thread("c");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->answers.size(), 2u);
  EXPECT_EQ(s.stats().orphans, 0);
  auto pending = s.pending_cases(10);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0], "c");
  s.begin();
  s.done_cases(pending);
  s.commit();
  EXPECT_TRUE(s.pending_cases(10).empty());
}

TEST_F(StoreTest, BestRatedFirstAndOwnRepliesAreFollowUps) {
  Store s(path(), Store::Mode::kReadWrite);
  s.begin();
  s.upsert(make("c", nullptr, "u1", 0));
  s.upsert(make("r1", "c", "u2", 10, 0, "2020-01-01T01:00:00Z"));
  s.upsert(make("r2", "c", "u3", 10, 2, "2020-01-01T02:00:00Z"));   // reposts break the tie
  s.upsert(make("r3", "c", "u4", 10, 2, "2020-01-01T00:30:00Z"));   // then the earlier one
  s.upsert(make("r4", "r1", "u1", 99));                             // the author's own reply
  s.upsert(make("r5", "c", "u5", 11));
  s.commit();
  auto t = s.thread("c");
  ASSERT_TRUE(t);
  std::vector<std::string> order;
  for (const auto& a : t->answers) order.push_back(a.id);
  EXPECT_EQ(order, (std::vector<std::string>{"r5", "r3", "r2", "r1"}));
  ASSERT_EQ(t->follow_ups.size(), 1u);
  EXPECT_EQ(t->follow_ups[0].id, "r4");
}

TEST_F(StoreTest, TagsRoundTrip) {
  Store s(path(), Store::Mode::kReadWrite);
  s.begin();
  s.upsert(make("c", nullptr, "u1", 0));
  CaseTags tags;
  tags.specialties = {{"dermatologie", 3.5}, {"infectiologie", 1.2}};
  tags.nature = "diagnostic";
  s.set_tags("c", tags);
  s.commit();
  CaseTags back = s.tags("c");
  EXPECT_EQ(back.primary(), "dermatologie");
  ASSERT_EQ(back.specialties.size(), 2u);
  EXPECT_EQ(back.nature, "diagnostic");
  EXPECT_EQ(s.stats().by_specialty["dermatologie"], 1);
}

TEST_F(StoreTest, ReadOnlyOpenOfAMissingStoreFailsClearly) {
  try {
    Store s(dir.path() + "/none.sqlite", Store::Mode::kReadOnly);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), kExitNoInput);
  }
}

TEST_F(StoreTest, ADamagedFileIsAnErrorNotACrash) {
  { std::ofstream(path()) << std::string(4096, 'z'); }
  EXPECT_THROW(Store(path(), Store::Mode::kReadWrite), Error);
}

TEST_F(StoreTest, AStoreFromANewerVersionIsRefused) {
  { Store s(path(), Store::Mode::kReadWrite); }
  {
    Store s(path(), Store::Mode::kReadWrite);
    s.begin();
    s.set_meta("probe", "x");
    s.commit();
  }
  std::string cmd = "sqlite3 '" + path() + "' 'PRAGMA user_version = 99'";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  try {
    Store s(path(), Store::Mode::kReadWrite);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("newer than this program"), std::string::npos) << e.what();
  }
}

TEST_F(StoreTest, StoreIsInWalModeWithASchemaVersion) {
  { Store s(path(), Store::Mode::kReadWrite); }
  Store s(path(), Store::Mode::kReadOnly);
  EXPECT_EQ(s.integrity_check(), "");
}

}  // namespace
}  // namespace confrere

namespace confrere {
namespace {

Post said(const std::string& id, const char* reply_to, const std::string& author,
          const std::string& profession) {
  Post p = make(id, reply_to, author, 0);
  p.profession = profession;
  return p;
}

// "Je suis sage-femme" in one post names the poster of all their posts; a post's own evidence
// (its bio) still comes first.
TEST_F(StoreTest, APostThatSaysNothingTakesWhatItsAuthorsOtherPostsSay) {
  Store s(path(), Store::Mode::kReadWrite);
  s.begin();
  s.upsert(said("c1", nullptr, "u1", "inconnu"));
  s.upsert(said("r1", "c1", "u2", "medecin"));
  s.upsert(said("r2", "c1", "u1", "inconnu"));
  s.commit();
  s.done_cases({"c1"});
  EXPECT_EQ(s.post("c1")->profession, "inconnu");
  EXPECT_EQ(s.post("r2")->profession, "inconnu");

  // In another thread, u1 says what they are: their earlier case is queued again.
  s.begin();
  s.upsert(said("c2", nullptr, "u1", "sage-femme"));
  s.commit();
  auto pending = s.pending_cases(10);
  EXPECT_EQ(pending, (std::vector<std::string>{"c1", "c2"}));
  s.done_cases(pending);
  EXPECT_EQ(s.post("c1")->profession, "sage-femme");
  EXPECT_EQ(s.post("c1")->own_profession, "inconnu");
  auto thread = s.thread("c1");
  ASSERT_TRUE(thread);
  ASSERT_EQ(thread->follow_ups.size(), 1u);
  EXPECT_EQ(thread->follow_ups[0].profession, "sage-femme");
  EXPECT_EQ(thread->answers[0].profession, "medecin");  // u2's own
  EXPECT_EQ(s.stats().by_profession["sage-femme"], 2);     // cases by what their posters show

  // A post with evidence of its own keeps it.
  s.begin();
  s.upsert(said("r4", "c2", "u1", "sage-femme"));
  s.upsert(said("r5", "c2", "u1", "sage-femme"));
  s.upsert(said("r3", "c2", "u1", "interne"));
  s.commit();
  EXPECT_EQ(s.post("r3")->profession, "interne");
  EXPECT_EQ(s.pending_cases(10), (std::vector<std::string>{"c2"}));  // u1 is still a midwife
  s.done_cases(s.pending_cases(10));

  // The evidence edited away: c1 is queued again when what u1 is known as changes.
  s.begin();
  s.upsert(said("c2", nullptr, "u1", "inconnu"));
  s.commit();
  EXPECT_EQ(s.pending_cases(10), (std::vector<std::string>{"c2"}));  // r4 and r5 still say it
  EXPECT_EQ(s.post("c1")->profession, "sage-femme");
  s.done_cases(s.pending_cases(10));
  s.begin();
  s.upsert(said("r4", "c2", "u1", "inconnu"));
  s.upsert(said("r5", "c2", "u1", "inconnu"));
  s.commit();
  EXPECT_EQ(s.pending_cases(10), (std::vector<std::string>{"c1", "c2"}));
  EXPECT_EQ(s.post("c1")->profession, "interne");  // what r3 says
  s.begin();
  s.upsert(said("r3", "c2", "u1", "inconnu"));
  s.commit();
  EXPECT_EQ(s.post("c1")->profession, "inconnu");
  EXPECT_EQ(s.post("c2")->profession, "inconnu");

  // Posts without an author id are nobody's.
  s.begin();
  s.upsert(said("c3", nullptr, "", "inconnu"));
  s.commit();
  EXPECT_EQ(s.post("c3")->profession, "inconnu");
}

// author_evidence is derived: a miscount is found, and recounted from the posts.
// Stores the posts in a new store at `path` and closes it, their cases indexed.
void store_and_close(const std::string& path, std::initializer_list<Post> posts) {
  Store s(path, Store::Mode::kReadWrite);
  s.begin();
  for (const Post& p : posts) s.upsert(p);
  s.commit();
  s.done_cases(s.pending_cases(100));
  EXPECT_EQ(s.author_evidence_drift(), 0);
}

// Edits a closed store with the sqlite3 shell, as an operator's hand would.
void hand_edit(const std::string& path, const std::string& sql) {
  std::string cmd = "sqlite3 '" + path + "' \"" + sql + "\"";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << sql;
}

TEST_F(StoreTest, AMiscountedAuthorEvidenceIsFoundAndRecounted) {
  store_and_close(path(), {said("c1", nullptr, "u1", "inconnu"), said("c2", nullptr, "u1", "infirmier"),
                           said("c3", nullptr, "u2", "medecin")});
  hand_edit(path(), "UPDATE author_evidence SET profession = 'pharmacien' WHERE author_id = 'u1';"
                    " INSERT INTO author_evidence VALUES ('u3', 'medecin', 2)");
  Store s(path(), Store::Mode::kReadWrite);
  EXPECT_EQ(s.author_evidence_drift(), 2);
  EXPECT_EQ(s.post("c1")->profession, "pharmacien");
  s.begin();
  s.recount_author_evidence();
  s.commit();
  EXPECT_EQ(s.author_evidence_drift(), 0);
  EXPECT_EQ(s.post("c1")->profession, "infirmier");
}

// A version 2 store (before author_evidence) learns its authors' evidence on its first write;
// opened read-only before that, it shows each post's own profession.
TEST_F(StoreTest, AVersion2StoreIsMigratedWithItsAuthorsEvidence) {
  store_and_close(path(), {said("c1", nullptr, "u1", "inconnu"), said("c2", nullptr, "u1", "infirmier")});
  hand_edit(path(), "DROP TRIGGER author_evidence_insert; DROP TRIGGER author_evidence_update;"
                    " DROP TRIGGER author_evidence_delete; DROP TABLE author_evidence;"
                    " PRAGMA user_version = 2");
  {
    Store s(path(), Store::Mode::kReadOnly);
    EXPECT_EQ(s.post("c1")->profession, "inconnu");
  }
  Store s(path(), Store::Mode::kReadWrite);
  EXPECT_EQ(s.post("c1")->profession, "infirmier");
  EXPECT_EQ(s.pending_cases(10), (std::vector<std::string>{"c1"}));
  s.begin();
  s.upsert(said("c3", nullptr, "u1", "infirmier"));
  s.commit();
  EXPECT_EQ(s.post("c1")->profession, "infirmier");
}

}  // namespace
}  // namespace confrere
