# expect_match.sh - the helper itself: a pattern of several lines wants
# consecutive lines of the text, each matching its line (grep -E alone
# takes each line as a pattern of its own, any one enough).
. "$GLYPH_SRC/tests/common.sh"

text='a
iret
0xff ib=1
zz'
# m PATTERN: "ok" or "not ok" from expect_match, counted apart from this test
m() { (T_N=0 T_FAILED=0; expect_match x "$1" "$text") | sed -n 's/ 1 - x$//p'; }

expect_eq "two consecutive lines" ok "$(m 'iret
0xff ib')"
expect_eq "two lines that are not consecutive" "not ok" "$(m 'iret
zz')"
expect_eq "lines in the wrong order" "not ok" "$(m '0xff
iret')"
expect_eq "newlines at the ends only say whole lines" ok "$(m '
iret
0xff ib=1
')"
expect_eq "the last pattern line past the end of the text" "not ok" "$(m 'zz
a')"
expect_eq "one line" ok "$(m 'ire')"
expect_eq "one line that is not there" "not ok" "$(m 'nope')"
i=1 p=2 m=3
m 'a
iret' >/dev/null
expect_eq "the caller's variables are left alone" "1 2 3" "$i $p $m"
finish
