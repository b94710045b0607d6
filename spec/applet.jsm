// The JPKI applet on a phone's secure element: its key slots, its life cycle (GP life cycle plus
// its own application-specific states), and its APDU interface: the card-compatible commands a
// terminal written for the Individual Number Card uses unchanged, and our issuance commands,
// accepted only under SCP03 (level 33) with the SP domain's keys.
//
// The applet state summarises the two key slots (KeySlot) and PINs (Pin), first match wins:
//   a slot Generated                        -> KeysGenerated  (issuance: certificate not stored)
//   a slot Certified with its PIN Unset      -> CertsStored    (temporary PIN not set yet)
//   a slot Certified with its PIN Temporary  -> TemporaryPin   (the user's PIN not set yet)
//   a slot Certified with its PIN Set/Blocked-> Active
//   a slot Locked                            -> KeysLocked     (revoked, deletion owed)
//   all slots Empty                          -> Installed (never personalized) or Wiped
// so while an issuance or PIN-reset session runs, the applet serves no signature (the invariant
// AppletStateSummarisesSlots checks the rule). The selected EF is not model state: usage events
// carry the EF, key or PIN they concern, which stands for the EF selected before. One logical
// channel to the applet is modelled: a SELECT of the AP over either interface ends the SP
// session and forgets PIN verification. The GP application state LOCKED is not used (keys are
// locked one by one with LOCK KEY instead).
import "types.jsm"
import "pins.jsm"
import "certificates.jsm"
import "handset.jsm"
import "se.jsm"

@req SYS-6, CRY-1, STD-2, PRE-7
@doc "Key slot t of phone ph's applet: an RSA-2048 key pair generated in the SE (never leaves it) and its certificates."
machine KeySlot(ph: Phone, t: CertType) {
  @req PRE-2
  @doc "The CA certificate of the slot is stored (STORE CERTIFICATE takes the CA certificate first)."
  var caStored: bool

  initial state Empty
  @req CRY-1, PRE-7
  @doc "Key pair generated in the SE; the SP-TSM reads the public key for the CA."
  state Generated
  @req PRE-2
  @doc "End-entity certificate (and its CA certificate) stored."
  state Certified
  @req LIFE-11
  @doc "Locked after revocation: no signature ever again; waiting to be wiped."
  state Locked

  @req CRY-1
  internal event generate
  @req PRE-2
  @doc "The last block of the slot's CA certificate arrived."
  internal event storeCa
  @req PRE-2
  @doc "A block before the last one of the slot's CA certificate: the EF holds no complete certificate until its last block (block 0 starts it over)."
  internal event restartCa
  internal event certify
  @req LIFE-11
  internal event lock
  @req LIFE-8
  @doc "WIPE KEY erased key, certificates and PIN."
  internal event erase
  @req LIFE-10
  @doc "GP DELETE of the JPKI instance took the slot with it."
  internal event destroy

  @req CRY-1
  on generate from Empty -> Generated { caStored = false  emit Signature(ph, t).discard() }
  @req PRE-2
  on storeCa from Generated -> Generated { caStored = true }
  @req PRE-2
  on restartCa from Generated -> Generated { caStored = false }
  on certify from Generated -> Certified
  @req LIFE-11
  on lock from Certified -> Locked
  @req LIFE-8
  on erase from Generated, Certified, Locked -> Empty { caStored = false  emit Deletion(ph, t).done() }
  @req LIFE-10
  on destroy from Generated, Certified, Locked -> Empty { caStored = false  emit Deletion(ph, t).done() }
  ignore destroy in Empty
}

@req SYS-6, STD-1, ACC-3, PRE-2, LIFE-12
@doc "The JPKI applet instance of one phone: absent until the SEI-TSM installs it, then its own life cycle within GP SELECTABLE."
machine JpkiApplet(ph: Phone) {
  @doc "No JPKI instance on the SE (not prepared yet, or deleted by the ISD)."
  initial state Absent
  @req UX-3, SYS-1
  @doc "Installed and selectable (GP 07), empty: ready for the initial setting (UX-3 phase 2)."
  state Installed
  @req CRY-1, PRE-7
  @doc "A key pair was generated in this session; its certificate is not stored yet."
  state KeysGenerated
  @req PRE-2
  @doc "Certificates stored; the temporary PIN is not set yet."
  state CertsStored
  @req LIFE-6, PRE-9
  @doc "A temporary PIN is set; the app changes it to the user's PIN in the same session."
  state TemporaryPin
  @req ACC-3, LIFE-1
  @doc "In use: at least one key is certified with the user's PIN (the card-compatible interface works)."
  state Active
  @req LIFE-11
  @doc "Every remaining key is locked after revocation; waiting for deletion."
  state KeysLocked
  @req LIFE-8
  @doc "Keys, certificates and PINs were wiped; the applet can be personalized again."
  state Wiped

  @req SYS-1
  internal event install
  @req LIFE-10
  internal event delete

  @req ACC-3
  @doc "SELECT 00 A4 04 0C of the JPKI AID: ends any SP session, forgets PIN verification."
  @weight 3
  event selectAp by User
  @req ACC-3
  @weight 1
  event selectFile(file: Ef) by User
  @req ACC-3, LIFE-12
  @doc "READ BINARY of the selected EF (token info JPKIAPGPSETOKEN tells a phone from a card)."
  @weight 2
  event readBinary(file: Ef) by User
  @req UX-1, ACC-3
  @doc "VERIFY of the selected PIN EF: no data (63Cx), the right PIN, or a well-formed wrong one (a malformed PIN answers 6A80 and costs no try: no model event)."
  @weight 5
  event verify(ref: CertType, entry: PinEntry) by User
  @req PRE-9, LIFE-5
  @doc "CHANGE REFERENCE DATA of the selected, verified PIN EF."
  @weight 5
  event changePin(ref: CertType) by User
  @req CRY-2, ACC-3, LIFE-11
  @doc "COMPUTE DIGITAL SIGNATURE with the selected key (PKCS#1 v1.5 type 01 over the DigestInfo)."
  @weight 5
  event sign(key: CertType) by User
  @req LIFE-10
  @doc "READ STATUS: applet state and key slot states, no personal data (shop check over NFC)."
  @weight 1
  event readStatus by Shop
  @req PRE-8, CRY-3, CRY-4
  @doc "INITIALIZE UPDATE through the SP domain, relayed by the app over its OMAPI channel."
  @weight 4
  event initializeUpdate by SpTsm
  @req PRE-8, CRY-3
  @doc "EXTERNAL AUTHENTICATE at level 33; ok = false: a host cryptogram that does not verify (no SP keys)."
  @weight 4
  event externalAuthenticate(ok: bool) by SpTsm
  @req CRY-1, PRE-7, PRE-8, PRE-2
  @weight 5
  event generateKey(key: CertType) by SpTsm
  @req PRE-7, PRE-8
  @weight 3
  event readPublicKey(key: CertType) by SpTsm
  @req PRE-8, PRE-2
  @doc "STORE CERTIFICATE of one block; last = the block that completes the certificate (P2 bit 80)."
  @weight 5
  event storeCert(file: CertFile, last: bool) by SpTsm
  @req LIFE-6, LIFE-5, PRE-8
  @weight 5
  event setTempPin(key: CertType) by SpTsm
  @req LIFE-11, PRE-8
  @weight 3
  event lockKey(key: CertType) by SpTsm
  @req LIFE-8, PRE-8
  @weight 3
  event wipeKey(key: CertType) by SpTsm

  // ---------------------------------------------------------------- GP life cycle

  @req SYS-1, UX-3
  on install from Absent -> Installed
  @req LIFE-10
  @doc "GP DELETE: keys, certificates and PINs go with the instance; channel and sessions close."
  on delete from Installed, KeysGenerated, CertsStored, TemporaryPin, Active, KeysLocked, Wiped -> Absent {
    emit Omapi(ph).closeChannel()
    emit ScpSession(ph, SpKeys).close()
    for t: CertType {
      emit KeySlot(ph, t).destroy()
      emit Pin(ph, t).wipe()
    }
  }
  ignore delete in Absent

  // ---------------------------------------------------------------- SELECT of the AP

  @req ACC-3
  on selectAp from Installed -> Installed { emit ScpSession(ph, SpKeys).close()  emit Pin(ph, Auth).clearVerified()  emit Pin(ph, Sign).clearVerified() }
  on selectAp from KeysGenerated -> KeysGenerated { emit ScpSession(ph, SpKeys).close()  emit Pin(ph, Auth).clearVerified()  emit Pin(ph, Sign).clearVerified() }
  on selectAp from CertsStored -> CertsStored { emit ScpSession(ph, SpKeys).close()  emit Pin(ph, Auth).clearVerified()  emit Pin(ph, Sign).clearVerified() }
  on selectAp from TemporaryPin -> TemporaryPin { emit ScpSession(ph, SpKeys).close()  emit Pin(ph, Auth).clearVerified()  emit Pin(ph, Sign).clearVerified() }
  on selectAp from Active -> Active { emit ScpSession(ph, SpKeys).close()  emit Pin(ph, Auth).clearVerified()  emit Pin(ph, Sign).clearVerified() }
  on selectAp from KeysLocked -> KeysLocked { emit ScpSession(ph, SpKeys).close()  emit Pin(ph, Auth).clearVerified()  emit Pin(ph, Sign).clearVerified() }
  on selectAp from Wiped -> Wiped { emit ScpSession(ph, SpKeys).close()  emit Pin(ph, Auth).clearVerified()  emit Pin(ph, Sign).clearVerified() }

  // ---------------------------------------------------------------- SELECT EF, READ BINARY, READ STATUS

  @doc "Selecting an EF changes no model state; a verification survives it."
  on selectFile from Installed -> Installed
  on selectFile from KeysGenerated -> KeysGenerated
  on selectFile from CertsStored -> CertsStored
  on selectFile from TemporaryPin -> TemporaryPin
  on selectFile from Active -> Active
  on selectFile from KeysLocked -> KeysLocked
  on selectFile from Wiped -> Wiped

  @req ACC-3
  @doc "Token info always; certificates once stored; the signature certificate (4 basic information items) only after the signature password."
  on readBinary from Installed -> Installed
    when file == TokenInfoEf || (isCertEf(file) && KeySlot(ph, slotOf(file)) in {Certified, Locked} && (file != SignCertEf || Pin(ph, Sign).verified))
  on readBinary from KeysGenerated -> KeysGenerated
    when file == TokenInfoEf || (isCertEf(file) && KeySlot(ph, slotOf(file)) in {Certified, Locked} && (file != SignCertEf || Pin(ph, Sign).verified))
  on readBinary from CertsStored -> CertsStored
    when file == TokenInfoEf || (isCertEf(file) && KeySlot(ph, slotOf(file)) in {Certified, Locked} && (file != SignCertEf || Pin(ph, Sign).verified))
  on readBinary from TemporaryPin -> TemporaryPin
    when file == TokenInfoEf || (isCertEf(file) && KeySlot(ph, slotOf(file)) in {Certified, Locked} && (file != SignCertEf || Pin(ph, Sign).verified))
  on readBinary from Active -> Active
    when file == TokenInfoEf || (isCertEf(file) && KeySlot(ph, slotOf(file)) in {Certified, Locked} && (file != SignCertEf || Pin(ph, Sign).verified))
  on readBinary from KeysLocked -> KeysLocked
    when file == TokenInfoEf || (isCertEf(file) && KeySlot(ph, slotOf(file)) in {Certified, Locked} && (file != SignCertEf || Pin(ph, Sign).verified))
  on readBinary from Wiped -> Wiped
    when file == TokenInfoEf || (isCertEf(file) && KeySlot(ph, slotOf(file)) in {Certified, Locked} && (file != SignCertEf || Pin(ph, Sign).verified))

  @req LIFE-10
  on readStatus from Installed -> Installed
  on readStatus from KeysGenerated -> KeysGenerated
  on readStatus from CertsStored -> CertsStored
  on readStatus from TemporaryPin -> TemporaryPin
  on readStatus from Active -> Active
  on readStatus from KeysLocked -> KeysLocked
  on readStatus from Wiped -> Wiped

  // ---------------------------------------------------------------- VERIFY (answers in every state)

  @req UX-1
  @doc "No data: 63Cx. Data: reaches a temporary or set PIN; an unset PIN answers 6984, a blocked one 6983, nothing changes."
  on verify from Installed -> Installed { if entry != NoEntry && Pin(ph, ref) in {Temporary, Set} { emit Pin(ph, ref).verify(entry == Correct) } }
  on verify from KeysGenerated -> KeysGenerated { if entry != NoEntry && Pin(ph, ref) in {Temporary, Set} { emit Pin(ph, ref).verify(entry == Correct) } }
  on verify from CertsStored -> CertsStored { if entry != NoEntry && Pin(ph, ref) in {Temporary, Set} { emit Pin(ph, ref).verify(entry == Correct) } }
  @req LIFE-6, UX-1
  @doc "The last wrong try blocks the last temporary PIN: the applet is in use with a blocked PIN, only a reset (LIFE-5) helps."
  on verify from TemporaryPin -> Active
    when entry == Wrong && Pin(ph, ref) is Temporary && Pin(ph, ref).tries <= 1 && KeySlot(ph, ref) is Certified
      && !(KeySlot(ph, other(ref)) is Certified && Pin(ph, other(ref)) is Temporary) {
    emit Pin(ph, ref).verify(false)
  }
  @req LIFE-6
  on verify from TemporaryPin -> TemporaryPin
    when !(entry == Wrong && Pin(ph, ref) is Temporary && Pin(ph, ref).tries <= 1 && KeySlot(ph, ref) is Certified
      && !(KeySlot(ph, other(ref)) is Certified && Pin(ph, other(ref)) is Temporary)) {
    if entry != NoEntry && Pin(ph, ref) in {Temporary, Set} { emit Pin(ph, ref).verify(entry == Correct) }
  }
  @req UX-1
  on verify from Active -> Active { if entry != NoEntry && Pin(ph, ref) in {Temporary, Set} { emit Pin(ph, ref).verify(entry == Correct) } }
  on verify from KeysLocked -> KeysLocked { if entry != NoEntry && Pin(ph, ref) in {Temporary, Set} { emit Pin(ph, ref).verify(entry == Correct) } }
  on verify from Wiped -> Wiped { if entry != NoEntry && Pin(ph, ref) in {Temporary, Set} { emit Pin(ph, ref).verify(entry == Correct) } }
  ignore verify in Absent

  // ---------------------------------------------------------------- CHANGE REFERENCE DATA

  @req PRE-9, LIFE-6
  @doc "The temporary PIN becomes the user's; another temporary PIN still waits."
  on changePin from TemporaryPin -> TemporaryPin
    when Pin(ph, ref) is Temporary && Pin(ph, ref).verified && KeySlot(ph, ref) is Certified
      && KeySlot(ph, other(ref)) is Certified && Pin(ph, other(ref)) is Temporary {
    emit Pin(ph, ref).change()
  }
  @req PRE-9, LIFE-6, LIFE-5
  @doc "The last temporary PIN becomes the user's: the applet is in use."
  on changePin from TemporaryPin -> Active
    when Pin(ph, ref) is Temporary && Pin(ph, ref).verified && KeySlot(ph, ref) is Certified
      && !(KeySlot(ph, other(ref)) is Certified && Pin(ph, other(ref)) is Temporary) {
    emit Pin(ph, ref).change()
  }
  @doc "The user changes the other, already set PIN while a temporary one waits."
  on changePin from TemporaryPin -> TemporaryPin
    when Pin(ph, ref) is Set && Pin(ph, ref).verified && KeySlot(ph, ref) is Certified {
    emit Pin(ph, ref).change()
  }
  @req UX-1
  @doc "The user changes an own PIN after verifying it."
  on changePin from Active -> Active
    when Pin(ph, ref) is Set && Pin(ph, ref).verified && KeySlot(ph, ref) is Certified {
    emit Pin(ph, ref).change()
  }

  // ---------------------------------------------------------------- COMPUTE DIGITAL SIGNATURE

  @req CRY-2, LIFE-6, LIFE-11, UX-1
  @doc "Only a certified, unlocked key, with the user's own PIN (never a temporary or blocked one) verified."
  on sign from Active -> Active when KeySlot(ph, key) is Certified && Pin(ph, key) is Set && Pin(ph, key).verified {
    emit Signature(ph, key).made()
  }

  // ---------------------------------------------------------------- SCP03 with the SP domain

  @req PRE-8, CRY-4
  @doc "Only over the app's OMAPI channel, with the TSM reachable."
  on initializeUpdate from Installed -> Installed when Omapi(ph) is Open && Handset(ph).online { emit ScpSession(ph, SpKeys).initialize() }
  on initializeUpdate from KeysGenerated -> KeysGenerated when Omapi(ph) is Open && Handset(ph).online { emit ScpSession(ph, SpKeys).initialize() }
  on initializeUpdate from CertsStored -> CertsStored when Omapi(ph) is Open && Handset(ph).online { emit ScpSession(ph, SpKeys).initialize() }
  on initializeUpdate from TemporaryPin -> TemporaryPin when Omapi(ph) is Open && Handset(ph).online { emit ScpSession(ph, SpKeys).initialize() }
  on initializeUpdate from Active -> Active when Omapi(ph) is Open && Handset(ph).online { emit ScpSession(ph, SpKeys).initialize() }
  on initializeUpdate from KeysLocked -> KeysLocked when Omapi(ph) is Open && Handset(ph).online { emit ScpSession(ph, SpKeys).initialize() }
  on initializeUpdate from Wiped -> Wiped when Omapi(ph) is Open && Handset(ph).online { emit ScpSession(ph, SpKeys).initialize() }

  @req PRE-8, CRY-3
  on externalAuthenticate from Installed -> Installed when ScpSession(ph, SpKeys) is Initialized {
    if ok { emit ScpSession(ph, SpKeys).authenticate() } else { emit ScpSession(ph, SpKeys).authFailed() }
  }
  on externalAuthenticate from KeysGenerated -> KeysGenerated when ScpSession(ph, SpKeys) is Initialized {
    if ok { emit ScpSession(ph, SpKeys).authenticate() } else { emit ScpSession(ph, SpKeys).authFailed() }
  }
  on externalAuthenticate from CertsStored -> CertsStored when ScpSession(ph, SpKeys) is Initialized {
    if ok { emit ScpSession(ph, SpKeys).authenticate() } else { emit ScpSession(ph, SpKeys).authFailed() }
  }
  on externalAuthenticate from TemporaryPin -> TemporaryPin when ScpSession(ph, SpKeys) is Initialized {
    if ok { emit ScpSession(ph, SpKeys).authenticate() } else { emit ScpSession(ph, SpKeys).authFailed() }
  }
  on externalAuthenticate from Active -> Active when ScpSession(ph, SpKeys) is Initialized {
    if ok { emit ScpSession(ph, SpKeys).authenticate() } else { emit ScpSession(ph, SpKeys).authFailed() }
  }
  on externalAuthenticate from KeysLocked -> KeysLocked when ScpSession(ph, SpKeys) is Initialized {
    if ok { emit ScpSession(ph, SpKeys).authenticate() } else { emit ScpSession(ph, SpKeys).authFailed() }
  }
  on externalAuthenticate from Wiped -> Wiped when ScpSession(ph, SpKeys) is Initialized {
    if ok { emit ScpSession(ph, SpKeys).authenticate() } else { emit ScpSession(ph, SpKeys).authFailed() }
  }

  // ---------------------------------------------------------------- issuance (SCP03 level 33, SP domain)
  // Each guard starts with the applet's own check (session open, slot state); clauses marked
  // "SP-TSM policy" say when the trusted SP-TSM sends the command (the applet cannot know).

  @req CRY-1, PRE-7, PRE-8, LIFE-1
  @doc "SP-TSM policy: only for a running application of this slot's type."
  on generateKey from Installed, Wiped, KeysGenerated, Active, KeysLocked -> KeysGenerated
    when ScpSession(ph, SpKeys) is Open && Handset(ph).online && KeySlot(ph, key) is Empty
      && (exists p: Person: PhoneCert(p, ph, key) is Issuing) {
    emit KeySlot(ph, key).generate()
  }

  @req PRE-7
  on readPublicKey from KeysGenerated -> KeysGenerated
    when ScpSession(ph, SpKeys) is Open && Handset(ph).online && KeySlot(ph, key) is Generated

  @req PRE-2, PRE-8
  @doc "The end-entity certificate completes, after its CA certificate, while the other slot still waits for its own (SP-TSM policy: the certificate was issued)."
  on storeCert from KeysGenerated -> KeysGenerated
    when ScpSession(ph, SpKeys) is Open && Handset(ph).online
      && isEndEntity(file) && last && KeySlot(ph, certOf(file)) is Generated && KeySlot(ph, certOf(file)).caStored
      && (exists p: Person: PhoneCert(p, ph, certOf(file)) is Active)
      && KeySlot(ph, other(certOf(file))) is Generated {
    emit KeySlot(ph, certOf(file)).certify()
  }
  @req PRE-2, PRE-8
  @doc "The last end-entity certificate of the session completes, after its CA certificate."
  on storeCert from KeysGenerated -> CertsStored
    when ScpSession(ph, SpKeys) is Open && Handset(ph).online
      && isEndEntity(file) && last && KeySlot(ph, certOf(file)) is Generated && KeySlot(ph, certOf(file)).caStored
      && (exists p: Person: PhoneCert(p, ph, certOf(file)) is Active)
      && KeySlot(ph, other(certOf(file))) is not Generated {
    emit KeySlot(ph, certOf(file)).certify()
  }
  @req PRE-2, PRE-8
  @doc "The CA certificate completes (it comes first)."
  on storeCert from KeysGenerated -> KeysGenerated
    when ScpSession(ph, SpKeys) is Open && Handset(ph).online
      && !isEndEntity(file) && last && KeySlot(ph, certOf(file)) is Generated {
    emit KeySlot(ph, certOf(file)).storeCa()
  }
  @req PRE-8, PRE-2
  @doc "A block before the last one: written, the certificate incomplete until its last block (a CA certificate already complete starts over: its end-entity certificate waits for it again)."
  on storeCert from KeysGenerated -> KeysGenerated
    when ScpSession(ph, SpKeys) is Open && Handset(ph).online
      && !last && KeySlot(ph, certOf(file)) is Generated {
    if !isEndEntity(file) { emit KeySlot(ph, certOf(file)).restartCa() }
  }

  @req LIFE-6, PRE-9
  @doc "Issuance: the temporary PIN of a freshly certified slot; another slot still lacks one."
  on setTempPin from CertsStored -> CertsStored
    when ScpSession(ph, SpKeys) is Open && Handset(ph).online
      && KeySlot(ph, key) is Certified && Pin(ph, key) is Unset
      && KeySlot(ph, other(key)) is Certified && Pin(ph, other(key)) is Unset {
    emit Pin(ph, key).setTemporary()
  }
  @req LIFE-6, PRE-9
  @doc "Issuance: the last missing temporary PIN."
  on setTempPin from CertsStored -> TemporaryPin
    when ScpSession(ph, SpKeys) is Open && Handset(ph).online
      && KeySlot(ph, key) is Certified && Pin(ph, key) is Unset
      && !(KeySlot(ph, other(key)) is Certified && Pin(ph, other(key)) is Unset) {
    emit Pin(ph, key).setTemporary()
  }
  @req LIFE-5, LIFE-6
  @doc "PIN reset (SP-TSM policy: a card-signed reset request was verified)."
  on setTempPin from TemporaryPin, Active -> TemporaryPin
    when ScpSession(ph, SpKeys) is Open && Handset(ph).online
      && KeySlot(ph, key) is Certified && Pin(ph, key) in {Temporary, Set, Blocked}
      && PinResetGrant(ph, key) is Granted {
    emit Pin(ph, key).reset()
    emit PinResetGrant(ph, key).consume()
  }

  @req LIFE-11
  @doc "SP-TSM policy: only keys whose certificate is no longer valid. The applet state follows the other slot."
  on lockKey from KeysGenerated, CertsStored, TemporaryPin, Active, KeysLocked -> KeysGenerated
    when ScpSession(ph, SpKeys) is Open && Handset(ph).online && KeySlot(ph, key) is Certified
      && !(exists p: Person: PhoneCert(p, ph, key) in {Active, Suspended})
      && KeySlot(ph, other(key)) is Generated {
    emit KeySlot(ph, key).lock()
  }
  on lockKey from KeysGenerated, CertsStored, TemporaryPin, Active, KeysLocked -> CertsStored
    when ScpSession(ph, SpKeys) is Open && Handset(ph).online && KeySlot(ph, key) is Certified
      && !(exists p: Person: PhoneCert(p, ph, key) in {Active, Suspended})
      && KeySlot(ph, other(key)) is Certified && Pin(ph, other(key)) is Unset {
    emit KeySlot(ph, key).lock()
  }
  on lockKey from KeysGenerated, CertsStored, TemporaryPin, Active, KeysLocked -> TemporaryPin
    when ScpSession(ph, SpKeys) is Open && Handset(ph).online && KeySlot(ph, key) is Certified
      && !(exists p: Person: PhoneCert(p, ph, key) in {Active, Suspended})
      && KeySlot(ph, other(key)) is Certified && Pin(ph, other(key)) is Temporary {
    emit KeySlot(ph, key).lock()
  }
  @req LIFE-7
  @doc "E.g. the found phone's signature key: the user-authentication key stays in use."
  on lockKey from KeysGenerated, CertsStored, TemporaryPin, Active, KeysLocked -> Active
    when ScpSession(ph, SpKeys) is Open && Handset(ph).online && KeySlot(ph, key) is Certified
      && !(exists p: Person: PhoneCert(p, ph, key) in {Active, Suspended})
      && KeySlot(ph, other(key)) is Certified && Pin(ph, other(key)) in {Set, Blocked} {
    emit KeySlot(ph, key).lock()
  }
  @req LIFE-11
  on lockKey from KeysGenerated, CertsStored, TemporaryPin, Active, KeysLocked -> KeysLocked
    when ScpSession(ph, SpKeys) is Open && Handset(ph).online && KeySlot(ph, key) is Certified
      && !(exists p: Person: PhoneCert(p, ph, key) in {Active, Suspended})
      && KeySlot(ph, other(key)) in {Locked, Empty} {
    emit KeySlot(ph, key).lock()
  }

  @req LIFE-8
  @doc "SP-TSM policy: only keys without a valid certificate (revoked, expired, or an abandoned application). The applet state follows the other slot."
  on wipeKey from KeysGenerated, CertsStored, TemporaryPin, Active, KeysLocked -> KeysGenerated
    when ScpSession(ph, SpKeys) is Open && Handset(ph).online && KeySlot(ph, key) is not Empty
      && !(exists p: Person: PhoneCert(p, ph, key) in {Active, Suspended})
      && KeySlot(ph, other(key)) is Generated {
    emit KeySlot(ph, key).erase()
    emit Pin(ph, key).wipe()
  }
  on wipeKey from KeysGenerated, CertsStored, TemporaryPin, Active, KeysLocked -> CertsStored
    when ScpSession(ph, SpKeys) is Open && Handset(ph).online && KeySlot(ph, key) is not Empty
      && !(exists p: Person: PhoneCert(p, ph, key) in {Active, Suspended})
      && KeySlot(ph, other(key)) is Certified && Pin(ph, other(key)) is Unset {
    emit KeySlot(ph, key).erase()
    emit Pin(ph, key).wipe()
  }
  on wipeKey from KeysGenerated, CertsStored, TemporaryPin, Active, KeysLocked -> TemporaryPin
    when ScpSession(ph, SpKeys) is Open && Handset(ph).online && KeySlot(ph, key) is not Empty
      && !(exists p: Person: PhoneCert(p, ph, key) in {Active, Suspended})
      && KeySlot(ph, other(key)) is Certified && Pin(ph, other(key)) is Temporary {
    emit KeySlot(ph, key).erase()
    emit Pin(ph, key).wipe()
  }
  @req LIFE-7
  on wipeKey from KeysGenerated, CertsStored, TemporaryPin, Active, KeysLocked -> Active
    when ScpSession(ph, SpKeys) is Open && Handset(ph).online && KeySlot(ph, key) is not Empty
      && !(exists p: Person: PhoneCert(p, ph, key) in {Active, Suspended})
      && KeySlot(ph, other(key)) is Certified && Pin(ph, other(key)) in {Set, Blocked} {
    emit KeySlot(ph, key).erase()
    emit Pin(ph, key).wipe()
  }
  on wipeKey from KeysGenerated, CertsStored, TemporaryPin, Active, KeysLocked -> KeysLocked
    when ScpSession(ph, SpKeys) is Open && Handset(ph).online && KeySlot(ph, key) is not Empty
      && !(exists p: Person: PhoneCert(p, ph, key) in {Active, Suspended})
      && KeySlot(ph, other(key)) is Locked {
    emit KeySlot(ph, key).erase()
    emit Pin(ph, key).wipe()
  }
  @req LIFE-8, LIFE-9
  on wipeKey from KeysGenerated, CertsStored, TemporaryPin, Active, KeysLocked -> Wiped
    when ScpSession(ph, SpKeys) is Open && Handset(ph).online && KeySlot(ph, key) is not Empty
      && !(exists p: Person: PhoneCert(p, ph, key) in {Active, Suspended})
      && KeySlot(ph, other(key)) is Empty {
    emit KeySlot(ph, key).erase()
    emit Pin(ph, key).wipe()
  }
}

// ------------------------------------------------------------------ the APDU interface

@req SYS-6, ACC-3, UX-1, PRE-8, STD-1, LIFE-12
@doc "JPKI AP, card-compatible (OpenSC card-jpki.c, jpki/myna) plus issuance commands of our own (CLA 80 class; CLA 84 on the wire when wrapped)."
applet JpkiAp binds JpkiApplet {
  aid 0xD392F000260100000001
  domain SpSd
  installed Installed           // INSTALL [for install] creates the instance in this state

  @req UX-1
  @doc "User-authentication PIN: 4 digits, 3 tries."
  pin AuthPin { tries 3  length 4..4  charset digits  model Pin(ph, Auth) }
  @req UX-1
  @doc "Signature password: 6 to 16 upper-case letters and digits, 5 tries."
  pin SignPin { tries 5  length 6..16  charset upper_alnum  model Pin(ph, Sign) }

  @req LIFE-12
  @doc "32 bytes: JPKIAPGPSETOKEN padded with spaces (the card says JPKIAPICCTOKEN2)."
  file TokenInfo  { fid 0x0006  kind data  access free  size 32 }
  file AuthCert   { fid 0x000A  kind data  access free }
  file AuthCaCert { fid 0x000B  kind data  access free }
  @doc "The signature certificate carries the four basic information items: signature password first, else 6982."
  file SignCert   { fid 0x0001  kind data  access pin SignPin }
  file SignCaCert { fid 0x0002  kind data  access free }
  file AuthKey    { fid 0x0017  kind key   access pin AuthPin }
  file AuthPinEf  { fid 0x0018  kind pin   access pin AuthPin }
  file SignKey    { fid 0x001A  kind key   access pin SignPin }
  file SignPinEf  { fid 0x001B  kind pin   access pin SignPin }

  // ---------------------------------------------------------------- card-compatible interface

  @req ACC-3
  @doc "SELECT by AID (00 A4 04 0C 0A <AID>) -> 9000. A SELECT of another AID while selected answers 6A82 (handler)."
  command SELECT_AP {
    cla 0x00 ins 0xA4 p1 0x04 p2 0x0C
    data 0xD392F000260100000001
    le none
    states Installed, KeysGenerated, CertsStored, TemporaryPin, Active, KeysLocked, Wiped
    secure none
    pin none
    refuse state 0x6A82
    event selectAp
  }
  @req ACC-3
  @doc "SELECT EF (00 A4 02 0C 02 <FID>); an unknown FID answers 6A82 (handler)."
  command SELECT_EF(fid: bytes) {
    cla 0x00 ins 0xA4 p1 0x02 p2 0x0C
    data fid
    le none
    states Installed, KeysGenerated, CertsStored, TemporaryPin, Active, KeysLocked, Wiped
    secure none
    pin none
    refuse state 0x6985
    event selectFile
  }
  @req ACC-3, LIFE-12
  @doc "READ BINARY: P1 P2 = offset, any Le (readers ask 4, 7 or 9 header bytes first); the selected EF's access decides (0001: 6982 before the password). Handler: offset past the end 6B00, key or PIN EF 6981, short EF identifier (P1 bit 8) 6A81, certificate not stored 6985."
  command READ_BINARY(offsetHigh: byte, offsetLow: byte) {
    cla 0x00 ins 0xB0 p1 offsetHigh p2 offsetLow
    data none
    states Installed, KeysGenerated, CertsStored, TemporaryPin, Active, KeysLocked, Wiped
    secure none
    pin selected
    refuse state 0x6985, pin 0x6982
    event readBinary
  }
  @req UX-1
  @doc "VERIFY of the selected PIN EF: empty -> 63Cx always; wrong -> 63Cx; blocked -> 6983; unset -> 6984; malformed (length or alphabet) -> 6A80 and no try is spent; no PIN EF selected -> 6986."
  command VERIFY(value: bytes) {
    cla 0x00 ins 0x20 p1 0x00 p2 0x80
    data value
    le none
    states Installed, KeysGenerated, CertsStored, TemporaryPin, Active, KeysLocked, Wiped
    secure none
    pin none
    refuse state 0x6985
    event verify
  }
  @req PRE-9, LIFE-5, UX-1
  @doc "CHANGE REFERENCE DATA (00 24 01 80 Lc <new>) after VERIFY of the selected PIN EF; length and charset checked (6A80)."
  command CHANGE_REFERENCE_DATA(newValue: bytes) {
    cla 0x00 ins 0x24 p1 0x01 p2 0x80
    data newValue
    le none
    states TemporaryPin, Active
    secure none
    pin selected
    refuse state 0x6985, pin 0x6982
    event changePin
  }
  @req CRY-2, LIFE-11, LIFE-6
  @doc "COMPUTE DIGITAL SIGNATURE (80 2A 00 80 Lc <DigestInfo> 00): PKCS#1 v1.5 type 01 padding, 256 bytes; any DigestInfo length of 1..245 (else 6700); locked key -> 6985; no key EF selected -> 6986."
  command COMPUTE_DIGITAL_SIGNATURE(digestInfo: bytes) {
    cla 0x80 ins 0x2A p1 0x00 p2 0x80
    data digestInfo
    le 0x00
    states Active
    secure none
    pin selected
    refuse state 0x6985, pin 0x6982
    event sign
  }

  // ---------------------------------------------------------------- ours: status (free)

  @req LIFE-10
  @doc "READ STATUS (80 3A 00 00 00): applet state byte, then per slot (Auth, Sign) key state and PIN state. No personal data; free over NFC for the shop check."
  command READ_STATUS {
    cla 0x80 ins 0x3A p1 0x00 p2 0x00
    data none
    le 0x00
    states Installed, KeysGenerated, CertsStored, TemporaryPin, Active, KeysLocked, Wiped
    secure none
    pin none
    refuse state 0x6985
    event readStatus
  }

  // ---------------------------------------------------------------- SCP03 through the SP domain

  @req PRE-8, CRY-3, CRY-4
  @doc "INITIALIZE UPDATE (80 50 KVN 00 08 <host challenge> 00), handed to the SP domain's secure channel."
  command INITIALIZE_UPDATE(kvn: byte, challenge: bytes) {
    cla 0x80 ins 0x50 p1 kvn p2 0x00
    data challenge
    le 0x00
    states Installed, KeysGenerated, CertsStored, TemporaryPin, Active, KeysLocked, Wiped
    secure handshake
    pin none
    refuse state 0x6985
    event initializeUpdate
  }
  @req PRE-8, CRY-3
  @doc "EXTERNAL AUTHENTICATE: 84 82 33 00 10 <host cryptogram> <C-MAC> on the wire (CLA 80 written: the dispatcher masks the secure-messaging and channel bits); only level 33; bad cryptogram 6300."
  command EXTERNAL_AUTHENTICATE(cryptogram: bytes) {
    cla 0x80 ins 0x82 p1 0x33 p2 0x00
    data cryptogram
    le none
    states Installed, KeysGenerated, CertsStored, TemporaryPin, Active, KeysLocked, Wiped
    secure handshake
    pin none
    refuse state 0x6985
    event externalAuthenticate
  }

  // ---------------------------------------------------------------- ours: issuance (level 33, SP domain keys)

  @req CRY-1, PRE-7, PRE-8
  @doc "GENERATE KEY PAIR (80 46 00 <key ref 17|1A>): RSA-2048, e = 65537, in the SE; 6985 if the slot is not empty; another key ref 6A86."
  command GENERATE_KEY(key: CertType) {
    cla 0x80 ins 0x46 p1 0x00 p2 key
    data none
    le none
    states Installed, Wiped, KeysGenerated, Active, KeysLocked
    secure C_MAC + C_DEC + R_MAC + R_ENC
    pin none
    refuse state 0x6985, secure 0x6982
    event generateKey
  }
  @req PRE-7, PRE-8
  @doc "READ PUBLIC KEY (80 48 <block> <key ref> 00): block n of the DER SubjectPublicKeyInfo in 128-byte blocks (fits R-ENC + R-MAC)."
  command READ_PUBLIC_KEY(block: byte, key: CertType) {
    cla 0x80 ins 0x48 p1 block p2 key
    data none
    le 0x00
    states KeysGenerated
    secure C_MAC + C_DEC + R_MAC + R_ENC
    pin none
    refuse state 0x6985, secure 0x6982
    event readPublicKey
  }
  @req PRE-2, PRE-8
  @doc "STORE CERTIFICATE (80 32 <file 01|02|0A|0B> <block>): blocks of up to 224 bytes at offset 224 * n, bit 80 of P2 on the last block, block 0 starts the EF over (a complete certificate too); the DER length (30 82 LL LL) must match (6A80); CA certificate before the end-entity one (6985); the end-entity certificate must hold the slot's public key (6A80); a block out of order 6A86."
  command STORE_CERT(file: CertFile, block: byte, chunk: bytes) {
    cla 0x80 ins 0x32 p1 file p2 block
    data chunk
    le none
    states KeysGenerated
    secure C_MAC + C_DEC + R_MAC + R_ENC
    pin none
    refuse state 0x6985, secure 0x6982
    event storeCert
  }
  @req LIFE-6, LIFE-5, PRE-8, UX-1
  @doc "SET TEMPORARY PIN (80 34 00 <key ref>): the PIN of that slot becomes the (encrypted) data, tries reset; length and charset as the PIN's (6A80)."
  command SET_TEMP_PIN(key: CertType, value: bytes) {
    cla 0x80 ins 0x34 p1 0x00 p2 key
    data value
    le none
    states CertsStored, TemporaryPin, Active
    secure C_MAC + C_DEC + R_MAC + R_ENC
    pin none
    refuse state 0x6985, secure 0x6982
    event setTempPin
  }
  @req LIFE-11, PRE-8
  @doc "LOCK KEY (80 36 00 <key ref>): the key can never sign again (COMPUTE DIGITAL SIGNATURE -> 6985)."
  command LOCK_KEY(key: CertType) {
    cla 0x80 ins 0x36 p1 0x00 p2 key
    data none
    le none
    states KeysGenerated, CertsStored, TemporaryPin, Active, KeysLocked
    secure C_MAC + C_DEC + R_MAC + R_ENC
    pin none
    refuse state 0x6985, secure 0x6982
    event lockKey
  }
  @req LIFE-8, LIFE-9, PRE-8
  @doc "WIPE KEY (80 38 00 <key ref>): zeroise the key pair, erase the certificate, CA certificate and PIN of the slot."
  command WIPE_KEY(key: CertType) {
    cla 0x80 ins 0x38 p1 0x00 p2 key
    data none
    le none
    states KeysGenerated, CertsStored, TemporaryPin, Active, KeysLocked
    secure C_MAC + C_DEC + R_MAC + R_ENC
    pin none
    refuse state 0x6985, secure 0x6982
    event wipeKey
  }
}
