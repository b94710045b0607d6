// Shared vocabulary of the Inkan models: the finite domains, the actors, the enums whose codes
// go on the wire, the pure helper functions, and the systems used for exploration and tests.

// ------------------------------------------------------------------ domains

@req SYS-7
@doc "A card holder: one Individual Number Card with its signature and user-authentication certificates."
domain Person

@req SYS-5
@doc "A smartphone with a GlobalPlatform secure element (FeliCa-SE)."
domain Phone

// ------------------------------------------------------------------ actors (roles)

@req UX-3
@doc "The card holder in front of the phone: enters PINs, taps the card, installs and resets."
role User

@req SYS-4, ACC-1
@doc "The JPKI smartphone app, the only app the ARA rule lets through; relays TSM scripts."
role App

@req SYS-8, ACC-2
@doc "A relying-party app on the phone: may only ask the JPKI app to use the certificates (intents)."
role BusinessApp

@req ACC-1
@doc "Any other app on the phone, signed with a certificate the ARA rule does not list."
role RogueApp

@req SYS-8, ACC-3
@doc "An external card reader (kiosk, public facility) reaching the applet over NFC card emulation."
role Terminal

@req SYS-7, LIFE-1
@doc "The Individual Number Card: signs applications and PIN resets with its signature certificate."
role Card

@req SYS-2, PRE-7
@doc "The SP-TSM run by J-LIS: holds the keys of the SP's security domain and personalizes the applet."
role SpTsm

@req SYS-1, PRE-7
@doc "The SEI-TSM run by the secure element issuer: holds the ISD keys, creates domains, installs applets, writes ARA rules."
role SeiTsm

@req SYS-3, PRE-5
@doc "The JPKI service (J-LIS): CA for card and phone certificates, linkage registry, revocation status, push sender."
role Jpki

@req SYS-3, LIFE-7
@doc "The JPKI call centre: suspends and releases phone certificates on a loss report."
role CallCentre

@req PRE-1, PRE-6
@doc "A municipal office: issues and revokes card certificates after face-to-face identity proofing."
role Municipality

@req LIFE-8, STD-3
@doc "The push gateway (FCM-like): delivers or loses messages addressed by token."
role Push

@req STD-3, LIFE-10
@doc "The phone platform (Android, OMAPI, network): connectivity, the access control enforcer, session teardown."
role Platform

@req LIFE-10
@doc "A carrier shop or second-hand dealer counter checking handsets that are traded in."
role Shop

@req LIFE-11
@doc "Whoever verifies a phone signature (Mynaportal, banks): checks the certificate status at signing time."
role RelyingParty

@req SYS-5
@doc "The secure element as the receiver of scripts and APDUs in protocols."
role SE

// ------------------------------------------------------------------ enums

@req PRE-2, UX-1
@doc "The two certificate types; a type also names its key slot and PIN. Codes: key reference on the wire (low byte of the key EF 0017 / 001A)."
enum CertType { Auth = 0x17, Sign = 0x1A }

@req SYS-6, ACC-3
@doc "Elementary files of the card-compatible interface; codes: low byte of the FID (high byte 00)."
enum Ef {
  TokenInfoEf = 0x06,
  SignCertEf = 0x01,
  SignCaEf = 0x02,
  AuthCertEf = 0x0A,
  AuthCaEf = 0x0B,
  AuthKeyEf = 0x17,
  AuthPinEf = 0x18,
  SignKeyEf = 0x1A,
  SignPinEf = 0x1B
}

@req PRE-2, PRE-7
@doc "Certificate files written by STORE CERTIFICATE; the code is P1 (low byte of the EF's FID)."
enum CertFile { SignCertFile = 0x01, SignCaFile = 0x02, AuthCertFile = 0x0A, AuthCaFile = 0x0B }

@req UX-1
@doc "What a VERIFY carries: no data (asks the tries left, 63Cx), the right PIN, or a wrong one."
enum PinEntry { NoEntry, Correct, Wrong }

@req PRE-8, STD-1, PRE-7
@doc "The SCP03 sessions of a phone's SE, by the key set they are opened with: the ISD's (SEI-TSM); the SP domain's, through the app's channel to the applet (SP-TSM); the SP domain's own while its keys are handed over, with the domain itself on the SEI-TSM's channel to the SE (the SEI-TSM, then the SP-TSM through that channel)."
enum KeySet { IssuerKeys, SpKeys, HandOverKeys }

@req PRE-7, CRY-3
@doc "Whose key set the SP domain holds: the copy of the ISD session's it was created with (SEI-TSM); the SEI-TSM's transfer set, whose values it hands to the SP-TSM; the SP-TSM's own, which the SEI-TSM never learns."
enum SpDomainKeys { CreationKeys, TransferKeys, OwnKeys }

@req STD-1, SYS-1
@doc "What GP card content management installs or deletes here."
enum GpObject { SpDomainObject, JpkiInstance }

@req ACC-1, STD-1
@doc "STORE DATA to the ARA-M: store the JPKI rule (tag F0) or delete it (tag F1)."
enum RuleOp { StoreRule, DeleteRule }

@req ACC-2
@doc "What a business app may ask the JPKI app through an intent; only the first three are uses."
enum IntentOp { SignData, Authenticate, ReadCertificate, IssueCertificate, ChangePin, ResetPin, RevokeCertificate, DeleteKeys }

// ------------------------------------------------------------------ functions

@req UX-1
@doc "Tries of a PIN: 3 for the user-authentication PIN, 5 for the signature password."
fun limit(t: CertType): 3..5 = if t == Auth then 3 else 5

@req PRE-2
@doc "The other certificate type (the other key slot of the applet)."
fun other(t: CertType): CertType = if t == Auth then Sign else Auth

@req PRE-2
@doc "The key slot a certificate file belongs to."
fun certOf(f: CertFile): CertType = if f in {AuthCertFile, AuthCaFile} then Auth else Sign

@req PRE-7
@doc "Whether a certificate file holds the end-entity certificate (not the CA certificate)."
fun isEndEntity(f: CertFile): bool = f in {AuthCertFile, SignCertFile}

@req SYS-6
@doc "The key slot an EF belongs to (token info: none, Auth returned and unused)."
fun slotOf(f: Ef): CertType = if f in {SignCertEf, SignCaEf, SignKeyEf, SignPinEf} then Sign else Auth

@req SYS-6
@doc "Whether an EF holds a certificate (end-entity or CA), readable with READ BINARY."
fun isCertEf(f: Ef): bool = f in {SignCertEf, SignCaEf, AuthCertEf, AuthCaEf}

@req ACC-2
@doc "Intents that only use the certificates (000 pattern 3): sign, authenticate, read the certificate."
fun isUse(op: IntentOp): bool = op in {SignData, Authenticate, ReadCertificate}

// ------------------------------------------------------------------ systems

@doc "Two card holders sharing three phones: handset changes, one-phone rule, one-person-per-phone."
system Default { Person = 2, Phone = 3 }

@doc "One card holder, an old and a new phone: small enough for exhaustive exploration."
system Small { Person = 1, Phone = 2 }
