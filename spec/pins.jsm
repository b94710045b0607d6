// The two PINs of the applet (user-authentication PIN, signature password) and the SP-TSM's
// grant to reset one. The applet machine (applet.jsm) decides when a VERIFY or CHANGE REFERENCE
// DATA reaches a PIN; this machine counts tries and keeps the verification state.
import "types.jsm"
import "applet.jsm"
import "certificates.jsm"
import "handset.jsm"

@req UX-1, LIFE-5, LIFE-6, PRE-9
@doc "One PIN of one phone's applet: unset, temporary (set by the SP-TSM, never shown), set by the user, blocked."
machine Pin(ph: Phone, t: CertType) {
  @doc "Tries left; limit(t) after a correct entry or a (re)set, 0 when blocked."
  var tries: 0..5
  @doc "Verified since the applet was last selected (cleared on re-select, channel close, change)."
  var verified: bool

  @doc "No PIN: the key slot is empty or its certificate not stored yet."
  initial state Unset
  @req LIFE-6
  @doc "A temporary PIN set by the SP-TSM inside the issuance or reset session; it can only be changed, never authorise a signature."
  state Temporary
  @req PRE-9, LIFE-5
  @doc "The user's own PIN, set online in the session."
  state Set
  @req UX-1
  @doc "No tries left: VERIFY answers 6983 until a reset authorised by the card signature."
  state Blocked

  @req LIFE-6
  @doc "SET TEMPORARY PIN during issuance."
  internal event setTemporary
  @req LIFE-5
  @doc "SET TEMPORARY PIN of a PIN reset (authorised by a card signature)."
  internal event reset
  @req UX-1
  @doc "VERIFY with data reached this PIN: right or wrong."
  internal event verify(ok: bool)
  @req PRE-9, LIFE-5
  @doc "CHANGE REFERENCE DATA after a successful VERIFY: the user's new PIN."
  internal event change
  @doc "The applet was re-selected or its channel closed: the verification is forgotten."
  internal event clearVerified
  @req LIFE-8
  @doc "WIPE KEY or deletion of the applet erased the PIN with its key."
  internal event wipe

  @req LIFE-6
  on setTemporary from Unset -> Temporary { tries = limit(t)  verified = false }
  @req LIFE-5
  on reset from Temporary, Set, Blocked -> Temporary { tries = limit(t)  verified = false }

  @req UX-1
  @doc "A correct entry resets the counter."
  on verify from Temporary -> Temporary when ok { tries = limit(t)  verified = true }
  @req UX-1
  on verify from Temporary -> Temporary when !ok && tries > 1 { tries = tries - 1  verified = false }
  @req UX-1
  on verify from Temporary -> Blocked when !ok && tries <= 1 { tries = 0  verified = false }
  @req UX-1
  @doc "A correct entry resets the counter."
  on verify from Set -> Set when ok { tries = limit(t)  verified = true }
  @req UX-1
  on verify from Set -> Set when !ok && tries > 1 { tries = tries - 1  verified = false }
  @req UX-1
  @doc "The last wrong entry blocks the PIN."
  on verify from Set -> Blocked when !ok && tries <= 1 { tries = 0  verified = false }

  @req PRE-9, LIFE-6
  @doc "The new PIN replaces the temporary one or the old one; a fresh VERIFY is needed before any use."
  on change from Temporary, Set -> Set { tries = limit(t)  verified = false }

  on clearVerified from Temporary -> Temporary { verified = false }
  on clearVerified from Set -> Set { verified = false }
  ignore clearVerified in Unset, Blocked

  @req LIFE-8
  on wipe from Temporary, Set, Blocked -> Unset { tries = 0  verified = false }
  ignore wipe in Unset
}

@req LIFE-5
@doc "The SP-TSM's permission to reset one PIN of a phone: granted after it verified a reset request signed with the holder's card."
machine PinResetGrant(ph: Phone, t: CertType) {
  initial state NoGrant
  @doc "A card-signed reset request was verified; the next SET TEMPORARY PIN on a set or blocked PIN consumes it."
  state Granted

  @req LIFE-5, SYS-7
  @doc "The SP-TSM verified the holder's card signature on the reset request (card signature certificate valid, phone certificate active)."
  event grant(p: Person) by SpTsm
  @doc "The session ended without the reset (timeout)."
  @weight 1
  event withdraw by SpTsm
  @doc "The reset was carried out."
  internal event consume

  @req LIFE-5
  on grant from NoGrant -> Granted
    when PhoneCert(p, ph, t) is Active && CardCert(p, Sign) is Active && Handset(ph).online
  on withdraw from Granted -> NoGrant
  on consume from Granted -> NoGrant
  ignore consume in NoGrant
}
