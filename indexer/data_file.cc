// One reader for every data file, so they all accept the same comments and line ends.
#include "data_file.h"

#include <fstream>

#include "error.h"

namespace confrere {

void for_each_data_line(const std::string& path,
                        const std::function<void(std::string& line, size_t line_number)>& fn) {
  std::ifstream in(path);
  if (!in) throw Error(kExitNoInput, path + ": cannot open");
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    fn(line, number);
  }
}

}  // namespace confrere
