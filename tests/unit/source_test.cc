// Focus: native JSONL validation, the social readers' rejects, dates, line reading limits, input
// expansion.
#include <gtest/gtest.h>

#include <ostream>

#include <cstdio>
#include <fstream>
#include <vector>

#include "error.h"
#include "source.h"
#include "test_util.h"

namespace confrere {
namespace {

std::string parse(const std::string& line, RawPost* out = nullptr) {
  RawPost p;
  std::string reason = parse_native_line(line, p);
  if (out) *out = p;
  return reason;
}

TEST(NativeJsonl, ReadsEveryField) {
  RawPost p;
  ASSERT_EQ(parse(R"({"id": "123", "reply_to": null, "created_at": "2016-03-04T10:00:00Z",
    "author": {"id": "u1", "name": "Doc Mathilde", "bio": "Médecin généraliste rural"},
    "text": "#DocTocToc cas", "likes": 12, "reposts": 3, "media": [{"type": "photo"}],
    "unknown": {"nested": [1, 2]}})", &p), "");
  EXPECT_EQ(p.id, "123");
  EXPECT_FALSE(p.reply_to);
  EXPECT_EQ(p.created_at, "2016-03-04T10:00:00Z");
  EXPECT_TRUE(p.has_author);
  EXPECT_EQ(p.author_id, "u1");
  EXPECT_EQ(p.author_bio, "Médecin généraliste rural");
  EXPECT_EQ(p.likes, 12);
  EXPECT_EQ(p.reposts, 3);
  ASSERT_EQ(p.media.size(), 1u);
  EXPECT_EQ(p.media[0], "photo");
}

TEST(NativeJsonl, NumericIdsBecomeStrings) {
  RawPost p;
  ASSERT_EQ(parse(R"({"id": 1500000000000000001, "reply_to": 7, "text": "x"})", &p), "");
  EXPECT_EQ(p.id, "1500000000000000001");
  EXPECT_EQ(*p.reply_to, "7");
}

struct BadLine {
  const char* line;
  const char* reason;
};

// Readable test names and failure messages.
inline std::ostream& operator<<(std::ostream& os, const BadLine& g) { return os << g.line; }

class NativeJsonlRejects : public ::testing::TestWithParam<BadLine> {};

TEST_P(NativeJsonlRejects, WithAClearReason) { EXPECT_EQ(parse(GetParam().line), GetParam().reason); }

INSTANTIATE_TEST_SUITE_P(
    Bad, NativeJsonlRejects,
    ::testing::Values(
        BadLine{R"({"text": "no id"})", "missing \"id\""},
        BadLine{R"({"id": "1"})", "missing \"text\""},
        BadLine{R"({"id": "1", "text": "  "})", "\"text\" is empty"},
        BadLine{R"({"id": "", "text": "x"})", "\"id\" is empty"},
        BadLine{R"({"id": "1", "text": 5})", "\"text\" must be a string"},
        BadLine{R"({"id": true, "text": "x"})", "\"id\" must be a string or a whole number"},
        BadLine{R"({"id": "1", "text": "x", "likes": -1})", "\"likes\" must be a whole number >= 0"},
        BadLine{R"({"id": "1", "text": "x", "likes": 1.5})", "\"likes\" must be a whole number >= 0"},
        BadLine{R"({"id": "1", "text": "x", "created_at": "hier"})", "\"created_at\" is not an ISO 8601 date"},
        BadLine{R"({"id": "1", "text": "x", "created_at": "2021-02-30"})", "\"created_at\" is not an ISO 8601 date"},
        BadLine{R"({"id": "1", "text": "x", "author": "u1"})", "\"author\" must be an object"},
        BadLine{R"({"id": "1", "text": "x", "media": {}})", "\"media\" must be an array"},
        BadLine{R"({"id": "1", "text": "x", "reply_to": "1"})", "\"reply_to\" is the post's own id"},
        BadLine{R"([1, 2])", "not a JSON object"},
        BadLine{R"({"id": "1", "text": "x"} {"id": "2"})", "invalid JSON (The JSON document has an improper structure: missing or superfluous commas, braces, missing keys, etc.)"},
        BadLine{"{\"id\": \"1\", \"text\": \"\xff\"}", "invalid UTF-8"}),
    [](const auto& param) { return std::to_string(param.index); });

TEST(NativeJsonl, InvalidJsonSaysSoWithoutQuotingText) {
  std::string reason = parse(R"({"id": "1", "text": "Mme Secret Dupont)");
  EXPECT_EQ(reason.find("Dupont"), std::string::npos);
  EXPECT_EQ(reason.rfind("invalid JSON", 0), 0u);
}

TEST(Dates, NormalizeToUtc) {
  std::string out;
  ASSERT_TRUE(normalize_date("2016-03-04T10:00:00Z", out));
  EXPECT_EQ(out, "2016-03-04T10:00:00Z");
  ASSERT_TRUE(normalize_date("2016-03-04", out));
  EXPECT_EQ(out, "2016-03-04T00:00:00Z");
  ASSERT_TRUE(normalize_date("2016-03-04T01:30:00+02:00", out));
  EXPECT_EQ(out, "2016-03-03T23:30:00Z");
  ASSERT_TRUE(normalize_date("2016-03-04T10:00:00.123Z", out));
  EXPECT_EQ(out, "2016-03-04T10:00:00Z");
  ASSERT_TRUE(normalize_date("2024-02-29T00:00", out));
  EXPECT_FALSE(normalize_date("2023-02-29", out));
  EXPECT_FALSE(normalize_date("2016-13-01", out));
  EXPECT_FALSE(normalize_date("04/03/2016", out));
  EXPECT_FALSE(normalize_date("2016-03-04T25:00:00Z", out));
}

class Collect : public PostSink {
 public:
  void post(RawPost&& p) override { posts.push_back(std::move(p)); }
  void reject(Reject&& r) override { rejects.push_back(std::move(r)); }
  std::vector<RawPost> posts;
  std::vector<Reject> rejects;
};

std::vector<std::string> reasons(const Collect& sink) {
  std::vector<std::string> out;
  for (const auto& r : sink.rejects) out.push_back(r.reason);
  return out;
}

TEST(SocialReaders, PostsWithoutTextOrWithABadDateAreRejectedByName) {
  Collect v2;
  read_twitter_v2("v2.json", R"({"data": [{"id": "1", "text": ""},
      {"id": "2", "text": "x", "created_at": "hier"},
      {"id": "3", "text": "y", "created_at": "2021-03-04T05:06:07.000Z"}]})", v2);
  EXPECT_EQ(reasons(v2), (std::vector<std::string>{"tweet 1: no text",
                                                  "tweet 2: \"created_at\" is not an ISO 8601 date"}));
  ASSERT_EQ(v2.posts.size(), 1u);
  EXPECT_EQ(v2.posts[0].created_at, "2021-03-04T05:06:07Z");

  Collect masto;
  read_mastodon("m.json", R"([{"id": "7", "uri": "https://med.example/users/a/statuses/7", "content": ""},
      {"id": "8", "uri": "https://med.example/users/a/statuses/8", "content": "<p>z</p>", "created_at": "2021-13-01"}])",
                masto);
  EXPECT_EQ(reasons(masto), (std::vector<std::string>{"status 7: no text",
                                                     "status 8: \"created_at\" is not an ISO 8601 date"}));

  Collect archive;  // the legacy date and ISO 8601 are both read
  read_twitter_archive("tweets.js", R"(window.YTD.tweets.part0 = [
      {"tweet": {"id_str": "4", "full_text": "a", "created_at": "Wed Oct 10 20:19:24 +0000 2018"}},
      {"tweet": {"id_str": "5", "full_text": "b", "created_at": "2018-10-10T20:19:24Z"}},
      {"tweet": {"id_str": "6", "full_text": "c", "created_at": "mercredi"}}])", archive);
  EXPECT_EQ(reasons(archive),
            (std::vector<std::string>{"tweet 6: \"created_at\" is not a Twitter or ISO 8601 date"}));
  ASSERT_EQ(archive.posts.size(), 2u);
  EXPECT_EQ(archive.posts[0].created_at, "2018-10-10T20:19:24Z");
  EXPECT_EQ(archive.posts[1].created_at, "2018-10-10T20:19:24Z");
}

TEST(LineReading, OversizedLineIsRejectedAndTheNextOneRead) {
  testing::TempDir dir;
  std::string path = dir.path() + "/big.jsonl";
  {
    std::ofstream out(path);
    out << R"({"id": "a", "text": "avant"})" << "\n";
    out << R"({"id": "big", "text": ")" << std::string(kMaxLineBytes + 10, 'x') << "\"}\n";
    out << R"({"id": "b", "text": "après"})";  // no final newline
  }
  Collect sink;
  read_input(path, Format::kJsonl, sink);
  ASSERT_EQ(sink.posts.size(), 2u);
  EXPECT_EQ(sink.posts[1].id, "b");
  EXPECT_EQ(sink.posts[1].origin.line, 3u);
  ASSERT_EQ(sink.rejects.size(), 1u);
  EXPECT_EQ(sink.rejects[0].origin.line, 2u);
  EXPECT_EQ(sink.rejects[0].reason, "line longer than 1048576 bytes");
}

TEST(LineReading, CrLfAndBlankLines) {
  testing::TempDir dir;
  std::string path = dir.path() + "/crlf.jsonl";
  {
    std::ofstream out(path);
    out << "{\"id\": \"a\", \"text\": \"x\"}\r\n\r\n   \n{\"id\": \"b\", \"text\": \"y\"}\r\n";
  }
  Collect sink;
  read_input(path, Format::kJsonl, sink);
  EXPECT_EQ(sink.posts.size(), 2u);
  EXPECT_TRUE(sink.rejects.empty());
}

TEST(Inputs, DirectoriesExpandSortedAndMissingPathsFail) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path() + "/sub");
  for (const char* f : {"/b.jsonl", "/a.jsonl", "/sub/c.ndjson", "/notes.txt"}) std::ofstream(dir.path() + f) << "";
  auto files = expand_inputs({dir.path()});
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0], dir.path() + "/a.jsonl");
  EXPECT_EQ(files[2], dir.path() + "/sub/c.ndjson");
  try {
    expand_inputs({dir.path() + "/missing.jsonl"});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), kExitNoInput);
  }
}

}  // namespace
}  // namespace confrere
