// Entity decoding and tag stripping: a small scanner, linear in the input.
#include "html.h"

#include <cctype>
#include <cstdlib>
#include <cstring>

namespace confrere {

namespace {

void append_utf8(std::string& out, unsigned long cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Decodes the entity at s[i] == '&'; returns the bytes consumed (0 if none).
size_t decode_one(std::string_view s, size_t i, std::string& out) {
  size_t semi = s.find(';', i);
  if (semi == std::string_view::npos || semi - i > 10) return 0;
  std::string_view name = s.substr(i + 1, semi - i - 1);
  static const struct {
    const char* name;
    const char* text;
  } kNamed[] = {{"amp", "&"},  {"lt", "<"},       {"gt", ">"},       {"quot", "\""},
                {"apos", "'"}, {"nbsp", "\xC2\xA0"}, {"hellip", "…"}, {"rsquo", "’"},
                {"lsquo", "‘"}, {"laquo", "«"},      {"raquo", "»"},   {"eacute", "é"},
                {"egrave", "è"}, {"agrave", "à"},    {"ccedil", "ç"},  {"ecirc", "ê"}};
  for (const auto& e : kNamed) {
    if (name == e.name) {
      out += e.text;
      return semi - i + 1;
    }
  }
  if (name.size() >= 2 && name[0] == '#') {
    bool hex = name[1] == 'x' || name[1] == 'X';
    std::string digits(name.substr(hex ? 2 : 1));
    if (digits.empty()) return 0;
    for (char c : digits) {
      if (!(hex ? std::isxdigit(static_cast<unsigned char>(c)) : std::isdigit(static_cast<unsigned char>(c))))
        return 0;
    }
    append_utf8(out, std::strtoul(digits.c_str(), nullptr, hex ? 16 : 10));
    return semi - i + 1;
  }
  return 0;
}

bool tag_is(std::string_view tag, const char* name) {
  size_t n = std::strlen(name);
  if (tag.size() < n) return false;
  for (size_t k = 0; k < n; ++k) {
    if (std::tolower(static_cast<unsigned char>(tag[k])) != name[k]) return false;
  }
  return tag.size() == n || !std::isalnum(static_cast<unsigned char>(tag[n]));
}

// Appends the character or entity at s[i]; returns where the next one starts.
size_t append_text(std::string_view s, size_t i, std::string& out) {
  if (s[i] == '&') {
    size_t used = decode_one(s, i, out);
    if (used) return i + used;
  }
  out.push_back(s[i]);
  return i + 1;
}

}  // namespace

std::string decode_entities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) i = append_text(s, i, out);
  return out;
}

std::string html_to_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool paragraph_open = false;
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '<') {
      size_t close = s.find('>', i);
      if (close == std::string_view::npos) break;  // a cut tag: drop the rest
      std::string_view tag = s.substr(i + 1, close - i - 1);
      bool end = !tag.empty() && tag[0] == '/';
      if (end) tag.remove_prefix(1);
      if (tag_is(tag, "p")) {
        if (!end && paragraph_open) out += "\n\n";
        paragraph_open = true;
      } else if (tag_is(tag, "br")) {
        out.push_back('\n');
      }
      i = close + 1;
      continue;
    }
    i = append_text(s, i, out);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

}  // namespace confrere
