// Hand-written scanners, one per identifier type, tried at each word start: bounded look-ahead,
// so the whole pass is linear in the text size (no regular-expression backtracking).
#include "redact.h"

#include <cctype>
#include <cstring>
#include <fstream>

#include "data_file.h"
#include "error.h"
#include "normalize.h"

namespace confrere {

std::string_view placeholder(IdentifierType type) {
  switch (type) {
    case IdentifierType::kName: return "[NOM]";
    case IdentifierType::kPhone: return "[TÉLÉPHONE]";
    case IdentifierType::kEmail: return "[EMAIL]";
    case IdentifierType::kNir: return "[NIR]";
    case IdentifierType::kBirthDate: return "[DATE DE NAISSANCE]";
    case IdentifierType::kAddress: return "[ADRESSE]";
    case IdentifierType::kRecord: return "[DOSSIER]";
  }
  return "[?]";
}

std::string_view type_name(IdentifierType type) {
  switch (type) {
    case IdentifierType::kName: return "name";
    case IdentifierType::kPhone: return "phone";
    case IdentifierType::kEmail: return "email";
    case IdentifierType::kNir: return "nir";
    case IdentifierType::kBirthDate: return "birth_date";
    case IdentifierType::kAddress: return "address";
    case IdentifierType::kRecord: return "record";
  }
  return "?";
}

uint32_t RedactionCounts::total() const {
  uint32_t n = 0;
  for (auto c : by_type) n += c;
  return n;
}

Redactor::Redactor(std::unordered_set<std::string> not_names,
                   std::unordered_set<std::string> first_names)
    : not_names_(std::move(not_names)), first_names_(std::move(first_names)) {}

namespace {

std::unordered_set<std::string> load_words(const std::string& path) {
  std::unordered_set<std::string> words;
  for_each_data_line(path, [&](std::string& line, size_t) { words.insert(fold(line)); });
  return words;
}

}  // namespace

Redactor Redactor::from_data_dir(const std::string& data_dir) {
  return Redactor(load_words(data_dir + "/lexicons/not-names.txt"),
                  load_words(data_dir + "/lexicons/first-names.txt"));
}

namespace {

bool digit(std::string_view s, size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; }
bool ascii_alpha(std::string_view s, size_t i) {
  return i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]));
}

// A match: [begin, end) of the text is replaced by the placeholder of `type`.
struct Hit {
  size_t begin = 0, end = 0;
  IdentifierType type{};
};

size_t skip_spaces(std::string_view s, size_t i, size_t max = 3) {
  size_t n = 0;
  while (i < s.size() && n < max && (s[i] == ' ' || s[i] == '\t')) ++i, ++n;
  // U+00A0 and U+202F (no-break spaces) are common in French typography.
  while (i + 1 < s.size() && static_cast<unsigned char>(s[i]) == 0xC2 &&
         static_cast<unsigned char>(s[i + 1]) == 0xA0)
    i += 2;
  return i;
}

// Optional separator inside a number: one space, dot or hyphen.
size_t separator(std::string_view s, size_t i) {
  if (i < s.size() && (s[i] == ' ' || s[i] == '.' || s[i] == '-')) return i + 1;
  if (i + 1 < s.size() && static_cast<unsigned char>(s[i]) == 0xC2 &&
      static_cast<unsigned char>(s[i + 1]) == 0xA0)
    return i + 2;
  return i;
}

bool email_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '%' ||
         c == '+' || c == '-';
}

bool scan_email(std::string_view s, size_t i, Hit& hit) {
  size_t j = i;
  while (j < s.size() && j - i < 64 && email_char(s[j])) ++j;
  if (j == i || j >= s.size() || s[j] != '@') return false;
  size_t d = j + 1;
  while (d < s.size() && d - j < 255 &&
         (std::isalnum(static_cast<unsigned char>(s[d])) || s[d] == '-' || s[d] == '.'))
    ++d;
  while (d > j + 1 && s[d - 1] == '.') --d;  // a sentence's final dot
  size_t last_dot = s.substr(0, d).rfind('.');
  // The domain needs a dot and a top-level part of two letters or more.
  if (last_dot == std::string_view::npos || last_dot <= j + 1 || last_dot + 3 > d)
    return false;
  hit = {i, d, IdentifierType::kEmail};
  return true;
}

// French phone numbers: 0X XX XX XX XX, +33 X XX XX XX XX, 0033…, with or without separators.
bool scan_phone(std::string_view s, size_t i, Hit& hit) {
  size_t j = i;
  if (s.compare(i, 3, "+33") == 0) {
    j = skip_spaces(s, i + 3, 1);
    if (s.compare(j, 3, "(0)") == 0) j = skip_spaces(s, j + 3, 1);
  } else if (s.compare(i, 4, "0033") == 0) {
    j = skip_spaces(s, i + 4, 1);
  } else if (digit(s, i) && s[i] == '0') {
    j = i + 1;
  } else {
    return false;
  }
  if (!digit(s, j) || s[j] == '0') return false;
  ++j;
  for (int group = 0; group < 4; ++group) {
    j = separator(s, j);
    if (!digit(s, j) || !digit(s, j + 1)) return false;
    j += 2;
  }
  if (digit(s, j)) return false;
  hit = {i, j, IdentifierType::kPhone};
  return true;
}

// NIR (numéro de sécurité sociale): 13 digits (Corsica: 2A/2B) and an optional 2-digit key,
// grouped or not: "1 84 12 76 451 089 46".
bool scan_nir(std::string_view s, size_t i, Hit& hit) {
  if (!digit(s, i) || (s[i] != '1' && s[i] != '2')) return false;
  size_t j = i, count = 0, last_digit_end = i;
  while (j < s.size() && count < 15) {
    if (digit(s, j) || (count == 5 && (s[j] == 'A' || s[j] == 'B') && s[j - 1] == '2')) {
      ++count;
      ++j;
      last_digit_end = j;
      continue;
    }
    size_t k = separator(s, j);
    if (k == j || !digit(s, k)) break;
    j = k;
  }
  if (count != 13 && count != 15) return false;
  if (digit(s, last_digit_end)) return false;
  hit = {i, last_digit_end, IdentifierType::kNir};
  return true;
}

const char* const kMonths[] = {"janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet",
                               "aout", "septembre", "octobre", "novembre", "decembre"};

// A date: 12/03/1954, 12-03-54, 12.03.1954, 3 mars 1954, 1er mars 1954.
size_t scan_date(std::string_view s, size_t i) {
  size_t j = i;
  size_t d = 0;
  while (digit(s, j) && d < 2) ++j, ++d;
  if (d == 0) return 0;
  if (j < s.size() && (s[j] == '/' || s[j] == '-' || s[j] == '.')) {
    char sep = s[j];
    size_t k = j + 1, m = 0;
    while (digit(s, k) && m < 2) ++k, ++m;
    if (m == 0 || k >= s.size() || s[k] != sep) return 0;
    size_t y = k + 1, yd = 0;
    while (digit(s, y) && yd < 4) ++y, ++yd;
    if ((yd != 2 && yd != 4) || digit(s, y)) return 0;
    return y;
  }
  if (s.compare(j, 2, "er") == 0) j += 2;
  size_t k = skip_spaces(s, j, 2);
  if (k == j) return 0;
  size_t w = k;
  while (w < s.size() && w - k < 12 && !std::isspace(static_cast<unsigned char>(s[w])) &&
         s[w] != ',' && s[w] != '.')
    ++w;
  std::string month = fold(s.substr(k, w - k));
  bool known = false;
  for (const char* m : kMonths) known |= month == m;
  if (!known) return 0;
  size_t y = skip_spaces(s, w, 2);
  size_t yd = 0, ye = y;
  while (digit(s, ye) && yd < 4) ++ye, ++yd;
  if (yd == 4 && !digit(s, ye)) return ye;
  return w;  // "né le 3 mars": day and month are enough to redact
}

// Where the first of `cues` that starts at `i` (case- and accent-insensitively, as a whole
// word) ends, or 0.
template <size_t N>
size_t match_cue(std::string_view s, size_t i, const char* const (&cues)[N]) {
  for (const char* cue : cues) {
    size_t len = std::strlen(cue);
    if (i + len > s.size()) continue;
    if (fold(s.substr(i, len)) == fold(cue) &&
        (i + len == s.size() || !std::isalnum(static_cast<unsigned char>(s[i + len]))))
      return i + len;
  }
  return 0;
}

// "né le 12/03/1954", "née le 3 mars 1954", "DDN 03/04/1987", "date de naissance : …".
bool scan_birth_date(std::string_view s, size_t i, Hit& hit) {
  static const char* const kCues[] = {"né le", "née le", "né(e) le", "nee le", "ddn",
                                      "date de naissance", "né en", "née en"};
  size_t j = match_cue(s, i, kCues);
  if (j == 0) return false;
  size_t k = skip_spaces(s, j);
  if (k < s.size() && s[k] == ':') k = skip_spaces(s, k + 1);
  if (s.compare(k, 3, "le ") == 0) k = skip_spaces(s, k + 3);
  size_t end = scan_date(s, k);
  if (end == 0) {
    // "né en 1954": a birth year.
    size_t y = k, yd = 0;
    while (digit(s, y) && yd < 4) ++y, ++yd;
    if (yd != 4 || digit(s, y)) return false;
    end = y;
  }
  hit = {k, end, IdentifierType::kBirthDate};
  return true;
}

// The word starting at i: letters (any script), apostrophes and hyphens inside.
size_t name_word_end(std::string_view s, size_t i) {
  size_t j = i;
  while (j < s.size()) {
    size_t after = j;
    char32_t c = next_code_point(s, after);
    if (is_word_char(c)) {
      j = after;
      continue;
    }
    if ((is_hyphen(c) || is_apostrophe(c)) && after < s.size()) {
      size_t a2 = after;
      if (is_word_char(next_code_point(s, a2))) {
        j = after;
        continue;
      }
    }
    break;
  }
  return j;
}

bool starts_upper(std::string_view s, size_t i) {
  size_t after = i;
  char32_t c = next_code_point(s, after);
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  std::string f = fold(s.substr(i, after - i));
  return f != s.substr(i, after - i);  // folding changed it: an upper-case letter
}

const char* const kTitles[] = {"Mme", "Mme.", "Mmes", "M.", "Mr", "Mr.", "Mlle", "Mlle.",
                               "Monsieur", "Madame", "Mademoiselle", "petit", "petite"};
const char* const kParticles[] = {"le", "la", "de", "du", "des", "van", "von", "da", "di", "ben"};

// Words that end a name: civil titles and the cues of other identifiers ("M. Kerhervé IPP …").
const std::unordered_set<std::string> kNameStops = {
    "m", "mme", "mmes", "mr", "mlle", "monsieur", "madame", "mademoiselle", "ipp", "nip", "nir",
    "ddn", "dossier", "ne", "nee", "tel", "telephone", "dr", "pr"};

bool is_particle(const std::string& folded) {
  for (const char* p : kParticles) {
    if (folded == p) return true;
  }
  return false;
}

// Extends a name from `k` over capitalized words and particles ("Le Goff", "Da Silva",
// "Jean-Pierre Vasseur"), at most `max_words`. Returns the end of the last capitalized word,
// or `k` when there is none; `not_name` is set when a word is medicine (an eponym, a drug).
size_t extend_name(std::string_view s, size_t k, int max_words,
                   const std::unordered_set<std::string>& not_names, bool& not_name,
                   bool& real_name) {
  size_t end = k;
  for (int words = 0; words < max_words; ++words) {
    size_t e = name_word_end(s, k);
    if (e == k) break;
    std::string folded = fold(s.substr(k, e - k));
    if (kNameStops.count(folded)) break;  // the next identifier starts here
    bool particle = is_particle(folded);
    if (!starts_upper(s, k) && !particle) break;
    if (!particle) {
      if (not_names.count(folded)) {
        not_name = true;
        return end;
      }
      if (e - k > 1) real_name = true;  // a lone initial ("M. X") identifies no one
      end = e;
    }
    size_t next = skip_spaces(s, e, 1);
    if (next == e) break;
    k = next;
  }
  return end;  // a trailing particle is not part of the name ("M. Martin de …")
}

// Civil title followed by a capitalized name: "Mme Le Goff", "M. Kerhervé", "le petit Enzo".
bool scan_titled_name(std::string_view s, size_t i, const std::unordered_set<std::string>& not_names,
                      const std::unordered_set<std::string>& first_names, Hit& hit) {
  size_t j = 0;
  bool child = false;  // "le petit Enzo": only before a given name
  for (const char* t : kTitles) {
    size_t len = std::strlen(t);
    if (s.compare(i, len, t) != 0) continue;
    child = t[0] == 'p';
    size_t k = i + len;
    if (t[len - 1] != '.' && k < s.size() && (std::isalnum(static_cast<unsigned char>(s[k])) || s[k] == '.'))
      continue;
    if (k >= s.size() || (s[k] != ' ' && static_cast<unsigned char>(s[k]) != 0xC2)) continue;
    j = k;
    break;
  }
  if (j == 0) return false;
  size_t begin = skip_spaces(s, j, 2);
  if (child && !first_names.count(fold(s.substr(begin, name_word_end(s, begin) - begin))))
    return false;
  bool not_name = false, real_name = false;
  size_t end = extend_name(s, begin, 6, not_names, not_name, real_name);
  if (not_name || !real_name) return false;
  hit = {begin, end, IdentifierType::kName};
  return true;
}

// Words that, just before a capitalized word (or before "de" and it), make it part of an
// eponym or a classification: "maladie de Gilles de la Tourette", "classe II Lucas",
// "méthode Elisa", "triangle de Jean-Louis Petit".
const std::unordered_set<std::string> kEponymHeads = {
    "maladie", "syndrome", "signe", "test", "tests", "score", "manoeuvre", "classification",
    "critere", "criteres", "loi", "triade", "reflexe", "phenomene", "kyste", "tumeur", "fracture",
    "lesion", "lesions", "echelle", "methode", "technique", "procedure", "operation",
    "intervention", "ligament", "canal", "tendon", "cellules", "corps", "nodule", "nodules",
    "purpura", "angor", "abces", "ulcere", "hernie", "diverticule", "regle", "regles", "formule",
    "index", "indice", "classe", "stade", "type", "grade", "triangle", "reaction", "point",
    "espace", "trigone", "fosse", "arcade", "membrane", "bourse", "lame", "ligne", "cercle",
    "muscle", "nerf", "artere", "veine", "glande", "tache", "taches", "anneau", "repere"};

// Words that, shortly before a capitalized word, make it a place, not a patient:
// "CHU Hassan II", "hôpital militaire d'instruction Mohammed V".
const std::unordered_set<std::string> kPlaceWords = {
    "chu", "chr", "chru", "ch", "hopital", "clinique", "centre", "hospitalier", "universitaire",
    "institut", "fondation", "instruction", "service", "faculte", "lycee", "ecole", "universite",
    "pavillon", "unite", "residence", "ehpad", "rue", "avenue", "boulevard", "place", "ville"};

// Words just before a name that make it a professional's: "Dr Martin", "Pr Claude Dupont".
const std::unordered_set<std::string> kProfessionalTitles = {"dr", "pr", "docteur",
                                                             "professeur"};

// Articles: a given name after one is a thing ("chute d'un Olivier", "l'Elisa positif").
const std::unordered_set<std::string> kArticles = {"un", "une", "le", "la", "les", "du", "des",
                                                   "l"};

bool is_roman(const std::string& w) {
  return !w.empty() && w.size() <= 4 && w.find_first_not_of("ivx") == std::string::npos;
}

// The word that ends just before `i` (skipping spaces and an apostrophe): folded, where it
// starts, and whether it was capitalized.
std::string word_before(std::string_view s, size_t i, size_t& start, bool& upper) {
  size_t e = i;
  while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\'')) --e;
  if (e >= 3 && static_cast<unsigned char>(s[e - 3]) == 0xE2 &&
      static_cast<unsigned char>(s[e - 2]) == 0x80 && static_cast<unsigned char>(s[e - 1]) == 0x99)
    e -= 3;  // "d’"
  size_t b = e;
  while (b > 0 && e - b < 40 &&
         (std::isalnum(static_cast<unsigned char>(s[b - 1])) || s[b - 1] == '-' ||
          static_cast<unsigned char>(s[b - 1]) >= 0x80))
    --b;
  // "d’un": the word is what follows the apostrophe.
  std::string_view word = s.substr(b, e - b);
  size_t ascii = word.rfind('\''), typo = word.rfind("\xE2\x80\x99");
  size_t apo = ascii == std::string_view::npos ? typo
               : typo == std::string_view::npos ? ascii
                                                : std::max(ascii, typo);
  if (apo != std::string_view::npos) {
    size_t skip = word[apo] == '\'' ? 1 : 3;
    b += apo + skip;
    word = s.substr(b, e - b);
  }
  start = b;
  upper = b < e && starts_upper(s, b);
  return fold(word);
}

// True when what precedes a capitalized given name at `i` says it is not a patient.
bool not_a_patient_context(std::string_view s, size_t i,
                           const std::unordered_set<std::string>& not_names) {
  size_t at = i, start;
  bool upper;
  // Walk back over the capitalized words of the same run ("syndrome de Claude Bernard").
  std::string prev = word_before(s, at, start, upper);
  for (int k = 0; k < 3 && !prev.empty() && start < at; ++k) {
    if (kEponymHeads.count(prev) || kProfessionalTitles.count(prev)) return true;
    if (!upper) break;
    if (not_names.count(prev)) return true;
    at = start;
    prev = word_before(s, at, start, upper);
  }
  if (kArticles.count(prev) || kEponymHeads.count(prev)) return true;
  size_t start2;
  bool upper2;
  std::string prev2 = word_before(s, start, start2, upper2);
  if ((prev == "de" || prev == "d" || prev == "du") && kEponymHeads.count(prev2)) return true;
  if (prev == "et" && not_names.count(prev2)) return true;  // "Widal et Félix"
  if (is_roman(prev) && kEponymHeads.count(prev2)) return true;  // "classe II Lucas"
  // A place within the four words before.
  std::string w = prev;
  size_t pos = start;
  for (int k = 0; k < 4 && !w.empty(); ++k) {
    if (kPlaceWords.count(w)) return true;
    w = word_before(s, pos, pos, upper);
  }
  return false;
}

// A capitalized given name, with the capitalized words after it: "Enzo", "Théo Lemaire",
// "Jean-Pierre Vasseur", "Chloé Fournier".
bool scan_first_name(std::string_view s, size_t i, const std::unordered_set<std::string>& first_names,
                     const std::unordered_set<std::string>& not_names, Hit& hit) {
  if (!starts_upper(s, i)) return false;
  size_t e = name_word_end(s, i);
  if (e - i < 2) return false;
  std::string word = fold(s.substr(i, e - i));
  bool known = first_names.count(word) > 0;
  if (!known && word.find('-') != std::string::npos) {  // "Jean-Pierre": every part a given name
    known = true;
    size_t start = 0;
    while (start <= word.size()) {
      size_t dash = word.find('-', start);
      if (dash == std::string::npos) dash = word.size();
      known = known && first_names.count(word.substr(start, dash - start)) > 0;
      start = dash + 1;
    }
  }
  // An acronym in capitals is a test ("ELISA"), not a given name.
  if (e - i >= 3 && fold(s.substr(i, e - i)) != s.substr(i, e - i) &&
      s.substr(i, e - i).find_first_of("abcdefghijklmnopqrstuvwxyz") == std::string_view::npos)
    return false;
  if (!known || not_names.count(word) || not_a_patient_context(s, i, not_names)) return false;
  size_t end = e;
  size_t next = skip_spaces(s, e, 1);
  if (next > e) {
    bool not_name = false, real_name = false;
    size_t more = extend_name(s, next, 5, not_names, not_name, real_name);
    if (!not_name && more > next) end = more;
  }
  hit = {i, end, IdentifierType::kName};
  return true;
}

// Street types; words that also count things ("place", "voie", "cours") would catch
// "1 voie veineuse", so they are left out.
const char* const kStreetTypes[] = {"rue", "avenue", "av", "bd", "boulevard", "impasse",
                                    "allee", "chemin", "route", "quai", "square",
                                    "lotissement", "residence", "hameau", "sentier"};

// "6 impasse des Goélands, 29280 Plouzané", "12 bis rue de la Paix".
bool scan_address(std::string_view s, size_t i, Hit& hit) {
  size_t j = i, d = 0;
  while (digit(s, j) && d < 4) ++j, ++d;
  if (d == 0 || digit(s, j)) return false;
  size_t k = j;
  if (k < s.size() && s[k] == ',') ++k;
  k = skip_spaces(s, k, 2);
  size_t w = name_word_end(s, k);
  std::string word = fold(s.substr(k, w - k));
  if (word == "bis" || word == "ter") {
    k = skip_spaces(s, w, 2);
    w = name_word_end(s, k);
    word = fold(s.substr(k, w - k));
  }
  if (w < s.size() && s[w] == '.') ++w;  // "av."
  bool street = false;
  for (const char* t : kStreetTypes) street |= word == t;
  if (!street || k == j) return false;
  // The street name: words up to punctuation or the end of the line, at most 8 words.
  size_t end = w;
  size_t p = w;
  for (int words = 0; words < 8; ++words) {
    size_t q = skip_spaces(s, p, 2);
    if (q == p) break;
    size_t e = name_word_end(s, q);
    if (e == q) break;
    end = p = e;
  }
  // ", 29280 Plouzané" or " 75012 Paris".
  size_t q = end;
  if (q < s.size() && s[q] == ',') ++q;
  q = skip_spaces(s, q, 2);
  size_t pc = q, pd = 0;
  while (digit(s, pc) && pd < 5) ++pc, ++pd;
  if (pd == 5 && !digit(s, pc)) {
    end = pc;
    size_t c = skip_spaces(s, pc, 2);
    for (int words = 0; words < 3 && c < s.size() && starts_upper(s, c); ++words) {
      size_t e = name_word_end(s, c);
      if (e == c || kNameStops.count(fold(s.substr(c, e - c)))) break;
      end = e;
      size_t n = skip_spaces(s, e, 1);
      if (n == e) break;
      c = n;
    }
  }
  hit = {i, end, IdentifierType::kAddress};
  return true;
}

// "IPP 00123456", "NIP: 4567891", "dossier n° 2019-12345", "n° de dossier 778899".
bool scan_record(std::string_view s, size_t i, Hit& hit) {
  static const char* const kCues[] = {"ipp", "nip", "dossier", "n° de dossier",
                                      "numéro de dossier", "no de dossier", "n° dossier"};
  size_t j = match_cue(s, i, kCues);
  if (j == 0) return false;
  size_t k = skip_spaces(s, j, 2);
  static const char* const kNumberWords[] = {"n°", "no", "num", "numéro", "nº"};
  for (const char* w : kNumberWords) {
    size_t len = std::strlen(w);
    if (s.compare(k, len, w) == 0 && !ascii_alpha(s, k + len)) {
      k = skip_spaces(s, k + len, 2);
      break;
    }
  }
  if (k < s.size() && (s[k] == ':' || s[k] == '#')) k = skip_spaces(s, k + 1, 2);
  size_t e = k, digits = 0;
  while (e < s.size() && e - k < 24 &&
         (std::isalnum(static_cast<unsigned char>(s[e])) || s[e] == '-' || s[e] == '/')) {
    digits += digit(s, e);
    ++e;
  }
  while (e > k && (s[e - 1] == '-' || s[e - 1] == '/')) --e;
  if (digits < 4) return false;
  hit = {k, e, IdentifierType::kRecord};
  return true;
}

}  // namespace

std::string Redactor::redact(std::string_view s, RedactionCounts* counts) const {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  bool word_start = true;
  while (i < s.size()) {
    Hit hit;
    bool found = false;
    if (word_start) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (std::isdigit(c) || c == '+') {
        found = scan_nir(s, i, hit) || scan_phone(s, i, hit) || scan_address(s, i, hit);
      }
      if (!found && std::isalnum(c)) found = scan_email(s, i, hit);
      if (!found && (c == 'n' || c == 'N' || c == 'd' || c == 'D')) {
        found = scan_birth_date(s, i, hit);
      }
      if (!found && (c == 'M' || c == 'p')) found = scan_titled_name(s, i, not_names_, first_names_, hit);
      if (!found && !first_names_.empty() && !std::isdigit(c)) {
        found = scan_first_name(s, i, first_names_, not_names_, hit);
      }
      if (!found && (c == 'I' || c == 'i' || c == 'N' || c == 'n' || c == 'D' || c == 'd')) {
        found = scan_record(s, i, hit);
      }
    }
    if (found && hit.end > hit.begin) {
      out.append(s.substr(i, hit.begin - i));
      out += placeholder(hit.type);
      if (counts) counts->by_type[static_cast<size_t>(hit.type)]++;
      i = hit.end;
      word_start = false;
      continue;
    }
    size_t after = i;
    char32_t cp = next_code_point(s, after);
    out.append(s.substr(i, after - i));
    word_start = !is_word_char(cp) && cp != '@' && cp != '.' && cp != '_' && cp != '+';
    i = after;
  }
  return out;
}

}  // namespace confrere
