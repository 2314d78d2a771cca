// Focus: ICU normalization: NFC for storage, folding for matching.
#include "normalize.h"

#include <gtest/gtest.h>

namespace confrere {
namespace {

TEST(Normalize, NfcComposesDecomposedAccents) {
  EXPECT_EQ(to_nfc("e\xcc\x81ruption"), "\xc3\xa9ruption");  // e + U+0301 → é
  EXPECT_EQ(to_nfc("déjà"), "déjà");
  EXPECT_EQ(to_nfc("plain ascii"), "plain ascii");
}

TEST(Normalize, FoldRemovesCaseAccentsAndLigatures) {
  EXPECT_EQ(fold("ŒDÈME"), "oedeme");
  EXPECT_EQ(fold("Æquo"), "aequo");
  EXPECT_EQ(fold("Straße"), "strasse");
  EXPECT_EQ(fold("ﬁbrome"), "fibrome");
  EXPECT_EQ(fold("Ça"), "ca");
  EXPECT_EQ(fold("e\xcc\x81"), "e");
  EXPECT_EQ(fold("’"), "'");
}

TEST(Normalize, WordCharacters) {
  EXPECT_TRUE(is_word_char(U'é'));
  EXPECT_TRUE(is_word_char(U'7'));
  EXPECT_FALSE(is_word_char(U'-'));
  EXPECT_FALSE(is_word_char(U'’'));
  EXPECT_TRUE(is_apostrophe(U'’'));
  EXPECT_TRUE(is_apostrophe(U'ʼ'));
}

}  // namespace
}  // namespace confrere
