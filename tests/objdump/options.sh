# options.sh - the command line: --version, --help, usage errors, the
# a.out default, -j, --disassemble=SYM for a missing symbol, --color.
. "$GLYPH_SRC/tests/common.sh"
MK="$GLYPH_BUILD/tests/objdump/_mkelf"
[ -x "$MK" ] || skip_all "$MK not built"
"$MK" rel rel.o && "$MK" exec prog || { not_ok "_mkelf made the inputs"; finish; }

run glyph-objdump --version
expect_eq "--version: status 0" 0 "$STATUS"
expect_match "--version: names the program" '^glyph-objdump \(glyph toolchain\) [0-9]' "$OUT"
run glyph-objdump --help
expect_eq "--help: status 0" 0 "$STATUS"
for o in -f -p -h -x -d -D --disassemble=SYM -s -t -r -M -j --start-address --stop-address --color; do
    case "$OUT" in *" $o"*) ok "--help lists $o" ;; *) not_ok "--help lists $o" ;; esac
done
run glyph-objdump rel.o
expect_eq "no switch: status 1" 1 "$STATUS"
expect_match "no switch: usage on stderr" 'At least one of the following switches' "$ERR"
run glyph-objdump --frobnicate rel.o
expect_eq "unknown option: status 1" 1 "$STATUS"
run glyph-objdump -d -M fancy rel.o
expect_eq "bad -M: status 1" 1 "$STATUS"
expect_eq "bad -M: message" "glyph-objdump: unrecognised disassembler option: fancy" "$ERR"
run glyph-objdump -d --color=sometimes rel.o
expect_eq "bad --color: status 1" 1 "$STATUS"
run glyph-objdump -d --start-address=zz rel.o
expect_eq "bad address: message" "glyph-objdump: bad address: 'zz'" "$ERR"

cp prog a.out
run glyph-objdump -f
expect_eq "no file: a.out is read" 0 "$STATUS"
expect_match "no file: a.out is shown" '^a\.out:     file format elf64-glyph' "$OUT"

run glyph-objdump -d --disassemble=nosuch prog
expect_eq "--disassemble=missing: status 0" 0 "$STATUS"
case "$OUT" in *Disassembly*) not_ok "--disassemble=missing: nothing disassembled" ;;
    *) ok "--disassemble=missing: nothing disassembled" ;; esac

run glyph-objdump -h -j .const prog
expect_eq "-j: one section listed" 1 "$(printf '%s\n' "$OUT" | grep -c '^  [0-9] ')"

run glyph-objdump -d --color=never prog
case "$OUT" in *"$(printf '\033')"*) not_ok "--color=never: no escapes" ;; *) ok "--color=never: no escapes" ;; esac
run glyph-objdump -d prog
case "$OUT" in *"$(printf '\033')"*) not_ok "default (not a terminal): no escapes" ;;
    *) ok "default (not a terminal): no escapes" ;; esac
run glyph-objdump -h --color prog
expect_match "--color alone means always: legend" '^Color legend:' "$OUT"
finish
