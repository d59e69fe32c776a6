# compartments.sh - glyph-objdump on compartments: each section's
# compartment in objects (.glyph.compartments) and executables (by color,
# from NT_GLYPH_COMPARTMENTS), the compartment table, the needs and the
# transfer matrix (-p), calls into other compartments named by -d.
. "$GLYPH_SRC/tests/common.sh"
EX="$GLYPH_BUILD/examples/compartments"
OBJ="$GLYPH_BUILD/obj/examples/compartments"
[ -x "$EX" ] || skip_all "examples/compartments is not built"

run glyph-objdump -h "$OBJ/parser.o"
expect_match "object: .text of parser.o is in compartment parser" \
    '\.text .*
 +CONTENTS, ALLOC, LOAD, READONLY, CODE
 +compartment parser' "$(printf '%s\n' "$OUT" | grep -A2 ' \.text ')"
expect_match "object: its immediate blocks too" 'compartment parser' "$(printf '%s\n' "$OUT" | grep -A2 ' \.const ')"

run glyph-objdump -p "$EX"
expect_eq "-p: exit status" 0 "$STATUS"
expect_match "-p: the transfer matrix" 'NT_GLYPH_XFER +control transfers between colors' "$OUT"
PC=$(printf '%s\n' "$OUT" | awk '$1 == "parser" && NF == 3 { print $2; exit }')
VD=$(printf '%s\n' "$OUT" | awk '$1 == "vault" && NF == 3 { print $3; exit }')
expect_match "-p: compartment table (parser code color, vault data color)" '^[0-9]+ [0-9]+$' "$PC $VD"
expect_match "-p: needs main -> vault call" 'main +-> vault +call' "$OUT"
expect_match "-p: needs main -> parser call" 'main +-> parser +call' "$OUT"
# the parser's row of colormatwrite must not have the vault's data color
ROW=$(printf '%s\n' "$OUT" | sed -n '/colormatwrite/,/colormat/p' | awk -v s="$PC" '$1 == s { print; exit }')
CELL=$(printf '%s\n' "$ROW" | awk -v d="$VD" '{ print $(d + 2) }')
expect_eq "-p: colormatwrite[parser][vault] is denied" "." "$CELL"

run glyph-objdump -h "$EX"
expect_match "exec: sections name their compartment" 'compartment vault' "$OUT"

run glyph-objdump -d "$EX"
expect_match "-d: a call into the vault names its compartment" 'call vault_check \[compartment vault\]' "$OUT"
if printf '%s\n' "$OUT" | grep -q 'call decimal \['; then
    not_ok "-d: a call inside the parser is not marked"
else
    ok "-d: a call inside the parser is not marked"
fi
# an object with two compartments: the call between them is marked
if command -v glyph-as >/dev/null 2>&1; then
    printf '    .compartment a\n    .text\n    .globl f\n    .type f, @function\nf:  call g\n    ret\n    .compartment b\n    .section .text.b, "ax", @progbits\n    .globl g\n    .type g, @function\ng:  ret\n' > two.s
    glyph-as -o two.o two.s
    run glyph-objdump -d two.o
    expect_match "-d on an object: call g names compartment b" 'call g \[compartment b\]' "$OUT"
fi
finish
