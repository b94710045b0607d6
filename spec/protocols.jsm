// The flows between the actors, as sequence diagrams with the model events each message fires
// and the SE scripts (under the keys of the domain they address; the check enforces the owner).
// Events caused by a script are fired by the SE's reply to it, in command order. Each protocol
// says in its @doc the state it starts from; AppletPreparation starts from a new phone.
import "types.jsm"
import "se.jsm"
import "applet.jsm"
import "pins.jsm"
import "certificates.jsm"
import "handset.jsm"

// ------------------------------------------------------------------ preparation (UX-3 phases 1 and 2)

@req SYS-1, ACC-1, PRE-7, PRE-8, UX-3, STD-1, SYS-5
@doc "From a new phone: the user installs the app; the SEI-TSM creates the SP domain and hands its keys over (a transfer set, which the SP-TSM replaces with its own), makes it PERSONALIZED, stores the JPKI access rule in the ARA-M, then installs the applet and extradites it to the SP domain (rule before applet)."
protocol AppletPreparation(ph: Phone) {
  roles User, App, SeiTsm, SpTsm, SE
  @req UX-3
  User -> App: installFromStore fires Handset(ph).installApp()
  @req UX-3
  App -> SeiTsm: prepareSecureElement
  @req SYS-1, PRE-7, PRE-8
  @doc "the ISD creates the SP's domain (an APSD) under the SEI-TSM's keys: PRE-7 is the ISD's approval"
  SeiTsm -> SE: script CreateSpDomain under Isd to CardManager {
    INITIALIZE_UPDATE(kvn = 0)
    EXTERNAL_AUTHENTICATE()
    INSTALL_FOR_INSTALL()
  }
  SE -> SeiTsm: spDomainCreated
    fires SecureElement(ph).initializeUpdate(), SecureElement(ph).externalAuthenticate(true),
          SecureElement(ph).install(SpDomainObject), ScpSession(ph, IssuerKeys).close()
  @req PRE-7, PRE-8, CRY-3, STD-1
  @doc "a session with the new domain itself under its creation keys: STORE DATA personalizes it, PUT KEY adds the transfer set"
  SeiTsm -> SE: script HandOverKeys under SpSdHandOver to SpDomain {
    INITIALIZE_UPDATE(kvn = 0)
    EXTERNAL_AUTHENTICATE()
    STORE_DATA(control = 0x80, block = 0)
    PUT_KEY(keyId = 0x81)
  }
  SE -> SeiTsm: transferKeysPut
    fires SecureElement(ph).domainInitializeUpdate(), SecureElement(ph).domainExternalAuthenticate(true),
          SecureElement(ph).storeData(), SecureElement(ph).putKey(), ScpSession(ph, HandOverKeys).close()
  @req PRE-7
  SeiTsm -> SpTsm: transferKeySet
  @req PRE-7, PRE-8, CRY-3
  @doc "the SP-TSM replaces the transfer set with keys the SEI-TSM never saw"
  SpTsm -> SE: script TakeOver under SpSd to SpDomain {
    INITIALIZE_UPDATE(kvn = 0)
    EXTERNAL_AUTHENTICATE()
    PUT_KEY(keyId = 0x81)
  }
  SE -> SpTsm: ownKeysPut
    fires SecureElement(ph).domainInitializeUpdate(), SecureElement(ph).domainExternalAuthenticate(true),
          SecureElement(ph).putKey(), ScpSession(ph, HandOverKeys).close()
  @req PRE-7
  SpTsm -> SeiTsm: domainTakenOver
  @req STD-1, PRE-7
  @doc "PERSONALIZED only after the take-over"
  SeiTsm -> SE: script PersonalizeSpDomain under Isd to CardManager {
    INITIALIZE_UPDATE(kvn = 0)
    EXTERNAL_AUTHENTICATE()
    SET_STATUS(kind = 0x40, lifeCycle = 0x0F, aid = 0xD392F0002653440001)
  }
  SE -> SeiTsm: spDomainPersonalized
    fires SecureElement(ph).initializeUpdate(), SecureElement(ph).externalAuthenticate(true),
          SecureElement(ph).setStatus()
  @req ACC-1
  @doc "the ARA-M rule naming the JPKI app's certificate hash, before the applet exists"
  SeiTsm -> SE: script StoreAccessRule under Isd to AraM {
    INITIALIZE_UPDATE(kvn = 0)
    EXTERNAL_AUTHENTICATE()
    STORE_DATA()
  }
  SE -> SeiTsm: ruleStored
    fires AccessRules(ph).initializeUpdate(), AccessRules(ph).externalAuthenticate(true), AccessRules(ph).updateRules(StoreRule)
  @req SYS-1
  @doc "install the applet from its preloaded load file and extradite it to the SP's domain"
  SeiTsm -> SE: script InstallApplet under Isd to CardManager {
    INITIALIZE_UPDATE(kvn = 0)
    EXTERNAL_AUTHENTICATE()
    INSTALL_FOR_INSTALL()
    INSTALL_FOR_EXTRADITION()
  }
  SE -> SeiTsm: appletInstalled
    fires SecureElement(ph).initializeUpdate(), SecureElement(ph).externalAuthenticate(true),
          SecureElement(ph).install(JpkiInstance), ScpSession(ph, IssuerKeys).close()
  @req UX-3
  SeiTsm -> App: ready
  App -> User: readyForInitialSetting
}

@req UX-3, LIFE-1, PRE-1, PRE-9, ACC-1, SYS-1, SYS-2, SYS-4
@doc "The whole user journey of UX-3 from a new phone and a person without a card: card issued, app prepared (phase 1), applet prepared (phase 2), initial setting (phase 3), first use (phase 4). Replays from the initial state; AppletPreparation and InitialIssuance show the same steps in detail."
protocol FirstUse(p: Person, ph: Phone) {
  roles User, App, Card, Municipality, SeiTsm, SpTsm, Jpki, SE, RelyingParty
  @req PRE-1
  Municipality -> User: cardIssuedFaceToFace fires CardCert(p, Auth).issueCard(), CardCert(p, Sign).issueCard()
  @req UX-3
  User -> App: phase1InstallFromStore fires Handset(ph).installApp()
  @req UX-3, SYS-1, ACC-1
  App -> SeiTsm: phase2PrepareSecureElement
  SeiTsm -> SE: script PrepareSecureElement under Isd to CardManager {
    INITIALIZE_UPDATE(kvn = 0)
    EXTERNAL_AUTHENTICATE()
    INSTALL_FOR_INSTALL()
  }
  SE -> SeiTsm: spDomainCreated
    fires SecureElement(ph).initializeUpdate(), SecureElement(ph).externalAuthenticate(true),
          SecureElement(ph).install(SpDomainObject), ScpSession(ph, IssuerKeys).close()
  @req PRE-7, CRY-3
  SeiTsm -> SE: script HandOverKeys under SpSdHandOver to SpDomain {
    INITIALIZE_UPDATE(kvn = 0)
    EXTERNAL_AUTHENTICATE()
    STORE_DATA(control = 0x80, block = 0)
    PUT_KEY(keyId = 0x81)
  }
  SE -> SeiTsm: transferKeysPut
    fires SecureElement(ph).domainInitializeUpdate(), SecureElement(ph).domainExternalAuthenticate(true),
          SecureElement(ph).storeData(), SecureElement(ph).putKey(), ScpSession(ph, HandOverKeys).close()
  SeiTsm -> SpTsm: transferKeySet
  @req PRE-7, CRY-3
  SpTsm -> SE: script TakeOver under SpSd to SpDomain {
    INITIALIZE_UPDATE(kvn = 0)
    EXTERNAL_AUTHENTICATE()
    PUT_KEY(keyId = 0x81)
  }
  SE -> SpTsm: ownKeysPut
    fires SecureElement(ph).domainInitializeUpdate(), SecureElement(ph).domainExternalAuthenticate(true),
          SecureElement(ph).putKey(), ScpSession(ph, HandOverKeys).close()
  SpTsm -> SeiTsm: domainTakenOver
  SeiTsm -> SE: script PersonalizeSpDomain under Isd to CardManager {
    INITIALIZE_UPDATE(kvn = 0)
    EXTERNAL_AUTHENTICATE()
    SET_STATUS(kind = 0x40, lifeCycle = 0x0F, aid = 0xD392F0002653440001)
  }
  SE -> SeiTsm: spDomainPersonalized
    fires SecureElement(ph).initializeUpdate(), SecureElement(ph).externalAuthenticate(true),
          SecureElement(ph).setStatus()
  SeiTsm -> SE: script StoreRule under Isd to AraM {
    INITIALIZE_UPDATE(kvn = 0)
    EXTERNAL_AUTHENTICATE()
    STORE_DATA()
  }
  SE -> SeiTsm: ruleStored
    fires AccessRules(ph).initializeUpdate(), AccessRules(ph).externalAuthenticate(true), AccessRules(ph).updateRules(StoreRule)
  SeiTsm -> SE: script InstallJpki under Isd to CardManager {
    INITIALIZE_UPDATE(kvn = 0)
    EXTERNAL_AUTHENTICATE()
    INSTALL_FOR_INSTALL()
    INSTALL_FOR_EXTRADITION()
  }
  SE -> SeiTsm: appletInstalled
    fires SecureElement(ph).initializeUpdate(), SecureElement(ph).externalAuthenticate(true),
          SecureElement(ph).install(JpkiInstance), ScpSession(ph, IssuerKeys).close()
  @req UX-3, LIFE-1
  User -> App: phase3StartWithCardPasswordAndTap
  App -> Card: signApplication
  Card -> App: signedApplication
  @req LIFE-1, PRE-1, LIFE-13
  App -> SpTsm: application
    fires PhoneCert(p, ph, Auth).apply(), PhoneCert(p, ph, Sign).apply(), PushToken(p, ph).register()
  App -> SE: openChannel fires Omapi(ph).openChannel(), JpkiApplet(ph).selectAp()
  @req CRY-1, PRE-7, PRE-8
  SpTsm -> SE: script Keys under SpSd to JpkiAp {
    INITIALIZE_UPDATE(kvn = 0)
    EXTERNAL_AUTHENTICATE()
    GENERATE_KEY(key = Auth)
    READ_PUBLIC_KEY(block = 0, key = Auth)
    READ_PUBLIC_KEY(block = 1, key = Auth)
    READ_PUBLIC_KEY(block = 2, key = Auth)
    GENERATE_KEY(key = Sign)
    READ_PUBLIC_KEY(block = 0, key = Sign)
    READ_PUBLIC_KEY(block = 1, key = Sign)
    READ_PUBLIC_KEY(block = 2, key = Sign)
  }
  SE -> SpTsm: publicKeys
    fires JpkiApplet(ph).initializeUpdate(), JpkiApplet(ph).externalAuthenticate(true),
          JpkiApplet(ph).generateKey(Auth), JpkiApplet(ph).readPublicKey(Auth),
          JpkiApplet(ph).generateKey(Sign), JpkiApplet(ph).readPublicKey(Sign)
  Jpki -> SpTsm: phoneCertificates fires PhoneCert(p, ph, Auth).issue(), PhoneCert(p, ph, Sign).issue()
  @req LIFE-6
  SpTsm -> SE: script Certificates under SpSd to JpkiAp {
    STORE_CERT(file = AuthCaFile)
    STORE_CERT(file = AuthCertFile)
    STORE_CERT(file = SignCaFile)
    STORE_CERT(file = SignCertFile)
    SET_TEMP_PIN(key = Auth)
    SET_TEMP_PIN(key = Sign)
  }
  SE -> SpTsm: stored
    fires JpkiApplet(ph).storeCert(AuthCaFile, true), JpkiApplet(ph).storeCert(AuthCertFile, true),
          JpkiApplet(ph).storeCert(SignCaFile, true), JpkiApplet(ph).storeCert(SignCertFile, true),
          JpkiApplet(ph).setTempPin(Auth), JpkiApplet(ph).setTempPin(Sign)
  @req PRE-9, UX-1
  User -> App: newPinAndPassword
  App -> SE: replaceTemporaryPins
    fires JpkiApplet(ph).verify(Auth, Correct), JpkiApplet(ph).changePin(Auth),
          JpkiApplet(ph).verify(Sign, Correct), JpkiApplet(ph).changePin(Sign)
  @req UX-3, CRY-2
  User -> App: phase4LogInToMynaportal fires JpkiApplet(ph).verify(Auth, Correct), JpkiApplet(ph).sign(Auth)
  App -> SE: closeChannel fires Omapi(ph).closeChannel()
  @req LIFE-11
  RelyingParty -> App: loggedIn fires Signature(ph, Auth).accept()
}

// ------------------------------------------------------------------ issuance (UX-3 phase 3)

@req LIFE-1, PRE-1, PRE-2, PRE-5, PRE-7, PRE-8, PRE-9, LIFE-6, LIFE-13, UX-3, CRY-1, SYS-2, SYS-3, SYS-7
@doc "After AppletPreparation(ph): the card is issued, the user applies with the card signature, the SP-TSM generates both keys in the SE, the CA certifies them, the temporary PINs are replaced by the user's in the same session."
protocol InitialIssuance(p: Person, ph: Phone) {
  roles User, App, Card, SpTsm, Jpki, SE, Municipality
  @req PRE-1, SYS-7
  Municipality -> User: cardIssuedFaceToFace fires CardCert(p, Auth).issueCard(), CardCert(p, Sign).issueCard()
  @req UX-3
  User -> App: startIssuance
  @req LIFE-1
  User -> App: cardSignaturePassword
  @req LIFE-1, CRY-2
  App -> Card: signApplication
  Card -> App: signedApplication
  @req SYS-2, LIFE-13
  App -> SpTsm: application
  @req PRE-1, PRE-5
  SpTsm -> Jpki: checkCardSignatureAndStatus
  alt "the card signature and the card certificates are valid" {
    @req LIFE-1, LIFE-13, PRE-3
    Jpki -> SpTsm: accepted
      fires PhoneCert(p, ph, Auth).apply(), PhoneCert(p, ph, Sign).apply(), PushToken(p, ph).register()
    @req ACC-1
    App -> SE: openChannel fires Omapi(ph).openChannel(), JpkiApplet(ph).selectAp()
    @req CRY-1, PRE-7, PRE-8, PRE-2
    SpTsm -> SE: script GenerateKeys under SpSd to JpkiAp {
      INITIALIZE_UPDATE(kvn = 0)
      EXTERNAL_AUTHENTICATE()
      GENERATE_KEY(key = Auth)
      READ_PUBLIC_KEY(block = 0, key = Auth)
      READ_PUBLIC_KEY(block = 1, key = Auth)
      READ_PUBLIC_KEY(block = 2, key = Auth)
      GENERATE_KEY(key = Sign)
      READ_PUBLIC_KEY(block = 0, key = Sign)
      READ_PUBLIC_KEY(block = 1, key = Sign)
      READ_PUBLIC_KEY(block = 2, key = Sign)
    }
    SE -> SpTsm: publicKeys
      fires JpkiApplet(ph).initializeUpdate(), JpkiApplet(ph).externalAuthenticate(true),
            JpkiApplet(ph).generateKey(Auth), JpkiApplet(ph).readPublicKey(Auth),
            JpkiApplet(ph).generateKey(Sign), JpkiApplet(ph).readPublicKey(Sign)
    @req PRE-7, SYS-3
    SpTsm -> Jpki: registerPublicKeys
    @req LIFE-3, LIFE-12, PRE-4, PRE-5
    Jpki -> SpTsm: phoneCertificates fires PhoneCert(p, ph, Auth).issue(), PhoneCert(p, ph, Sign).issue()
    @req PRE-2, LIFE-6
    SpTsm -> SE: script StoreCertificates under SpSd to JpkiAp {
      STORE_CERT(file = AuthCaFile)
      STORE_CERT(file = AuthCertFile)
      STORE_CERT(file = SignCaFile)
      STORE_CERT(file = SignCertFile)
      SET_TEMP_PIN(key = Auth)
      SET_TEMP_PIN(key = Sign)
    }
    SE -> SpTsm: stored
      fires JpkiApplet(ph).storeCert(AuthCaFile, true), JpkiApplet(ph).storeCert(AuthCertFile, true),
            JpkiApplet(ph).storeCert(SignCaFile, true), JpkiApplet(ph).storeCert(SignCertFile, true),
            JpkiApplet(ph).setTempPin(Auth), JpkiApplet(ph).setTempPin(Sign)
    @req LIFE-6, PRE-8
    SpTsm -> App: temporaryPinsInsideTheSession
    @req PRE-9, UX-1, UX-3
    App -> User: askNewPinAndPassword
    User -> App: newPinAndPassword
    @req PRE-9, LIFE-6
    App -> SE: replaceTemporaryPins
      fires JpkiApplet(ph).verify(Auth, Correct), JpkiApplet(ph).changePin(Auth),
            JpkiApplet(ph).verify(Sign, Correct), JpkiApplet(ph).changePin(Sign)
    App -> SE: closeChannel fires Omapi(ph).closeChannel()
    @req UX-3
    App -> User: done
  } else "a card certificate is revoked or expired" {
    @req PRE-1
    Jpki -> SpTsm: refused
    SpTsm -> App: refused
  }
}

@req LIFE-5, PRE-9, LIFE-6, SYS-7
@doc "After issuance (key certified): the user forgot or blocked a PIN; a reset request signed with the card lets the SP-TSM set a temporary PIN, which the app replaces with the user's new one."
protocol PinReset(p: Person, ph: Phone, t: CertType) {
  roles User, App, Card, SpTsm, Jpki, SE
  User -> App: forgotPin
  @req LIFE-5
  User -> App: cardSignaturePassword
  App -> Card: signResetRequest
  Card -> App: signedResetRequest
  App -> SpTsm: resetRequest
  SpTsm -> Jpki: checkCardSignature
  @req LIFE-5
  Jpki -> SpTsm: valid fires PinResetGrant(ph, t).grant(p)
  App -> SE: openChannel fires Omapi(ph).openChannel(), JpkiApplet(ph).selectAp()
  @req LIFE-5, LIFE-6, PRE-8
  SpTsm -> SE: script ResetPin under SpSd to JpkiAp {
    INITIALIZE_UPDATE(kvn = 0)
    EXTERNAL_AUTHENTICATE()
    SET_TEMP_PIN(key = t)
  }
  SE -> SpTsm: pinReset
    fires JpkiApplet(ph).initializeUpdate(), JpkiApplet(ph).externalAuthenticate(true), JpkiApplet(ph).setTempPin(t)
  SpTsm -> App: temporaryPinInsideTheSession
  User -> App: newPin
  @req PRE-9, LIFE-6
  App -> SE: replaceTemporaryPin fires JpkiApplet(ph).verify(t, Correct), JpkiApplet(ph).changePin(t)
  App -> SE: closeChannel fires Omapi(ph).closeChannel()
}

@req UX-1, LIFE-5
@doc "In use: the user changes a PIN in the app (VERIFY with the old one, CHANGE REFERENCE DATA)."
protocol PinChange(ph: Phone, t: CertType) {
  roles User, App, SE
  User -> App: oldAndNewPin
  App -> SE: openChannel fires Omapi(ph).openChannel(), JpkiApplet(ph).selectAp()
  @req UX-1
  App -> SE: change fires JpkiApplet(ph).verify(t, Correct), JpkiApplet(ph).changePin(t)
  App -> SE: closeChannel fires Omapi(ph).closeChannel()
}

// ------------------------------------------------------------------ handset change and deletion

@req LIFE-3, LIFE-2, PRE-3, LIFE-8, LIFE-13
@doc "Both phones prepared, certificates active on the old one: issuing on the new phone revokes the old phone's certificates in the same step; the old phone is never needed; a deletion notice goes to its token."
protocol HandsetChange(p: Person, old: Phone, new: Phone) {
  roles User, App, Card, SpTsm, Jpki, SE, Push
  @req LIFE-3, LIFE-2
  User -> App: startIssuanceOnTheNewPhone
  App -> Card: signApplication
  Card -> App: signedApplication
  App -> SpTsm: application
  @req LIFE-13
  Jpki -> SpTsm: accepted
    fires PhoneCert(p, new, Auth).apply(), PhoneCert(p, new, Sign).apply(), PushToken(p, new).register()
  App -> SE: openChannel fires Omapi(new).openChannel(), JpkiApplet(new).selectAp()
  SpTsm -> SE: script GenerateKeysOnTheNewPhone under SpSd to JpkiAp {
    INITIALIZE_UPDATE(kvn = 0)
    EXTERNAL_AUTHENTICATE()
    GENERATE_KEY(key = Auth)
    READ_PUBLIC_KEY(block = 0, key = Auth)
    READ_PUBLIC_KEY(block = 1, key = Auth)
    READ_PUBLIC_KEY(block = 2, key = Auth)
    GENERATE_KEY(key = Sign)
    READ_PUBLIC_KEY(block = 0, key = Sign)
    READ_PUBLIC_KEY(block = 1, key = Sign)
    READ_PUBLIC_KEY(block = 2, key = Sign)
  }
  SE -> SpTsm: publicKeys
    fires JpkiApplet(new).initializeUpdate(), JpkiApplet(new).externalAuthenticate(true),
          JpkiApplet(new).generateKey(Auth), JpkiApplet(new).readPublicKey(Auth),
          JpkiApplet(new).generateKey(Sign), JpkiApplet(new).readPublicKey(Sign)
  @req LIFE-3, PRE-3
  Jpki -> SpTsm: phoneCertificates fires PhoneCert(p, new, Auth).issue(), PhoneCert(p, new, Sign).issue()
  SpTsm -> SE: script StoreCertificatesOnTheNewPhone under SpSd to JpkiAp {
    STORE_CERT(file = AuthCaFile)
    STORE_CERT(file = AuthCertFile)
    STORE_CERT(file = SignCaFile)
    STORE_CERT(file = SignCertFile)
    SET_TEMP_PIN(key = Auth)
    SET_TEMP_PIN(key = Sign)
  }
  SE -> SpTsm: stored
    fires JpkiApplet(new).storeCert(AuthCaFile, true), JpkiApplet(new).storeCert(AuthCertFile, true),
          JpkiApplet(new).storeCert(SignCaFile, true), JpkiApplet(new).storeCert(SignCertFile, true),
          JpkiApplet(new).setTempPin(Auth), JpkiApplet(new).setTempPin(Sign)
  User -> App: newPinAndPassword
  App -> SE: replaceTemporaryPins
    fires JpkiApplet(new).verify(Auth, Correct), JpkiApplet(new).changePin(Auth),
          JpkiApplet(new).verify(Sign, Correct), JpkiApplet(new).changePin(Sign)
  App -> SE: closeChannel fires Omapi(new).closeChannel()
  @req LIFE-8, LIFE-13
  Jpki -> Push: deletionNoticeToTheOldPhonesToken
  alt "the old phone is reachable" {
    Push -> App: noticeOnTheOldPhone fires Deletion(old, Auth).push(true), Deletion(old, Sign).push(true)
  } else "offline, app removed, phone reset or token invalid" {
    @req LIFE-8
    Push -> Jpki: notDelivered fires Deletion(old, Auth).push(false), Deletion(old, Sign).push(false)
    @req LIFE-8
    Jpki -> App: warnOnTheNewPhoneTheOldOneMayStillHoldKeys
  }
}

@req LIFE-8, LIFE-11, LIFE-13, PRE-8, STD-3
@doc "A deletion is owed to slot (ph, t) (certificate revoked or expired, key still there): notices are retried until one reaches the app, which has the SP-TSM lock and wipe the key."
protocol RemoteDeletion(ph: Phone, t: CertType) {
  roles User, App, SpTsm, Jpki, SE, Push
  loop "while the notice does not arrive (offline, app removed, device reset, token invalid or deleted)" {
    Jpki -> Push: deletionNotice
    @req LIFE-8
    Push -> Jpki: notDelivered fires Deletion(ph, t).push(false)
    @req LIFE-8
    Jpki -> User: warnDeletionPending
  }
  Jpki -> Push: deletionNotice
  Push -> App: notice fires Deletion(ph, t).push(true)
  App -> SE: openChannel fires Omapi(ph).openChannel(), JpkiApplet(ph).selectAp()
  @req LIFE-11, LIFE-8, PRE-8
  SpTsm -> SE: script LockAndWipe under SpSd to JpkiAp {
    INITIALIZE_UPDATE(kvn = 0)
    EXTERNAL_AUTHENTICATE()
    LOCK_KEY(key = t)
    WIPE_KEY(key = t)
  }
  SE -> SpTsm: lockedAndWiped
    fires JpkiApplet(ph).initializeUpdate(), JpkiApplet(ph).externalAuthenticate(true),
          JpkiApplet(ph).lockKey(t), JpkiApplet(ph).wipeKey(t)
  App -> SE: closeChannel fires Omapi(ph).closeChannel()
  SpTsm -> Jpki: deletionDone
}

@req LIFE-4, LIFE-9, LIFE-11, LIFE-8
@doc "In use: the user revokes a certificate from the phone itself, without the card; the applet locks the key at once, then wipes it."
protocol RevocationFromPhone(p: Person, ph: Phone, t: CertType) {
  roles User, App, SpTsm, Jpki, SE
  @req LIFE-4
  User -> App: revoke
  @req LIFE-4, LIFE-9
  App -> Jpki: revocationRequest fires PhoneCert(p, ph, t).revoke()
  Jpki -> App: revoked
  App -> SE: openChannel fires Omapi(ph).openChannel(), JpkiApplet(ph).selectAp()
  @req LIFE-9, LIFE-11
  SpTsm -> SE: script LockAndWipe under SpSd to JpkiAp {
    INITIALIZE_UPDATE(kvn = 0)
    EXTERNAL_AUTHENTICATE()
    LOCK_KEY(key = t)
    WIPE_KEY(key = t)
  }
  SE -> SpTsm: lockedAndWiped
    fires JpkiApplet(ph).initializeUpdate(), JpkiApplet(ph).externalAuthenticate(true),
          JpkiApplet(ph).lockKey(t), JpkiApplet(ph).wipeKey(t)
  App -> SE: closeChannel fires Omapi(ph).closeChannel()
  App -> User: revokedAndDeleted
}

// ------------------------------------------------------------------ loss (LIFE-7)

@req LIFE-7, LIFE-11, LIFE-8
@doc "Both certificates active on ph: the user reports a loss, the call centre suspends; if found, the user-authentication certificate is released and the signature certificate revoked and reissued on the same phone."
protocol LossAndFound(p: Person, ph: Phone) {
  roles User, App, Card, CallCentre, SpTsm, Jpki, SE, Push
  @req LIFE-7
  User -> CallCentre: reportLoss
  CallCentre -> Jpki: suspend fires PhoneCert(p, ph, Auth).suspend(), PhoneCert(p, ph, Sign).suspend()
  alt "the phone is found" {
    User -> CallCentre: phoneFound
    @req LIFE-7
    CallCentre -> Jpki: releaseUserAuthentication fires PhoneCert(p, ph, Auth).release()
    @req LIFE-7
    CallCentre -> Jpki: revokeSignature fires PhoneCert(p, ph, Sign).revokeByCallCentre()
    User -> App: reissueSignatureCertificate
    App -> Card: signApplication
    Card -> App: signedApplication
    App -> SpTsm: application fires PhoneCert(p, ph, Sign).apply()
    App -> SE: openChannel fires Omapi(ph).openChannel(), JpkiApplet(ph).selectAp()
    @req LIFE-7, LIFE-11, LIFE-8, CRY-1
    SpTsm -> SE: script ReplaceSignatureKey under SpSd to JpkiAp {
      INITIALIZE_UPDATE(kvn = 0)
      EXTERNAL_AUTHENTICATE()
      LOCK_KEY(key = Sign)
      WIPE_KEY(key = Sign)
      GENERATE_KEY(key = Sign)
      READ_PUBLIC_KEY(block = 0, key = Sign)
      READ_PUBLIC_KEY(block = 1, key = Sign)
      READ_PUBLIC_KEY(block = 2, key = Sign)
    }
    SE -> SpTsm: newPublicKey
      fires JpkiApplet(ph).initializeUpdate(), JpkiApplet(ph).externalAuthenticate(true),
            JpkiApplet(ph).lockKey(Sign), JpkiApplet(ph).wipeKey(Sign),
            JpkiApplet(ph).generateKey(Sign), JpkiApplet(ph).readPublicKey(Sign)
    Jpki -> SpTsm: newSignatureCertificate fires PhoneCert(p, ph, Sign).issue()
    SpTsm -> SE: script StoreSignatureCertificate under SpSd to JpkiAp {
      STORE_CERT(file = SignCaFile)
      STORE_CERT(file = SignCertFile)
      SET_TEMP_PIN(key = Sign)
    }
    SE -> SpTsm: stored
      fires JpkiApplet(ph).storeCert(SignCaFile, true), JpkiApplet(ph).storeCert(SignCertFile, true),
            JpkiApplet(ph).setTempPin(Sign)
    User -> App: newPassword
    App -> SE: replaceTemporaryPassword fires JpkiApplet(ph).verify(Sign, Correct), JpkiApplet(ph).changePin(Sign)
    App -> SE: closeChannel fires Omapi(ph).closeChannel()
  } else "the phone stays lost" {
    User -> CallCentre: revoke
    @req LIFE-7, LIFE-8
    CallCentre -> Jpki: revoke fires PhoneCert(p, ph, Auth).revokeByCallCentre(), PhoneCert(p, ph, Sign).revokeByCallCentre()
    @req LIFE-8
    Jpki -> Push: deletionNotices
  }
}

// ------------------------------------------------------------------ card certificates (PRE-4, PRE-6)

@req PRE-6, PRE-5, LIFE-8
@doc "Card certificates active, phone certificates linked to them: revoking the card revokes every linked phone certificate at once; the phones are owed deletions."
protocol CardRevocationCascade(p: Person) {
  roles User, Municipality, Jpki, Push
  User -> Municipality: reportCardLossOrDataChange
  @req PRE-6
  Municipality -> Jpki: revokeCardCertificates fires CardCert(p, Auth).revoke(), CardCert(p, Sign).revoke()
  @req LIFE-8
  Jpki -> Push: deletionNotices
  opt "the person gets a new card" {
    @req PRE-1
    Municipality -> User: newCard fires CardCert(p, Auth).issueCard(), CardCert(p, Sign).issueCard()
  }
}

@req PRE-4, LIFE-8
@doc "Card certificates active: they reach the end of their validity and the linked phone certificates expire with them."
protocol CardCertificateExpiry(p: Person) {
  roles Jpki, Push, User
  @req PRE-4
  Jpki -> Jpki: validityEnds fires CardCert(p, Auth).expire(), CardCert(p, Sign).expire()
  Jpki -> Push: deletionNotices
  Jpki -> User: renewTheCardAtTheMunicipalOffice
}

// ------------------------------------------------------------------ reset and shop (LIFE-10)

@req LIFE-10, LIFE-8
@doc "A handset with the JPKI applet goes to a shop: after a cooperating reset the applet is gone; otherwise the shop reads the applet status over NFC, has the certificates revoked if needed, and has the SEI-TSM delete the applet."
protocol FactoryResetAndShopCheck(p: Person, ph: Phone) {
  roles User, Platform, Shop, SE, Jpki, CallCentre, SeiTsm
  User -> Shop: tradeIn
  alt "the reset has platform cooperation" {
    @req LIFE-10
    Shop -> Platform: factoryReset fires Handset(ph).factoryReset(true)
    @req LIFE-10
    Platform -> SeiTsm: resetNotice
    Shop -> SE: selectJpki
    SE -> Shop: fileNotFound
  } else "the reset clears nothing in the SE" {
    Shop -> Platform: factoryReset fires Handset(ph).factoryReset(false)
    @req LIFE-10, ACC-3
    Shop -> SE: readStatusOverNfc fires JpkiApplet(ph).selectAp(), JpkiApplet(ph).readStatus()
    Shop -> Jpki: certificateStatus
    opt "a certificate is still valid" {
      @req LIFE-10, LIFE-7
      Shop -> CallCentre: holderAsksRevocation
        fires PhoneCert(p, ph, Auth).revokeByCallCentre(), PhoneCert(p, ph, Sign).revokeByCallCentre()
    }
    @req LIFE-10
    Shop -> SeiTsm: eraseRequest
    @req LIFE-10, SYS-1, PRE-8
    SeiTsm -> SE: script EraseJpki under Isd to CardManager {
      INITIALIZE_UPDATE(kvn = 0)
      EXTERNAL_AUTHENTICATE()
      DELETE(scope = 0, target = 0x4F0AD392F000260100000001)
    }
    SE -> SeiTsm: erased
      fires SecureElement(ph).initializeUpdate(), SecureElement(ph).externalAuthenticate(true),
            SecureElement(ph).delete(JpkiInstance), ScpSession(ph, IssuerKeys).close()
  }
}

// ------------------------------------------------------------------ usage (UX-3 phase 4)

@req ACC-2, SYS-8, CRY-2, LIFE-11, UX-3
@doc "In use: a business app asks the JPKI app (intent) for a signature; the relying party checks the certificate status at signing time."
protocol BusinessAppSignature(ph: Phone) {
  roles BusinessApp, App, User, SE, RelyingParty, Jpki
  @req ACC-2
  BusinessApp -> App: signIntent fires Handset(ph).businessIntent(SignData)
  App -> User: askSignaturePassword
  User -> App: password
  App -> SE: openChannel fires Omapi(ph).openChannel(), JpkiApplet(ph).selectAp()
  @req CRY-2, UX-1
  App -> SE: sign fires JpkiApplet(ph).verify(Sign, Correct), JpkiApplet(ph).sign(Sign)
  App -> SE: closeChannel fires Omapi(ph).closeChannel()
  App -> BusinessApp: signatureAndCertificate
  BusinessApp -> RelyingParty: signedRequest
  RelyingParty -> Jpki: certificateStatusAtSigningTime
  alt "the certificate was and is valid" {
    @req LIFE-11
    RelyingParty -> BusinessApp: accepted fires Signature(ph, Sign).accept()
  } else "revoked, suspended or expired" {
    @req LIFE-11
    RelyingParty -> BusinessApp: rejected fires Signature(ph, Sign).reject()
  }
}

@req ACC-3, CRY-2, UX-1, UX-2, LIFE-12
@doc "In use: a kiosk written for the card authenticates the user through the phone over NFC, byte for byte as with the card."
protocol TerminalAuthentication(ph: Phone) {
  roles User, Terminal, SE, RelyingParty
  @req ACC-3
  Terminal -> SE: selectJpkiAp fires JpkiApplet(ph).selectAp()
  @req LIFE-12
  Terminal -> SE: readTokenInfo fires JpkiApplet(ph).selectFile(TokenInfoEf), JpkiApplet(ph).readBinary(TokenInfoEf)
  Terminal -> SE: readCertificate fires JpkiApplet(ph).selectFile(AuthCertEf), JpkiApplet(ph).readBinary(AuthCertEf)
  User -> Terminal: pin
  @req UX-1
  Terminal -> SE: verifyPin fires JpkiApplet(ph).selectFile(AuthPinEf), JpkiApplet(ph).verify(Auth, Correct)
  @req CRY-2
  Terminal -> SE: sign fires JpkiApplet(ph).selectFile(AuthKeyEf), JpkiApplet(ph).sign(Auth)
  Terminal -> RelyingParty: signedChallenge
  RelyingParty -> Terminal: authenticated fires Signature(ph, Auth).accept()
}

@req UX-2
@doc "In use, biometrics enrolled: a fingerprint releases the stored user-authentication PIN; the signature password must always be typed."
protocol BiometricAuthentication(ph: Phone) {
  roles User, App, SE
  App -> SE: openChannel fires Omapi(ph).openChannel(), JpkiApplet(ph).selectAp()
  @req UX-2
  User -> App: fingerprintForAuthentication fires Handset(ph).biometricUnlock(Auth)
  App -> SE: authenticate fires JpkiApplet(ph).sign(Auth)
  @req UX-2
  User -> App: fingerprintForSignature fires Handset(ph).biometricUnlock(Sign)
  App -> User: typeTheSignaturePassword
  App -> SE: closeChannel fires Omapi(ph).closeChannel()
}

@req UX-2, LIFE-10
@doc "The user enrols her fingerprint; later the SEI-TSM erases the JPKI instance (its keys and PINs go with it) while the app stays: a fingerprint then releases nothing, and the app drops the PIN it sealed, so a later instance's PIN is never tried with it."
protocol BiometricAfterErasure(ph: Phone) {
  roles User, App, SeiTsm, SE
  @req UX-2
  User -> App: enrolFingerprint fires Handset(ph).enrollBiometric()
  @req LIFE-10, SYS-1
  SeiTsm -> SE: eraseJpki
    fires SecureElement(ph).initializeUpdate(), SecureElement(ph).externalAuthenticate(true),
          SecureElement(ph).delete(JpkiInstance), ScpSession(ph, IssuerKeys).close()
  @req UX-2
  User -> App: fingerprintForAuthentication fires Handset(ph).biometricUnlock(Auth)
  App -> User: jpkiNotOnThisPhone
}

@req LIFE-13, STD-3
@doc "In use: the JPKI service keeps each app instance's push token against the card holder's record; the app registers it again whenever it changes."
protocol PushTokenRefresh(p: Person, ph: Phone) {
  roles Push, App, Jpki, User
  @req LIFE-13
  Push -> App: tokenRotated fires PushToken(p, ph).rotate()
  @req LIFE-13
  App -> Jpki: registerToken fires PushToken(p, ph).register()
  User -> App: reinstall fires Handset(ph).uninstallApp(), Handset(ph).installApp()
  @req LIFE-13
  App -> Jpki: registerTokenOfTheNewInstance fires PushToken(p, ph).register()
}

// ------------------------------------------------------------------ bad actors

@req ACC-1, ACC-2, PRE-8, SYS-8
@doc "In use: attempts the implementation must refuse, with nothing changed: a rogue app's and a business app's channel, a business app's issuance intent, an issuance command without SCP03 from a reader."
protocol RefusedAttempts(ph: Phone) {
  roles RogueApp, BusinessApp, App, Terminal, SE
  @req ACC-1
  RogueApp -> SE: openLogicalChannel fires Omapi(ph).rogueOpenChannel()
  @req ACC-2
  BusinessApp -> SE: openLogicalChannel fires Omapi(ph).businessOpenChannel()
  @req ACC-2
  BusinessApp -> App: issueIntent fires Handset(ph).businessIntent(IssueCertificate)
  @req ACC-2
  BusinessApp -> App: revokeIntent fires Handset(ph).businessIntent(RevokeCertificate)
  @req PRE-8, ACC-3
  Terminal -> SE: generateKeyWithoutScp03 fires ScpSession(ph, SpKeys).unprotectedCommand()
}
