// The .jsm specification language: state machines, monitors, invariants, applet command
// bindings and protocols for smart-card identity systems. No actions; every part is labelled
// so the AST builder reads ctx.name, never child indexes (see STYLE.md, Avro's Idl.g4).
grammar Jsm;

specFile : imports+=importDecl* decls+=declaration* EOF ;

importDecl : 'import' path=STRING ';'? ;

declaration
    : enumDecl | domainDecl | roleDecl | functionDecl | machineDecl | monitorDecl
    | invariantDecl | systemDecl | securityDomainDecl | appletDecl | protocolDecl
    ;

// ---------------------------------------------------------------- annotations
// @req LIFE-3, PRE-1   @doc "text"   @weight 5   @unreachable "why"
annotation : '@' name=ident ( refs+=reqRef (',' refs+=reqRef)* | text=STRING | number=INT )? ;
reqRef     : prefix=ident '-' number=INT ;

// ---------------------------------------------------------------- types and names
enumDecl   : annotation* 'enum' name=ident '{' members+=enumMember (',' members+=enumMember)* ','? '}' ;
enumMember : annotation* name=ident ('=' code=intLiteral)? ;
domainDecl : annotation* 'domain' names+=ident (',' names+=ident)* ';'? ;
roleDecl   : annotation* 'role' names+=ident (',' names+=ident)* ';'? ;
functionDecl : annotation* 'fun' name=ident '(' (params+=param (',' params+=param)*)? ')' ':' result=type '=' body=expr ';'? ;

type
    : 'bool'                                         # boolType
    | lo=signedInt '..' hi=signedInt                 # rangeType
    | 'byte'                                         # byteType
    | 'bytes'                                        # bytesType
    | name=ident optional='?'?                       # namedType
    ;
param      : name=ident ':' paramType=type ;
signedInt  : minus='-'? value=intLiteral ;
intLiteral : INT | HEX ;

// ---------------------------------------------------------------- machines
machineDecl   : annotation* 'machine' name=ident ('(' params+=param (',' params+=param)* ')')? '{' members+=machineMember* '}' ;
machineMember : varDecl | stateDecl | eventDecl | transition | ignoreDecl ;
varDecl       : annotation* 'var' name=ident ':' varType=type ('=' init=expr)? ';'? ;
stateDecl     : annotation* modifiers+=stateModifier* 'state' names+=ident (',' names+=ident)* ';'? ;
stateModifier : 'initial' | 'final' | 'hot' ;
eventDecl     : annotation* internal='internal'? 'event' name=ident ('(' (params+=param (',' params+=param)*)? ')')? ('by' role=ident)? ';'? ;
transition    : annotation* 'on' event=ident 'from' source=stateSet '->' (target=ident | stay='*') ('when' guard=expr)? (body=block | ';')? ;
ignoreDecl    : annotation* 'ignore' events+=ident (',' events+=ident)* 'in' states=stateSet ';'? ;
stateSet      : any='*' | names+=ident (',' names+=ident)* ;

block : '{' stmts+=stmt* '}' ;
stmt
    : target=ident '=' value=expr ';'?                                                   # assignStmt
    | 'emit' instance=instanceRef '.' event=ident '(' (args+=expr (',' args+=expr)*)? ')' ';'?   # emitStmt
    | 'for' binders+=binder (',' binders+=binder)* ('where' filter=expr)? body=block      # forStmt
    | 'if' cond=expr thenBlock=block ('else' (elseBlock=block | elseIf=stmt))?            # ifStmt
    | 'fail' message=STRING ';'?                                                         # failStmt
    ;
instanceRef : self='self' | machine=ident ('(' (args+=expr (',' args+=expr)*)? ')')? ;
binder      : name=ident ':' binderType=type ;

// ---------------------------------------------------------------- monitors
monitorDecl   : annotation* 'monitor' name=ident ('(' params+=param (',' params+=param)* ')')? '{' members+=monitorMember* '}' ;
monitorMember : varDecl | stateDecl | observation ;
observation   : annotation* 'on' machine=ident ('(' patterns+=pattern (',' patterns+=pattern)* ')')? '.' event=ident
                'from' source=stateSet '->' (target=ident | stay='*') ('when' guard=expr)? (body=block | ';')? ;
pattern       : wildcard='_' | value=expr ;

// ---------------------------------------------------------------- invariants and systems
invariantDecl : annotation* 'invariant' name=ident ':' body=expr ';'? ;
systemDecl    : annotation* 'system' name=ident '{' sizes+=domainSize* '}' ;
domainSize    : domain=ident '=' size=INT (';' | ',')? ;

// ---------------------------------------------------------------- secure elements and applets
securityDomainDecl : annotation* 'securitydomain' name=ident '{' members+=sdMember* '}' ;
sdMember
    : 'aid' value=HEX ';'?                      # sdAid
    | 'owner' role=ident ';'?                   # sdOwner
    | 'parent' parent=ident ';'?                # sdParent
    ;

appletDecl   : annotation* 'applet' name=ident 'binds' machine=ident '{' members+=appletMember* '}' ;
appletMember : appletAid | appletDomain | appletInstalled | pinDecl | fileDecl | commandDecl ;
appletAid    : 'aid' value=HEX ';'? ;
appletDomain : 'domain' sd=ident ';'? ;
appletInstalled : 'installed' state=ident ';'? ;
pinDecl      : annotation* 'pin' name=ident '{' props+=pinProp* '}' ;
pinProp
    : 'tries' value=INT ';'?                                    # pinTries
    | 'length' min=INT '..' max=INT ';'?                       # pinLength
    | 'charset' charset=ident ';'?                              # pinCharset
    | 'model' instance=instanceRef ';'?                         # pinModel
    ;
fileDecl     : annotation* 'file' name=ident '{' props+=fileProp* '}' ;
fileProp
    : 'fid' value=HEX ';'?                                      # fileFid
    | 'kind' kind=ident ';'?                                    # fileKind
    | 'access' access=ident (pin=ident)? ';'?                   # fileAccess
    | 'size' value=INT ';'?                                     # fileSize
    ;
commandDecl  : annotation* 'command' name=ident ('(' params+=param (',' params+=param)* ')')? '{' props+=commandProp* '}' ;
commandProp
    : field=headerField value=headerValue ';'?                  # commandHeader
    | 'data' (paramName=ident | value=HEX | none='none') ';'?       # commandData
    | 'le' (value=intLiteral | none='none') ';'?                # commandLe
    | 'states' states=stateSet ';'?                             # commandStates
    | 'secure' (none='none' | levels+=ident ('+' levels+=ident)*) ';'?   # commandSecure
    | 'pin' (none='none' | selected='selected' | pin=ident) ';'?         # commandPin
    | 'refuse' refusals+=refusal (',' refusals+=refusal)* ';'?   # commandRefuse
    | 'event' event=ident ';'?                                  # commandEvent
    ;
headerField : 'cla' | 'ins' | 'p1' | 'p2' ;
headerValue : value=intLiteral | any='*' | paramName=ident ;
refusal     : (reason=refusalReason)? sw=HEX ;
refusalReason : 'state' | ident ;

// ---------------------------------------------------------------- protocols
protocolDecl : annotation* 'protocol' name=ident ('(' params+=param (',' params+=param)* ')')? '{' 'roles' roles+=ident (',' roles+=ident)* ';'? steps+=protocolStep* '}' ;
protocolStep
    : annotation* from=ident '->' to=ident ':' message=ident ('(' (args+=expr (',' args+=expr)*)? ')')?
      ('fires' fired+=firedEvent (',' fired+=firedEvent)*)? ';'?                             # messageStep
    | annotation* from=ident '->' to=ident ':' 'script' name=ident 'under' sd=ident 'to' applet=ident
      '{' commands+=scriptCommand* '}'                                                       # scriptStep
    | annotation* kind=blockKind label=STRING '{' steps+=protocolStep* '}'
      ('else' elseLabel=STRING '{' elseSteps+=protocolStep* '}')?                           # blockStep
    ;
blockKind     : 'alt' | 'opt' | 'loop' ;
firedEvent    : instance=instanceRef '.' event=ident ('(' (args+=expr (',' args+=expr)*)? ')')? ;
scriptCommand : annotation* command=ident '(' (args+=scriptArg (',' args+=scriptArg)*)? ')' ('expect' sws+=HEX (',' sws+=HEX)*)? ';'? ;
scriptArg     : name=ident '=' (hex=HEX | value=expr) ;

// ---------------------------------------------------------------- expressions
expr
    : '(' inner=expr ')'                                         # parenExpr
    | value=intLiteral                                           # intExpr
    | value=('true' | 'false')                                   # boolExpr
    | 'none'                                                     # noneExpr
    | 'self'                                                     # selfExpr
    | 'count' '(' binders+=binder (',' binders+=binder)* '|' body=expr ')'   # countExpr
    | name=ident '(' (args+=expr (',' args+=expr)*)? ')'         # callExpr
    | name=ident                                                 # nameExpr
    | target=expr '.' field=ident                                # fieldExpr
    | op=('!' | '-') operand=expr                                # unaryExpr
    | left=expr op=('*' | '/' | '%') right=expr                  # binaryExpr
    | left=expr op=('+' | '-') right=expr                        # binaryExpr
    | left=expr op=('<' | '<=' | '>' | '>=') right=expr          # binaryExpr
    | left=expr op=('==' | '!=') right=expr                      # binaryExpr
    | subject=expr negated='not'? 'in' '{' members+=ident (',' members+=ident)* '}'   # inExpr
    | subject=expr 'is' negated='not'? member=ident              # isExpr
    | left=expr op='&&' right=expr                               # binaryExpr
    | left=expr op='||' right=expr                               # binaryExpr
    | <assoc=right> left=expr op='=>' right=expr                 # binaryExpr
    | 'if' cond=expr 'then' thenValue=expr 'else' elseValue=expr # conditionalExpr
    | quantifier=('forall' | 'exists') binders+=binder (',' binders+=binder)* ':' body=expr   # quantifiedExpr
    ;

// Words that are keywords only where they stand, so specs may still use them as names.
ident
    : ID | 'aid' | 'owner' | 'parent' | 'pin' | 'file' | 'fid' | 'kind' | 'access' | 'size'
    | 'command' | 'cla' | 'ins' | 'p1' | 'p2' | 'data' | 'le' | 'states' | 'secure' | 'refuse'
    | 'tries' | 'length' | 'charset' | 'model' | 'selected' | 'script' | 'under' | 'to'
    | 'expect' | 'roles' | 'fires' | 'alt' | 'opt' | 'loop' | 'binds' | 'event' | 'domain'
    | 'by' | 'not' | 'where' | 'hot' | 'installed'
    ;

// ---------------------------------------------------------------- lexer
HEX     : '0x' [0-9a-fA-F]+ ;
INT     : [0-9]+ ;
ID      : [a-zA-Z_] [a-zA-Z0-9_]* ;
STRING  : '"' (~["\\\r\n] | '\\' .)* '"' ;
LINE_COMMENT  : '//' ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
WS      : [ \t\r\n\f]+ -> channel(HIDDEN) ;
ERROR_CHAR : . ;
