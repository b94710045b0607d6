// Safety properties as invariants (checked after every step) and monitors (observers of the
// transitions taken, with their own state). Monitors rebuild what they need from events alone,
// so they cross-check the machines' guards instead of restating them.
import "types.jsm"
import "certificates.jsm"
import "applet.jsm"
import "pins.jsm"
import "handset.jsm"
import "se.jsm"

// ------------------------------------------------------------------ certificates (PRE)

@req PRE-3, LIFE-1
@doc "One phone per certificate: a person's valid phone certificate of a type is on at most one phone."
invariant OnePhonePerCertificate:
  forall p: Person, t: CertType: count(ph: Phone | PhoneCert(p, ph, t) in {Active, Suspended}) <= 1

@req PRE-3, LIFE-1
@doc "At most one application per person and type runs at a time."
invariant OneApplicationAtATime:
  forall p: Person, t: CertType: count(ph: Phone | PhoneCert(p, ph, t) is Issuing) <= 1

@req PRE-3
@doc "A phone serves one card holder at a time (design decision: the applet has one pair of PINs)."
invariant OnePersonPerPhone:
  forall ph: Phone: count(p: Person | exists t: CertType: PhoneCert(p, ph, t) in {Issuing, Active, Suspended}) <= 1

@req PRE-1, PRE-5
@doc "No phone certificate (nor application) without a valid linked card certificate."
invariant NoPhoneCertificateWithoutValidCard:
  forall p: Person, ph: Phone, t: CertType:
    PhoneCert(p, ph, t) in {Issuing, Active, Suspended} => CardCert(p, t) is Active

@req PRE-4
@doc "Same expiry: once the card certificate expired no linked phone certificate is valid (and phone certificates have no expiry of their own: only cardExpired leads to Expired)."
invariant SameExpiry:
  forall p: Person, t: CertType:
    CardCert(p, t) is Expired => (forall ph: Phone: PhoneCert(p, ph, t) not in {Issuing, Active, Suspended})

@req PRE-6
@doc "Linked revocation: a revoked card certificate leaves no valid linked phone certificate."
invariant CardRevocationRevokesPhoneCertificates:
  forall p: Person, t: CertType:
    CardCert(p, t) is Revoked => (forall ph: Phone: PhoneCert(p, ph, t) not in {Issuing, Active, Suspended})

@req LIFE-11
@doc "A valid certificate's key is never locked (the SP-TSM locks only keys of dead certificates)."
invariant ValidCertificateKeyNotLocked:
  forall p: Person, ph: Phone, t: CertType:
    PhoneCert(p, ph, t) in {Active, Suspended} => KeySlot(ph, t) is not Locked

// ------------------------------------------------------------------ PINs (UX, LIFE-6)

@req UX-1
@doc "Tries never exceed the limit of the PIN; a blocked PIN has none left and is never verified."
invariant PinTriesWithinLimit:
  forall ph: Phone, t: CertType:
    Pin(ph, t).tries <= limit(t)
      && (Pin(ph, t) is Blocked => (Pin(ph, t).tries == 0 && !Pin(ph, t).verified))
      && (Pin(ph, t) is Unset => !Pin(ph, t).verified)

@req LIFE-8, UX-1
@doc "A PIN exists exactly while its slot holds a certified (or locked) key."
invariant PinFollowsKeySlot:
  forall ph: Phone, t: CertType:
    (KeySlot(ph, t) in {Empty, Generated} => Pin(ph, t) is Unset)

@req PRE-2, PRE-7
@doc "A certified (or locked) key has its CA certificate stored before its own; an empty slot has none."
invariant CaCertificateStoredFirst:
  forall ph: Phone, t: CertType:
    (KeySlot(ph, t) in {Certified, Locked} => KeySlot(ph, t).caStored)
      && (KeySlot(ph, t) is Empty => !KeySlot(ph, t).caStored)

// ------------------------------------------------------------------ the applet (SYS-6)

@req SYS-6, LIFE-6, LIFE-11
@doc "The applet state is the summary of its slots described in applet.jsm (first match wins)."
invariant AppletStateSummarisesSlots:
  forall ph: Phone:
    (JpkiApplet(ph) is KeysGenerated) == (exists t: CertType: KeySlot(ph, t) is Generated)
    && (JpkiApplet(ph) is CertsStored) == (!(exists t: CertType: KeySlot(ph, t) is Generated)
         && (exists t: CertType: KeySlot(ph, t) is Certified && Pin(ph, t) is Unset))
    && (JpkiApplet(ph) is TemporaryPin) == (!(exists t: CertType: KeySlot(ph, t) is Generated)
         && !(exists t: CertType: KeySlot(ph, t) is Certified && Pin(ph, t) is Unset)
         && (exists t: CertType: KeySlot(ph, t) is Certified && Pin(ph, t) is Temporary))
    && (JpkiApplet(ph) is Active) == (!(exists t: CertType: KeySlot(ph, t) is Generated)
         && !(exists t: CertType: KeySlot(ph, t) is Certified && Pin(ph, t) in {Unset, Temporary})
         && (exists t: CertType: KeySlot(ph, t) is Certified && Pin(ph, t) in {Set, Blocked}))
    && (JpkiApplet(ph) is KeysLocked) == ((forall t: CertType: KeySlot(ph, t) in {Locked, Empty})
         && (exists t: CertType: KeySlot(ph, t) is Locked))
    && (JpkiApplet(ph) in {Absent, Installed, Wiped}) == (forall t: CertType: KeySlot(ph, t) is Empty)

@req SYS-1, ACC-1, PRE-7
@doc "The applet exists only inside the personalized SP domain and only with its ARA rule stored."
invariant AppletNeverWithoutAccessRule:
  forall ph: Phone:
    JpkiApplet(ph) is not Absent => (AccessRules(ph) is RuleStored && SecureElement(ph) is SpDomainPersonalized)

// ------------------------------------------------------------------ access (ACC, PRE-8)

@req ACC-1, ACC-2
@doc "Only the whitelisted JPKI app holds a channel to the applet, and only while the rule, the app and the applet exist."
invariant ChannelOnlyForWhitelistedApp:
  forall ph: Phone:
    Omapi(ph) is Open => (AccessRules(ph) is RuleStored && Handset(ph) is AppInstalled && JpkiApplet(ph) is not Absent)

@req PRE-8, ACC-1
@doc "The SP-TSM's SCP03 session with the applet runs only through the app's channel."
invariant SpSessionOnlyThroughTheApp:
  forall ph: Phone:
    ScpSession(ph, SpKeys) in {Initialized, Open} => Omapi(ph) is Open

// ------------------------------------------------------------------ deletion and push tokens (LIFE-8, LIFE-13)

@req LIFE-8, LIFE-9
@doc "Every key left on a phone without a valid (or pending) certificate is owed a deletion."
invariant DeadKeysAreScheduledForDeletion:
  forall ph: Phone, t: CertType:
    (KeySlot(ph, t) in {Certified, Locked}
      && !(exists p: Person: PhoneCert(p, ph, t) in {Issuing, Active, Suspended}))
    => Deletion(ph, t) in {Pending, Delivered}

@req LIFE-8
@doc "A deletion is owed only while the key is still there."
invariant DeletionOwedOnlyForPresentKeys:
  forall ph: Phone, t: CertType:
    Deletion(ph, t) in {Pending, Delivered} => KeySlot(ph, t) is not Empty

@req LIFE-13
@doc "A registered token always belongs to the app instance installed now (reinstall and reset invalidate it)."
invariant RegisteredTokenBelongsToInstalledApp:
  forall p: Person, ph: Phone:
    PushToken(p, ph) is Registered => Handset(ph) is AppInstalled

// ------------------------------------------------------------------ monitors: signatures (LIFE-11, LIFE-6, UX-1)

@req LIFE-11
@doc "No relying party accepts a signature made while the slot's certificate was not valid (revoked, suspended, expired), even when the phone was offline and signed."
monitor NoAcceptedSignatureAfterRevocation(phone: Phone, type: CertType) {
  @doc "The last signature of this slot was made while its certificate was not valid."
  var tainted: bool
  initial state CertNotValid
  state CertValid

  on PhoneCert(_, phone, type).issue from * -> CertValid
  on PhoneCert(_, phone, type).release from * -> CertValid
  on PhoneCert(_, phone, type).suspend from * -> CertNotValid
  on PhoneCert(_, phone, type).revoke from * -> CertNotValid
  on PhoneCert(_, phone, type).revokeByCallCentre from * -> CertNotValid
  on PhoneCert(_, phone, type).replace from * -> CertNotValid
  on PhoneCert(_, phone, type).cardRevoked from * -> CertNotValid
  on PhoneCert(_, phone, type).cardExpired from * -> CertNotValid
  on JpkiApplet(phone).sign from CertValid -> CertValid when key == type { tainted = false }
  @doc "Allowed on an offline phone the lock has not reached, but the signature must never be accepted."
  on JpkiApplet(phone).sign from CertNotValid -> CertNotValid when key == type { tainted = true }
  on Signature(phone, type).accept from CertValid -> CertValid when tainted { fail "accepted a signature made while the certificate was not valid" }
  on Signature(phone, type).accept from CertNotValid -> CertNotValid when tainted { fail "accepted a signature made while the certificate was not valid" }
  on Signature(phone, type).reject from CertValid -> CertValid { tainted = false }
  on Signature(phone, type).reject from CertNotValid -> CertNotValid { tainted = false }
  on Signature(phone, type).discard from CertValid -> CertValid { tainted = false }
  on Signature(phone, type).discard from CertNotValid -> CertNotValid { tainted = false }
}

@req LIFE-11
@doc "The applet never signs with a key it was told to lock."
monitor LockedKeyNeverSigns(phone: Phone, type: CertType) {
  initial state Unlocked
  state Locked
  on KeySlot(phone, type).lock from Unlocked -> Locked
  on KeySlot(phone, type).erase from Locked -> Unlocked
  on KeySlot(phone, type).destroy from Locked -> Unlocked
  on JpkiApplet(phone).sign from Locked -> Locked when key == type { fail "signature with a locked key" }
}

@req LIFE-6, PRE-9
@doc "No signature under a temporary PIN (nor without any PIN): only after the user set the own PIN."
monitor NoSignatureUnderTemporaryPin(phone: Phone, type: CertType) {
  initial state NoUserPin
  state TemporaryOnly, UserPin
  on Pin(phone, type).setTemporary from * -> TemporaryOnly
  on Pin(phone, type).reset from * -> TemporaryOnly
  on Pin(phone, type).change from TemporaryOnly, UserPin -> UserPin
  on Pin(phone, type).wipe from * -> NoUserPin
  on JpkiApplet(phone).sign from TemporaryOnly -> TemporaryOnly when key == type { fail "signature under a temporary PIN" }
  on JpkiApplet(phone).sign from NoUserPin -> NoUserPin when key == type { fail "signature without a PIN" }
}

@req UX-1
@doc "Counts wrong entries independently of Pin: 3 (PIN) or 5 (password) wrong in a row block it; a correct entry resets the count; a blocked PIN authorises nothing."
monitor PinTryLimit(phone: Phone, type: CertType) {
  var wrong: 0..5
  initial state Counting
  on Pin(phone, type).verify from Counting -> Counting when ok && wrong < limit(type) { wrong = 0 }
  on Pin(phone, type).verify from Counting -> Counting when !ok && wrong < limit(type) { wrong = wrong + 1 }
  on Pin(phone, type).verify from Counting -> Counting when wrong >= limit(type) { fail "a blocked PIN was tried" }
  on Pin(phone, type).setTemporary from Counting -> Counting { wrong = 0 }
  on Pin(phone, type).reset from Counting -> Counting { wrong = 0 }
  on Pin(phone, type).wipe from Counting -> Counting { wrong = 0 }
  on JpkiApplet(phone).sign from Counting -> Counting when key == type && wrong >= limit(type) { fail "signature with a blocked PIN" }
}

// ------------------------------------------------------------------ monitors: secure channels (PRE-8)

@req PRE-8, CRY-3
@doc "Issuance (keys, certificates, temporary PINs, locks, wipes) happens only inside an SCP03 session with the SP domain's keys."
monitor IssuanceOnlyUnderScp03(phone: Phone) {
  initial state NoSession
  state Session
  on ScpSession(phone, SpKeys).authenticate from * -> Session
  on ScpSession(phone, SpKeys).initialize from * -> NoSession
  on ScpSession(phone, SpKeys).authFailed from * -> NoSession
  on ScpSession(phone, SpKeys).close from * -> NoSession
  on KeySlot(phone, _).generate from NoSession -> NoSession { fail "key generated outside SCP03" }
  on KeySlot(phone, _).certify from NoSession -> NoSession { fail "certificate stored outside SCP03" }
  on KeySlot(phone, _).lock from NoSession -> NoSession { fail "key locked outside SCP03" }
  on KeySlot(phone, _).erase from NoSession -> NoSession { fail "key wiped outside SCP03" }
  on Pin(phone, _).setTemporary from NoSession -> NoSession { fail "temporary PIN set outside SCP03" }
  on Pin(phone, _).reset from NoSession -> NoSession { fail "PIN reset outside SCP03" }
}

@req PRE-8, PRE-7, SYS-1
@doc "Card content management and ARA rules change only inside an SCP03 session with the ISD keys; the SP domain's own data and keys only inside a session with the domain itself."
monitor ContentManagementOnlyUnderScp03(phone: Phone) {
  @doc "An SCP03 session with the SP domain itself is open."
  var domainSession: bool
  initial state NoSession
  state Session
  on ScpSession(phone, IssuerKeys).authenticate from * -> Session
  on ScpSession(phone, IssuerKeys).initialize from * -> NoSession
  on ScpSession(phone, IssuerKeys).authFailed from * -> NoSession
  on ScpSession(phone, IssuerKeys).close from * -> NoSession
  on ScpSession(phone, HandOverKeys).authenticate from * -> * { domainSession = true }
  on ScpSession(phone, HandOverKeys).initialize from * -> * { domainSession = false }
  on ScpSession(phone, HandOverKeys).authFailed from * -> * { domainSession = false }
  on ScpSession(phone, HandOverKeys).close from * -> * { domainSession = false }
  on SecureElement(phone).install from NoSession -> NoSession { fail "INSTALL outside SCP03" }
  on SecureElement(phone).delete from NoSession -> NoSession { fail "DELETE outside SCP03" }
  on SecureElement(phone).setStatus from NoSession -> NoSession { fail "SET STATUS outside SCP03" }
  on AccessRules(phone).updateRules from NoSession -> NoSession { fail "ARA rule changed outside SCP03" }
  on SecureElement(phone).putKey from * -> * when !domainSession { fail "PUT KEY outside SCP03" }
  on SecureElement(phone).storeData from * -> * when !domainSession { fail "STORE DATA outside SCP03" }
}

// ------------------------------------------------------------------ monitors: access, life cycle

@req ACC-2
@doc "Business apps only ever get uses served (sign, authenticate, read the certificate)."
monitor BusinessAppsOnlyUse(phone: Phone) {
  initial state Watching
  on Handset(phone).serveIntent from Watching -> Watching when !isUse(op) { fail "a business app reached issuance or management" }
}

@req UX-2
@doc "Biometric unlock never stands in for the signature password."
monitor BiometricsOnlyForAuthentication(phone: Phone) {
  initial state Watching
  on Handset(phone).pinReleased from Watching -> Watching when key == Sign { fail "biometrics released the signature password" }
}

@req LIFE-7
@doc "A suspended signature certificate is never released: it is revoked and reissued."
monitor SignatureCertificateNeverReleased {
  initial state Watching
  on PhoneCert(_, _, Sign).release from Watching -> Watching { fail "signature certificate released from suspension" }
}

@req LIFE-8, LIFE-9, LIFE-3, LIFE-10
@doc "Liveness: a key whose certificate was revoked, expired or abandoned is eventually deleted (push and script once the phone is online, or a cooperating reset, or the shop)."
monitor DeletionEventuallyHappens(phone: Phone, type: CertType) {
  initial state NoKey
  state KeyInUse
  hot state MustDelete
  on KeySlot(phone, type).generate from NoKey -> KeyInUse
  on KeySlot(phone, type).erase from KeyInUse, MustDelete -> NoKey
  on KeySlot(phone, type).destroy from KeyInUse, MustDelete -> NoKey
  on PhoneCert(_, phone, type).revoke from KeyInUse -> MustDelete
  on PhoneCert(_, phone, type).revokeByCallCentre from KeyInUse -> MustDelete
  on PhoneCert(_, phone, type).replace from KeyInUse -> MustDelete
  on PhoneCert(_, phone, type).cardRevoked from KeyInUse -> MustDelete
  on PhoneCert(_, phone, type).cardExpired from KeyInUse -> MustDelete
  on PhoneCert(_, phone, type).abandon from KeyInUse -> MustDelete
}
