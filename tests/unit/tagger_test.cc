// Focus: first-version tagging: profession from bios and self-descriptions, specialties, nature.
#include "tagger.h"

#include <gtest/gtest.h>

#include <cstdio>
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

TEST(CaseTags, ADoseInTheQuestionAsksAboutADrug) {
  const char* text = "Acné nodulaire après échec de la doxycycline. Isotrétinoïne : vous démarrez à %s ?";
  char with_dose[200], without[200];
  std::snprintf(with_dose, sizeof with_dose, text, "0,5 mg/kg ou plus bas");
  std::snprintf(without, sizeof without, text, "quel moment");
  EXPECT_EQ(kit().tagger.tag_case(thread_of(with_dose)).nature, "medicament");
  EXPECT_NE(kit().tagger.tag_case(thread_of(without)).nature, "medicament");
  // Spaced units are doses too; a gram only after a number.
  EXPECT_EQ(kit().tagger.tag_case(thread_of("Angine, amoxicilline 1 g x3/j ou 2 g x2 ?")).nature,
            "medicament");
  EXPECT_EQ(kit().tagger.tag_case(thread_of("Sous Doliprane, je monte à 1000 mg ?")).nature,
            "medicament");
  // A lab value is no dose.
  EXPECT_NE(kit().tagger.tag_case(thread_of("Hb à 9 g/dL, fer IV d'emblée ?")).nature, "medicament");
}

TEST(CaseTags, ALongReportsRepeatedSubjectOutweighsOneMention) {
  // Each specialty's pattern once; then the report keeps returning to one of them.
  std::string report = "Patient de 40 ans admis pour une pneumopathie. Une épilepsie est connue. ";
  for (int i = 0; i < 30; ++i) report += "Le bilan montre des éléments sans particularité notable ce jour. ";
  std::string epilepsy = report, pneumonia = report;
  for (int i = 0; i < 4; ++i) epilepsy += "L'épilepsie reste au premier plan. ";
  for (int i = 0; i < 4; ++i) pneumonia += "La pneumopathie reste au premier plan. ";
  EXPECT_EQ(kit().tagger.tag_case(thread_of(epilepsy)).primary(), "neurologie");
  EXPECT_EQ(kit().tagger.tag_case(thread_of(pneumonia)).primary(), "pneumologie");
  // In a short post, repeating a word adds nothing.
  CaseTags post = kit().tagger.tag_case(thread_of("Pneumopathie ? Épilepsie ? Épilepsie ? Épilepsie ?"));
  ASSERT_EQ(post.specialties.size(), 2u);
}

}  // namespace
}  // namespace confrere
