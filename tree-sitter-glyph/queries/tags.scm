; tags.scm - code navigation: functions, global symbols, macros, calls.

; `.type f, @function` names a function
(directive
  name: (directive_name) @_d
  arguments: (arguments . (identifier) @name (type_tag) @_t)
  (#eq? @_d ".type")
  (#match? @_t "function$")) @definition.function

; `.globl sym` / `.global sym` exports a symbol
(directive
  name: (directive_name) @_d
  arguments: (arguments . (identifier) @name)
  (#any-of? @_d ".globl" ".global")) @definition.constant

; labels other than .L and numeric ones
((label name: (identifier) @name) @definition.label
  (#not-match? @name "^\\.L"))

(macro_definition name: (identifier) @name) @definition.macro

; calls and jumps to a symbol
(instruction
  mnemonic: (mnemonic) @_m
  operands: (arguments . (identifier) @name)
  (#any-of? @_m "call" "tail")) @reference.call
