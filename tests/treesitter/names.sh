# names.sh - every mnemonic the generated highlights.scm names is one
# glyph-as knows (so the query's lists, including the pseudo-instructions
# listed in gen_queries.c, cannot name an instruction that does not exist),
# and a name that is not one is highlighted as a macro call.
. "$GLYPH_SRC/tests/common.sh"
Q=$GLYPH_BUILD/share/tree-sitter-glyph/queries/highlights.scm
# the mnemonic lists: from "((mnemonic) @..." up to the macro-call pattern
sed -n '/^((mnemonic) @/,/^((mnemonic) @function.macro/p' "$Q" | sed '$d' |
    grep -o '"[^"]*"' | tr -d '"' | sort -u > names
expect_eq "mnemonics listed" yes "$( [ "$(wc -l < names)" -gt 100 ] && echo yes)"
bad=
while read -r m; do
    printf '    .text\n    %s\n' "$m" > t.s
    glyph-as -o t.o t.s 2> err >/dev/null
    grep -q "unknown instruction" err && bad="$bad $m"
done < names
expect_eq "glyph-as knows every listed mnemonic" "" "$bad"
printf '    .text\n    no_such_op\n' > t.s
run glyph-as -o t.o t.s
expect_eq "an unlisted name is unknown to glyph-as" 1 "$(echo "$ERR" | grep -c "unknown instruction")"
cat > t.s <<'EOS'
    no_such_op
#   ^ function.macro
EOS
check "an unlisted name is a macro call" "$GLYPH_BUILD/tests/treesitter/_tsdrive" highlight "$Q" t.s
finish
