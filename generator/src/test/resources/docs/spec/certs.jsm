import "types.jsm"

@req PRE-1, PRE-6
@doc "The card's certificate"
machine CardCert(p: Person) {
  initial state Valid
  final state Revoked
  event revoke by Jpki
  @req PRE-6
  on revoke from Valid -> Revoked {
    for ph: Phone, t: CertType where PhoneCert(p, ph, t) in {Active, Suspended} { emit PhoneCert(p, ph, t).cascade() }
  }
}

@req PRE-3, LIFE-7
machine PhoneCert(p: Person, ph: Phone, t: CertType) {
  var suspensions: 0..3
  initial state Absent
  state Active, Suspended
  @doc "keys locked, waiting for deletion"
  final state Revoked
  @weight 3
  event issue by SpTsm
  event suspend by Jpki
  @doc "the phone was found"
  event release by Jpki
  internal event cascade
  event revoke by User
  @req PRE-1, PRE-3
  on issue from Absent -> Active when CardCert(p) is Valid && count(o: Phone | PhoneCert(p, o, t) in {Active, Suspended}) == 0
  on suspend from Active -> Suspended when suspensions < 3 { suspensions = suspensions + 1 }
  @req LIFE-7
  on release from Suspended -> Active when t == Auth
  @doc "a signature certificate is reissued, never released"
  on release from Suspended -> Revoked when t == Sign { emit Pin(ph, t).lock() }
  on cascade from Active, Suspended -> Revoked { emit Pin(ph, t).lock() }
  @unreachable "the card only cascades to issued certificates"
  on cascade from Absent -> Absent
  on revoke from Active, Suspended -> Revoked { emit Pin(ph, t).lock() }
}

@req UX-1, LIFE-6
machine Pin(ph: Phone, t: CertType) {
  var left: 0..5 = 0
  initial state Unset
  @req LIFE-6
  @doc "set by the SP-TSM, never shown"
  state Temporary
  state Set, Blocked
  final state Locked
  event setTemporary by SpTsm
  event change(ok: bool) by User
  event verify(ok: bool) by User
  internal event lock
  on setTemporary from Unset -> Temporary { left = tries(t) }
  on change from Temporary -> Set when ok { left = tries(t) }
  on change from Temporary -> Temporary when !ok
  on verify from Set -> Set when ok { left = tries(t) }
  on verify from Set -> Set when !ok && left > 1 { left = left - 1 }
  on verify from Set -> Blocked when !ok && left <= 1 {
    left = 0
    if t == Sign { emit self.lock() } else { left = 0 }
  }
  @req LIFE-5
  on setTemporary from Blocked -> Temporary when exists p: Person: PhoneCert(p, ph, t) in {Active, Suspended} { left = tries(t) }
  on lock from * -> Locked
  ignore change in Unset
}

@req LIFE-11
monitor NoSignatureAfterRevocation(ph: Phone) {
  var revoked: bool
  initial state Valid
  hot state Pending
  state Done
  on PhoneCert(_, ph, Sign).revoke from Valid -> Pending { revoked = true }
  on PhoneCert(_, ph, Sign).cascade from Valid -> Pending { revoked = true }
  @req LIFE-8
  on Pin(ph, Sign).lock from Pending -> Done
  on Pin(ph, Sign).verify from Pending, Done -> Done when ok && revoked { fail "signature after revocation; see #11 {LIFE}" }
}

@req PRE-3
invariant OnePhonePerCertificate:
  forall p: Person, t: CertType: count(ph: Phone | PhoneCert(p, ph, t) in {Active, Suspended}) <= 1

@req PRE-6
invariant RevokedCardRevokesPhones:
  forall p: Person, ph: Phone, t: CertType: CardCert(p) is Revoked => PhoneCert(p, ph, t) not in {Active, Suspended}

@req FOO-1
@doc "a citation REQUIREMENTS.md does not define"
invariant PinTriesBounded: forall ph: Phone: exists t: CertType: Pin(ph, t).left <= tries(t)
