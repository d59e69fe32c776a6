/**
 * grammar.js - tree-sitter grammar for glyph assembly (docs/asm.md).
 *
 * The grammar is line oriented like glyph-as: a line is a list of
 * statements separated by `;`, each preceded by any number of labels, and
 * ends at a newline.  `.macro`/`.endm`, `.rept`/`.irp`/`.endr` and the
 * `.if` family are nested blocks so editors can fold and scope them.
 *
 * Mnemonics and registers are plain names here: which names are
 * instructions, pseudo-instructions or registers comes from lib/isa.def and
 * lib/regs.c through the generated part of queries/highlights.scm, so a new
 * instruction needs no change to this file.  After editing it, run
 * `tree-sitter generate --abi 14` and commit src/ (docs/build.md).
 */

const PREC = {
  or: 1,
  and: 2,
  bitor: 3,
  bitxor: 4,
  bitand: 5,
  equal: 6,
  relational: 7,
  shift: 8,
  additive: 9,
  multiplicative: 10,
  unary: 11,
};

const NAME = /([A-Za-z_$]|\.[0-9_.$])([A-Za-z0-9_.$]|\\@|\\\(\))*/;

const CONDITIONALS = [
  '.if', '.ifeq', '.ifne', '.ifgt', '.ifge', '.iflt', '.ifle',
  '.ifdef', '.ifndef', '.ifc', '.ifnc',
];

function commaSep1(rule) {
  return seq(rule, repeat(seq(',', rule)));
}

module.exports = grammar({
  name: 'glyph',

  extras: $ => [/[ \t\r\f\v]/, $.comment],

  // Block ends come from src/scanner.c, which also returns them where no
  // block is open, so that a stray `.endm` is a syntax error instead of an
  // ordinary directive.  _statement_start is never produced: it only makes
  // the scanner run at the start of every statement.
  externals: $ => [$._endm, $._endr, $._endif, $._elseif, $._else, $._statement_start],

  // Labels in front of a block end or an .elseif/.else (`x: .endm`): after
  // a body line, a label may start the next line of the body or precede
  // the end; the token after the labels decides.
  conflicts: $ => [[$.block_body], [$.else_clause], [$.elseif_clause]],

  rules: {
    source_file: $ => seq(repeat($._line), optional($._items)),

    // A complete line: statements, then the newline.
    _line: $ => seq(optional($._items), '\n'),

    _items: $ => choice(
      seq($._statement_with_labels, repeat(seq(';', optional($._statement_with_labels)))),
      repeat1(seq(';', optional($._statement_with_labels))),
    ),

    _statement_with_labels: $ => choice(
      seq(repeat1($.label), optional($._statement)),
      $._statement,
    ),

    label: $ => seq(
      field('name', choice(
        $._symbol,
        alias($._decimal, $.numeric_label),
        $.macro_parameter_reference,
      )),
      ':',
    ),

    _statement: $ => choice(
      $._statement_start,
      $.instruction,
      $.directive,
      $.assignment,
      $.include,
      $.macro_definition,
      $.repeat_block,
      $.conditional,
    ),

    // An instruction, pseudo-instruction or macro call: the grammar does
    // not tell them apart (docs/asm.md: macros are called like instructions).
    instruction: $ => seq(
      field('mnemonic', choice(alias($.identifier, $.mnemonic), $.macro_parameter_reference)),
      optional(field('operands', $.arguments)),
    ),

    directive: $ => seq(
      field('name', $.directive_name),
      optional(field('arguments', $.arguments)),
    ),

    // `sym = e`
    assignment: $ => seq(
      field('name', $._symbol),
      '=',
      field('value', $._expression),
    ),

    include: $ => seq('.include', field('path', $.string)),

    // Arguments of an instruction or directive.  Empty arguments are kept
    // (`.p2align 4,,15`), as glyph-as decides whether they are allowed.
    arguments: $ => choice(
      seq($._argument, repeat(seq(',', optional($._argument)))),
      repeat1(seq(',', optional($._argument))),
    ),

    _argument: $ => choice(
      $._expression,
      $.memory_operand,
      $.block_constant,
      $.pc_relative_constant,
      $.string,
      $.type_tag,
      $.keyword_argument,
    ),

    // disp(rb): `16(sp)`; `(a1)` alone is a parenthesized expression, as
    // glyph-as reads it.
    memory_operand: $ => seq(
      field('offset', $._expression),
      '(',
      field('base', $._expression),
      ')',
    ),

    // ibN(n): the n-th N/8-byte constant of the immediate block.
    block_constant: $ => seq(
      field('size', choice('ib8', 'ib16', 'ib32', 'ib64')),
      '(',
      field('index', $._expression),
      ')',
    ),

    // ib32(n)(pc)
    pc_relative_constant: $ => seq(
      field('constant', $.block_constant),
      '(',
      field('base', alias('pc', $.pc)),
      ')',
    ),

    // @function, %function, @progbits
    type_tag: $ => token(seq(choice('@', '%'), /[A-Za-z_][A-Za-z0-9_]*/)),

    // color=3, or a named macro argument p=v
    keyword_argument: $ => seq(
      field('key', $.identifier),
      '=',
      field('value', choice($._expression, $.string)),
    ),

    macro_definition: $ => seq(
      '.macro',
      field('name', $.identifier),
      optional(seq(optional(','), field('parameters', $.macro_parameters))),
      '\n',
      field('body', optional($.block_body)),
      repeat($.label),
      alias($._endm, '.endm'),
    ),

    macro_parameters: $ => seq(
      $.macro_parameter,
      repeat(seq(optional(','), $.macro_parameter)),
    ),

    macro_parameter: $ => seq(
      field('name', $.identifier),
      optional(seq('=', field('default', choice($._expression, $.string)))),
    ),

    block_body: $ => repeat1($._line),

    // .rept n / .irp p, v... ... .endr
    repeat_block: $ => seq(
      choice(
        seq('.rept', field('count', $._expression)),
        seq('.irp', field('parameter', alias($.identifier, $.macro_parameter)),
          optional(seq(',', optional(field('values', $.arguments))))),
      ),
      '\n',
      field('body', optional($.block_body)),
      repeat($.label),
      alias($._endr, '.endr'),
    ),

    conditional: $ => seq(
      field('condition', $.condition),
      '\n',
      field('consequence', optional($.block_body)),
      repeat(field('alternative', $.elseif_clause)),
      optional(field('alternative', $.else_clause)),
      repeat($.label),
      alias($._endif, '.endif'),
    ),

    condition: $ => seq(
      field('kind', choice(...CONDITIONALS)),
      optional(field('arguments', $.arguments)),
    ),

    elseif_clause: $ => seq(
      repeat($.label),
      alias($._elseif, '.elseif'),
      field('condition', $._expression),
      '\n',
      field('body', optional($.block_body)),
    ),

    else_clause: $ => seq(
      repeat($.label),
      alias($._else, '.else'),
      '\n',
      field('body', optional($.block_body)),
    ),

    // Expressions, with the precedence of docs/asm.md.
    _expression: $ => choice(
      $.number,
      $.character,
      $._symbol,
      $.location_counter,
      $.numeric_label_reference,
      $.macro_parameter_reference,
      $.unary_expression,
      $.binary_expression,
      $.parenthesized_expression,
    ),

    parenthesized_expression: $ => seq('(', $._expression, ')'),

    unary_expression: $ => prec(PREC.unary, seq(
      field('operator', choice('-', '+', '~', '!')),
      field('argument', $._expression),
    )),

    binary_expression: $ => {
      const table = [
        ['||', PREC.or],
        ['&&', PREC.and],
        ['|', PREC.bitor],
        ['^', PREC.bitxor],
        ['&', PREC.bitand],
        ['==', PREC.equal], ['!=', PREC.equal],
        ['<', PREC.relational], ['>', PREC.relational],
        ['<=', PREC.relational], ['>=', PREC.relational],
        ['<<', PREC.shift], ['>>', PREC.shift],
        ['+', PREC.additive], ['-', PREC.additive],
        ['*', PREC.multiplicative], ['/', PREC.multiplicative], ['%', PREC.multiplicative],
      ];
      return choice(...table.map(([op, p]) => prec.left(p, seq(
        field('left', $._expression),
        field('operator', op),
        field('right', $._expression),
      ))));
    },

    // \p in a macro body; \p\()suffix pastes text after it.
    macro_parameter_reference: $ => seq(
      '\\',
      field('name', alias(token.immediate(/[A-Za-z_][A-Za-z0-9_]*/), $.identifier)),
      optional(alias(token.immediate(/(\\\(\)|\\@)([A-Za-z0-9_.$]|\\@|\\\(\))*/), $.macro_suffix)),
    ),

    location_counter: $ => '.',

    // A symbol: a plain name, or one starting with a dot (`.text`, `.Lloop`),
    // which the lexer reads as a directive name.
    _symbol: $ => choice($.identifier, alias($.directive_name, $.identifier)),

    identifier: $ => NAME,

    // Names starting with a dot and a letter: directives at the start of a
    // statement, section and .L names elsewhere.
    directive_name: $ => /\.[A-Za-z_]([A-Za-z0-9_.$]|\\@|\\\(\))*/,

    _decimal: $ => /[0-9]+/,

    number: $ => token(choice(
      /0[xX][0-9a-fA-F]+/,
      /0[bB][01]+/,
      /[0-9]+/,
    )),

    // 1b / 1f: the nearest numeric label 1 before / after.
    numeric_label_reference: $ => /[0-9]+[bf]/,

    character: $ => token(seq(
      '\'',
      choice(/[^\\'\n]/, /\\x[0-9a-fA-F]{1,2}/, /\\[0-7]{1,3}/, /\\[^\n]/),
      '\'',
    )),

    string: $ => seq(
      '"',
      repeat(choice(
        alias(token.immediate(prec(1, /[^"\\\n]+/)), $.string_content),
        $.escape_sequence,
      )),
      token.immediate('"'),
    ),

    escape_sequence: $ => token.immediate(seq('\\', choice(
      /x[0-9a-fA-F]{1,2}/,
      /[0-7]{1,3}/,
      /[^\n]/,
    ))),

    comment: $ => token(choice(
      seq('#', /.*/),
      seq('//', /.*/),
      seq('/*', /[^*]*\*+([^/*][^*]*\*+)*/, '/'),
    )),
  },
});
