# options.sh - the command line: --version, --help, usage errors, the
# a.out default, -j, --disassemble=SYM for a missing symbol, --color
# (also on a pseudo-terminal).
. "$GLYPH_SRC/tests/common.sh"
MK="$GLYPH_BUILD/tests/objdump/_mkelf"
[ -x "$MK" ] || skip_all "$MK not built"
"$MK" rel rel.o && "$MK" exec prog || { not_ok "_mkelf made the inputs"; finish; }

run glyph-objdump --version
expect_eq "--version: status 0" 0 "$STATUS"
expect_match "--version: names the program" '^glyph-objdump [0-9.]+ \(glyph toolchain\)$' "$OUT"
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
run glyph-objdump -x --color=always prog
expect_eq "-x: one color legend, after the section headers" \
    "1 Sections:" "$(printf '%s\n' "$OUT" | grep -c '^Color legend:') $(printf '%s\n' "$OUT" |
        grep -B1000 '^Color legend:' | grep -o '^Sections:')"
run glyph-objdump -p --color=always prog
expect_match "-p alone: legend" '^Color legend:' "$OUT"

# output that cannot be written is an error, not silent success
if [ -w /dev/full ]; then
    glyph-objdump -d -s prog >/dev/full 2>full.err
    expect_eq "write error: status 1" 1 "$?"
    expect_eq "write error: message" "glyph-objdump: standard output: No space left on device" \
        "$(cat full.err)"
else
    skip "/dev/full not available"
fi

# --color=auto (the default) on a terminal: script(1) runs the tool on a
# pseudo-terminal.  Section names in their glyph color, a legend; not
# with TERM=dumb or --color=never.
ESC=$(printf '\033')
if command -v script >/dev/null && script -qc true /dev/null >/dev/null 2>&1 </dev/null; then
    out=$(TERM=xterm script -qc "glyph-objdump -h prog" /dev/null </dev/null)
    case "$out" in *"$ESC[3"*"Color legend:"*) ok "terminal: colored by default" ;;
        *) not_ok "terminal: colored by default" "$(printf '%s' "$out" | head -5)" ;; esac
    out=$(TERM=xterm script -qc "glyph-objdump -h --color=auto prog" /dev/null </dev/null)
    case "$out" in *"$ESC["*) ok "terminal: --color=auto colors" ;;
        *) not_ok "terminal: --color=auto colors" ;; esac
    out=$(TERM=xterm script -qc "glyph-objdump -h --color=never prog" /dev/null </dev/null)
    case "$out" in *"$ESC"*) not_ok "terminal: --color=never has no escapes" ;;
        *) ok "terminal: --color=never has no escapes" ;; esac
    out=$(TERM=dumb script -qc "glyph-objdump -h prog" /dev/null </dev/null)
    case "$out" in *"$ESC"*) not_ok "terminal with TERM=dumb: no escapes" ;;
        *) ok "terminal with TERM=dumb: no escapes" ;; esac
    out=$(TERM=xterm script -qc "glyph-objdump -h prog | cat" /dev/null </dev/null)
    case "$out" in *"$ESC"*) not_ok "terminal, piped: no escapes" ;;
        *) ok "terminal, piped: no escapes" ;; esac
else
    skip "script(1) with a pseudo-terminal not available"
fi
finish
