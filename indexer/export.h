// The JSONL form of a stored post: what `export` prints and `ingest` reads back without loss.
#pragma once

#include <string>

#include "post.h"

namespace confrere {

// Appends one line (with "\n"): the native fields, plus "tags" on cases when `tags` is given.
void append_export_line(std::string& out, const StoredPost& post, const CaseTags* tags);

}  // namespace confrere
