; locals.scm - scopes, definitions and references for glyph assembly.
; A file is one scope for labels; a macro body is a scope for its
; parameters (referenced as \name), as is a .irp body for its parameter.

(source_file) @local.scope
(macro_definition) @local.scope
(repeat_block) @local.scope

(label name: (identifier) @local.definition.label)
(label name: (numeric_label) @local.definition.label)
(assignment name: (identifier) @local.definition.constant)
(macro_parameter name: (identifier) @local.definition.parameter)
(repeat_block parameter: (macro_parameter) @local.definition.parameter)

(macro_parameter_reference name: (identifier) @local.reference)
(arguments (identifier) @local.reference)
(memory_operand (identifier) @local.reference)
(binary_expression (identifier) @local.reference)
(unary_expression (identifier) @local.reference)
(parenthesized_expression (identifier) @local.reference)
