// HTML as the platforms give it: entities in tweets, markup in Mastodon statuses and bios.
#pragma once

#include <string>
#include <string_view>

namespace confrere {

// Decodes &amp; &lt; &gt; &quot; &apos; &#39; &nbsp; and numeric entities (&#233; &#xE9;).
// Unknown entities stay as written.
std::string decode_entities(std::string_view text);

// Turns Mastodon's HTML into plain text: paragraphs separated by a blank line, <br> as a line
// break, every tag removed (the text of links, hashtags and mentions kept), entities decoded.
std::string html_to_text(std::string_view html);

}  // namespace confrere
