// Eddy's SQL: PostgreSQL's surface plus the streaming statements of DIALECT.md.
//
// Generated at build time by Debian's antlr4 (4.7.2, C++ target) into the build tree; the
// build_*.cpp files of this folder turn the parse tree into grammar/ast.h. No semantic
// predicates or actions, so the grammar stays target-neutral.
//
// Keywords follow PostgreSQL's four classes (src/include/parser/kwlist.h):
//   unreservedKeyword  any name: column, table, function, alias, setting
//   colNameKeyword     a column or table name, not a function name (EXISTS, TIMESTAMP, ...)
//   typeFuncKeyword    a function or type name, not a column name (LEFT, RIGHT, ...)
//   reservedKeyword    only after AS, after a '.', or as an option key
// Every keyword token is listed in exactly one of those four rules (bottom of the parser part).
grammar Eddy;

// ---------------------------------------------------------------------------------------------
// Statements

script: statementOrEmpty (SEMI statementOrEmpty)* EOF;
statementOrEmpty: statement?;

statement
  : selectStmt
  | createStreamStmt
  | createTableStmt
  | createViewStmt
  | createRoleStmt
  | insertStmt
  | copyStmt
  | subscribeStmt
  | declareStmt
  | fetchStmt
  | closeStmt
  | deallocateStmt
  | showStmt
  | setStmt
  | resetStmt
  | describeStmt
  | explainStmt
  | dropStmt
  | transactionStmt
  ;

createStreamStmt
  : CREATE STREAM ifNotExists? qualifiedName
    (LPAREN (streamElement (COMMA streamElement)*)? RPAREN)? usingClause? optionsClause?
  ;
streamElement: columnDef | watermarkDef;
watermarkDef: WATERMARK FOR identifier AS expr;

createTableStmt
  : CREATE TABLE ifNotExists? qualifiedName
    (LPAREN (tableElement (COMMA tableElement)*)? RPAREN)? usingClause? optionsClause?
    (AS selectStmt)?
  ;
tableElement: columnDef | PRIMARY KEY LPAREN identList RPAREN;

columnDef: identifier typeName columnConstraint*;
columnConstraint: PRIMARY KEY | NOT NULL_ | NULL_ | DEFAULT expr;

createViewStmt
  : CREATE (OR REPLACE)? MATERIALIZED? VIEW ifNotExists? qualifiedName
    (LPAREN identList RPAREN)? (WITH genericOptions)? AS selectStmt
  ;

createRoleStmt: (CREATE | ALTER) (ROLE | USER) identifier WITH? roleOption*;
roleOption: PASSWORD (stringLiteral | NULL_) | identifier;

ifNotExists: IF NOT EXISTS;
ifExists: IF EXISTS;

usingClause: USING (dottedName | stringLiteral);
optionsClause: OPTIONS LPAREN (option (COMMA option)*)? RPAREN;
option: optionKey EQ? optionValue;
genericOptions: LPAREN genericOption (COMMA genericOption)* RPAREN;
genericOption: optionKey (EQ? optionValue)?;
optionKey: dottedName | stringLiteral;
optionValue
  : stringLiteral
  | sign=(MINUS | PLUS)? (INTEGER_LITERAL | DECIMAL_LITERAL)
  | colLabel
  ;

insertStmt
  : INSERT INTO qualifiedName (LPAREN identList RPAREN)?
    (VALUES valuesRow (COMMA valuesRow)* | selectStmt)
  ;
valuesRow: LPAREN insertValue (COMMA insertValue)* RPAREN;
insertValue: DEFAULT | expr;

copyStmt
  : COPY qualifiedName (LPAREN identList RPAREN)? (FROM copySource | TO copyDestination) copyOptions?
  | COPY LPAREN (selectStmt | subscribeStmt) RPAREN TO copyDestination copyOptions?
  ;
copySource: STDIN | PROGRAM? stringLiteral;       // a file or program: refused at execution
copyDestination: STDOUT | PROGRAM? stringLiteral;
copyOptions: WITH? (genericOptions | legacyCopyOption+);
legacyCopyOption: colLabel (AS? (stringLiteral | INTEGER_LITERAL))?;

subscribeStmt
  : SUBSCRIBE TO? (qualifiedName | LPAREN selectStmt RPAREN) (WITH genericOptions)?
  ;

declareStmt
  : DECLARE identifier cursorOption* CURSOR (hold=(WITH | WITHOUT) HOLD)? FOR
    (selectStmt (FOR READ ONLY)? | subscribeStmt)   // FOR READ ONLY: what libpqxx appends
  ;
cursorOption: BINARY | ASENSITIVE | INSENSITIVE | NO? SCROLL;
fetchStmt: (FETCH | MOVE) fetchCount? (FROM | IN)? identifier;
fetchCount
  : NEXT | PRIOR | FIRST | LAST
  | (ABSOLUTE | RELATIVE) signedCount
  | signedCount
  | ALL
  | (FORWARD | BACKWARD) (signedCount | ALL)?
  ;
signedCount: (PLUS | MINUS)? INTEGER_LITERAL;
closeStmt: CLOSE (ALL | identifier);

showStmt: SHOW (ALL | settingName+);
setStmt: SET scope=(SESSION | LOCAL)? setTarget;
setTarget
  : TIME ZONE (DEFAULT | LOCAL | optionValue)
  | NAMES (DEFAULT | optionValue)?
  | TRANSACTION transactionModes
  | CHARACTERISTICS AS TRANSACTION transactionModes
  | settingName (TO | EQ) (DEFAULT | optionValue (COMMA optionValue)*)
  ;
resetStmt: RESET (ALL | TIME ZONE | settingName);
settingName: identifier (DOT colLabel)*;

describeStmt: DESCRIBE qualifiedName;
explainStmt: EXPLAIN (genericOptions | (ANALYZE | ANALYSE)? VERBOSE?) statement;

dropStmt
  : DROP QUERY ifExists? queryId
  | DROP dropKind ifExists? qualifiedName (COMMA qualifiedName)* (CASCADE | RESTRICT)?
  ;
dropKind: STREAM | TABLE | MATERIALIZED VIEW | VIEW | ROLE | USER;
queryId: INTEGER_LITERAL | identifier | stringLiteral;

// DEALLOCATE [PREPARE] name | ALL: drops prepared statements (psqlODBC frees its plans so).
deallocateStmt: DEALLOCATE PREPARE? (identifier | ALL);

transactionStmt
  : BEGIN (TRANSACTION | WORK)? transactionModes?
  | START TRANSACTION transactionModes?
  | (COMMIT | END) (TRANSACTION | WORK)?
  | (ROLLBACK | ABORT) (TRANSACTION | WORK)?
  ;
transactionModes: transactionMode (COMMA? transactionMode)*;
transactionMode
  : ISOLATION LEVEL (SERIALIZABLE | REPEATABLE READ | READ COMMITTED | READ UNCOMMITTED)
  | READ (ONLY | WRITE)
  | NOT? DEFERRABLE
  ;

// ---------------------------------------------------------------------------------------------
// SELECT. UNION/EXCEPT bind looser than INTERSECT; ORDER BY and LIMIT apply to the whole.

selectStmt: withClause? selectSet orderByClause? limitClause?;
// WITH name [(columns)] AS (SELECT ...), ...: named subqueries visible to the statement and to
// the later ones (RECURSIVE parses and is refused).
withClause: WITH RECURSIVE? commonTableExpr (COMMA commonTableExpr)*;
commonTableExpr: identifier (LPAREN identList RPAREN)? AS LPAREN selectStmt RPAREN;
selectSet: selectIntersect (setOp selectIntersect)*;
setOp: (UNION | EXCEPT) (ALL | DISTINCT)?;
selectIntersect: selectPrimary (intersectOp selectPrimary)*;
intersectOp: INTERSECT (ALL | DISTINCT)?;
selectPrimary: simpleSelect | LPAREN selectStmt RPAREN;

simpleSelect
  : SELECT (ALL | DISTINCT)? (selectItem (COMMA selectItem)*)?
    fromClause? (WHERE where=expr)? groupByClause? (HAVING having=expr)? emitClause?
  ;
selectItem
  : STAR
  | qualifiedName DOT STAR
  | expr (AS colLabel | bareLabel)?
  ;
groupByClause: GROUP BY expr (COMMA expr)*;
emitClause: EMIT ON WINDOW CLOSE;

fromClause: FROM fromItem (COMMA fromItem)*;
fromItem: tablePrimary joinClause*;
// The right side of a qualified join may itself be a join awaiting its own qualifier, as in
// PostgreSQL: a JOIN b JOIN c ON x ON y is a JOIN (b JOIN c ON x) ON y.
joinClause
  : CROSS JOIN tablePrimary
  | joinType? JOIN tablePrimary joinClause* (ON expr | USING LPAREN identList RPAREN)
  ;
joinType: INNER | (LEFT | RIGHT | FULL) OUTER?;
tablePrimary
  : funcCall tableAlias?
  | qualifiedName tableAlias?
  | LPAREN selectStmt RPAREN tableAlias?
  | LPAREN fromItem RPAREN tableAlias?
  ;
tableAlias: AS? identifier (LPAREN identList RPAREN)?;

orderByClause: ORDER BY orderItem (COMMA orderItem)*;
orderItem: expr (ASC | DESC)? (NULLS (FIRST | LAST))?;
limitClause
  : LIMIT limitValue (OFFSET offset=expr rowsWord?)?
  | OFFSET offset=expr rowsWord? (LIMIT limitValue | fetchFirst)?
  | fetchFirst
  ;
limitValue: expr | ALL;
rowsWord: ROW | ROWS;
fetchFirst: FETCH (FIRST | NEXT) expr? rowsWord ONLY;

// ---------------------------------------------------------------------------------------------
// Expressions, in PostgreSQL's precedence (loosest first): OR, AND, NOT, IS, comparison,
// BETWEEN/IN/LIKE, other operators (|| ~ -> ...), + -, * / %, ^, AT TIME ZONE, unary + -, ::.
// Left-recursive rules list their alternatives tightest first (ANTLR's precedence order).
// Kept to few rule levels on purpose: every level is a context object per leaf.

expr
  : NOT expr
  | predicated
  | expr AND expr
  | expr OR expr
  ;
// A comparison of two operands, each with an optional BETWEEN/IN/LIKE tail, then IS suffixes.
predicated
  : valueExpr predicateTail?
    (compOp (valueExpr predicateTail? | quantifier=(ANY | SOME | ALL) LPAREN (selectStmt | expr) RPAREN))?
    isSuffix*
  ;
compOp: EQ | NEQ | LT | LTE | GT | GTE;
predicateTail
  : NOT? ( BETWEEN valueExpr AND valueExpr
         | IN LPAREN (selectStmt | expr (COMMA expr)*) RPAREN
         | likeOp=(LIKE | ILIKE) valueExpr (ESCAPE valueExpr)?
         )
  ;
isSuffix: IS NOT? (NULL_ | UNKNOWN | TRUE_ | FALSE_ | DISTINCT FROM valueExpr);
valueExpr
  : primary
  | valueExpr DCOLON typeName
  | valueExpr LBRACKET subscript=expr RBRACKET
  | valueExpr DOT field=colLabel                                 // (composite).field
  | sign=(MINUS | PLUS) valueExpr
  | valueExpr COLLATE dottedName
  | valueExpr AT TIME ZONE valueExpr
  | valueExpr op=CARET valueExpr
  | valueExpr op=(STAR | SLASH | PERCENT) valueExpr
  | valueExpr op=(PLUS | MINUS) valueExpr
  | valueExpr otherOp valueExpr
  ;
otherOp
  : CONCAT | TILDE | TILDE_STAR | NOT_TILDE | NOT_TILDE_STAR | ARROW | DARROW
  | AMP | PIPE | HASH | SHIFT_LEFT | SHIFT_RIGHT                    // integer bitwise operators
  | LIKE_OP | ILIKE_OP | NOT_LIKE_OP | NOT_ILIKE_OP
  | OPERATOR LPAREN (colLabel DOT)* operatorSymbol RPAREN      // psql: OPERATOR(pg_catalog.~)
  ;
operatorSymbol
  : EQ | NEQ | LT | LTE | GT | GTE | PLUS | MINUS | STAR | SLASH | PERCENT | CARET | CONCAT
  | TILDE | TILDE_STAR | NOT_TILDE | NOT_TILDE_STAR | ARROW | DARROW
  | AMP | PIPE | HASH | SHIFT_LEFT | SHIFT_RIGHT
  | LIKE_OP | ILIKE_OP | NOT_LIKE_OP | NOT_ILIKE_OP
  ;

primary
  : literal
  | PARAM
  | typeName stringLiteral
  | CAST LPAREN expr AS typeName RPAREN
  | CASE operand=expr? (WHEN whens+=expr THEN thens+=expr)+ (ELSE elseExpr=expr)? END
  | EXISTS LPAREN selectStmt RPAREN
  | ARRAY LBRACKET (expr (COMMA expr)*)? RBRACKET
  | ARRAY LPAREN selectStmt RPAREN
  | EXTRACT LPAREN extractField FROM expr RPAREN
  | TRIM LPAREN trimSide=(BOTH | LEADING | TRAILING)? trimChars=expr? FROM trimSource=expr RPAREN
  | funcCall
  | specialFunction
  | columnRef
  | LPAREN selectStmt RPAREN
  | LPAREN expr RPAREN
  ;
// agg(x ORDER BY y): the order of an aggregate's input rows (string_agg, first_value, ...).
funcCall: funcName LPAREN (STAR | (ALL | DISTINCT)? expr (COMMA expr)* orderByClause?)? RPAREN overClause?;
// Window functions: PARTITION BY and ORDER BY (the default frame; no frame clauses).
overClause: OVER LPAREN (PARTITION BY expr (COMMA expr)*)? orderByClause? RPAREN;
funcName: (IDENT | QUOTED_IDENT | unreservedKeyword | typeFuncKeyword) (DOT colLabel)*;
specialFunction
  : CURRENT_DATE | CURRENT_TIME | CURRENT_TIMESTAMP | LOCALTIME | LOCALTIMESTAMP
  | CURRENT_USER | SESSION_USER | USER | CURRENT_ROLE | CURRENT_CATALOG | CURRENT_SCHEMA
  ;
extractField: colLabel | stringLiteral;
columnRef: identifier (DOT colLabel)*;
literal: INTEGER_LITERAL | DECIMAL_LITERAL | stringLiteral | TRUE_ | FALSE_ | NULL_;
stringLiteral: STRING | ESTRING | DOLLAR_STRING;

typeName: baseTypeName (LBRACKET INTEGER_LITERAL? RBRACKET)*;
baseTypeName
  : DOUBLE PRECISION
  | (CHARACTER | CHAR) VARYING? typeModifiers?
  | (TIMESTAMP | TIME) typeModifiers? (zone=(WITH | WITHOUT) TIME ZONE)?
  | (IDENT | QUOTED_IDENT | unreservedKeyword) (DOT colLabel)* typeModifiers?
  ;
typeModifiers: LPAREN INTEGER_LITERAL (COMMA INTEGER_LITERAL)* RPAREN;

// ---------------------------------------------------------------------------------------------
// Names

qualifiedName: identifier (DOT colLabel)*;
dottedName: colLabel (DOT colLabel)*;
identList: identifier (COMMA identifier)*;
identifier: IDENT | QUOTED_IDENT | unreservedKeyword | colNameKeyword;
bareLabel: IDENT | QUOTED_IDENT | unreservedKeyword;
colLabel: identifier | typeFuncKeyword | reservedKeyword;

unreservedKeyword
  : ABORT | ABSOLUTE | ALTER | ANALYSE | ANALYZE | ASENSITIVE | AT | BACKWARD | BEGIN | BINARY | BY
  | CASCADE | CHARACTERISTICS | CLOSE
  | COMMIT | COMMITTED | COPY | CURSOR | DECLARE | DEFERRABLE | DESCRIBE | DOUBLE | DROP | EMIT
  | ESCAPE | EXPLAIN | FIRST | FORWARD | HOLD | IF | INSENSITIVE | INSERT | ISOLATION | KEY | LAST
  | LEVEL | LOCAL | MATERIALIZED | MOVE | NAMES | NEXT | NO | NULLS | ONLY | OPERATOR | OPTIONS
  | PASSWORD | PRIOR | PROGRAM | QUERY | READ | RELATIVE
  | REPEATABLE | REPLACE | RESET | RESTRICT | ROLE | ROLLBACK | ROW | ROWS | SCROLL | SERIALIZABLE
  | SESSION | SET | SHOW | START | STDIN | STDOUT | STREAM | SUBSCRIBE | TRANSACTION
  | UNCOMMITTED | UNKNOWN | VARYING | VIEW | WATERMARK | WINDOW | WITHOUT | WORK | WRITE | ZONE
  | OVER | PARTITION | RECURSIVE | DEALLOCATE | PREPARE
  ;
colNameKeyword
  : BETWEEN | CHAR | CHARACTER | EXISTS | EXTRACT | PRECISION | TIME | TIMESTAMP | VALUES
  ;
typeFuncKeyword
  : CROSS | CURRENT_SCHEMA | FULL | ILIKE | INNER | IS | JOIN | LEFT | LIKE | OUTER | RIGHT
  | VERBOSE | TRIM
  ;
reservedKeyword
  : ALL | AND | ANY | ARRAY | AS | ASC | BOTH | CASE | CAST | COLLATE | CREATE | CURRENT_CATALOG
  | CURRENT_DATE
  | CURRENT_ROLE | CURRENT_TIME | CURRENT_TIMESTAMP | CURRENT_USER | DEFAULT | DESC | DISTINCT
  | ELSE | END | EXCEPT | FALSE_ | FETCH | FOR | FROM | GROUP | HAVING | IN | INTERSECT | INTO
  | LEADING | LIMIT | LOCALTIME | LOCALTIMESTAMP | NOT | NULL_ | OFFSET | ON | OR | ORDER | PRIMARY
  | SELECT | SESSION_USER | SOME | TABLE | THEN | TO | TRAILING | TRUE_ | UNION | USER | USING | WHEN
  | WHERE | WITH
  ;

// ---------------------------------------------------------------------------------------------
// Lexer. Keywords are case-insensitive through letter fragments (ANTLR 4.7 has no
// caseInsensitive option); they precede IDENT so that a keyword wins a tie.

ABORT: A B O R T;
ABSOLUTE: A B S O L U T E;
ALL: A L L;
ALTER: A L T E R;
ANALYSE: A N A L Y S E;
ANALYZE: A N A L Y Z E;
AND: A N D;
ANY: A N Y;
ARRAY: A R R A Y;
AS: A S;
ASC: A S C;
ASENSITIVE: A S E N S I T I V E;
AT: A T;
BACKWARD: B A C K W A R D;
BEGIN: B E G I N;
BETWEEN: B E T W E E N;
BINARY: B I N A R Y;
BY: B Y;
CASCADE: C A S C A D E;
CASE: C A S E;
CAST: C A S T;
CHAR: C H A R;
CHARACTER: C H A R A C T E R;
CHARACTERISTICS: C H A R A C T E R I S T I C S;
CLOSE: C L O S E;
COLLATE: C O L L A T E;
COMMIT: C O M M I T;
COMMITTED: C O M M I T T E D;
COPY: C O P Y;
CREATE: C R E A T E;
CROSS: C R O S S;
CURRENT_CATALOG: C U R R E N T '_' C A T A L O G;
CURRENT_DATE: C U R R E N T '_' D A T E;
CURRENT_ROLE: C U R R E N T '_' R O L E;
CURRENT_SCHEMA: C U R R E N T '_' S C H E M A;
CURRENT_TIME: C U R R E N T '_' T I M E;
CURRENT_TIMESTAMP: C U R R E N T '_' T I M E S T A M P;
CURRENT_USER: C U R R E N T '_' U S E R;
CURSOR: C U R S O R;
DECLARE: D E C L A R E;
DEFAULT: D E F A U L T;
DEFERRABLE: D E F E R R A B L E;
DESC: D E S C;
DESCRIBE: D E S C R I B E;
DISTINCT: D I S T I N C T;
DOUBLE: D O U B L E;
DROP: D R O P;
ELSE: E L S E;
EMIT: E M I T;
END: E N D;
ESCAPE: E S C A P E;
EXCEPT: E X C E P T;
EXISTS: E X I S T S;
EXPLAIN: E X P L A I N;
EXTRACT: E X T R A C T;
FALSE_: F A L S E;
FETCH: F E T C H;
FIRST: F I R S T;
FOR: F O R;
FORWARD: F O R W A R D;
FROM: F R O M;
FULL: F U L L;
GROUP: G R O U P;
HAVING: H A V I N G;
HOLD: H O L D;
IF: I F;
ILIKE: I L I K E;
IN: I N;
INNER: I N N E R;
INSENSITIVE: I N S E N S I T I V E;
INSERT: I N S E R T;
INTERSECT: I N T E R S E C T;
INTO: I N T O;
IS: I S;
ISOLATION: I S O L A T I O N;
JOIN: J O I N;
KEY: K E Y;
LAST: L A S T;
LEFT: L E F T;
LEVEL: L E V E L;
LIKE: L I K E;
LIMIT: L I M I T;
LOCAL: L O C A L;
LOCALTIME: L O C A L T I M E;
LOCALTIMESTAMP: L O C A L T I M E S T A M P;
MATERIALIZED: M A T E R I A L I Z E D;
MOVE: M O V E;
NAMES: N A M E S;
NEXT: N E X T;
NO: N O;
NOT: N O T;
NULL_: N U L L;
NULLS: N U L L S;
OFFSET: O F F S E T;
ON: O N;
ONLY: O N L Y;
OPERATOR: O P E R A T O R;
OPTIONS: O P T I O N S;
OR: O R;
ORDER: O R D E R;
OVER: O V E R;
PARTITION: P A R T I T I O N;
TRIM: T R I M;
BOTH: B O T H;
LEADING: L E A D I N G;
TRAILING: T R A I L I N G;
OUTER: O U T E R;
PASSWORD: P A S S W O R D;
PRECISION: P R E C I S I O N;
PRIMARY: P R I M A R Y;
PRIOR: P R I O R;
PROGRAM: P R O G R A M;
QUERY: Q U E R Y;
READ: R E A D;
RELATIVE: R E L A T I V E;
REPEATABLE: R E P E A T A B L E;
REPLACE: R E P L A C E;
RESET: R E S E T;
RESTRICT: R E S T R I C T;
RIGHT: R I G H T;
ROLE: R O L E;
ROLLBACK: R O L L B A C K;
ROW: R O W;
ROWS: R O W S;
SCROLL: S C R O L L;
SELECT: S E L E C T;
SERIALIZABLE: S E R I A L I Z A B L E;
SESSION: S E S S I O N;
SESSION_USER: S E S S I O N '_' U S E R;
SET: S E T;
SHOW: S H O W;
SOME: S O M E;
START: S T A R T;
STDIN: S T D I N;
STDOUT: S T D O U T;
STREAM: S T R E A M;
SUBSCRIBE: S U B S C R I B E;
TABLE: T A B L E;
THEN: T H E N;
TIME: T I M E;
TIMESTAMP: T I M E S T A M P;
TO: T O;
TRANSACTION: T R A N S A C T I O N;
TRUE_: T R U E;
UNCOMMITTED: U N C O M M I T T E D;
UNION: U N I O N;
UNKNOWN: U N K N O W N;
USER: U S E R;
USING: U S I N G;
VALUES: V A L U E S;
VARYING: V A R Y I N G;
VERBOSE: V E R B O S E;
VIEW: V I E W;
WATERMARK: W A T E R M A R K;
WHEN: W H E N;
WHERE: W H E R E;
WINDOW: W I N D O W;
WITH: W I T H;
WITHOUT: W I T H O U T;
DEALLOCATE: D E A L L O C A T E;
PREPARE: P R E P A R E;
RECURSIVE: R E C U R S I V E;
WORK: W O R K;
WRITE: W R I T E;
ZONE: Z O N E;

SEMI: ';';
COMMA: ',';
DOT: '.';
LPAREN: '(';
RPAREN: ')';
LBRACKET: '[';
RBRACKET: ']';
DCOLON: '::';
EQ: '=';
NEQ: '<>' | '!=';
LTE: '<=';
GTE: '>=';
LT: '<';
GT: '>';
PLUS: '+';
MINUS: '-';
STAR: '*';
SLASH: '/';
PERCENT: '%';
CARET: '^';
CONCAT: '||';
AMP: '&';
PIPE: '|';
HASH: '#';
SHIFT_LEFT: '<<';
SHIFT_RIGHT: '>>';
TILDE: '~';
TILDE_STAR: '~*';
NOT_TILDE: '!~';
NOT_TILDE_STAR: '!~*';
LIKE_OP: '~~';          // PostgreSQL's operator names of LIKE / ILIKE and their negations
ILIKE_OP: '~~*';
NOT_LIKE_OP: '!~~';
NOT_ILIKE_OP: '!~~*';
ARROW: '->';
DARROW: '->>';

INTEGER_LITERAL: DIGIT+;
DECIMAL_LITERAL: DIGIT+ '.' DIGIT* EXPONENT? | '.' DIGIT+ EXPONENT? | DIGIT+ EXPONENT;
PARAM: '$' DIGIT+;

// '...' with '' for a quote; E'...' with backslash escapes; $$...$$ taken literally.
STRING: '\'' (~'\'' | '\'\'')* '\'';
ESTRING: [eE] '\'' (~['\\] | '\\' . | '\'\'')* '\'';
DOLLAR_STRING: '$$' .*? '$$';

IDENT: IDENT_START IDENT_CONT*;
QUOTED_IDENT: '"' (~'"' | '""')* '"';

LINE_COMMENT: '--' ~[\r\n]* -> skip;
BLOCK_COMMENT: '/*' (BLOCK_COMMENT | .)*? '*/' -> skip;
WS: [ \t\r\n\f\u000B]+ -> skip;

// Text that runs into the end of the input without its closing delimiter. No parser rule
// accepts these, so they surface as syntax errors that parser.cpp words as PostgreSQL does
// ("unterminated quoted string at or near ..."). Each cannot cross its own closing delimiter,
// so a terminated literal is always the longer (winning) match.
UNTERMINATED_STRING: '\'' (~'\'' | '\'\'')* EOF;
UNTERMINATED_ESTRING: [eE] '\'' (~['\\] | '\\' . | '\'\'')* '\\'? EOF;
UNTERMINATED_DOLLAR_STRING: '$$' (~'$' | '$' ~'$')* '$'? EOF;
UNTERMINATED_QUOTED_IDENT: '"' (~'"' | '""')* EOF;
UNTERMINATED_COMMENT: '/*' (~'*' | '*'+ ~[*/])* '*'* EOF;

// Anything else is one character no rule accepts: a syntax error at that character.
ERROR_CHAR: .;

fragment IDENT_START: [a-zA-Z_\u0080-\u{10FFFF}];
fragment IDENT_CONT: [a-zA-Z_0-9$\u0080-\u{10FFFF}];
fragment DIGIT: [0-9];
fragment EXPONENT: [eE] [+-]? DIGIT+;

fragment A: [aA]; fragment B: [bB]; fragment C: [cC]; fragment D: [dD]; fragment E: [eE];
fragment F: [fF]; fragment G: [gG]; fragment H: [hH]; fragment I: [iI]; fragment J: [jJ];
fragment K: [kK]; fragment L: [lL]; fragment M: [mM]; fragment N: [nN]; fragment O: [oO];
fragment P: [pP]; fragment Q: [qQ]; fragment R: [rR]; fragment S: [sS]; fragment T: [tT];
fragment U: [uU]; fragment V: [vV]; fragment W: [wW]; fragment X: [xX]; fragment Y: [yY];
fragment Z: [zZ];
