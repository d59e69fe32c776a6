# compartments.sh - examples/compartments: four compartments colored by
# glyph-ld run normally; an out-of-bounds write aimed at the vault by the
# parser dies with a capability fault naming both colors; a parser that
# references the key statically does not link; a call into a compartment
# through a forged function pointer dies at the transfer.
. "$GLYPH_SRC/tests/e2e/_example.sh"
example compartments
EXD="$GLYPH_SRC/examples/compartments"
OBJ="$GLYPH_BUILD/obj/examples/compartments"
RT="$GLYPH_BUILD/runtime"

run glyph-run "$EX" 1=10 2=20 key=guess "key=open sesame" junk
expect_eq "normal run: exit status" 0 "$STATUS"
expect_eq "normal run: output" "[log 1] field stored
[log 2] field stored
[log 3] key rejected
[log 4] key accepted
[log 5] bad field
slot 0 = 0
slot 1 = 10
slot 2 = 20
slot 3 = 0
5 events logged" "$OUT"

# the colors glyph-ld chose, from its own report
OBJS="$OBJ/logger.o $OBJ/main.o $OBJ/parser.o $OBJ/vault.o" # as ninja links them
run glyph-ld -o prog --print-compartments "$RT/crt0.o" $OBJS -L"$RT" -lgrt \
    --color-policy "$EXD/policy.txt"
expect_eq "relink with --print-compartments" 0 "$STATUS"
REPORT=$OUT
color() { printf '%s\n' "$REPORT" | awk -v c="$1" -v k="$2" '$1 == c { print (k == "code" ? $2 : $3); exit }'; }
PC=$(color parser code); VD=$(color vault data)
expect_match "parser and vault have colors" '^[0-9]+ [0-9]+$' "$PC $VD"
if [ "$PC" != "$VD" ]; then ok "parser code and vault data differ ($PC, $VD)"; else not_ok "parser and vault share color $PC"; fi
expect_match "report: needs main -> vault call" 'main +-> vault +call' "$REPORT"
if cmp -s prog "$EX"; then ok "same inputs, same executable (deterministic colors)"; else not_ok "relinked executable differs from the built one"; fi

# the exploit: SLOT chosen so that parser_slots + 8 * SLOT is the key
sym() { glyph-objdump -t "$EX" | awk -v s="$1" '$NF == s { print "0x" $1 }'; }
K=$(printf '0x%x' "$(sym vault_key)"); P=$(sym parser_slots)
SLOT=$(( ((K - P) / 8) & ((1 << 61) - 1) ))
run glyph-run "$EX" 1=10 "$SLOT=1" "key=open sesame"
expect_eq "exploit: killed by SIGSEGV" 139 "$STATUS"
expect_eq "exploit: output up to the fault" "[log 1] field stored" "$OUT"
expect_match "exploit: fault names the vault's and the parser's colors" \
    "capability fault: store to address $K of data color $VD by code color $PC" "$ERR"

# a forbidden static reference: one error naming everything
glyph-as -o peek.o "$EXD/bad/peek.s"
run glyph-ld -o bad "$RT/crt0.o" $OBJS peek.o -L"$RT" -lgrt --color-policy "$EXD/policy.txt"
expect_eq "forbidden reference: link fails" 1 "$STATUS"
expect_eq "forbidden reference: the message" \
    "glyph-ld: error: forbidden reference to 'vault_key' in peek.o (.text+0x0 \`lea.i64.w t1, ib32(0)(pc)\`, function 'parse_peek'): compartment 'parser' may not read compartment 'vault' ($EXD/policy.txt:11: isolate parser vault)" "$ERR"
expect_no_file "forbidden reference: no output" bad

# a forged function pointer: main hands the parser a descriptor of a
# vault function; the parser's indirect call (through its own copy of
# libgrt's __grt_icall, on the parser's color) may not enter the vault.  The descriptor goes on
# the (shared) stack: libgrt may not read main's data.
cat > fp.s <<'S'
    .compartment main
    .data
desc: .quad vault_check, vault_check.const
    .text
    .globl main
    .type main, @function
main:
    addi.i64 sp, -64
    store.i64 ra, 0(sp)
    la t1, desc
    load.i64 t2, 0(t1)
    store.i64 t2, 16(sp)
    load.i64 t2, 8(t1)
    store.i64 t2, 24(sp)
    mov.i64 a0, sp
    addi.i64 a0, 16
    call parse_call
    load.i64 ra, 0(sp)
    addi.i64 sp, 64
    ret
    .compartment parser
    .section .text.parser
    .globl parse_call
    .type parse_call, @function
parse_call:
    addi.i64 sp, -64
    store.i64 ra, 0(sp)
    mov.i64 t1, a0
    call __grt_icall
    load.i64 ra, 0(sp)
    addi.i64 sp, 64
    ret
S
glyph-as -o fp.o fp.s
run glyph-ld -o fp --print-compartments "$RT/crt0.o" fp.o "$OBJ/vault.o" -L"$RT" -lgrt
expect_eq "forged pointer: links" 0 "$STATUS"
REPORT=$OUT
RC=$(color parser code); VC=$(color vault code)
run glyph-run fp
expect_eq "forged pointer: killed by SIGSEGV" 139 "$STATUS"
expect_match "the parser's call of __grt_icall stays in the parser" \
    'call __grt_icall$' "$(glyph-objdump -d fp | grep 'call __grt_icall')"
expect_match "forged pointer: transfer fault names both code colors" \
    "capability fault: transfer to address 0x[0-9a-f]+ of code color $VC by code color $RC \(colormatexec\)" "$ERR"
# a tail call between compartments: main calls fa (compartment ca), fa
# tail-calls fb (cb), and fb returns straight to main, which never called
# cb: the linker grants that return (cb -> main) because ca jumps to cb
cat > tc.s <<'S'
    .compartment main
    .text
    .globl main
    .type main, @function
main:
    addi.i64 sp, -64
    store.i64 ra, 0(sp)
    call fa
    load.i64 ra, 0(sp)
    addi.i64 sp, 64
    ret
    .compartment ca
    .section .text.ca
    .globl fa
    .type fa, @function
fa:
    tail fb
    .compartment cb
    .section .text.cb
    .globl fb
    .type fb, @function
fb:
    li a0, 42
    ret
S
glyph-as -o tc.o tc.s
run glyph-ld -o tc --print-compartments "$RT/crt0.o" tc.o -L"$RT" -lgrt
expect_eq "tail call across compartments: links" 0 "$STATUS"
REPORT=$OUT
MC=$(color main code); CAC=$(color ca code); CBC=$(color cb code)
row() { printf '%s\n' "$REPORT" | sed -n '/colormatexec/,$p' | awk -v r="$1" -v c="$2" '$1 == r { print $(c + 2); exit }'; }
expect_eq "cb may return to main (colormatexec[$CBC] bit $MC)" x "$(row "$CBC" "$MC")"
expect_eq "main may not jump into cb otherwise (colormatexec[$MC] bit $CBC)" . "$(row "$MC" "$CBC")"
run glyph-run tc
expect_eq "tail call across compartments: fb returns to main (exit 42)" 42 "$STATUS"
expect_eq "tail call: no fault" "" "$ERR"
finish
