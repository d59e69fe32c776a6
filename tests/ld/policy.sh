#!/bin/sh
# The color policy note (NT_GLYPH_COLORS, 35 words): all-allowed by
# default; --color-policy files and --color-allow-*/--color-deny-*
# options applied in command-line order; errors name file and line.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/ld/_lib.sh"

mkobj main.o <<'D'
section .text ax align 2
bytes 00 00
section .const a align 64
zero 8
symbol _start global func .text 0
symbol _start.const global object .const 0
D
# words WORD...: the 35 expected words; defaults ffff, then NAME=VALUE overrides
# with NAME read/write/exec/mr<N>/mw<N>.
words() {
    for w in read write exec $(seq -f 'mr%g' 0 15) $(seq -f 'mw%g' 0 15); do
        v=ffff
        for o in "$@"; do [ "${o%%=*}" = "$w" ] && v=${o#*=}; done
        echo "$v"
    done
}

run glyph-ld -o p0 main.o
expect_eq "default policy: everything allowed" "$(words)" "$("$PEEK" p0 colors)"
expect_eq "note has 35 words" 35 "$("$PEEK" p0 colors | wc -l)"
expect_match "readelf sees the note in PT_NOTE" "glyph +0x00000118" "$(readelf -n p0)"

cat > pol.txt <<'P'
# the vault (color 3) is readable only from itself; nothing runs on color 5
deny read all -> 3        # nobody reads color 3 ...
allow read 3 -> 3         # ... except color 3 itself
deny exec 5
deny write 0,2 -> 8-9

deny write 15
P
run glyph-ld -o p1 --color-policy=pol.txt main.o
expect_eq "policy file links" "0:" "$STATUS:$ERR"
expect_eq "policy file lands in the note" \
    "$(words exec=ffdf write=7fff mr0=fff7 mr1=fff7 mr2=fff7 mr4=fff7 mr5=fff7 mr6=fff7 mr7=fff7 \
        mr8=fff7 mr9=fff7 mr10=fff7 mr11=fff7 mr12=fff7 mr13=fff7 mr14=fff7 mr15=fff7 \
        mw0=fcff mw2=fcff)" \
    "$("$PEEK" p1 colors)"

run glyph-ld -o p2 --color-deny-read=0:3 --color-deny-exec=1-2 --color-deny-write=all \
    --color-allow-write=4 '--color-deny-read=2->15' --color-allow-exec=2 main.o
expect_eq "options land in the note, later ones win" \
    "$(words write=10 exec=fffd mr0=fff7 mr2=7fff)" "$("$PEEK" p2 colors)"

run glyph-ld -o p3 --color-policy pol.txt --color-allow-read=all:all main.o
expect_eq "file then option: the option wins" \
    "$(words exec=ffdf write=7fff mw0=fcff mw2=fcff)" "$("$PEEK" p3 colors)"

printf 'allow read 0\nforbid exec 1\ndeny read 16\ndeny exec 0 -> 1\ndeny write 3 ->\n' > bad.txt
run glyph-ld -o p4 --color-policy=bad.txt main.o
expect_eq "policy file errors: every line reported" \
"1|glyph-ld: error: bad.txt:2: expected 'allow|deny read|write|exec COLORS [-> COLORS]'
glyph-ld: error: bad.txt:3: bad color set (want N, N-M, N,M,... or all)
glyph-ld: error: bad.txt:4: exec takes no source -> destination matrix (the spec has no colormatexec)
glyph-ld: error: bad.txt:5: bad color set (want N, N-M, N,M,... or all)" "$STATUS|$ERR"
expect_no_file "bad policy: no output" p4
run glyph-ld -o p4 --color-deny-read=5-3 main.o
expect_eq "bad option value" "1|glyph-ld: error: --color-deny-read=5-3: bad color set (want N, N-M, N,M,... or all)" "$STATUS|$ERR"
run glyph-ld -o p4 --color-policy=nofile main.o
expect_eq "missing policy file" "1|glyph-ld: error: cannot open nofile: No such file or directory" "$STATUS|$ERR"
finish
