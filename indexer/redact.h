// Patient identifiers → typed placeholders, before anything is stored, indexed, logged or printed.
// docs/redaction.md lists what is and is not redacted.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace confrere {

enum class IdentifierType : uint8_t { kName, kPhone, kEmail, kNir, kBirthDate, kAddress, kRecord };
constexpr size_t kIdentifierTypes = 7;

// "[NOM]", "[TÉLÉPHONE]", …
std::string_view placeholder(IdentifierType type);
std::string_view type_name(IdentifierType type);  // "name", "phone", … (for audit counts)

struct RedactionCounts {
  std::array<uint32_t, kIdentifierTypes> by_type{};
  uint32_t total() const;
};

class Redactor {
 public:
  // `not_names`: folded words that look like names but are medicine or institutions
  // (eponyms, drugs, hospitals): "crohn", "hashimoto", "chu". `first_names`: folded given names
  // ("enzo", "jean"); a capitalized one is a name, with the capitalized words that follow it.
  explicit Redactor(std::unordered_set<std::string> not_names = {},
                    std::unordered_set<std::string> first_names = {});
  // Loads data/lexicons/not-names.txt and data/lexicons/first-names.txt (one entry per line,
  // # comments). Throws Error when a file cannot be read.
  static Redactor from_data_dir(const std::string& data_dir);


  // Returns `text` with every identifier replaced by its placeholder. Linear in the text size.
  // Idempotent: redacting redacted text changes nothing.
  std::string redact(std::string_view text, RedactionCounts* counts = nullptr) const;

 private:
  std::unordered_set<std::string> not_names_;
  std::unordered_set<std::string> first_names_;
};

// Version of the redaction rules: stored posts redacted by an older version are redone.
constexpr int kRedactorVersion = 2;

}  // namespace confrere
