enum PinKind { Auth, Sign }
domain Phone
role User, SpTsm

fun limit(k: PinKind): 0..5 = if k == Auth then 3 else 5

@req UX-1, LIFE-6
machine Pin(phone: Phone, kind: PinKind) {
  var tries: 0..5 = 0
  initial state Unset
  state Temporary, Set, Blocked
  event setTemporary by SpTsm
  event change(ok: bool) by User
  event verify(ok: bool) by User
  @req LIFE-6
  on setTemporary from Unset -> Temporary { tries = limit(kind) }
  on change from Temporary -> Set when ok { tries = limit(kind) }
  on change from Temporary -> Temporary when !ok
  on verify from Set -> Set when ok { tries = limit(kind) }
  on verify from Set -> Set when !ok && tries > 1 { tries = tries - 1 }
  on verify from Set -> Blocked when !ok && tries == 1 { tries = 0 }
  on setTemporary from Blocked -> Temporary { tries = limit(kind) }
}

@req UX-1
invariant TriesBounded: forall p: Phone, k: PinKind: Pin(p, k).tries <= limit(k)

system Default { Phone = 2 }
machine Counter(p: Phone) {
  var hits: 0..3
  var owner: Phone?
  initial state Idle
  state Busy
  event poke(n: 0..1) by User
  internal event ping(k: PinKind)
  on poke from Idle -> Busy when n == 1 { hits = hits + 1; owner = p; emit Pin(p, Auth).verify(false) }
  on poke from Idle -> Idle when n == 0 { for q: Phone where q != p { emit Counter(q).ping(Sign) } }
  on poke from Busy -> Idle
  on ping from Idle, Busy -> Idle when exists k2: PinKind: Pin(p, k2) is Blocked
  ignore ping in Idle, Busy
}
monitor NoBlockedAuth(ph: Phone) {
  initial state Ok
  state Bad
  on Pin(ph, Auth).verify from Ok -> Bad when !ok && Pin(ph, Auth).tries == 0 { fail "auth PIN blocked" }
}
machine Card(phone: Phone) {
  initial state Installed
  state Active
  final state Wiped
  event personalize by SpTsm
  event sign by User
  event wipe by SpTsm
  on wipe from Active -> Wiped
  on personalize from Installed -> Active
  on sign from Active -> Active
}
enum KeyRef { AuthKey = 0x17, SignKey = 0x1A }
applet CardAp binds Card {
  aid 0xD392F000260100000001
  pin AuthPin { tries 3 length 4..4 charset digits model Pin(phone, Auth) }
  file AuthKey { fid 0x0017 kind key access pin AuthPin }
  file Token { fid 0x0006 }
  command SELECT_EF { cla 0x00 ins 0xA4 p1 0x02 p2 0x0C states * }
  command SIGN { cla 0x80 ins 0x2A p1 0x00 p2 0x80 states Active pin selected event sign }
  command GEN(key: KeyRef) { cla 0x80 ins 0x46 p1 0x00 p2 key states Installed secure C_MAC + C_DEC + R_MAC + R_ENC event personalize }
}
role SeiTsm
securitydomain SpSd { aid 0xA0000001515350 owner SpTsm }
protocol Issue(ph: Phone, k: KeyRef) {
  roles SpTsm, User
  @doc "keys first, then the PIN: a key is never without its PIN (*/ & <b>)"
  SpTsm -> User: script Personalize under SpSd to CardAp {
    GEN(key = AuthKey) expect 0x9000, 0x6985
    GEN(key = k)
    GEN()
  }
  User -> SpTsm: done fires Card(ph).personalize()
}
