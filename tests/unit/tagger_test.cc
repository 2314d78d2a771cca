// Focus: first-version tagging: profession from bios and self-descriptions, specialties, nature.
#include "tagger.h"

#include <gtest/gtest.h>

#include <ostream>

#include "test_util.h"

namespace confrere {
namespace {

struct Kit {
  Analyzer analyzer = Analyzer::from_data_dir(testing::data_dir());
  Tagger tagger{testing::data_dir(), analyzer};
};

const Kit& kit() {
  static const Kit k;
  return k;
}

struct ProfessionCase {
  const char* bio;
  const char* text;
  const char* profession;
};

// Readable test names and failure messages.
inline std::ostream& operator<<(std::ostream& os, const ProfessionCase& g) { return os << g.bio << " | " << g.text; }

class Profession : public ::testing::TestWithParam<ProfessionCase> {};

TEST_P(Profession, FromBioOrText) {
  EXPECT_EQ(kit().tagger.profession("", GetParam().bio, GetParam().text), GetParam().profession)
      << GetParam().bio << " | " << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Bios, Profession,
    ::testing::Values(ProfessionCase{"Médecin généraliste rural", "", "medecin"},
                      ProfessionCase{"MG installé en Mayenne", "", "medecin"},
                      ProfessionCase{"IDEL - Finistère", "", "infirmier"},
                      ProfessionCase{"Infirmière de nuit", "", "infirmier"},
                      ProfessionCase{"Pharmacien d'officine", "", "pharmacien"},
                      ProfessionCase{"Sage-femme libérale", "", "sage-femme"},
                      ProfessionCase{"MK du sport", "", "kinesitherapeute"},
                      ProfessionCase{"Interne DES psy, Lyon", "", "interne"},
                      ProfessionCase{"Chirurgien-dentiste", "", "chirurgien-dentiste"},
                      ProfessionCase{"Aide-soignante en EHPAD", "", "aide-soignant"},
                      ProfessionCase{"Dermato libérale", "", "medecin"},
                      ProfessionCase{"", "", "inconnu"},
                      ProfessionCase{"Fan de rando et de café", "", "inconnu"},
                      ProfessionCase{"", "En tant qu'IDE je me demande si…", "infirmier"},
                      ProfessionCase{"", "Je suis kiné et j'ai un patient qui…", "kinesitherapeute"},
                      ProfessionCase{"", "Mon patient infirmier a mal au dos", "inconnu"}),
    [](const auto& param) { return std::to_string(param.index); });

TEST(Profession, DisplayNameCountsLessThanTheBio) {
  EXPECT_EQ(kit().tagger.profession("IDEL_Bzh", "", ""), "infirmier");
  EXPECT_EQ(kit().tagger.profession("Nico_IDE", "Pharmacien d'officine", ""), "pharmacien");
}

Thread thread_of(const std::string& text, const std::string& bio = "", bool photo = false) {
  StoredPost root;
  root.id = "c";
  root.text = text;
  root.author_bio = bio;
  if (photo) root.media = {"photo"};
  return make_thread(root, {}, {});
}

TEST(CaseTags, SpecialtyAndNature) {
  CaseTags t = kit().tagger.tag_case(thread_of(
      "Patient mis en inaptitude ce jour par le médecin du travail, je dois prolonger l'arrêt de travail ?"));
  EXPECT_EQ(t.primary(), "medecine-du-travail");
  EXPECT_EQ(t.nature, "administratif");
  CaseTags d = kit().tagger.tag_case(
      thread_of("Plaque rouge annulaire qui s'étend sur la cuisse, eczéma ? Lyme ? #dermato", "", true));
  EXPECT_EQ(d.primary(), "dermatologie");
  EXPECT_EQ(d.nature, "diagnostic");
}

TEST(CaseTags, NegatedFindingsDoNotTag) {
  CaseTags t = kit().tagger.tag_case(thread_of("Pas de fièvre, sans toux."));
  for (const auto& s : t.specialties) EXPECT_NE(s.code, "infectiologie");
}

TEST(CaseTags, NoEvidenceMeansNoSpecialtyAndNatureAutre) {
  CaseTags t = kit().tagger.tag_case(thread_of("Bonjour à tous !"));
  EXPECT_TRUE(t.specialties.empty());
  EXPECT_EQ(t.nature, "autre");
}

}  // namespace
}  // namespace confrere
