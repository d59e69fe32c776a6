# colors.sh - examples/colors: code of color 0 reading a color-3 secret,
# linked with a policy that denies it: a capability fault naming both
# colors, after the output that came before.
. "$GLYPH_SRC/tests/e2e/_example.sh"
example colors
run glyph-run "$EX"
if [ "$STATUS" -ne 0 ]; then ok "denied: non-zero exit status ($STATUS)"; else not_ok "denied: non-zero exit status"; fi
expect_eq "denied: output before the fault" "reading the secret..." "$OUT"
expect_match "denied: capability fault" "capability fault" "$ERR"
expect_match "denied: message names data color 3 and code color 0" "color 3.*color 0|color 0.*color 3" "$ERR"
case $OUT in *owl*) not_ok "denied: the secret stays hidden" "$OUT" ;; *) ok "denied: the secret stays hidden" ;; esac
finish
