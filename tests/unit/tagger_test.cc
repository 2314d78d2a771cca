// Focus: first-version tagging: profession from bios and self-descriptions, specialties, nature.
#include "tagger.h"

#include <gtest/gtest.h>

#include <algorithm>
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

// A dental school's hospital titles, with "Dr" in the display name: the field decides.
TEST(ProfessionTitles, AFieldOutweighsHospitalTitlesAndADoctorsName) {
  EXPECT_EQ(kit().tagger.profession("Dr Dent", "MCU-PH odontologie | chirurgie orale 🦷", ""),
            "chirurgien-dentiste");
  EXPECT_EQ(kit().tagger.profession("Dr Martin", "MCU-PH, service de neurologie", ""), "medecin");
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
                      ProfessionCase{"", "Mon patient infirmier a mal au dos", "inconnu"},
                      // A specialist's short form is a doctor's; a word the lexicon lists in the
                      // singular and the plural counts once ("0 médecin" is not two doctors).
                      ProfessionCase{"Rhumato en ville, écho ostéo-articulaire", "", "medecin"},
                      ProfessionCase{"Titulaire d'officine en zone rurale. 0 médecin à 15 km.", "", "pharmacien"},
                      // Colleagues named in a bio are not the poster.
                      ProfessionCase{"Psychiatre en EPSM. Je travaille avec des IDE formidables", "", "medecin"},
                      ProfessionCase{"", "Ici IDE de nuit en chir ortho, patient sous PCA de morphine.", "infirmier"},
                      ProfessionCase{"French med student, 5th year", "", "interne"},
                      ProfessionCase{"Chir dig en CHG, toujours au bloc", "", "medecin"},
                      ProfessionCase{"mamie gâteau", "Je ne suis pas du métier mais mon petit-fils a eu ça.", "patient"},
                      // A trainee's bio names a field; colleagues counted by number are others.
                      ProfessionCase{"Interne en MG (DES 3e année), en stage de neuro", "", "interne"},
                      ProfessionCase{"Docteur junior médecine d'urgence", "", "interne"},
                      ProfessionCase{"Secrétaire médicale en cabinet de groupe, 5 médecins", "", "patient"},
                      ProfessionCase{"Omnipraticien, implanto", "", "chirurgien-dentiste"},
                      ProfessionCase{"Juriste en droit de la santé", "", "patient"},
                      // A hospital title or a workplace is shared; the field or the title decides.
                      ProfessionCase{"MCU-PH odontologie | chirurgie orale", "", "chirurgien-dentiste"},
                      ProfessionCase{"PPH en officine 💊 | 15 ans de comptoir", "", "autre-soignant"},
                      ProfessionCase{"Ambulancier DEA 🚑 | 12 ans de route", "", "autre-soignant"},
                      ProfessionCase{"PH urgences, SMUR", "", "medecin"},
                      ProfessionCase{"Ophtalmologiste | rétine | 👓", "", "medecin"},
                      ProfessionCase{"Pharmacienne d'officine", "", "pharmacien"}),
    [](const auto& param) { return std::to_string(param.index); });

TEST(Profession, DisplayNameCountsLessThanTheBio) {
  EXPECT_EQ(kit().tagger.profession("IDEL_Bzh", "", ""), "infirmier");
  EXPECT_EQ(kit().tagger.profession("Nico_IDE", "Pharmacien d'officine", ""), "pharmacien");
  // A name in camel case is read word by word.
  EXPECT_EQ(kit().tagger.profession("KinéDuSud", "Montpellier | sport, rachis, et café", ""), "kinesitherapeute");
  EXPECT_EQ(kit().tagger.profession("SageFemmeEnBalade", "", ""), "sage-femme");
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

TEST(CaseTags, MilligramsAreNoGeneralPractitioner) {
  // "le MG" is the GP; "500 mg" a dose.
  CaseTags gp = kit().tagger.tag_case(thread_of("Lombalgie avec douleur nocturne, je le renvoie vers son MG ?"));
  EXPECT_NE(gp.nature, "medicament");
  CaseTags dose = kit().tagger.tag_case(thread_of("Amoxicilline 500 mg chez l'enfant de 15 kg, ça vous va ?"));
  EXPECT_EQ(dose.nature, "medicament");
  for (const auto& s : dose.specialties) EXPECT_NE(s.code, "medecine-generale");
}

TEST(CaseTags, CaseReportVocabulary) {
  // Named diseases and operations of published case reports.
  EXPECT_EQ(kit().tagger.tag_case(thread_of("Déficit en facteur VII découvert après une circoncision.")).primary(),
            "hematologie");
  EXPECT_EQ(kit().tagger.tag_case(thread_of("Plaie de l'artère sous-clavière réparée par sternotomie.")).primary(),
            "chirurgie");
  EXPECT_EQ(kit().tagger.tag_case(thread_of("Otorrhée fétide chronique : cholestéatome.")).primary(), "orl");
}

TEST(CaseTags, ASettingIsNoPracticeQuestion) {
  // "de garde", "local", "je cherche" describe the case, not a question about the practice.
  for (const char* text : {"De garde aux urgences : avulsion sous AOD, hémostase locale suffisante ?",
                           "Je cherche un antifongique local pour une teigne du bras, une idée ?"}) {
    EXPECT_NE(kit().tagger.tag_case(thread_of(text)).nature, "exercice") << text;
  }
  // Medication reconciliation and deprescribing ask about drugs.
  for (const char* text : {"Conciliation de sortie pour Mme 86 ans qui retourne en EHPAD, par quoi je commence ?",
                           "Mme 86 ans, 11 lignes sur l'ordonnance : on déprescrit quoi en premier ?"}) {
    EXPECT_EQ(kit().tagger.tag_case(thread_of(text)).nature, "medicament") << text;
  }
}

TEST(CaseTags, AShortQuestionNamingAConditionAsksWhatItIs) {
  for (const char* text : {"Plaque annulaire de la cuisse après une balade en forêt, 10 jours. Lyme ? Eczéma ?",
                           "Douleur thoracique majorée à l'inspiration, sus-ST diffus. Péricardite ou myopéricardite ?"}) {
    EXPECT_EQ(kit().tagger.tag_case(thread_of(text)).nature, "diagnostic") << text;
  }
  // A longer question that names the disease asks something else.
  EXPECT_NE(kit().tagger.tag_case(thread_of("Horton probable chez Mme 76 ans, CRP 95. Bolus de méthylprednisolone "
                                            "ou corticothérapie orale d'emblée pour cette artérite ?"))
                .nature,
            "diagnostic");
}

TEST(CaseTags, APostersProfessionHintsAtTheirField) {
  // Same words, different posters: the dentist asks about a procedure, the pharmacist about a
  // drug's handling.
  const char* text = "Mr 74 ans sous apixaban, vous l'arrêtez combien de temps avant ?";
  Thread dentist = thread_of(text);
  dentist.root.profession = "chirurgien-dentiste";
  EXPECT_EQ(kit().tagger.tag_case(dentist).primary(), "odontologie");
  Thread pharmacist = thread_of(text);
  pharmacist.root.profession = "pharmacien";
  EXPECT_EQ(kit().tagger.tag_case(pharmacist).primary(), "pharmacie");
  EXPECT_EQ(kit().tagger.tag_case(thread_of(text)).primary(), "cardiologie");
}

TEST(CaseTags, AMedicoLegalQuestionInvolvesLegalMedicine) {
  CaseTags t = kit().tagger.tag_case(thread_of(
      "Mon patient diabétique veut arrêter son insuline, il en a le droit ? Je suis responsable s'il fait un coma ?"));
  ASSERT_EQ(t.nature, "medico-legal");
  EXPECT_EQ(t.primary(), "endocrinologie");
  EXPECT_TRUE(std::any_of(t.specialties.begin(), t.specialties.end(),
                          [](const SpecialtyScore& s) { return s.code == "medecine-legale"; }));
}

TEST(CaseTags, AnAdultsTearsAreNoPaediatrics) {
  CaseTags t = kit().tagger.tag_case(thread_of(
      "Premier décès d'une résidente que j'accompagnais depuis 2 ans. J'ai pleuré dans ma voiture. Comment vous gérez ?"));
  for (const auto& s : t.specialties) EXPECT_NE(s.code, "pediatrie");
  EXPECT_EQ(kit().tagger.tag_case(thread_of("Nourrisson de 3 mois, pleurs inconsolables le soir depuis 1 semaine.")).primary(),
            "pediatrie");
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

TEST(CaseTags, APrefixIsTheWordAsWritten) {
  // "faute*" is not "il faut", "signe*" not "significatif" (their light stems would be).
  EXPECT_EQ(kit().tagger.tag_case(thread_of("Est-ce significatif ?")).nature, "autre");
  EXPECT_NE(kit().tagger.tag_case(thread_of("Il faut une IRM d'emblée ?")).nature, "medico-legal");
  EXPECT_EQ(kit().tagger.tag_case(thread_of("Quelle dose de paracétamol chez l'enfant ?")).nature, "medicament");
  EXPECT_EQ(kit().tagger.tag_case(thread_of("Une faute de ma part, que risque-t-on ?")).nature, "medico-legal");
}

TEST(CaseTags, APhotoHintsAtWhatItShows) {
  auto shows = [](const char* text) { return photo_specialty(kit().analyzer.tokens(text)); };
  EXPECT_EQ(shows("Œil rouge douloureux depuis hier"), "ophtalmologie");
  EXPECT_EQ(shows("ECG joint : QRS larges"), "cardiologie");
  EXPECT_EQ(shows("Radio de cheville de face"), "radiologie");
  EXPECT_EQ(shows("Plaque rouge sur la cuisse"), "dermatologie");
}

TEST(CaseTags, ConjugatedVerbsAskForATreatment) {
  for (const char* q : {"FA paroxystique, score à 2 : on anticoagule ou on s'abstient ?",
                        "Goutte, 3e crise : je démarre l'allopurinol maintenant ou j'attends ?",
                        "Carence martiale sans anémie : on supplémente ou pas ?"}) {
    EXPECT_EQ(kit().tagger.tag_case(thread_of(q)).nature, "traitement") << q;
  }
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

// A case report's filler: enough ordinary sentences to make a text long (over 150 words).
std::string long_report(const std::string& opening, const std::string& closing) {
  std::string report = opening + " ";
  for (int i = 0; i < 30; ++i) report += "Le bilan montre des éléments sans particularité notable ce jour. ";
  return report + closing;
}

bool has_specialty(const CaseTags& t, const std::string& code) {
  for (const auto& s : t.specialties) {
    if (s.code == code) return true;
  }
  return false;
}

TEST(CaseTags, AChildsCaseIsAlsoPaediatric) {
  for (const char* child : {"Enfant de 10 ans", "Nourrisson de 8mois", "Patiente âgée de 3 ans",
                            "Un garçon d'environ 6 ans"}) {
    CaseTags t = kit().tagger.tag_case(thread_of(long_report(
        std::string(child) + " admis pour une fracture de la clavicule, traitée par ostéosynthèse.",
        "La fracture de la clavicule a consolidé.")));
    EXPECT_EQ(t.primary(), "chirurgie-orthopedique") << child;
    EXPECT_TRUE(has_specialty(t, "pediatrie")) << child;
  }
  // With little evidence (a top score under 2), still in the set.
  EXPECT_TRUE(has_specialty(kit().tagger.tag_case(thread_of(long_report("Patiente âgée de 3 ans.", "Toux."))),
                            "pediatrie"));
  // Not the negation "ne", not a "nouveau neurologue".
  for (const char* adult : {"Douleur qui ne date que de 3 semaines,", "Avis d'un nouveau neurologue,"}) {
    CaseTags t = kit().tagger.tag_case(thread_of(long_report(
        std::string(adult) + " fracture de la clavicule traitée par ostéosynthèse.",
        "La fracture de la clavicule a consolidé.")));
    EXPECT_FALSE(has_specialty(t, "pediatrie")) << adult;
  }
  // An adult, and a duration that is not an age.
  for (const char* adult : {"Homme de 40 ans", "Femme de 30 ans, gênée depuis 3 mois,"}) {
    CaseTags t = kit().tagger.tag_case(thread_of(long_report(
        std::string(adult) + " admis pour une fracture de la clavicule, traitée par ostéosynthèse.",
        "La fracture de la clavicule a consolidé.")));
    EXPECT_FALSE(has_specialty(t, "pediatrie")) << adult;
  }
}

TEST(CaseTags, AnAgeIsNotOldAge) {
  EXPECT_FALSE(has_specialty(
      kit().tagger.tag_case(thread_of("Patiente âgée de 27 ans, questions sur sa contraception.")),
      "geriatrie"));
  EXPECT_TRUE(has_specialty(kit().tagger.tag_case(thread_of("Patiente âgée, confuse depuis hier soir.")),
                            "geriatrie"));
}

TEST(CaseTags, AStopwordIsNotAnAbbreviation) {
  // "puis" is not "PUI", the hospital pharmacy.
  EXPECT_FALSE(has_specialty(kit().tagger.tag_case(thread_of("Vu hier, puis revu ce matin.")), "pharmacie"));
  EXPECT_TRUE(has_specialty(kit().tagger.tag_case(thread_of("Rupture de stock à la PUI ce matin.")),
                            "pharmacie"));
}

TEST(CaseTags, AReportsConclusionNamesItsSubject) {
  // Two subjects, each mentioned as often; the one the conclusion names wins.
  std::string facts = "Patient de 50 ans suivi pour une épilepsie, admis pour une pneumopathie.";
  auto primary = [](const std::string& opening, const std::string& closing) {
    return kit().tagger.tag_case(thread_of(long_report(opening, closing))).primary();
  };
  EXPECT_EQ(primary(facts, "Le diagnostic retenu est une épilepsie, avec une pneumopathie associée."),
            "neurologie");
  EXPECT_EQ(primary(facts, "Le diagnostic retenu est une pneumopathie, avec une épilepsie associée."),
            "pneumologie");
  // The cue conjugated or derived: "concluait à", "l'hypothèse diagnostique était".
  EXPECT_EQ(primary(facts, "La biopsie concluait à une pneumopathie, avec une épilepsie associée."),
            "pneumologie");
  EXPECT_EQ(primary(facts, "L'hypothèse diagnostique était une pneumopathie, avec une épilepsie associée."),
            "pneumologie");
  // A conclusion that denies ("n'était pas en faveur d'une …") or lists differentials is no diagnosis.
  EXPECT_EQ(primary(facts, "Le bilan n'était pas en faveur d'une pneumopathie. L'épilepsie reste au premier plan."),
            "neurologie");
  // A vague word in a conclusion ("une lésion") is no diagnosis.
  EXPECT_EQ(primary("Patient de 50 ans suivi pour une épilepsie.", "L'IRM a conclu à une lésion."),
            "neurologie");
}

TEST(CaseTags, AResultReportedNegativeIsNoEvidence) {
  // A report lists the work-up's negative results after the finding they rule out.
  std::string facts = "Patient de 50 ans suivi pour une épilepsie.";
  EXPECT_TRUE(has_specialty(kit().tagger.tag_case(thread_of(long_report(facts, "Sérologie VIH positive."))),
                            "infectiologie"));
  for (const char* negative : {"Sérologie VIH négative.", "Les sérologies VIH, hépatite B et C étaient négatives.",
                               "La recherche de BK dans les crachats est revenue négative."}) {
    EXPECT_FALSE(has_specialty(kit().tagger.tag_case(thread_of(long_report(facts, negative))), "infectiologie"))
        << negative;
  }
  // "Gram négatif" describes the bacterium found; a full stop ends what "négatif" can deny.
  for (const char* found : {"Hémocultures positives à bacille Gram négatif.", "Sérologie VIH. Tests négatifs ailleurs."}) {
    EXPECT_TRUE(has_specialty(kit().tagger.tag_case(thread_of(long_report(facts, found))), "infectiologie"))
        << found;
  }
}

TEST(CaseTags, AConclusionNamesTheDiseaseNotTheAgeGroup) {
  // "épilepsie néonatale": the diagnosis is the epilepsy; the newborn makes it paediatric too.
  CaseTags t = kit().tagger.tag_case(thread_of(long_report(
      "Nouveau-né de 10 jours admis pour des mouvements anormaux.",
      "Le diagnostic retenu est une épilepsie néonatale.")));
  EXPECT_EQ(t.primary(), "neurologie");
  EXPECT_TRUE(has_specialty(t, "pediatrie"));
}

TEST(CaseTags, AReportNamesItsInfectionByItsHallmarks) {
  // Caseous necrosis and antituberculous drugs are tuberculosis, whatever organ it touched;
  // varicella pneumonia is an infection before it is a lung's.
  CaseTags tb = kit().tagger.tag_case(thread_of(long_report(
      "Patiente de 55 ans, tuméfaction de la cuisse. Exérèse de la masse.",
      "L'examen anatomopathologique montre une nécrose caséeuse. Traitement antibacillaire.")));
  EXPECT_TRUE(has_specialty(tb, "infectiologie"));
  CaseTags pox = kit().tagger.tag_case(thread_of(long_report(
      "Nouveau-né de 10 jours, détresse respiratoire.",
      "Le diagnostic retenu est une pneumonie varicelleuse, traitée par aciclovir.")));
  EXPECT_EQ(pox.primary(), "infectiologie");
}

TEST(CaseTags, AReportIsFiledUnderWhatWasDoneRatherThanTheOrgan) {
  // The colon is named more often than the cancer; the cancer is what the team treated.
  std::string report = long_report(
      "Patient de 60 ans, rectorragies. La coloscopie montre une lésion du côlon sigmoïde. "
      "Biopsie du côlon : adénocarcinome.",
      "Le côlon est préparé, chimiothérapie adjuvante.");
  CaseTags t = kit().tagger.tag_case(thread_of(report));
  ASSERT_TRUE(has_specialty(t, "gastro-enterologie"));
  EXPECT_EQ(t.primary(), "oncologie");
  // An operated case is the surgeon's, before the cancer's.
  CaseTags operated = kit().tagger.tag_case(thread_of(long_report(
      "Patient de 60 ans, adénocarcinome avec métastases, traité par chimiothérapie.",
      "Laparotomie puis colectomie, suites simples.")));
  ASSERT_TRUE(has_specialty(operated, "oncologie"));
  EXPECT_EQ(operated.primary(), "chirurgie-viscerale");
  // In a short post, the organ's specialty keeps the lead it has.
  CaseTags post = kit().tagger.tag_case(thread_of("Rectorragies, coloscopie : lésion du côlon, biopsie du côlon, côlon irritable ?"));
  EXPECT_EQ(post.primary(), "gastro-enterologie");
}

}  // namespace
}  // namespace confrere
