; folds.scm - foldable regions: macro bodies, repetitions, conditionals
; and multi-line block comments.
[
  (macro_definition)
  (repeat_block)
  (conditional)
  (elseif_clause)
  (else_clause)
] @fold

((comment) @fold
  (#match? @fold "^/\\*"))
