// Focus: the French analyzer's goldens: text → indexable terms (stopwords dropped).
#include "analyze.h"

#include <gtest/gtest.h>

#include <ostream>

#include "test_util.h"

namespace confrere {
namespace {

const Analyzer& analyzer() {
  static const Analyzer a = Analyzer::from_data_dir(testing::data_dir());
  return a;
}

struct Golden {
  const char* text;
  const char* terms;
};

// Readable test names and failure messages.
inline std::ostream& operator<<(std::ostream& os, const Golden& g) { return os << g.text; }

class AnalyzerGolden : public ::testing::TestWithParam<Golden> {};

TEST_P(AnalyzerGolden, Terms) {
  EXPECT_EQ(analyzer().terms_string(GetParam().text), GetParam().terms) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    French, AnalyzerGolden,
    ::testing::Values(
        // accents, case, ligatures
        Golden{"L’œdème rénal", "oedeme renal"}, Golden{"ÉRUPTION Éruption éruption", "eruption eruption eruption"},
        Golden{"Cœur, ŒIL, ex æquo", "coeur oeil ex aequo"},
        Golden{"ARRET arrêt Arrêt", "arret arret arret"},
        // elisions, all apostrophes
        Golden{"l'arrêt de l'amlodipine", "arret amlodipine"},
        Golden{"d’HTA, j‘ai, qu'il, jusqu'au, lorsqu'elle, puisqu'on", "hta"},
        Golden{"c'est l'IDE qu’on appelle", "ide appelle"},
        Golden{"aujourd'hui", "aujourd hui"},
        // hyphenated words
        Golden{"anti-inflammatoire", "anti inflammatoire"},
        Golden{"syndrome de Guillain-Barré", "syndrome guillain barre"},
        // numbers with units
        Golden{"fièvre à 38,5°C", "fievre 38.5 °c"}, Golden{"5 mg/kg/j", "5 mg/kg/j"},
        Golden{"Hb 9,2 g/dL", "hb 9.2 g/dl"}, Golden{"CRP 85mg/L", "crp 85 mg/l"},
        Golden{"fièvre 10j", "fievre 10 j"}, Golden{"PA 120/80", "pa 120 80"},
        Golden{"SaO2 96 %", "sao2 96"}, Golden{"96%", "96 %"},
        // hashtags, mentions, URLs, e-mails
        Golden{"#DocTocToc #doctoctoc #DOCTOCTOC doctoctoc", ""},
        Golden{"#dermato #Pédiatrie", "dermato pediatrie"},
        Golden{"@IDEL_Bzh merci @doc.test", "merci"},
        Golden{"voir https://www.has-sante.fr/jcms/p_123 et www.vidal.fr ok", "voir ok"},
        Golden{"écrire à jean.dupont@example.fr svp", "ecrire svp"},
        // two to four capitals: an abbreviation, not a stopword; unless the whole text shouts
        Golden{"AIT puis qu'il ait", "ait"}, Golden{"l'AS et l'ET", "as et"},
        Golden{"URGENT QUE FAIRE AVEC UN AIT", "urgent"},
        // mixed
        Golden{"DT2 sous metformine 1000 mg x2", "dt2 metformine 1000 mg x2"}),
    [](const auto& param) { return std::to_string(param.index); });

TEST(Analyzer, TokensKeepOffsetsIntoTheOriginalText) {
  std::string text = "L’œdème a disparu";
  auto tokens = analyzer().tokens(text);
  ASSERT_FALSE(tokens.empty());
  EXPECT_EQ(tokens[0].term, "oedeme");
  EXPECT_EQ(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin), "œdème");
}

TEST(Analyzer, StopwordsKeepTheirPositions) {
  auto tokens = analyzer().tokens("arrêt de travail");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_TRUE(tokens[1].stop);
  EXPECT_EQ(tokens[2].pos, 2u);
}

TEST(Analyzer, HashtagsAreMarked) {
  auto tokens = analyzer().tokens("#dermato");
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].kind, Token::kHashtag);
}

TEST(Analyzer, SurvivesInvalidAndOddInput) {
  std::string odd = "\xff\xfe abc \xc3 #  @ 12, 3.. °";
  EXPECT_NO_THROW(analyzer().tokens(odd));
  EXPECT_EQ(analyzer().terms_string(""), "");
}

}  // namespace
}  // namespace confrere
