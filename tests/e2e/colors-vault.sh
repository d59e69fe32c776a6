# colors-vault.sh - examples/colors-vault: color-0 main gets the color-3
# secret from color-3 code, and faults when it reads the secret itself.
. "$GLYPH_SRC/tests/e2e/_example.sh"
example colors-vault
run glyph-run "$EX"
expect_eq "vault: exit status" 0 "$STATUS"
expect_eq "vault: color-3 code reveals the secret" "revealed 25 bytes: the owl flies at midnight" "$OUT"
run glyph-run "$EX" peek
if [ "$STATUS" -ne 0 ]; then ok "vault: main's own read faults ($STATUS)"; else not_ok "vault: main's own read faults"; fi
expect_eq "vault: output before the fault" "revealed 25 bytes: the owl flies at midnight
main reads the secret itself..." "$OUT"
expect_match "vault: fault names the colors" "capability fault.*color 3.*color 0" "$ERR"
finish
