// Focus: platform text: HTML entities (tweets), Mastodon HTML to plain text, format detection.
#include "html.h"

#include <gtest/gtest.h>

#include "source.h"

namespace confrere {
namespace {

TEST(Html, Entities) {
  EXPECT_EQ(decode_entities("a &amp; b &lt;3 &gt; &quot;x&quot; &#39;y&#39; &#233;t&#xE9;"),
            "a & b <3 > \"x\" 'y' été");
  EXPECT_EQ(decode_entities("&unknown; & &#; &#xZZ;"), "&unknown; & &#; &#xZZ;");
}

TEST(Html, MastodonContentToText) {
  EXPECT_EQ(html_to_text("<p>Ligne 1<br>Ligne 2</p><p>Para 2 "
                         "<a href=\"x\" class=\"mention hashtag\">#<span>DocTocToc</span></a></p>"),
            "Ligne 1\nLigne 2\n\nPara 2 #DocTocToc");
  EXPECT_EQ(html_to_text("<p><a href=\"https://a.fr/x\"><span class=\"invisible\">https://</span>"
                         "<span>a.fr/x</span></a> d&#39;accord</p>"),
            "https://a.fr/x d'accord");
  EXPECT_EQ(html_to_text("<p>cut <a href="), "cut");
}

TEST(FormatDetection, FromContent) {
  EXPECT_EQ(detect_format("{\"id\": \"1\", \"text\": \"x\"}\n", "a.jsonl"), Format::kJsonl);
  EXPECT_EQ(detect_format("window.YTD.tweets.part0 = [ {", "tweets.js"), Format::kTwitterArchive);
  EXPECT_EQ(detect_format("{\n  \"data\": [{\"id\": \"1\", \"text\": \"x\"}],\n  \"meta\": {}\n}", "s.json"),
            Format::kTwitter);
  EXPECT_EQ(detect_format("[{\"id\": \"1\", \"content\": \"<p>x</p>\", \"account\": {}}]", "t.json"),
            Format::kMastodon);
  EXPECT_EQ(detect_format("{\"ancestors\": [], \"descendants\": []}", "c.json"), Format::kMastodon);
  EXPECT_EQ(detect_format("\xEF\xBB\xBF  {\"id\": 1, \"text\": \"x\"}", "bom.json"), Format::kJsonl);
  EXPECT_EQ(detect_format("{\"foo\": 1}", "x.json"), Format::kAuto);
  EXPECT_EQ(detect_format("not json", "x.txt"), Format::kAuto);
  EXPECT_EQ(detect_format("not json", "x.jsonl"), Format::kJsonl);  // a damaged first line
}

}  // namespace
}  // namespace confrere
