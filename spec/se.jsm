// The GlobalPlatform secure element of a phone: its security domains, card content management by
// the ISD (SEI-TSM), the ARA-M access rules, SCP03 sessions, and the OMAPI channel through which
// apps reach the JPKI applet. The GP card life cycle is SECURED throughout (phones ship that way;
// CARD_LOCKED and TERMINATED are not used by this service).
import "types.jsm"
import "applet.jsm"
import "pins.jsm"
import "handset.jsm"

// ------------------------------------------------------------------ security domains

@req SYS-1, SYS-5, STD-1, PRE-7
@doc "Issuer Security Domain (GP card manager), keys held by the SEI-TSM; approves every new APSD."
securitydomain Isd { aid 0xA000000151000000 owner SeiTsm }

@req SYS-2, SYS-5, STD-1, PRE-7
@doc "J-LIS's Application Provider Security Domain, child of the ISD, keys held by the SP-TSM; the JPKI applet is associated with it."
securitydomain SpSd { aid 0xD392F0002653440001 owner SpTsm parent Isd }

@req PRE-7, STD-1, CRY-3
@doc "The same SP domain before the key hand-over: created with a copy of the ISD session's keys, held by the SEI-TSM, which replaces them with a transfer set for the SP-TSM."
securitydomain SpSdHandOver { aid 0xD392F0002653440001 owner SeiTsm parent Isd }

// ------------------------------------------------------------------ the ISD's view of the SE

@req SYS-1, SYS-5, STD-1, PRE-7
@doc "Card content of one SE: the SP's domain (GP SD life cycle, its keys) as the ISD creates it and the SEI-TSM hands it to the SP-TSM, and, through it, the JPKI instance."
machine SecureElement(ph: Phone) {
  @req PRE-7, CRY-3
  @doc "Whose key set the SP domain holds now (back to CreationKeys when the domain is deleted)."
  var spKeys: SpDomainKeys
  @req PRE-7, CRY-3
  @doc "The key set the session with the SP domain itself was opened with (PUT KEY encrypts under its DEK and replaces it)."
  var handOverSessionKeys: SpDomainKeys

  @doc "Only the ISD (and the pre-installed FeliCa domain, never touched) exist."
  initial state NoSpDomain
  @doc "GP SD life cycle SELECTABLE: the SP's domain exists; its keys are being handed over to the SP-TSM."
  state SpDomainInstalled
  @doc "GP SD life cycle PERSONALIZED: only the SP-TSM's keys open it; applets can be associated."
  state SpDomainPersonalized

  @req PRE-8, CRY-3, CRY-4
  @weight 2
  event initializeUpdate by SeiTsm
  @req PRE-8, CRY-3
  @doc "ok = false: a host cryptogram that does not verify (anyone without the ISD keys)."
  @weight 2
  event externalAuthenticate(ok: bool) by SeiTsm
  @req SYS-1, PRE-7
  @doc "INSTALL [for install and make selectable] of the SP domain (it starts with a copy of the ISD session's key set), or of the JPKI instance (from the load file the SEI-TSM keeps) followed by INSTALL [for extradition] to the SP domain."
  @weight 3
  event install(obj: GpObject) by SeiTsm
  @req PRE-7, PRE-8, CRY-3, CRY-4
  @doc "INITIALIZE UPDATE to the SP domain itself, selected on the SEI-TSM's channel to the SE, by whoever holds its keys now: the SEI-TSM (creation keys), the SP-TSM (the transfer set, through that channel), the SP-TSM (its own)."
  @weight 2
  event domainInitializeUpdate
  @req PRE-8, CRY-3
  @doc "ok = false: a host cryptogram that does not verify (keys the domain no longer holds)."
  @weight 2
  event domainExternalAuthenticate(ok: bool)
  @req STD-1
  @doc "STORE DATA to the SP domain in a session with itself (GP personalizes a security domain through its own secure channel): its identity data, by the SEI-TSM before it hands the keys over."
  @weight 2
  event storeData by SeiTsm
  @req PRE-7, CRY-3
  @doc "PUT KEY in a session with the SP domain itself (PUT KEY changes the keys of the domain the session is with), replacing the key set the session was opened with, encrypted under its DEK: the SEI-TSM's transfer set over the creation keys, then the SP-TSM's own over the transfer set."
  @weight 2
  event putKey
  @req STD-1, PRE-7
  @doc "SET STATUS of the SP domain to PERSONALIZED (SEI-TSM policy: once the SP-TSM took it over)."
  @weight 2
  event setStatus by SeiTsm
  @req LIFE-10, SYS-1
  @doc "DELETE of the JPKI instance, or of the SP domain once nothing is associated with it (GP deletes a security domain only without associated applications; related objects are a load file's instances)."
  @weight 1
  event delete(obj: GpObject) by SeiTsm
  @req STD-1
  @weight 1
  event getStatus by SeiTsm
  @req LIFE-10
  @doc "Factory reset with platform cooperation: the platform's reset hook has the ISD delete the JPKI instance."
  internal event platformReset

  @req PRE-8, CRY-4
  on initializeUpdate from NoSpDomain, SpDomainInstalled, SpDomainPersonalized -> * when Handset(ph).online {
    emit ScpSession(ph, IssuerKeys).initialize()
  }
  @req PRE-8
  on externalAuthenticate from NoSpDomain, SpDomainInstalled, SpDomainPersonalized -> *
    when ScpSession(ph, IssuerKeys) is Initialized {
    if ok { emit ScpSession(ph, IssuerKeys).authenticate() } else { emit ScpSession(ph, IssuerKeys).authFailed() }
  }

  @req SYS-1, PRE-7
  @doc "Only the ISD may create an APSD."
  on install from NoSpDomain -> SpDomainInstalled
    when ScpSession(ph, IssuerKeys) is Open && Handset(ph).online && obj == SpDomainObject
  @req SYS-1, ACC-1
  @doc "SEI-TSM policy: the ARA rule is stored before the applet becomes selectable."
  on install from SpDomainPersonalized -> SpDomainPersonalized
    when ScpSession(ph, IssuerKeys) is Open && Handset(ph).online && obj == JpkiInstance
      && JpkiApplet(ph) is Absent && AccessRules(ph) is RuleStored {
    emit JpkiApplet(ph).install()
  }
  @req PRE-7, PRE-8, CRY-4
  on domainInitializeUpdate from SpDomainInstalled -> SpDomainInstalled when Handset(ph).online {
    handOverSessionKeys = spKeys
    emit ScpSession(ph, HandOverKeys).initialize()
  }
  @req PRE-8
  on domainExternalAuthenticate from SpDomainInstalled -> SpDomainInstalled
    when ScpSession(ph, HandOverKeys) is Initialized {
    if ok { emit ScpSession(ph, HandOverKeys).authenticate() } else { emit ScpSession(ph, HandOverKeys).authFailed() }
  }
  @req STD-1
  on storeData from SpDomainInstalled -> SpDomainInstalled
    when ScpSession(ph, HandOverKeys) is Open && Handset(ph).online && handOverSessionKeys == CreationKeys
  @req PRE-7, CRY-3
  @doc "The SEI-TSM replaces the creation keys with the transfer set, the SP-TSM the transfer set with its own."
  on putKey from SpDomainInstalled -> SpDomainInstalled
    when ScpSession(ph, HandOverKeys) is Open && Handset(ph).online && handOverSessionKeys == spKeys
      && spKeys != OwnKeys {
    spKeys = if spKeys == CreationKeys then TransferKeys else OwnKeys
  }
  @req STD-1, PRE-7
  on setStatus from SpDomainInstalled -> SpDomainPersonalized
    when ScpSession(ph, IssuerKeys) is Open && Handset(ph).online && spKeys == OwnKeys
  @req LIFE-10
  on delete from SpDomainPersonalized -> SpDomainPersonalized
    when ScpSession(ph, IssuerKeys) is Open && Handset(ph).online && obj == JpkiInstance && JpkiApplet(ph) is not Absent {
    emit JpkiApplet(ph).delete()
  }
  @req LIFE-10, STD-1
  @doc "DELETE of the SP domain: refused while the JPKI instance is associated with it (the SEI-TSM deletes the instance first)."
  on delete from SpDomainInstalled, SpDomainPersonalized -> NoSpDomain
    when ScpSession(ph, IssuerKeys) is Open && Handset(ph).online && obj == SpDomainObject && JpkiApplet(ph) is Absent {
    spKeys = CreationKeys
    handOverSessionKeys = CreationKeys
    emit ScpSession(ph, HandOverKeys).close()
  }
  on getStatus from NoSpDomain, SpDomainInstalled, SpDomainPersonalized -> *
    when ScpSession(ph, IssuerKeys) is Open && Handset(ph).online

  @req LIFE-10
  on platformReset from SpDomainPersonalized -> SpDomainPersonalized {
    if JpkiApplet(ph) is not Absent { emit JpkiApplet(ph).delete() }
  }
  ignore platformReset in NoSpDomain, SpDomainInstalled
}

// ------------------------------------------------------------------ ARA-M

@req ACC-1, STD-1, SYS-1
@doc "The ARA-M rule for the JPKI applet's AID: REF-DO (4F AID, C1 hash of the JPKI app's signing certificate) + AR-DO (D0 APDU always)."
machine AccessRules(ph: Phone) {
  @doc "No rule for the JPKI AID: the ACE grants no app a channel to it."
  initial state NoRule
  @req ACC-1
  @doc "The SP's whitelist (hashes of the JPKI app's signing certificates) is stored."
  state RuleStored

  @req PRE-8, CRY-4
  @weight 2
  event initializeUpdate by SeiTsm
  @req PRE-8
  @weight 2
  event externalAuthenticate(ok: bool) by SeiTsm
  @req ACC-1
  @doc "STORE DATA: store (F0) or delete (F1) the JPKI rule."
  @weight 3
  event updateRules(op: RuleOp) by SeiTsm
  @req ACC-1
  @doc "GET DATA (all rules): the access control enforcer reads the rules, no secure channel."
  @weight 1
  event readRules by Platform

  on initializeUpdate from NoRule -> NoRule when Handset(ph).online { emit ScpSession(ph, IssuerKeys).initialize() }
  on initializeUpdate from RuleStored -> RuleStored when Handset(ph).online { emit ScpSession(ph, IssuerKeys).initialize() }
  on externalAuthenticate from NoRule -> NoRule when ScpSession(ph, IssuerKeys) is Initialized {
    if ok { emit ScpSession(ph, IssuerKeys).authenticate() } else { emit ScpSession(ph, IssuerKeys).authFailed() }
  }
  on externalAuthenticate from RuleStored -> RuleStored when ScpSession(ph, IssuerKeys) is Initialized {
    if ok { emit ScpSession(ph, IssuerKeys).authenticate() } else { emit ScpSession(ph, IssuerKeys).authFailed() }
  }
  @req ACC-1
  on updateRules from NoRule -> RuleStored
    when ScpSession(ph, IssuerKeys) is Open && Handset(ph).online && op == StoreRule
  @doc "A new whitelist replaces the old one (new signing certificate of the app)."
  on updateRules from RuleStored -> RuleStored
    when ScpSession(ph, IssuerKeys) is Open && Handset(ph).online && op == StoreRule
  @req ACC-1
  @doc "SEI-TSM policy: the rule goes only after the applet is gone."
  on updateRules from RuleStored -> NoRule
    when ScpSession(ph, IssuerKeys) is Open && Handset(ph).online && op == DeleteRule && JpkiApplet(ph) is Absent
  on readRules from NoRule -> NoRule
  on readRules from RuleStored -> RuleStored
}

// ------------------------------------------------------------------ SCP03

@req PRE-8, CRY-3, CRY-4, STD-1
@doc "The SCP03 session of one SE under one key set (i=70: pseudo-random card challenge, R-MAC and R-ENC; level 33 only). One per key set: the ISD's serves the card manager and the ARA-M alike (each script opens its own); HandOverKeys is the session with the SP domain itself while its keys change hands."
machine ScpSession(ph: Phone, sd: KeySet) {
  initial state Closed
  @req CRY-4
  @doc "INITIALIZE UPDATE answered with a card challenge and cryptogram; waiting for EXTERNAL AUTHENTICATE."
  state Initialized
  @req PRE-8, CRY-3
  @doc "Mutually authenticated at security level 33 (C-MAC, C-DEC, R-MAC, R-ENC): S-ENC, S-MAC, S-RMAC derived."
  state Open

  @req CRY-3, CRY-4
  internal event initialize
  @req CRY-3
  internal event authenticate
  @doc "The host cryptogram did not verify (6300); the session is gone."
  internal event authFailed
  @doc "The session ends: channel closed, applet re-selected, power cycle."
  @weight 1
  event close by Platform
  @req PRE-8, ACC-3
  @doc "Bad actor: a reader sends an issuance or content-management command without SCP03 (plain CLA 80). Refused with 6982, nothing changes."
  @weight 1
  event unprotectedCommand by Terminal

  @doc "A new INITIALIZE UPDATE aborts any session."
  on initialize from Closed, Initialized, Open -> Initialized
  on authenticate from Initialized -> Open
  on authFailed from Initialized -> Closed
  on close from Initialized, Open -> Closed
  ignore close in Closed
  @req PRE-8
  on unprotectedCommand from Closed -> Closed
  @req PRE-8
  on unprotectedCommand from Initialized -> Initialized
  @req PRE-8
  @doc "Even during the SP-TSM's session: the reader's command is not wrapped with its session keys."
  on unprotectedCommand from Open -> Open
}

// ------------------------------------------------------------------ OMAPI

@req ACC-1, ACC-2, STD-3, SYS-4
@doc "The OMAPI logical channel to the JPKI applet; the access control enforcer compares the caller's certificate hash with the ARA rule first."
machine Omapi(ph: Phone) {
  initial state Closed
  @doc "The JPKI app holds a logical channel to the applet (the TSM scripts travel through it)."
  state Open

  @req ACC-1
  @doc "openLogicalChannel(JPKI AID) by the JPKI app."
  @weight 5
  event openChannel by App
  @doc "The app closes the channel (also emitted when the app goes, the phone resets or the applet is deleted)."
  @weight 3
  event closeChannel by App
  @req ACC-1
  @doc "Bad actor: an app not on the whitelist asks for a channel."
  @weight 1
  event rogueOpenChannel by RogueApp
  @req ACC-2
  @doc "Bad actor: a business app asks for a channel directly instead of using an intent."
  @weight 1
  event businessOpenChannel by BusinessApp

  @req ACC-1
  @doc "Granted only to the whitelisted app, when the rule exists and the applet is selectable; opening selects the applet afresh."
  on openChannel from Closed -> Open
    when AccessRules(ph) is RuleStored && Handset(ph) is AppInstalled && JpkiApplet(ph) is not Absent {
    emit ScpSession(ph, SpKeys).close()
    emit Pin(ph, Auth).clearVerified()
    emit Pin(ph, Sign).clearVerified()
  }
  @doc "Deselecting the applet ends the SP session and forgets PIN verification."
  on closeChannel from Open -> Closed {
    emit ScpSession(ph, SpKeys).close()
    emit Pin(ph, Auth).clearVerified()
    emit Pin(ph, Sign).clearVerified()
  }
  ignore closeChannel in Closed
  @req ACC-1
  @doc "Refused by the access control enforcer: no rule grants this app."
  on rogueOpenChannel from Closed -> Closed
  @req ACC-1
  on rogueOpenChannel from Open -> Open
  @req ACC-2
  @doc "Refused: business apps are not on the whitelist (no per-app whitelist, pattern 3)."
  on businessOpenChannel from Closed -> Closed
  @req ACC-2
  on businessOpenChannel from Open -> Open
}

// ------------------------------------------------------------------ applet bindings of the GP side

@req SYS-1, STD-1, PRE-7, PRE-8
@doc "The ISD's card content management commands (GP Card Specification 2.3); all under SCP03 level 33 with the ISD keys. CLA 80 is written; the wrapped command goes out as 84."
applet CardManager binds SecureElement {
  aid 0xA000000151000000
  domain Isd

  @req PRE-8, CRY-3, CRY-4
  command INITIALIZE_UPDATE(kvn: byte, challenge: bytes) {
    cla 0x80 ins 0x50 p1 kvn p2 0x00
    data challenge
    le 0x00
    states NoSpDomain, SpDomainInstalled, SpDomainPersonalized
    secure handshake
    pin none
    event initializeUpdate
  }
  @req PRE-8, CRY-3
  @doc "84 82 33 00 on the wire: the dispatcher masks the secure-messaging bit; only level 33 is accepted."
  command EXTERNAL_AUTHENTICATE(cryptogram: bytes) {
    cla 0x80 ins 0x82 p1 0x33 p2 0x00
    data cryptogram
    le none
    states NoSpDomain, SpDomainInstalled, SpDomainPersonalized
    secure handshake
    pin none
    refuse state 0x6985, secure 0x6982
    event externalAuthenticate
  }
  @req SYS-1, PRE-7
  @doc "INSTALL [for install and make selectable] (P1 0C)."
  command INSTALL_FOR_INSTALL(params: bytes) {
    cla 0x80 ins 0xE6 p1 0x0C p2 0x00
    data params
    le none
    states NoSpDomain, SpDomainPersonalized
    secure C_MAC + C_DEC + R_MAC + R_ENC
    pin none
    refuse state 0x6985, secure 0x6982
    event install
  }
  @req SYS-1, STD-1
  @doc "INSTALL [for extradition] (P1 10): the JPKI instance goes to the SP domain, whose secure channel it then uses; data: the SP domain's AID, 00, the instance's AID, 00 00 00."
  command INSTALL_FOR_EXTRADITION(params: bytes) {
    cla 0x80 ins 0xE6 p1 0x10 p2 0x00
    data params
    le none
    states SpDomainPersonalized
    secure C_MAC + C_DEC + R_MAC + R_ENC
    pin none
    refuse state 0x6985, secure 0x6982
    event install
  }
  @req STD-1
  @doc "SET STATUS: P1 = 40 (security domain), P2 = 0F (PERSONALIZED); data = the domain's AID."
  command SET_STATUS(kind: byte, lifeCycle: byte, aid: bytes) {
    cla 0x80 ins 0xF0 p1 kind p2 lifeCycle
    data aid
    le none
    states SpDomainInstalled
    secure C_MAC + C_DEC + R_MAC + R_ENC
    pin none
    refuse state 0x6985, secure 0x6982
    event setStatus
  }
  @req LIFE-10, SYS-1
  @doc "DELETE: P2 = 00 (the object) or 80 (a load file and its instances, GP's related objects); data = 4F <AID>. A security domain with associated applications is refused (6985)."
  command DELETE(scope: byte, target: bytes) {
    cla 0x80 ins 0xE4 p1 0x00 p2 scope
    data target
    le 0x00
    states SpDomainInstalled, SpDomainPersonalized
    secure C_MAC + C_DEC + R_MAC + R_ENC
    pin none
    refuse state 0x6985, secure 0x6982
    event delete
  }
  @req STD-1
  @doc "GET STATUS: P1 = 80 ISD, 40 applications and SDs, 20 load files; P2 = 02 (TLV); data = 4F 00."
  command GET_STATUS(subset: byte, format: byte, criteria: bytes) {
    cla 0x80 ins 0xF2 p1 subset p2 format
    data criteria
    le 0x00
    states NoSpDomain, SpDomainInstalled, SpDomainPersonalized
    secure C_MAC + C_DEC + R_MAC + R_ENC
    pin none
    refuse state 0x6985, secure 0x6982
    event getStatus
  }
}

@req PRE-7, STD-1, CRY-3, PRE-8
@doc "The SP domain's own commands (GP: a security domain is personalized through a secure channel with itself, and PUT KEY changes the keys of the domain the session is with). No 'domain': they run under the domain's own keys, whoever holds them: the SEI-TSM (SpSdHandOver) until it hands them over, then the SP-TSM (SpSd). CLA 80 is written; the wrapped command goes out as 84."
applet SpDomain binds SecureElement {
  aid 0xD392F0002653440001
  installed SpDomainInstalled

  @req PRE-8, CRY-3, CRY-4
  command INITIALIZE_UPDATE(kvn: byte, challenge: bytes) {
    cla 0x80 ins 0x50 p1 kvn p2 0x00
    data challenge
    le 0x00
    states SpDomainInstalled
    secure handshake
    pin none
    event domainInitializeUpdate
  }
  @req PRE-8, CRY-3
  @doc "84 82 33 00 on the wire: level 33 only."
  command EXTERNAL_AUTHENTICATE(cryptogram: bytes) {
    cla 0x80 ins 0x82 p1 0x33 p2 0x00
    data cryptogram
    le none
    states SpDomainInstalled
    secure handshake
    pin none
    refuse state 0x6985, secure 0x6982
    event domainExternalAuthenticate
  }
  @req STD-1
  @doc "STORE DATA to the domain itself: P1 = 80 on the last block (+ DGI/TLV format bits), P2 = block number; its IIN (42) and CIN (45)."
  command STORE_DATA(control: byte, block: byte, payload: bytes) {
    cla 0x80 ins 0xE2 p1 control p2 block
    data payload
    le none
    states SpDomainInstalled
    secure C_MAC + C_DEC + R_MAC + R_ENC
    pin none
    refuse state 0x6985, secure 0x6982
    event storeData
  }
  @req PRE-7, CRY-3
  @doc "PUT KEY: P1 = the key version number replaced (the set the session was opened with), P2 = 81 (ENC, MAC, DEK from key id 1); data: the new KVN and the keys encrypted under the session's static DEK, with their check values."
  command PUT_KEY(kvn: byte, keyId: byte, keys: bytes) {
    cla 0x80 ins 0xD8 p1 kvn p2 keyId
    data keys
    le 0x00
    states SpDomainInstalled
    secure C_MAC + C_DEC + R_MAC + R_ENC
    pin none
    refuse state 0x6985, secure 0x6982
    event putKey
  }
}

@req ACC-1, STD-1, SYS-1
@doc "ARA-M (GP SEAC): the SEI-TSM stores the JPKI rule under SCP03 with the ISD keys; the access control enforcer reads the rules without a channel."
applet AraM binds AccessRules {
  aid 0xA00000015141434C00
  domain Isd

  @req PRE-8, CRY-4
  command INITIALIZE_UPDATE(kvn: byte, challenge: bytes) {
    cla 0x80 ins 0x50 p1 kvn p2 0x00
    data challenge
    le 0x00
    states NoRule, RuleStored
    secure handshake
    pin none
    event initializeUpdate
  }
  @req PRE-8
  @doc "84 82 33 00 on the wire."
  command EXTERNAL_AUTHENTICATE(cryptogram: bytes) {
    cla 0x80 ins 0x82 p1 0x33 p2 0x00
    data cryptogram
    le none
    states NoRule, RuleStored
    secure handshake
    pin none
    event externalAuthenticate
  }
  @req ACC-1
  @doc "STORE DATA 80 E2 90 00: F0 (REF-AR-DO E2 = E1 {4F AID, C1 app hash} + E3 {D0 01 01}) stores, F1 deletes."
  command STORE_DATA(rule: bytes) {
    cla 0x80 ins 0xE2 p1 0x90 p2 0x00
    data rule
    le none
    states NoRule, RuleStored
    secure C_MAC + C_DEC + R_MAC + R_ENC
    pin none
    refuse state 0x6985, secure 0x6982
    event updateRules
  }
  @req ACC-1
  @doc "GET DATA 80 CA FF 40: all REF-AR-DOs (read by the access control enforcer)."
  command GET_DATA {
    cla 0x80 ins 0xCA p1 0xFF p2 0x40
    data none
    le 0x00
    states NoRule, RuleStored
    secure none
    pin none
    refuse state 0x6985
    event readRules
  }
}
