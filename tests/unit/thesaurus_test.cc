// Focus: the synonym lexicon as concepts: abbreviations (ambiguous too), lay words, brands,
// plural and feminine forms, and what must not match.
#include "thesaurus.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "test_util.h"

namespace confrere {
namespace {

struct Kit {
  Analyzer analyzer = Analyzer::from_data_dir(testing::data_dir());
  Thesaurus thesaurus = Thesaurus::from_data_dir(testing::data_dir(), analyzer);
};

const Kit& kit() {
  static const Kit k;
  return k;
}

std::vector<std::string> concepts(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& c : kit().thesaurus.concepts(kit().analyzer.tokens(text))) out.push_back(c.term);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& t) {
  return std::find(v.begin(), v.end(), t) != v.end();
}

TEST(Thesaurus, LoadsEveryLexiconFile) { EXPECT_GT(kit().thesaurus.groups(), 500u); }

TEST(Thesaurus, VariantsMeetOnOneConcept) {
  std::string arret = concept_term("arrêt de travail", kit().analyzer);
  EXPECT_EQ(arret, "XCarret_de_travail");
  EXPECT_TRUE(has(concepts("il me demande un arrêt de travail"), arret));
  EXPECT_TRUE(has(concepts("prolonger son AT"), arret));
  EXPECT_TRUE(has(concepts("deux arrêts de travail"), arret));  // plural
  std::string apixaban = concept_term("apixaban", kit().analyzer);
  EXPECT_TRUE(has(concepts("sous Eliquis 5 mg"), apixaban));
  EXPECT_TRUE(has(concepts("sous apixaban"), apixaban));
  std::string hta = concept_term("hypertension artérielle", kit().analyzer);
  EXPECT_TRUE(has(concepts("HTA traitée"), hta));
}

TEST(Thesaurus, AmbiguousAbbreviationsGiveEachMeaning) {
  auto c = concepts("un AT");
  EXPECT_TRUE(has(c, "XCarret_de_travail"));
  EXPECT_TRUE(has(c, "XCaccident_du_travail"));
}

TEST(Thesaurus, AWordWithSeveralSensesIsNotTiedToOne) {
  // A smear is cervical only when said so: blood and sputum smears are not.
  std::string fcu = concept_term("frottis cervico-utérin", kit().analyzer);
  EXPECT_FALSE(has(concepts("frottis sanguin normal"), fcu));
  EXPECT_TRUE(has(concepts("FCU normal"), fcu));
  // OG: the left eye or the left atrium, both.
  auto og = concepts("BAV OG");
  EXPECT_TRUE(has(og, concept_term("œil gauche", kit().analyzer)));
  EXPECT_TRUE(has(og, concept_term("oreillette gauche", kit().analyzer)));
  // A syndrome's acronym and its description in words meet.
  std::string dress = concept_term("syndrome d'hypersensibilité médicamenteuse", kit().analyzer);
  EXPECT_TRUE(has(concepts("DRESS sous anti-bacillaires"), dress));
  EXPECT_TRUE(has(concepts("une réaction d'hypersensibilité médicamenteuse grave"), dress));
}

TEST(Thesaurus, StopwordOnlyExpressionsDoNotMatch) {
  EXPECT_TRUE(concepts("est-ce que tu as vu").empty());
}

}  // namespace
}  // namespace confrere
