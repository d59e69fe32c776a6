# binfmt_flags.sh - what glyph-run --binfmt does without root: the
# registration line for each flag set (--binfmt=print, which install
# writes to register and the build writes to binfmt.d/glyph.conf),
# refused flags and interpreters, and --binfmt=status reading an entry
# the way the kernel shows it, from a fake binfmt_misc directory
# (GLYPH_BINFMT_DIR, a switch for the tests only).
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/run/_emu.sh"

M='\x7f\x45\x4c\x46\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x6c\x67'
K='\xff\xff\xff\xff\xff\xff\xff\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\xff\xff'
for case in ":PF" "P:P" "O:O" "C:OC" "F:F" "FCP:POCF" "POCF:POCF" "FP:PF" ":"; do
    given=${case%%:*} want=${case#*:}
    if [ -z "$given" ] && [ -n "$want" ]; then
        run glyph-run --binfmt=print --binfmt-interp /usr/bin/glyph-run   # the default
        label="default flags"
    else
        run glyph-run --binfmt=print --binfmt-flags="$given" --binfmt-interp /usr/bin/glyph-run
        label="flags '$given'"
    fi
    expect_eq "print, $label: $want" ":glyph:M::$M:$K:/usr/bin/glyph-run:$want" "$OUT"
done
run glyph-run --binfmt=print --binfmt-name other --binfmt-flags=P --binfmt-interp /opt/g/glyph-run
expect_eq "print: another name" ":other:M::$M:$K:/opt/g/glyph-run:P" "$OUT"
run glyph-run --binfmt=print
expect_match "print: this glyph-run by default" ":$GLYPH_BUILD/bin/glyph-run:PF\$" "$OUT"
run glyph-run --binfmt=print --binfmt-flags=PX
expect_eq "unknown flag: status 1" 1 "$STATUS"
expect_match "unknown flag: named" "unknown flag 'X'" "$ERR"
run glyph-run --binfmt=print --binfmt-interp relative/glyph-run
expect_eq "relative interpreter refused" 1 "$STATUS"
run glyph-run --binfmt=print --binfmt-interp /a:b
expect_match "interpreter with ':' refused" "without ':'" "$ERR"
run glyph-run --binfmt=bogus
expect_match "unknown action" "unknown action 'bogus'" "$ERR"
if [ -f "$GLYPH_BUILD/binfmt.d/glyph.conf" ]; then
    expect_match "the build's binfmt.d file: the installed path, flags PF" "^:glyph:M::.*:/.*/bin/glyph-run:PF\$" "$(cat "$GLYPH_BUILD/binfmt.d/glyph.conf")"
else
    not_ok "the build writes binfmt.d/glyph.conf"
fi

# status from a fake binfmt_misc
mkdir fake
run env GLYPH_BINFMT_DIR="$PWD/fake" glyph-run --binfmt=status
expect_eq "not mounted: status 1" 1 "$STATUS"
expect_match "not mounted: said so" "binfmt_misc is not mounted on $PWD/fake" "$ERR"
: > fake/register
run env GLYPH_BINFMT_DIR="$PWD/fake" glyph-run --binfmt=status
expect_eq "not registered: status 1" 1 "$STATUS"
expect_eq "not registered: said so" "glyph: not registered" "$OUT"
cat > fake/glyph <<'XEOF'
enabled
interpreter /usr/local/bin/glyph-run
flags: POCF
offset 0
magic 7f454c4602010100000000000000000002006c67
mask ffffffffffffff000000000000000000ffffffff
XEOF
run env GLYPH_BINFMT_DIR="$PWD/fake" glyph-run --binfmt=status
expect_eq "registered: status 0" 0 "$STATUS"
expect_match "registered: enabled" "^glyph: registered \($PWD/fake/glyph\), enabled\$" "$OUT"
expect_match "registered: interpreter" '^  interpreter: /usr/local/bin/glyph-run$' "$OUT"
expect_match "registered: flags in force" '^  flags in force: POCF$' "$OUT"
expect_match "registered: O explained" '^    O  open the program for the interpreter$' "$OUT"
expect_match "registered: C explained" '^    C  credentials from the program$' "$OUT"
expect_match "registered: the kernel's text" '^  magic 7f454c4602010100000000000000000002006c67$' "$OUT"
sed -i 's/^enabled$/disabled/; s/^flags: POCF$/flags: /' fake/glyph
run env GLYPH_BINFMT_DIR="$PWD/fake" glyph-run --binfmt=status
expect_match "disabled, no flags" "^glyph: registered \(.*\), disabled\$" "$OUT"
expect_match "no flags: none" '^  flags in force: none$' "$OUT"
# install and remove need root whatever the directory
if [ "$(id -u)" != 0 ]; then
    run env GLYPH_BINFMT_DIR="$PWD/fake" glyph-run --binfmt=install
    expect_match "install without root: refused" "needs root" "$ERR"
else
    skip "install without root: running as root"
fi
finish
