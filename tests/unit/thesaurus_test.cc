// Focus: the synonym lexicon as concepts: abbreviations (ambiguous too), lay words, brands,
// plural and feminine forms, and what must not match.
#include "thesaurus.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "error.h"
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

// The concepts given to the expression that starts with `word` in `text`.
std::vector<std::string> senses_of(const std::string& text, const std::string& word) {
  auto tokens = kit().analyzer.tokens(text);
  std::vector<std::string> out;
  for (const auto& c : kit().thesaurus.concepts(tokens)) {
    if (tokens[c.first].term == word) out.push_back(c.term);
  }
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& t) {
  return std::find(v.begin(), v.end(), t) != v.end();
}

// Whether `text` gets the concept whose canonical form is `canonical`.
bool meets(const std::string& text, const std::string& canonical) {
  return has(concepts(text), concept_term(canonical, kit().analyzer));
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
  std::string prolong = concept_term("prolongation d'arrêt de travail", kit().analyzer);
  EXPECT_TRUE(has(concepts("faut-il renouveler son AT ?"), prolong));
  EXPECT_TRUE(has(concepts("je dois prolonger l'arrêt de travail ?"), prolong));
  std::string hta = concept_term("hypertension artérielle", kit().analyzer);
  EXPECT_TRUE(has(concepts("HTA traitée"), hta));
}

TEST(Thesaurus, AmbiguousAbbreviationsGiveEachMeaning) {
  auto c = concepts("un AT");
  EXPECT_TRUE(has(c, "XCarret_de_travail"));
  EXPECT_TRUE(has(c, "XCaccident_du_travail"));
}

TEST(Thesaurus, TheTextChoosesTheSenseOfAnAmbiguousAbbreviation) {
  const std::string arret = "XCarret_de_travail", accident = "XCaccident_du_travail";
  auto prolong = concepts("je dois prolonger son AT ?");
  EXPECT_TRUE(has(prolong, arret));
  EXPECT_FALSE(has(prolong, accident));
  auto declare = concepts("il a peur de déclarer un AT");
  EXPECT_TRUE(has(declare, accident));
  EXPECT_FALSE(has(declare, arret));
  // The nearer evidence wins: "déclarer" beside AT, "arrêt" (the other sense's name) further.
  auto at = senses_of("Il veut un arrêt en maladie car il a peur de déclarer un AT.", "at");
  EXPECT_EQ(at, std::vector<std::string>{accident});
  // Only the neighbourhood counts (40 words each side), so that a long text costs its length.
  std::string far = "prolonger";
  for (int i = 0; i < 45; ++i) far += " patient";
  EXPECT_EQ(senses_of(far + " AT", "at").size(), 2u);
  // Groups that merely overlap are no homonyms: "scanner" stays both scanner and tomodensitométrie.
  EXPECT_EQ(senses_of("un scanner, autrement dit une tomodensitométrie", "scanner").size(), 2u);
  // A cue made of a stopword ("SA" as "sa") is no evidence: IMG keeps both senses here.
  EXPECT_EQ(senses_of("L'IMG était prévue. Sa mère est venue.", "img").size(), 2u);
  // IPP and MT: one sense each, the one the neighbours say.
  auto one = [](const char* canonical) {
    return std::vector<std::string>{concept_term(canonical, kit().analyzer)};
  };
  EXPECT_EQ(senses_of("IPP au long cours pour un RGO", "ipp"), one("inhibiteur de la pompe à protons"));
  EXPECT_EQ(senses_of("taux d'IPP fixé après consolidation", "ipp"), one("incapacité permanente partielle"));
  EXPECT_EQ(senses_of("déclaré inapte par le MT", "mt"), one("médecine du travail"));
  EXPECT_EQ(senses_of("un courrier pour son MT", "mt"), one("médecin traitant"));
}

TEST(Thesaurus, TheCompiledFormKeepsTheSenseCues) {
  testing::TempDir dir;
  kit().thesaurus.save(dir.path() + "/thesaurus.tsv");
  Thesaurus compiled = Thesaurus::load_compiled(dir.path() + "/thesaurus.tsv");
  std::vector<std::string> found;
  for (const auto& c : compiled.concepts(kit().analyzer.tokens("il a peur de déclarer un AT")))
    found.push_back(c.term);
  EXPECT_TRUE(has(found, "XCaccident_du_travail"));
  EXPECT_FALSE(has(found, "XCarret_de_travail"));
}

TEST(Thesaurus, CapitalsMakeAnAbbreviationOfAStopword) {
  std::string ait = concept_term("accident ischémique transitoire", kit().analyzer);
  EXPECT_TRUE(has(concepts("AIT il y a deux jours"), ait));
  EXPECT_FALSE(has(concepts("qu'il ait vu un médecin"), ait));
}

// Loading the project's lexicons with `line` added to lexicons/`file` fails, naming the file
// and the misspelled group `name`.
void expect_unknown_group(const std::string& file, const std::string& line, const std::string& name) {
  testing::TempDir dir;
  std::filesystem::copy(testing::data_dir(), dir.path(), std::filesystem::copy_options::recursive);
  std::ofstream(dir.path() + "/lexicons/" + file, std::ios::app) << line << "\n";
  try {
    Thesaurus::from_data_dir(dir.path(), kit().analyzer);
    FAIL() << "a misspelled group was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(file + ":"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
  }
}

TEST(Thesaurus, SensesNameKnownGroups) {
  expect_unknown_group("senses.tsv", "arrêt de travial\tprolonger", "arrêt de travial");
}

TEST(Thesaurus, ANarrowerConceptNamesItsBroaderOnes) {
  // broader.tsv: a draft in general words meets a post in specific ones, and the other way.
  EXPECT_TRUE(meets("patient DT2", "diabète"));
  EXPECT_TRUE(meets("sous Eliquis", "anticoagulant oral direct"));
  EXPECT_TRUE(meets("sous Eliquis", "anticoagulant"));
  EXPECT_TRUE(meets("Advil en automédication", "anti-inflammatoire non stéroïdien"));
  EXPECT_FALSE(meets("sous Eliquis", "diabète"));
  // An expression of several groups passes none of its senses on: "BAV" may be the eye's.
  EXPECT_TRUE(meets("bloc auriculo-ventriculaire", "arythmie"));
  EXPECT_FALSE(meets("BAV OG depuis 9 mois", "arythmie"));
  // The compiled copy a live index keeps has them too.
  testing::TempDir dir;
  kit().thesaurus.save(dir.path() + "/thesaurus.tsv");
  Thesaurus compiled = Thesaurus::load_compiled(dir.path() + "/thesaurus.tsv");
  bool found = false;
  for (const auto& c : compiled.concepts(kit().analyzer.tokens("patient DT2")))
    found = found || c.term == concept_term("diabète", kit().analyzer);
  EXPECT_TRUE(found);
}

TEST(Thesaurus, BroaderNamesKnownGroups) {
  expect_unknown_group("broader.tsv", "apixaban\tanticoagulent", "anticoagulent");
  expect_unknown_group("broader.tsv", "apixabam\tanticoagulant", "apixabam");
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

TEST(Thesaurus, CommonWordsDoNotFoldIntoAbbreviations) {
  // Accents and plural endings removed, these variants were common words: "démis" is "demi",
  // "oublis" "oubli", "mars" the anaesthetist's "MAR", "et al." "AL".
  auto c = concepts("un an et demi après, un oubli de pilule en mars (Dupont et al.), colique néphrétique");
  EXPECT_FALSE(has(c, concept_term("luxation", kit().analyzer)));
  EXPECT_FALSE(has(c, concept_term("troubles de la mémoire", kit().analyzer)));
  EXPECT_FALSE(has(c, concept_term("anesthésiste-réanimateur", kit().analyzer)));
  EXPECT_FALSE(has(c, concept_term("anesthésie locale", kit().analyzer)));
  EXPECT_FALSE(has(c, concept_term("coliques du nourrisson", kit().analyzer)));
  EXPECT_TRUE(has(c, concept_term("colique néphrétique", kit().analyzer)));
  // The ones that mean the thing still do.
  EXPECT_TRUE(meets("épaule démise", "luxation"));
  EXPECT_TRUE(meets("suture sous AL", "anesthésie locale"));
}

TEST(Thesaurus, ShortFormsInContextOnly) {
  // Found by a review of the lexicon additions: each once matched the wrong thing.
  EXPECT_FALSE(meets("allergie à la péni", "verge"));
  EXPECT_FALSE(meets("dans le passé elle avait consulté", "parcours d'accès spécifique santé"));
  EXPECT_FALSE(meets("elle est tombée enceinte", "chute"));
  EXPECT_FALSE(meets("vu ds le service", "déviation standard"));
  EXPECT_FALSE(meets("fracture du col de l'humérus", "fracture de l'extrémité supérieure du fémur"));
  EXPECT_FALSE(meets("retrait de la sonde", "départ à la retraite"));
  EXPECT_TRUE(meets("il est à la retraite", "départ à la retraite"));
  // An age is not old age: "PA" stays the blood pressure.
  EXPECT_EQ(senses_of("Patiente âgée de 45 ans : PA 150/90 mmHg", "pa"),
            std::vector<std::string>{concept_term("pression artérielle", kit().analyzer)});
}

TEST(Thesaurus, SadIsTheCatheterOrTheHomeHelpByContext) {
  EXPECT_EQ(senses_of("changer la SAD en silicone, sonde bouchée", "sad"),
            std::vector<std::string>{concept_term("sonde vésicale à demeure", kit().analyzer)});
  EXPECT_EQ(senses_of("la SAD passe pour le ménage et les repas à domicile", "sad"),
            std::vector<std::string>{
                concept_term("service d'aide et d'accompagnement à domicile", kit().analyzer)});
}

TEST(Thesaurus, PatientAndVerbFormsMeetTheirConcept) {
  // "diabétique" is not "diabète" to a stemmer, nor "extraction de dent" "extraction dentaire".
  EXPECT_TRUE(meets("patient diabétique de type 2", "diabète de type 2"));
  EXPECT_TRUE(meets("extraction de dent prévue", "extraction dentaire"));
  EXPECT_TRUE(meets("sein rouge et chaud", "mastite"));
  EXPECT_TRUE(meets("patient hémodialysé", "hémodialyse"));
  EXPECT_TRUE(meets("vaccin anticoquelucheux pendant la grossesse", "vaccin diphtérie-tétanos-coqueluche-poliomyélite"));
}

TEST(Thesaurus, BrandsJargonAndLayWordsMeetTheTechnicalTerm) {
  EXPECT_TRUE(meets("sous Havlane depuis 10 ans", "loprazolam"));
  EXPECT_TRUE(meets("elle prend du Cacit", "carbonate de calcium"));
  EXPECT_TRUE(meets("avis gygy", "gynécologie"));
  EXPECT_TRUE(meets("une boule dans le sein droit", "nodule mammaire"));
  EXPECT_TRUE(meets("descente d'organes après 3 accouchements", "prolapsus génital"));
  // TCC: the therapy with a psychologist, the head injury after a fall.
  EXPECT_EQ(senses_of("TCC chez le psychologue pour son insomnie", "tcc"),
            std::vector<std::string>{concept_term("thérapie cognitivo-comportementale", kit().analyzer)});
  EXPECT_EQ(senses_of("chute dans l'escalier, TCC sans perte de connaissance", "tcc"),
            std::vector<std::string>{concept_term("traumatisme crânien", kit().analyzer)});
}

TEST(Thesaurus, StopwordOnlyExpressionsDoNotMatch) {
  EXPECT_TRUE(concepts("est-ce que tu as vu").empty());
}

}  // namespace
}  // namespace confrere
