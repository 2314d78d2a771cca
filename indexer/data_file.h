// The project's data files (lexicons, word lists): one entry per line, "#" comment lines.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace confrere {

// Calls fn(line, line_number) for every line of `path` that is neither blank nor a comment,
// without its line end ("\r\n" too) and trailing blanks. Throws Error (kExitNoInput) when the
// file cannot be opened; errors about a line say "path:N: …".
void for_each_data_line(const std::string& path,
                        const std::function<void(std::string& line, size_t line_number)>& fn);

}  // namespace confrere
