// Certificates as the JPKI service sees them: the card's certificates, the phone certificates
// linked to them (the linkage registry), and the signatures relying parties are shown.
import "types.jsm"
import "applet.jsm"
import "handset.jsm"

@req SYS-7, SYS-3, PRE-1
@doc "A certificate on the Individual Number Card of one person, of one type; issued face to face at a municipal office."
machine CardCert(p: Person, t: CertType) {
  @doc "The person has no valid card certificate of this type yet."
  initial state NotIssued
  state Active
  @req PRE-6
  state Revoked
  @req PRE-4
  state Expired

  @req PRE-1
  @doc "A (new) card certificate is issued at the municipal office after face-to-face identity proofing."
  @weight 3
  event issueCard by Municipality
  @req PRE-6
  @doc "The card certificate is revoked (card lost, data changed)."
  @weight 1
  event revoke by Municipality
  @req PRE-4
  @doc "The card certificate reaches the end of its validity."
  @weight 1
  event expire by Jpki

  on issueCard from NotIssued, Revoked, Expired -> Active
  @req PRE-6
  @doc "Linked revocation: every phone certificate of this person and type goes with it; running applications are cancelled."
  on revoke from Active -> Revoked {
    for ph: Phone where PhoneCert(p, ph, t) in {Issuing, Active, Suspended} { emit PhoneCert(p, ph, t).cardRevoked() }
  }
  @req PRE-4
  @doc "Same expiry: the linked phone certificates expire with it."
  on expire from Active -> Expired {
    for ph: Phone where PhoneCert(p, ph, t) in {Issuing, Active, Suspended} { emit PhoneCert(p, ph, t).cardExpired() }
  }
}

@req PRE-5, LIFE-12, PRE-2, SYS-3
@doc "The registry record of person p's phone certificate of type t on phone ph, linked to CardCert(p, t); its latest certificate."
machine PhoneCert(p: Person, ph: Phone, t: CertType) {
  @doc "No certificate of this person and type on this phone (never, or an application was cancelled)."
  initial state NoCertificate
  @req LIFE-1
  @doc "An application signed with the card was accepted; the SP-TSM generates the key in the SE."
  state Issuing
  state Active
  @req LIFE-7
  @doc "Temporarily revoked by the call centre after a loss report."
  state Suspended
  @req LIFE-4, LIFE-3, PRE-6
  state Revoked
  @req PRE-4
  state Expired

  @req LIFE-1, LIFE-2, PRE-1, PRE-9
  @doc "The app sends an application signed with the card's signature certificate (password + card tap)."
  @weight 5
  event apply by App
  @req PRE-7, CRY-1
  @doc "The CA certifies the public key the SP-TSM read from the SE (the phone profile, linked to the card certificate)."
  @weight 5
  event issue by Jpki
  @doc "The issuance session was abandoned (phone offline, app closed); the SP-TSM cleans the SE later."
  @weight 1
  event abandon by SpTsm
  @req LIFE-7
  @doc "Loss report: the call centre suspends the certificate."
  @weight 2
  event suspend by CallCentre
  @req LIFE-7
  @doc "Phone found: the suspension is lifted, for the user-authentication certificate only."
  @weight 2
  event release by CallCentre
  @req LIFE-4, LIFE-9
  @doc "The user revokes from the phone itself, without the card."
  @weight 2
  event revoke by App
  @req LIFE-7
  @doc "The call centre revokes (loss not resolved, or a found phone's signature certificate, which is reissued)."
  @weight 1
  event revokeByCallCentre by CallCentre
  @req PRE-6
  internal event cardRevoked
  @req PRE-4
  internal event cardExpired
  @req LIFE-3
  @doc "A new issuance of the same person and type on another phone revokes this one."
  internal event replace

  @req LIFE-1, PRE-1, PRE-3, LIFE-2
  @doc "Accepted when the card signature and the linked card certificate are valid, no other application of this person and type runs, no other person holds this phone, and no leftover key of an abandoned application sits in the slot."
  on apply from NoCertificate, Revoked, Expired -> Issuing
    when CardCert(p, Sign) is Active && CardCert(p, t) is Active
      && Handset(ph) is AppInstalled && Handset(ph).online && JpkiApplet(ph) is not Absent
      && KeySlot(ph, t) is not Generated
      && (forall o: Phone: o == ph || PhoneCert(p, o, t) is not Issuing)
      && (forall q: Person: q == p || (PhoneCert(q, ph, Auth) in {NoCertificate, Revoked, Expired}
                                       && PhoneCert(q, ph, Sign) in {NoCertificate, Revoked, Expired}))

  @req LIFE-3, PRE-3, PRE-7
  @doc "One phone per certificate: the same person's certificate of this type on any other phone is revoked in the same step."
  on issue from Issuing -> Active when CardCert(p, t) is Active && KeySlot(ph, t) is Generated {
    for o: Phone where o != ph && PhoneCert(p, o, t) in {Active, Suspended} { emit PhoneCert(p, o, t).replace() }
  }
  on abandon from Issuing -> NoCertificate

  @req LIFE-7
  on suspend from Active -> Suspended
  @req LIFE-7
  @doc "Only the user-authentication certificate is released; the signature certificate is revoked and reissued."
  on release from Suspended -> Active when t == Auth && CardCert(p, t) is Active

  @req LIFE-4, LIFE-9, LIFE-8
  on revoke from Active, Suspended -> Revoked when Handset(ph) is AppInstalled && Handset(ph).online {
    if KeySlot(ph, t) is not Empty { emit Deletion(ph, t).request() }
  }
  @req LIFE-7, LIFE-8
  on revokeByCallCentre from Active, Suspended -> Revoked {
    if KeySlot(ph, t) is not Empty { emit Deletion(ph, t).request() }
  }
  @req PRE-6, LIFE-8
  on cardRevoked from Active, Suspended -> Revoked {
    if KeySlot(ph, t) is not Empty { emit Deletion(ph, t).request() }
  }
  @req PRE-6
  on cardRevoked from Issuing -> NoCertificate
  ignore cardRevoked in NoCertificate, Revoked, Expired
  @req PRE-4, LIFE-8
  @doc "Expired keys are deleted like revoked ones."
  on cardExpired from Active, Suspended -> Expired {
    if KeySlot(ph, t) is not Empty { emit Deletion(ph, t).request() }
  }
  @req PRE-4
  on cardExpired from Issuing -> NoCertificate
  ignore cardExpired in NoCertificate, Revoked, Expired
  @req LIFE-3, LIFE-8
  on replace from Active, Suspended -> Revoked {
    if KeySlot(ph, t) is not Empty { emit Deletion(ph, t).request() }
  }
}

@req LIFE-11, CRY-2
@doc "The latest signature made with key slot (ph, t), until a relying party verifies it; the status at signing time is recorded (trusted time)."
machine Signature(ph: Phone, t: CertType) {
  @doc "Whether a phone certificate for this slot was active when the signature was made."
  var validAtSigning: bool

  initial state NoSignature
  @doc "A signature was made and handed to a relying party."
  state Presented

  @req CRY-2
  @doc "COMPUTE DIGITAL SIGNATURE succeeded."
  internal event made
  @req LIFE-11
  @doc "The relying party accepts: the certificate was valid at signing time and still is."
  @weight 3
  event accept by RelyingParty
  @req LIFE-11
  @doc "The relying party rejects: the certificate was not valid at signing time, or is not valid now."
  @weight 3
  event reject by RelyingParty
  @doc "A new key pair replaced the key: the model forgets the old signature."
  internal event discard

  on made from NoSignature, Presented -> Presented {
    validAtSigning = exists p: Person: PhoneCert(p, ph, t) is Active
  }
  @req LIFE-11
  on accept from Presented -> NoSignature when validAtSigning && (exists p: Person: PhoneCert(p, ph, t) is Active)
  @req LIFE-11
  on reject from Presented -> NoSignature when !(validAtSigning && (exists p: Person: PhoneCert(p, ph, t) is Active))
  on discard from Presented -> NoSignature
  ignore discard in NoSignature
}
