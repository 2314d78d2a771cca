#!/usr/bin/env bash
# Focus: real sources (Twitter API v2, Twitter archive, Mastodon) detected from their content:
# threads, answers, likes, bios, photos, clean text; a file that is none of them is refused.
. "$(dirname "$0")/lib.sh"

# Twitter API v2: one pretty-printed response; retweets skipped, quotes are posts, entities decoded.
expect_exit 0 idx ingest "$FIXTURES/twitter-v2-search.json"
contains "$ERR" "3 added"
expect_exit 0 qry show --json twitter:1500000000000000001
pyjson 'd["text"].startswith("#DocTocToc Plaque rouge") and "&amp;" not in d["text"] and " & pas de fièvre" in d["text"]'
pyjson 'd["likes"] == 17 and d["reposts"] == 3 and d["has_photo"] is True'
pyjson 'd["author"] == {"id": "twitter:2001", "name": "DermaDoc", "bio": "Médecin généraliste & dermatoscopie"}'
pyjson '[a["id"] for a in d["answers"]] == ["twitter:1500000000000000002"] and d["answers"][0]["text"].endswith("<3")'
expect_exit 1 qry show twitter:1500000000000000003
expect_exit 0 qry show --json twitter:1500000000000000004
pyjson 'd["answer_count"] == 0'

# Pages, one per line; the case arrives in includes.tweets, then again (more likes) in a page.
expect_exit 0 idx ingest "$FIXTURES/twitter-v2-pages.jsonl"
contains "$ERR" "3 added, 1 updated"
expect_exit 0 qry show --json twitter:1600000000000000001
pyjson 'd["likes"] == 31 and [a["id"] for a in d["answers"]] == ["twitter:1600000000000000011", "twitter:1600000000000000010"]'
pyjson 'd["profession"] == "medecin" and d["answers"][0]["profession"] == "medecin"'

# Twitter archive: the owner from account.js and profile.js, legacy dates, counts as strings.
expect_exit 0 idx ingest "$FIXTURES/twitter-archive/data"
contains "$ERR" "2 added"
expect_exit 0 qry show --json twitter:1400000000000000001
pyjson 'd["created_at"] == "2018-10-10T20:19:24Z" and d["likes"] == 21 and d["reposts"] == 4 and d["has_photo"]'
pyjson 'd["author"]["name"] == "Pédiatre Lyon" and d["author"]["bio"] == "Pédiatre hospitalier & papa"'
pyjson '"& ECBU" in d["text"]'
# An answer to someone else's case that is absent waits for it.
expect_exit 0 idx stats --json
pyjson 'd["orphans"] == 1'

# Mastodon: HTML to text, bios from notes, boosts read as the boosted status, contexts.
expect_exit 0 idx ingest "$FIXTURES/mastodon"
contains "$ERR" "4 added"
expect_exit 0 qry show --json mastodon:med.example:109000000000000001
pyjson 'd["text"] == "Post-partum J10, cicatrice d\u0027épisiotomie rouge et chaude, pas de fièvre. #DocTocToc\n\nAntibio d\u0027emblée ou soins locaux ?\nMerci !"'
pyjson 'd["author"]["bio"] == "Sage-femme libérale & IBCLC" and d["profession"] == "sage-femme"'
pyjson 'd["likes"] == 9 and d["reposts"] == 2 and d["has_photo"] is True'
pyjson '[a["id"] for a in d["answers"]] == ["mastodon:med.example:109000000000000002", "mastodon:med.example:109000000000000005"]'
pyjson 'd["answers"][0]["text"].endswith("Voir https://www.has-sante.fr/jcms/p_1")'
expect_exit 0 qry show --json mastodon:med.example:109000000000000004
pyjson 'd["likes"] == 22 and d["author"]["name"] == "Pharma de quartier"'
expect_exit 1 qry show mastodon:med.example:109000000000000003

# Explicit formats, stdin, and the same data twice is one post.
expect_exit 0 idx ingest --format mastodon - < "$FIXTURES/mastodon/context.json"
contains "$ERR" "0 added, 0 updated, 1 unchanged"
expect_exit 0 idx ingest --json "$FIXTURES/twitter-v2-search.json" "$FIXTURES/mastodon"
pyjson 'd["added"] == 0 and d["updated"] == 0'

# Not a known format: a clear error for that file, the others still land.
expect_exit 65 idx ingest "$FIXTURES/unknown.json" "$FIXTURES/small.jsonl"
contains "$ERR" "unknown.json:1: cannot recognise the format"
contains "$ERR" "10 added"
expect_exit 65 idx ingest --format twitter "$FIXTURES/small.jsonl"
expect_exit 0 idx check
finish
