#!/bin/sh
# Common symbols and archives, as GNU ld: an archive member whose real
# data definition (global, not a function, not common) has the name of a
# common symbol is pulled and its definition replaces the common.  A
# member that only has another common, a weak definition or a function
# of that name is not pulled.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/ld/_lib.sh"

mkobj start.o <<'D'
section .text ax align 2
bytes 00 00
section .const a align 64
zero 8
symbol _start global func .text 0
symbol _start.const global object .const 0
symbol buf global object common 8 16
symbol cbuf global object common 8 16
symbol wbuf global object common 8 16
symbol fbuf global object common 8 16
D
mkobj def.o <<'D'
section .data aw align 8
bytes 2a 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
symbol buf global object .data 0 32
symbol from_def global object .data 8
D
mkobj com.o <<'D'
section .data aw align 8
zero 8
symbol cbuf global object common 8 64
symbol from_com global object .data 0
D
mkobj weak.o <<'D'
section .data aw align 8
zero 8
symbol wbuf weak object .data 0 8
symbol from_weak global object .data 0
D
mkobj func.o <<'D'
section .text ax align 2
bytes 00 00
symbol fbuf global func .text 0
symbol from_func global func .text 0
D
ar rcs libc.a com.o weak.o func.o def.o

run glyph-ld -o prog start.o libc.a
expect_eq "links" "0:" "$STATUS:$ERR"
NM=$(nm prog)
expect_match "member with a data definition of a common is pulled" " D from_def$" "$NM"
expect_match "... and its definition replaces the common (in .data)" " D buf$" "$NM"
expect_eq "... with the member's value" 42 "$(peek prog u64 $(sym prog buf))"
expect_eq "... and size" 32 "$(readelf -sW prog | awk '$8 == "buf" {print $3}')"
expect_eq "member with only another common: not pulled" "" "$(printf '%s\n' "$NM" | grep from_com)"
expect_eq "member with a weak definition: not pulled" "" "$(printf '%s\n' "$NM" | grep from_weak)"
expect_eq "member with a function of that name: not pulled" "" "$(printf '%s\n' "$NM" | grep from_func)"
expect_match "the other commons stay in .bss" " B cbuf$" "$NM"
expect_match "... all of them" " B fbuf$" "$NM"
expect_eq "common not pulled from an archive keeps its size" 16 "$(readelf -sW prog | awk '$8 == "cbuf" {print $3}')"
finish
