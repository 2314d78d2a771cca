// THE field table: how each field of a case is kept in SQLite and in Xapian. The index writer and
// the query programs both read it; docs/schema.md documents the same table.
#pragma once

#include <string_view>

namespace confrere::schema {

// Xapian value slots of a case document.
enum Slot : unsigned {
  kSlotDate = 0,        // created_at, "YYYY-MM-DDTHH:MM:SSZ" (sorts as text)
  kSlotLikes = 1,       // case likes, Xapian::sortable_serialise
  kSlotAnswers = 2,     // number of answers (follow-ups excluded), sortable_serialise
  kSlotSpecialties = 3, // specialty codes joined by '\n', best first (facets)
  kSlotNature = 4,      // nature code (facets)
  kSlotProfession = 5,  // profession of the case's poster (facets)
  kSlotReposts = 6,     // case reposts, sortable_serialise (rating tie-break)
};

struct Field {
  std::string_view name;     // option / JSON name
  std::string_view prefix;   // Xapian term prefix ("" = none)
  int slot;                  // value slot, -1 = none
  std::string_view column;   // SQLite column or table.column
  bool boolean;              // a filter term (no weight)
};

// Term prefixes (omega conventions: Q unique id, Z stemmed, X... our own).
inline constexpr std::string_view kPrefixId = "Q";
inline constexpr std::string_view kPrefixStem = "Z";
inline constexpr std::string_view kPrefixHashtag = "K";
inline constexpr std::string_view kPrefixSpecialty = "XS";
inline constexpr std::string_view kPrefixNature = "XN";
inline constexpr std::string_view kPrefixProfession = "XP";
inline constexpr std::string_view kPrefixMedia = "XM";
inline constexpr std::string_view kPrefixConcept = "XC";
// One term per document whose wdf is the number of the answers' words: answers are indexed by
// their stems only, and this keeps the document length (BM25's normalisation) what it was
// when they had their exact words too (paraphrase-dev MRR@10 0.308 without it, 0.325 with it).
inline constexpr std::string_view kTermAnswerLength = "XL";

inline constexpr Field kFields[] = {
    {"id", kPrefixId, -1, "posts.id", true},
    {"text", "", -1, "posts.text", false},  // unstemmed, positional; answers at lower wdf
    {"stem", kPrefixStem, -1, "posts.text", false},
    {"hashtag", kPrefixHashtag, -1, "posts.text", true},
    {"concept", kPrefixConcept, -1, "posts.text", false},  // synonym groups (thesaurus.h)
    {"specialty", kPrefixSpecialty, kSlotSpecialties, "case_specialties.code", true},
    {"nature", kPrefixNature, kSlotNature, "case_tags.nature", true},
    {"profession", kPrefixProfession, kSlotProfession, "posts.profession", true},
    {"media", kPrefixMedia, -1, "posts.media", true},
    {"created_at", "", kSlotDate, "posts.created_at", false},
    {"likes", "", kSlotLikes, "posts.likes", false},
    {"reposts", "", kSlotReposts, "posts.reposts", false},
    {"answer_count", "", kSlotAnswers, "(count of answers)", false},
};

// Within-document frequency given to each occurrence of a word of the case text, and of its
// answers' text: the case's own words weigh more.
inline constexpr unsigned kWdfCase = 3;
inline constexpr unsigned kWdfAnswer = 1;

// Xapian metadata key holding the index format; a mismatch means "rebuild needed".
inline constexpr std::string_view kFormatKey = "confrere.format";

}  // namespace confrere::schema
