// Helpers shared by the readers of whole-document JSON formats (Twitter, Mastodon).
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <functional>
#include <string>

#include "source.h"

namespace confrere {

// A field given as a string or a whole number, as text ("" when absent).
std::string json_string(simdjson::dom::element e, const char* key);
// A count given as a number or a numeric string (archives), never negative; 0 when absent.
int64_t json_count(simdjson::dom::element e, const char* key);

// What every social-network reader checks before keeping a post: it has text, and its
// "created_at", when given, is a date `read_date` understands (into p.created_at). Otherwise
// reports "<record>: no text" or "<record>: \"created_at\" is not <date_kind>" and returns false.
bool has_text_and_date(RawPost& p, const Origin& origin, const std::string& record,
                       const std::string& created, bool (*read_date)(std::string_view, std::string&),
                       const char* date_kind, PostSink& sink);

// Calls fn on each JSON value of `content` (one document, pretty-printed or not, or one per
// line) with the line it starts on. A broken document is rejected and ends the file: the
// stream cannot find the next one reliably.
void for_each_document(const std::string& path, const std::string& content, PostSink& sink,
                       const std::function<void(simdjson::dom::element, const Origin&)>& fn);

}  // namespace confrere
