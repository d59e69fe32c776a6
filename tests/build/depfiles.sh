#!/bin/sh
# glyph-as -MD/-MF write gcc-style dependency files, and a ninja build
# that uses them (as build.ninja does) reassembles the users of an
# .include when it changes, and nothing else.  Example links depend on
# their link.args and the policy files they name.
. "$GLYPH_SRC/tests/common.sh"
command -v ninja >/dev/null 2>&1 || skip_all "ninja not installed"
AS="$GLYPH_BUILD/bin/glyph-as"
[ -x "$AS" ] || skip_all "glyph-as not built"

mkdir inc
printf '    li a0, 1\n' > inc/one.inc
printf '    .text\n    .globl f\nf:\n    .include "one.inc"\n    ret\n' > a.s
printf '    .text\n    .globl g\ng:\n    ret\n' > b.s
run "$AS" -I inc -MD -o a.o a.s
expect_eq "-MD: OUT.d names the input and the include" "a.o: \\
  a.s \\
  inc/one.inc" "$(cat a.d)"
run "$AS" -I inc -MF deps.txt -o x.o a.s
expect_eq "-MF FILE" "x.o: \\
  a.s \\
  inc/one.inc" "$(cat deps.txt)"
run "$AS" -I inc -MFdeps2.txt -o x.o a.s
expect_eq "-MFFILE (joined)" "$(cat deps.txt)" "$(cat deps2.txt)"
printf '    frob\n' > bad.s
rm -f bad.d
run "$AS" -MD -o bad.o bad.s
expect_no_file "a failed run writes no depfile" bad.d

cat > build.ninja <<N
rule as
  command = $AS -I inc -MD -MF \$out.d -o \$out \$in
  depfile = \$out.d
  deps = gcc
build a.o: as a.s
build b.o: as b.s
N
ninja >/dev/null 2>&1 || not_ok "first build"
expect_eq "nothing to do after a build" "ninja: no work to do." "$(ninja 2>&1)"
sleep 1
printf '    li a0, 2\n' > inc/one.inc
expect_eq "changing the include rebuilds exactly its user" "a.o" \
    "$(ninja -n 2>&1 | sed -n 's/.* -o \([^ ]*\) .*/\1/p' | tr '\n' ' ' | sed 's/ $//')"

# the repository's own build: include users and example link inputs
B="$GLYPH_SRC/build.ninja"
R=$(grep '^build build/obj/examples/colors-allowed/colors.o:' "$B")
expect_match "build.ninja: glyph-as rule writes a depfile" 'glyph-as -MD -MF \$out\.d' "$(grep -A1 '^rule glyph_as' "$B")"
expect_match "build.ninja: the example's object is built by that rule" "glyph_as examples/colors-allowed/colors.s" "$R"
L=$(grep '^build build/examples/colors-vault:' "$B")
expect_match "build.ninja: example link depends on link.args" "examples/colors-vault/link.args" "$L"
expect_match "build.ninja: ... and on policy.txt" "examples/colors-vault/policy.txt" "$L"
expect_match "build.ninja: reconfigure when a link.args changes" "examples/colors-vault/link.args" "$(grep '^build build.ninja:' "$B")"
finish
