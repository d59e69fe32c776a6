# helix.sh - the Helix variant of highlights.scm (`gen_queries --helix`,
# installed as queries/helix/highlights.scm): it compiles against the
# grammar, numbers, characters, escapes and `color=` get the names
# Helix's themes colour, and every capture it uses is a scope of Helix's
# themes or falls back along the dots to one (docs/editors.md, Helix).
. "$GLYPH_SRC/tests/common.sh"
Q=$GLYPH_BUILD/share/tree-sitter-glyph/queries/helix/highlights.scm
D=$GLYPH_BUILD/tests/treesitter/_tsdrive
check "helix/highlights.scm compiles" "$D" query "$Q"
cat > t.s <<'EOS'
    .byte 'a', 0x10
#         ^ constant.character
#              ^ constant.numeric
    .string "a\n"
#              ^ constant.character.escape
    .section .t, "ax", @progbits, color=3
#                                 ^ variable.other.member
#                                       ^ constant.numeric
    add.i64 a0, a1, a2
#   ^ function.builtin
#           ^ variable.builtin
1:  b 1b
# <- label
#     ^ label.reference
EOS
"$D" highlight "$Q" t.s > hl.tap
expect_eq "Helix names for numbers, characters, escapes, keys" 0 "$(grep -c '^not ok' hl.tap)"
grep '^not ok' hl.tap
# the syntax highlighting scopes of Helix's book ("Themes")
scopes="attribute type type.builtin type.parameter type.enum type.enum.variant
constructor constant constant.builtin constant.builtin.boolean constant.character
constant.character.escape constant.numeric constant.numeric.integer
constant.numeric.float string string.regexp string.special string.special.path
string.special.url string.special.symbol comment comment.line comment.block
comment.block.documentation comment.line.documentation variable variable.builtin
variable.parameter variable.other variable.other.member label punctuation
punctuation.delimiter punctuation.bracket punctuation.special keyword
keyword.control keyword.control.conditional keyword.control.repeat
keyword.control.import keyword.control.return keyword.control.exception
keyword.operator keyword.directive keyword.function keyword.storage
keyword.storage.type keyword.storage.modifier operator function function.builtin
function.method function.macro function.special tag tag.builtin namespace special"
bad=
for c in $(grep -o '@[A-Za-z_.]*' "$Q" | sort -u | tr -d @); do
    case $c in _*) continue ;; esac     # @_x: names for predicates only
    n=$c found=
    while :; do
        for s in $scopes; do [ "$s" = "$n" ] && found=1; done
        [ -n "$found" ] && break
        case $n in *.*) n=${n%.*} ;; *) break ;; esac
    done
    # a fallback may drop our own refinements, never Helix's meaning:
    # string.escape falling back to string would lose the escape colour
    case $c in number|character|string.escape|property) found= ;; esac
    [ -n "$found" ] || bad="$bad $c"
done
expect_eq "every capture is a Helix scope or refines one" "" "$bad"
finish
